"""The lab office with a site file: each process's SPOFs exactly as the lab's
design implies (the DNS servers are a redundant pair, handed out together by DHCP;
the two file servers hold their own shares and are two workloads; the database, the
web server and the core switch are single), with reasons, and recovery waves in order."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.lab import expected as E
from tests.lab.office import Office

SCAN_NS = E.BY_KEY["scan"].ns
DRSCOUT = [sys.executable, "-m", "drscout.cli"]
SITE = Path(__file__).with_name("site.toml")


@dataclass
class SiteRun:
    out: Path
    assessment: dict[str, Any]
    ids: dict[str, str]  # lab host key -> asset id


@pytest.fixture(scope="module")
def site_run(office: Office, repo_root: Path,
             tmp_path_factory: pytest.TempPathFactory) -> SiteRun:
    out = tmp_path_factory.mktemp("site") / "report"
    proc = office.run_in(SCAN_NS, [*DRSCOUT, "run", E.LAN, "--site", str(SITE), "-o", str(out),
                                   "-q"], cwd=repo_root, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assessment = json.loads((out / "assessment.json").read_text())
    ids = {h.key: "mac-" + h.mac.replace(":", "") for h in E.HOSTS}
    return SiteRun(out, assessment, ids)


def _path(key: str) -> set[str]:
    """The switches a host's traffic must cross: its own switch and the core (sw)."""
    return {getattr(E.BY_KEY[key], "switch", "sw"), "sw"}


#: what the lab design implies: the sole providers, their switches, and the
#: switches BOTH members of the redundant DNS pair need; each file server (not
#: replicas of each other) with its own switches
DNS_PATH = _path("dns") & _path("dns2")
ACCOUNTING = {"db", "files", "files2"} | _path("db") | _path("files") | _path("files2") | DNS_PATH
INTRANET = {"web"} | _path("web") | DNS_PATH


def _process(run: SiteRun, name: str) -> dict[str, Any]:
    return next(p for p in run.assessment["processes"] if p["name"] == name)


def _spof_assets(run: SiteRun, name: str) -> dict[str, list[dict[str, Any]]]:
    """asset id -> the asset/role SPOFs of one process (cables listed separately)."""
    wanted = set(_process(run, name)["spofs"])
    out: dict[str, list[dict[str, Any]]] = {}
    for spof in run.assessment["spofs"]:
        if spof["id"] in wanted and spof["kind"] != "link":
            out.setdefault(spof["asset_ids"][0], []).append(spof)
    return out


def test_only_the_declared_processes(site_run: SiteRun) -> None:
    procs = {p["name"]: p for p in site_run.assessment["processes"]}
    assert set(procs) == {"Accounting", "Intranet"}
    assert not procs["Accounting"]["assumed"] and procs["Accounting"]["criticality"] == 1
    assert site_run.assessment["site_name"] == "drscout lab office"


def test_accounting_spofs_are_the_core_switch_the_database_and_each_file_server(
        site_run: SiteRun) -> None:
    ids = site_run.ids
    spofs = _spof_assets(site_run, "Accounting")
    assert {"sw", "sw3", "db", "files", "files2"} == ACCOUNTING
    assert set(spofs) == {ids[k] for k in ACCOUNTING}
    db_reasons = [s["reason"] for s in spofs[ids["db"]]]
    assert any(r.startswith("only database server (role database)") for r in db_reasons)
    assert all(s["reason"] for s in spofs[ids["sw"]])
    for key in ("files", "files2"):
        assert any("without a known replica" in s["reason"] for s in spofs[ids[key]])
    for key in ("dns", "dns2", "gw", "web"):
        assert ids[key] not in spofs, f"{key} must not stop Accounting"
    links = [s for s in site_run.assessment["spofs"]
             if s["id"] in _process(site_run, "Accounting")["spofs"] and s["kind"] == "link"]
    assert all(set(s["asset_ids"]) <= {ids[k] for k in ACCOUNTING} for s in links), links


def test_intranet_spofs_are_the_web_server_and_its_switches(site_run: SiteRun) -> None:
    ids = site_run.ids
    spofs = _spof_assets(site_run, "Intranet")
    assert set(spofs) == {ids[k] for k in INTRANET}
    for key in INTRANET - {"sw", "web"}:  # the web server's access switch (single uplink)
        assert any("articulation point" in s["reason"] for s in spofs[ids[key]]), spofs[ids[key]]
    web = spofs[ids["web"]]
    assert any("which Intranet needs directly" in s["reason"] for s in web), web


def test_redundant_pairs_show_as_shared_fate_not_spofs(site_run: SiteRun) -> None:
    ids = site_run.ids
    pairs = {tuple(p) for p in _process(site_run, "Accounting")["shared_fate"]}
    assert tuple(sorted((ids["dns"], ids["dns2"]))) in pairs
    singles = {ids[k] for k in ("db", "sw", "files", "files2")}
    assert all(not singles & set(p) for p in pairs), "SPOFs are no pairs"
    separate = {r["role"]: set(r["asset_ids"]) for r in site_run.assessment["assumed_separate"]}
    assert separate["file"] == {ids["files"], ids["files2"]}
    rules = {f["id"] for f in site_run.assessment["findings"]}
    assert "DRS-102:process:accounting" in rules


def test_recovery_waves_in_a_sensible_order(site_run: SiteRun) -> None:
    ids = site_run.ids
    wave = {a: i for i, w in enumerate(site_run.assessment["recovery_waves"]) for a in w}
    assert set(wave) == set(ids.values())
    assert wave[ids["sw"]] == 0
    assert wave[ids["sw"]] < wave[ids["dns"]] == wave[ids["dns2"]]
    assert wave[ids["dns"]] < wave[ids["db"]] < wave[ids["web"]] < wave[ids["ws1"]]
    assert wave[ids["files"]] == wave[ids["files2"]] == wave[ids["db"]]
    prio = {p["asset_id"]: p for p in site_run.assessment["priorities"]}
    assert prio[ids["db"]]["site_tier"] == 1 and prio[ids["db"]]["suggested_rto"] == "<= 4 h"
    assert "Accounting" in prio[ids["db"]]["tier_reason"]


def test_every_provider_of_the_criticality_1_process_gets_an_rto_within_a_day(
        site_run: SiteRun) -> None:
    """Accounting (criticality 1) needs db, both file servers, DNS and the switches: each
    gets a suggested RTO of at most 24 h, replicas (dns, dns2) included."""
    ids = site_run.ids
    prio = {p["asset_id"]: p for p in site_run.assessment["priorities"]}
    within_a_day = {"<= 1 h", "<= 4 h", "<= 24 h"}
    for key in ("db", "files", "files2", "dns", "dns2", "sw"):
        assert prio[ids[key]]["suggested_rto"] in within_a_day, (key, prio[ids[key]])


def test_what_if_names_the_dead_paths(site_run: SiteRun, repo_root: Path) -> None:
    proc = subprocess.run([*DRSCOUT, "analyze", str(site_run.out / "inventory.json"), "--site",
                           str(SITE), "--what-if", "db"], cwd=repo_root, capture_output=True,
                          text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "Accounting" in proc.stdout and "Intranet" not in proc.stdout
    assert "Accounting -> role:database -> " in proc.stdout
