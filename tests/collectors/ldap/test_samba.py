"""End to end over a real Samba AD DC: ``drscout run`` / ``drscout scan`` inside the
lab's client namespace (see ``samba_dc.py``), the directory read with ``--ldap``, found
through the DC's SRV records, refused, unreachable and answered with garbage.  Every
output (files, stdout, stderr) is searched for the password."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.collectors.ldap import samba_dc
from tests.collectors.ldap.record import fetch_in_lab

REPO = Path(__file__).resolve().parents[3]
SUBNET = "10.77.0.0/24"
WRONG = "Drs-Wrong-Passw0rd-xyz"


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str
    folder: Path

    def inventory(self) -> dict[str, Any]:
        path = self.folder / "inventory.json"
        found: dict[str, Any] = json.loads(path.read_text())
        return found

    def everything(self) -> str:
        """Every byte drscout wrote, as text."""
        files = [p.read_bytes().decode("utf-8", "replace")
                 for p in sorted(self.folder.rglob("*")) if p.is_file()]
        return "\n".join([self.stdout, self.stderr, *files])


def drscout(folder: Path, *args: str, password: str = samba_dc.PASSWORD,
            command: str = "scan") -> Outcome:
    """``drscout`` in the client namespace; ``scan`` writes folder/inventory.json."""
    folder.mkdir(parents=True, exist_ok=True)
    out = ["-o", str(folder / "inventory.json")] if command == "scan" else ["-o", str(folder)]
    done = subprocess.run(
        ["ip", "netns", "exec", samba_dc.NS_CLIENT, sys.executable, "-m", "drscout.cli",
         command, "--quiet", *out, *args],
        capture_output=True, text=True, timeout=600, cwd=REPO,
        env=dict(os.environ, DRSCOUT_LDAP_PASSWORD=password))
    return Outcome(done.returncode, done.stdout, done.stderr, folder)


@pytest.fixture(scope="module")
def office_run(samba: samba_dc.SambaLab, tmp_path_factory: pytest.TempPathFactory
               ) -> Iterator[Outcome]:
    """One whole ``drscout run``: nmap over the lab subnet plus the directory."""
    folder = tmp_path_factory.mktemp("ldap-run")
    yield drscout(folder, SUBNET, "--profile", "quick", "--collectors", "localhost,nmap",
                  "--ldap", samba.url, "--ldap-user", samba.admin, "--insecure",
                  command="run")


def _asset(inv: dict[str, Any], ip: str) -> dict[str, Any]:
    return next(a for a in inv["assets"] if ip in a["ips"])


def test_every_computer_object_is_reported_with_its_os(office_run: Outcome) -> None:
    assert office_run.code == 0, office_run.stderr
    [directory] = office_run.inventory()["directories"]
    computers = {c["name"]: c for c in directory["computers"]}
    assert set(computers) == {"DC1", *samba_dc.COMPUTERS}
    for name, (os_name, os_version, disabled) in samba_dc.COMPUTERS.items():
        assert (computers[name]["os"], computers[name]["os_version"]) == (os_name, os_version)
        assert computers[name]["enabled"] is not disabled
    assert computers["DC1"]["os"] == "Samba"
    assert directory["domain_controllers"] == ["dc1.ad.drscout.test"]
    assert directory["transport"] == "tls-unverified"  # StartTLS, --insecure
    assert "ad.drscout.test" in directory["dns_zones"]
    assert {s["name"] for s in directory["sites"]} == {"Default-First-Site-Name", "Branch"}


def test_the_dc_is_directory_and_dns_from_the_inside(office_run: Outcome) -> None:
    dc = _asset(office_run.inventory(), samba_dc.DC_IP)
    assert {"directory", "dns"} <= set(dc["roles"])
    for role in ("directory", "dns"):
        fact = next(f for f in dc["provenance"] if f["field"] == "role" and f["value"] == role)
        assert fact["collector"] == "ldap", fact  # outranks the 88/389 and 53 port guesses
        assert fact["evidence"].startswith("LDAP: domain controller object")
    assert {"ldap", "nmap"} <= set(dc["sources"])


def test_a_seen_computer_merges_with_its_network_asset(office_run: Outcome) -> None:
    inv = office_run.inventory()
    ws = _asset(inv, samba_dc.WS_IP)
    assert ws["os"] == "Windows 10 Pro" and "ldap" in ws["sources"]
    [directory] = inv["directories"]
    seen = {c["name"]: c["asset"] for c in directory["computers"] if c["seen_on_network"]}
    assert seen == {"DC1": _asset(inv, samba_dc.DC_IP)["id"], "WS01": ws["id"]}


def test_computers_without_a_live_host_are_listed_not_dropped(office_run: Outcome) -> None:
    inv = office_run.inventory()
    [directory] = inv["directories"]
    not_seen = sorted(c["name"] for c in directory["computers"] if not c["seen_on_network"])
    assert not_seen == ["FS01", "LAPTOP07", "OLD-PC"]
    names = {a["name"].upper() for a in inv["assets"]}
    assert not names & set(not_seen)  # no asset anyone saw on the wire
    html = (office_run.folder / "gap-report.html").read_text()
    section = html.split('id="directory"', 1)[1].split("</section>", 1)[0]
    assert "In the directory, not seen on the network" in html
    for name in not_seen:
        assert name in section
    assert "WS01" not in section


def test_no_secret_in_any_output(office_run: Outcome) -> None:
    assert samba_dc.PASSWORD not in office_run.everything()


def test_srv_records_find_the_dc_without_a_url(samba: samba_dc.SambaLab,
                                               tmp_path: Path) -> None:
    done = drscout(tmp_path, SUBNET, "--collectors", "localhost", "--ldap-user", samba.admin,
                   "--insecure")
    assert done.code == 0, done.stderr
    [directory] = done.inventory()["directories"]
    assert directory["endpoint"] == "ldap://dc1.ad.drscout.test:389"
    assert len(directory["computers"]) == 1 + len(samba_dc.COMPUTERS)
    assert samba_dc.PASSWORD not in done.everything()


def test_a_wrong_password_is_an_auth_gap(samba: samba_dc.SambaLab, tmp_path: Path) -> None:
    done = drscout(tmp_path, SUBNET, "--collectors", "localhost", "--ldap", samba.url,
                   "--ldap-user", samba.admin, "--insecure", password=WRONG)
    assert done.code == 0, done.stderr
    inv = done.inventory()
    gaps = [g for g in inv["gaps"] if g["collector"] == "ldap"]
    assert [g["reason"] for g in gaps] == ["auth"], gaps
    assert inv["directories"] == []
    assert WRONG not in done.everything()


def test_an_unverified_certificate_is_refused_not_downgraded(samba: samba_dc.SambaLab) -> None:
    answer = fetch_in_lab(samba, samba_dc.PASSWORD, None, "--verify")
    assert answer["error"] == "error"
    assert "--insecure" in str(answer["detail"])


def test_no_dc_at_the_address_is_an_unreachable_gap(samba: samba_dc.SambaLab,
                                                    tmp_path: Path) -> None:
    done = drscout(tmp_path, SUBNET, "--collectors", "localhost", "--ldap",
                   "ldap://10.77.0.99", "--ldap-user", samba.admin, "--ldap-timeout", "2")
    assert done.code == 0, done.stderr
    gaps = [g for g in done.inventory()["gaps"] if g["collector"] == "ldap"]
    assert [g["reason"] for g in gaps] in (["unreachable"], ["timeout"]), gaps


@pytest.mark.parametrize("reply", [
    "b'\\x30\\x84\\xff\\xff' + b'<script>' * 64",  # a huge BER length, then close
    "b'\\x30\\x0a\\x02\\x01\\x01\\x61\\x05garbage!!'",  # a short, broken message
    "b'HTTP/1.1 400 Bad Request\\r\\n\\r\\n'"])  # a web server on the port
def test_garbage_instead_of_ldap_is_an_error_gap(samba: samba_dc.SambaLab,
                                                 tmp_path: Path, reply: str) -> None:
    junk = "\n".join([
        "import socket", "s = socket.socket()",
        "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
        f"s.bind(('{samba_dc.WS_IP}', 389))", "s.listen()", "while True:",
        "    c, _ = s.accept()", "    c.recv(4096)",
        f"    c.sendall({reply})", "    c.close()"])
    server = subprocess.Popen(["ip", "netns", "exec", samba_dc.NS_WS, sys.executable, "-c",
                               junk])
    try:
        for _ in range(50):  # listening yet? (the probe is served garbage too)
            probe = samba_dc.in_ns(samba_dc.NS_CLIENT, "bash", "-c",
                                   f"exec 3<>/dev/tcp/{samba_dc.WS_IP}/389", check=False)
            if probe.returncode == 0:
                break
            time.sleep(0.2)
        done = drscout(tmp_path, SUBNET, "--collectors", "localhost", "--ldap",
                       f"ldap://{samba_dc.WS_IP}", "--ldap-user", samba.admin,
                       "--ldap-timeout", "3")
    finally:
        server.kill()
        server.wait(timeout=10)
    assert done.code == 0, done.stderr
    gaps = [g for g in done.inventory()["gaps"] if g["collector"] == "ldap"]
    assert [g["reason"] for g in gaps] == ["error"], gaps
    assert "not" in gaps[0]["detail"] and "LDAP" in gaps[0]["detail"]
    assert samba_dc.PASSWORD not in done.everything()


@pytest.mark.parametrize("url", ["ldaps://dc1.ad.drscout.test", "ldap://dc1.ad.drscout.test"])
def test_tls_is_verified_against_the_dcs_own_ca(samba: samba_dc.SambaLab, url: str) -> None:
    ca = f"--ca={samba.tree / 'private' / 'tls' / 'ca.pem'}"
    snap = fetch_in_lab(samba, samba_dc.PASSWORD, url, ca)  # ldaps, then StartTLS
    assert "error" not in snap, snap
    assert len(snap["computers"]) == 1 + len(samba_dc.COMPUTERS)  # type: ignore[arg-type]
    by_address = fetch_in_lab(samba, samba_dc.PASSWORD, f"ldaps://{samba_dc.DC_IP}", ca)
    assert by_address["error"] == "error" and "--ldap-ca" in str(by_address["detail"])
