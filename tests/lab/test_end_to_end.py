"""End to end: ``drscout run`` inside the lab office, judged against its ground truth.

The scan runs in the scanner namespace exactly as a consultant would run it on a
laptop plugged into the office switch; every packet stays inside the lab.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

from tests.lab import expected as E
from tests.lab.netns import ns_argv
from tests.lab.office import Office

SCAN_NS = E.BY_KEY["scan"].ns
DRSCOUT = [sys.executable, "-m", "drscout.cli"]
OUTPUTS = ("inventory.json", "assessment.json", "assets.csv", "graph.graphml",
           "worksheet.xlsx", "worksheet.md", "gap-report.html")


@dataclass
class Run:
    out: Path
    proc: subprocess.CompletedProcess[str]
    inventory: dict[str, Any]
    assessment: dict[str, Any]

    def asset_for(self, host: E.LabHost, ip: str) -> dict[str, Any]:
        found = [a for a in self.inventory["assets"] if ip in a["ips"]]
        assert len(found) == 1, f"{host.key}: {len(found)} assets carry {ip}"
        return found[0]


@pytest.fixture(scope="module")
def run(office: Office, repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Run:
    out = tmp_path_factory.mktemp("e2e") / "report"
    proc = office.run_in(SCAN_NS, [*DRSCOUT, "run", E.LAN, "-o", str(out), "--json", "-q"],
                         cwd=repo_root, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return Run(out, proc, json.loads((out / "inventory.json").read_text()),
               json.loads((out / "assessment.json").read_text()))


def _ip(office: Office, host: E.LabHost) -> str:
    if host.ip:
        return host.ip
    return office.leases()[host.key][1]


@pytest.mark.parametrize("host", E.HOSTS, ids=lambda h: h.key)
def test_every_host_found_with_ip_mac_name_and_roles(run: Run, office: Office,
                                                     host: E.LabHost) -> None:
    asset = run.asset_for(host, _ip(office, host))
    assert host.mac in asset["macs"]
    assert asset["id"] == "mac-" + host.mac.replace(":", "")
    assert set(host.roles) <= set(asset["roles"]), asset["roles"]
    if host.key in E.DNS_HOSTS and host.key != "scan":
        assert host.fqdn in asset["hostnames"]
    for port in host.tcp_ports:
        assert any(s["port"] == port and s["protocol"] == "tcp" for s in asset["services"])
    evidence = [f for f in asset["provenance"] if f["field"] == "role"]
    assert all(f["evidence"] for f in evidence), "every role keeps its evidence"


def test_no_extra_assets(run: Run) -> None:
    assert len(run.inventory["assets"]) == len(E.HOSTS)


def test_switch_identified_by_snmp(run: Run) -> None:
    sw = run.asset_for(E.BY_KEY["sw"], E.BY_KEY["sw"].ip or "")
    assert sw["type"] == "switch"
    assert "snmp" in sw["sources"] and sw["snmp_community_default"] is True
    type_facts = [f for f in sw["provenance"] if f["field"] == "type" and f["collector"] == "snmp"]
    assert type_facts and type_facts[0]["evidence"] and type_facts[0]["confidence"] < 1.0


def test_gateway_is_the_router(run: Run) -> None:
    gw = run.asset_for(E.BY_KEY["gw"], E.GATEWAY_IP)
    assert gw["type"] in ("router", "firewall")
    assert E.WAN_GW_IP in gw["ips"], "SNMP's address table adds the WAN address"


def _spof_roles(run: Run, asset_id: str) -> set[str]:
    roles: set[str] = set()
    for spof in run.assessment["spofs"]:
        if spof["asset_ids"] == [asset_id]:
            match = re.search(r"\(role (\w+)\)", spof["reason"])
            roles.add(match.group(1) if match else spof["kind"])
    return roles


def test_expected_spofs_with_reasons_and_blast_radius(run: Run, office: Office) -> None:
    ids = {k: run.asset_for(h, _ip(office, h))["id"] for k, h in E.BY_KEY.items()}
    spof_assets = {aid for s in run.assessment["spofs"] for aid in s["asset_ids"]}
    for key in E.SPOFS:
        assert ids[key] in spof_assets, f"{key} should be a SPOF"
    for key in E.NON_SPOFS:
        assert ids[key] not in spof_assets, f"{key} is not a SPOF"
    for spof in run.assessment["spofs"]:
        assert spof["reason"] and spof["blast_radius"], spof
    assert _spof_roles(run, ids["dns"]) == {"dhcp"}, "DNS is redundant, DHCP is not"
    sw = next(s for s in run.assessment["spofs"] if s["asset_ids"] == [ids["sw"]])
    assert {ids[k] for k in ("gw", "dns", "files", "files2", "web", "db")} <= set(
        sw["blast_radius"])
    gw = next(s for s in run.assessment["spofs"] if s["asset_ids"] == [ids["gw"]])
    assert "internet" in gw["blast_radius"]


def test_findings_cover_the_lab(run: Run) -> None:
    rules = {f["rule"] for f in run.assessment["findings"]}
    assert {"single-provider", "single-internet-path", "snmp-default-community",
            "no-ups"} <= rules, rules
    single = [f for f in run.assessment["findings"] if f["rule"] == "single-provider"]
    # two file servers: no "single provider" finding (each is a SPOF of its own, see above)
    assert not any("file" in f["id"].split(":")[-1] for f in single), "two file servers"
    for f in run.assessment["findings"]:
        assert f["evidence"] or f["rule"] == "no-ups"
        assert f["recommendation"]


def test_all_outputs_written_and_open(run: Run) -> None:
    for name in OUTPUTS:
        assert (run.out / name).stat().st_size > 0, name
    book = openpyxl.load_workbook(run.out / "worksheet.xlsx")
    assert {"Assets", "Priorities"} <= set(book.sheetnames)
    assets = pd.read_excel(run.out / "worksheet.xlsx", sheet_name="Assets")
    assert len(assets) == len(E.HOSTS) - 1  # the scanning machine is no client asset
    assert set(pd.read_csv(run.out / "assets.csv")["id"]) == {
        a["id"] for a in run.inventory["assets"] if not a["is_scanner"]}
    html = (run.out / "gap-report.html").read_text()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "@import" not in html and "url(http" not in html
    summary = json.loads(run.proc.stdout)
    assert summary["assets"] == len(E.HOSTS) and summary["spofs"] == len(
        run.assessment["spofs"])


def _file_text(path: Path) -> str:
    if path.suffix == ".pdf":  # gap-report.pdf: its words, as a reader sees them
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as z:
            return "\n".join(z.read(n).decode("utf-8") for n in z.namelist())
    return path.read_text(encoding="utf-8")


def test_scanner_appears_in_no_client_file(run: Run, office: Office) -> None:
    """Kept (marked) in inventory.json and assessment.json; nowhere else."""
    me = run.asset_for(E.BY_KEY["scan"], _ip(office, E.BY_KEY["scan"]))
    assert me["is_scanner"]
    needles = [me["id"], *me["ips"], *me["macs"]]
    client = [p for p in run.out.rglob("*") if p.is_file()
              and p.name not in ("inventory.json", "assessment.json")]
    assert {p.name for p in client} >= {"worksheet.xlsx", "gap-report.html", "assets.csv"}
    leaks = {(p.name, n) for p in client for n in needles if n in _file_text(p)}
    assert leaks == set()


def test_no_eol_finding_rests_on_a_lower_bound(run: Run, office: Office) -> None:
    """The lab's db runs PostgreSQL 15; nmap's soft match says "9.6.0 or later"."""
    db = run.asset_for(E.BY_KEY["db"], _ip(office, E.BY_KEY["db"]))
    pg = [s for s in db["services"] if s["port"] == 5432]
    assert pg and pg[0]["version_precision"] in ("lower-bound", "guessed", None)
    for f in run.assessment["findings"]:
        if f["rule"] == "end-of-life":
            assert db["id"] not in f["asset_ids"], f
            assert not any("or later" in e for e in f["evidence"]), f


def test_scan_metadata(run: Run) -> None:
    scan = run.inventory["scan"]
    assert scan["targets"] == [E.LAN] and scan["as_root"] is True
    assert "nmap" in scan["tool_versions"] and scan["interrupted"] is False
    assert scan["started"] <= scan["finished"]


def test_snmp_v3_only_scan_keeps_secrets_out(office: Office, repo_root: Path,
                                            tmp_path: Path) -> None:
    out = tmp_path / "inv.json"
    env = {**os.environ, "DRSCOUT_SNMP_V3_AUTH_KEY": E.SNMP_V3_AUTH_KEY,
           "DRSCOUT_SNMP_V3_PRIV_KEY": E.SNMP_V3_PRIV_KEY}
    proc = office.run_in(SCAN_NS, [*DRSCOUT, "scan", E.BY_KEY["sw"].ip or "", "--collectors",
                                   "snmp", "--snmp-community", "not-the-community",
                                   "--snmp-v3-user", E.SNMP_V3_USER, "-q", "-o", str(out)],
                         cwd=repo_root, env=env)
    assert proc.returncode == 0, proc.stderr
    text = out.read_text()
    inv = json.loads(text)
    assert [a["type"] for a in inv["assets"]] == ["switch"]
    assert inv["assets"][0]["snmp_community_default"] is not True
    for secret in (E.SNMP_V3_AUTH_KEY, E.SNMP_V3_PRIV_KEY, "not-the-community"):
        assert secret not in text and secret not in proc.stderr


@pytest.fixture
def interrupted(office: Office, repo_root: Path, tmp_path: Path) -> Iterator[tuple[int, Path]]:
    out = tmp_path / "report"
    proc = subprocess.Popen(ns_argv(SCAN_NS, [*DRSCOUT, "run", E.LAN, "-o", str(out),
                                              "--profile", "deep"]),
                            cwd=repo_root, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            if "probing" in line:
                break
        time.sleep(1.0)
        os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C does
        yield proc.wait(timeout=120), out
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def test_ctrl_c_writes_partial_results(interrupted: tuple[int, Path]) -> None:
    code, out = interrupted
    assert code == 130
    inv = json.loads((out / "inventory.json").read_text())
    assert inv["scan"]["interrupted"] is True
    assert any(g["reason"] == "interrupted" for g in inv["gaps"])
    assert (out / "gap-report.html").exists() and (out / "worksheet.xlsx").exists()


def test_no_targets_scans_this_machines_private_subnet(office: Office, repo_root: Path,
                                                      tmp_path: Path) -> None:
    """Inside the lab the scanner's only subnet is the office LAN, so this stays in the lab."""
    out = tmp_path / "inv.json"
    proc = office.run_in(SCAN_NS, [*DRSCOUT, "scan", "--collectors", "localhost,snmp", "-q",
                                   "--snmp-timeout", "0.5", "--snmp-retries", "0",
                                   "-o", str(out)], cwd=repo_root)
    assert proc.returncode == 0, proc.stderr
    inv = json.loads(out.read_text())
    assert inv["scan"]["targets"] == [E.LAN]
    by_type = {a["type"] for a in inv["assets"] if "snmp" in a["sources"]}
    assert "switch" in by_type
    assert sum(1 for g in inv["gaps"] if g["collector"] == "snmp") >= 200, "silent hosts are gaps"


