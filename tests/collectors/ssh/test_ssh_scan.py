"""``drscout run`` with ``--ssh-user`` over the SSH lab, as a user runs it (a subprocess):
nmap finds the hosts, SSH reads them from the inside, and the report shows it.  Checked:
the inside facts land on the assets (OS, disks, services, the restic job with its last
run), "No backup system found" is not raised, the hostile host's strings are escaped in
HTML and neutralised in CSV, a wrong password is an ``auth`` gap per host while the run
completes, and the password appears in no file and not on stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.collectors.ssh import sshlab

pytestmark = pytest.mark.lab


def drscout_run(lab: sshlab.SshLab, out: Path, password: str, *extra: str
                ) -> subprocess.CompletedProcess[str]:
    targets = [h.ip for h in lab.scanned]
    env = {**os.environ, "DRSCOUT_SSH_PASSWORD": password}
    env.pop("SSH_AUTH_SOCK", None)
    return subprocess.run(
        [sys.executable, "-m", "drscout.cli", "run", *targets, "--profile", "quick",
         "--ssh-user", sshlab.LOGIN_USER, "--ssh-known-hosts", str(out.parent / "kh"),
         "--ssh-timeout", "30", "--quiet", "-o", str(out), *extra],
        cwd=sshlab.REPO, env=env, capture_output=True, text=True, timeout=600, check=False)


def every_output(out: Path, proc: subprocess.CompletedProcess[str]) -> str:
    files = [p.read_bytes().decode("utf-8", "replace") for p in out.rglob("*") if p.is_file()]
    return "\n".join([*files, proc.stdout, proc.stderr])


@pytest.fixture(scope="module")
def scanned(lab: sshlab.SshLab, tmp_path_factory: pytest.TempPathFactory
            ) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("drsh-run") / "report"
    proc = drscout_run(lab, out, sshlab.PASSWORD)
    assert proc.returncode in (0, 1), proc.stderr[-3000:]
    return out, proc


def asset_at(inventory: dict[str, Any], ip: str) -> dict[str, Any]:
    found: dict[str, Any] = next(a for a in inventory["assets"] if ip in a["ips"])
    return found


def test_inside_facts_reach_the_inventory(lab: sshlab.SshLab,
                                          scanned: tuple[Path, Any]) -> None:
    out, _ = scanned
    inventory = json.loads((out / "inventory.json").read_text())
    for key in ("files1", "app2"):
        asset = asset_at(inventory, lab.hosts[key].ip)
        assert {"ssh", "nmap"} <= set(asset["sources"]), asset["sources"]
        assert (asset["name"], asset["os"], asset["os_version"]) == (key, "Debian GNU/Linux",
                                                                     "12")
        assert any(d["mount"] == "/" for d in asset["hardware"]["disks"])
        assert any(s["port"] == 22 and s["protocol"] == "tcp" for s in asset["services"])
    files1 = asset_at(inventory, lab.hosts["files1"].ip)
    restic, = [b for b in files1["backups"] if b["tool"] == "restic"]
    assert restic["schedule"] == "*-*-* 02:30:00" and restic["last_run"]
    app2 = asset_at(inventory, lab.hosts["app2"].ip)
    assert "dns" in app2["roles"]
    assert not [g for g in inventory["gaps"] if g["collector"] == "ssh"]


def test_a_backup_job_means_no_no_backup_finding(scanned: tuple[Path, Any]) -> None:
    out, proc = scanned
    text = every_output(out, proc)
    assert "DRS-008" not in text and "No backup system found" not in text


def test_hostile_strings_are_escaped_and_neutralised(lab: sshlab.SshLab,
                                                     scanned: tuple[Path, Any]) -> None:
    out, _ = scanned
    html = "\n".join(p.read_text() for p in out.glob("*.html"))
    assert "onmouseover" in html or "HYPERLINK" in html  # the hostile host is reported
    assert "<b onmouseover" not in html and "<b>" not in html and "\x1b" not in html
    csv = (out / "assets.csv").read_text()
    assert "\x1b" not in csv and ',=HYPERLINK' not in csv and '"=HYPERLINK' not in csv


def test_no_password_anywhere(scanned: tuple[Path, Any]) -> None:
    out, proc = scanned
    assert sshlab.PASSWORD not in every_output(out, proc)


def test_wrong_password_is_an_auth_gap_per_host_and_the_run_completes(
        lab: sshlab.SshLab, tmp_path: Path) -> None:
    wrong = "wrong-" + sshlab.PASSWORD
    out = tmp_path / "report"
    proc = drscout_run(lab, out, wrong, "--collectors", "ssh")
    assert proc.returncode in (0, 1), proc.stderr[-3000:]
    gaps = json.loads((out / "inventory.json").read_text())["gaps"]
    auth = {g["target"] for g in gaps if g["collector"] == "ssh" and g["reason"] == "auth"}
    assert auth == {h.ip for h in lab.scanned}
    assert wrong not in every_output(out, proc)