def _ends(link: dict[str, Any]) -> frozenset[tuple[str, str | None]]:
    return frozenset({(link["source"], link["source_port"]), (link["target"], link["target_port"])})


def _expected_cables(run: Run, office: Office) -> set[frozenset[tuple[str, str | None]]]:
    """Every cable of the lab: (asset id, port) at both ends; a host's own port is known
    only when it speaks LLDP (else the switch's forwarding table places it)."""
    ids = {k: run.asset_for(h, _ip(office, h))["id"] for k, h in E.BY_KEY.items()}
    cables = {frozenset({(ids[u.access], u.access_port), (ids[u.core], u.core_port)})
              for u in E.UPLINKS}
    for host in E.HOSTS:
        if host.key in E.SWITCHES:
            continue
        own = ("lan0" if host.key == "gw" else "eth0") if host.key in E.LLDP_HOSTS else None
        cables.add(frozenset({(ids[host.switch], host.switch_port), (ids[host.key], own)}))
    return cables


def test_every_physical_link_found_with_both_ports(run: Run, office: Office) -> None:
    physical = [ln for ln in run.inventory["links"] if ln["kind"] == "physical"]
    found = {_ends(ln) for ln in physical}
    assert found == _expected_cables(run, office)
    assert len(physical) == len(found), "each cable once, even when both ends report it"
    assert all(ln["evidence"] and 0 < ln["confidence"] <= 1 for ln in physical)


def test_every_endpoint_on_its_switch_port(run: Run, office: Office) -> None:
    for host in E.HOSTS:
        if host.key in E.SWITCHES:
            continue
        asset_id = run.asset_for(host, _ip(office, host))["id"]
        switch_id = run.asset_for(E.BY_KEY[host.switch], E.BY_KEY[host.switch].ip or "")["id"]
        ports = {(ln["source_port"] if ln["source"] == switch_id else ln["target_port"])
                 for ln in run.inventory["links"] if ln["kind"] == "physical"
                 and {ln["source"], ln["target"]} == {asset_id, switch_id}}
        assert ports == {host.switch_port}, host.key


def test_single_uplink_flagged_double_uplink_not(run: Run) -> None:
    sw = E.BY_KEY["sw"].ip or ""
    ids = {k: run.asset_for(E.BY_KEY[k], E.BY_KEY[k].ip or "")["id"] for k in E.SWITCHES}
    links = [s for s in run.assessment["spofs"] if s["kind"] == "link"]
    single = sorted((ids["sw"], ids[E.SINGLE_UPLINK_SWITCH]))
    assert any(sorted(s["asset_ids"]) == single for s in links), (sw, links)
    # no uplink of the double-uplinked switch is a SPOF (the cable from it to files2, the
    # only cable of a file server nothing replicates, may be: it is that server's lifeline)
    switch_ids = set(ids.values())
    assert not any(ids[E.DOUBLE_UPLINK_SWITCH] in s["asset_ids"]
                   and set(s["asset_ids"]) <= switch_ids for s in links)
    blocked = [ln for ln in run.inventory["links"] if "STP blocking" in ln["evidence"]]
    assert len(blocked) == 1, "exactly one of the double uplinks is blocked by STP"
