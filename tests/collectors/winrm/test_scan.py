"""End to end through the library: a scan with the WinRM collector (recorded answers shaped
after documentation, NOT captured) through the real orchestrator, the analysis and every
report writer."""

from __future__ import annotations

import csv
import io

import pytest

from analysis import assess
from analysis.model import Assessment
from reports import OUTPUTS
from tests.collectors.contract import Collected, run_alone
from tests.collectors.winrm import recorded
from tests.collectors.winrm.test_contract import entry_with, scan_options


def _run(*hosts: str) -> tuple[Collected, Assessment]:
    collected = run_alone(entry_with(0), scan_options(*hosts))
    return collected, assess(collected.inventory)


@pytest.fixture(scope="module")
def office() -> tuple[Collected, Assessment]:
    return _run(recorded.DC, recorded.WORKSTATION, recorded.HOSTILE)


def test_dc_roles_from_the_inside(office: tuple[Collected, Assessment]) -> None:
    inventory = office[0].inventory
    dc = next(a for a in inventory.assets if a.name == "DC01")
    assert {"directory", "dns", "dhcp"} <= set(dc.roles)
    evidence = {f.value: f.evidence for f in dc.provenance if f.field == "role"}
    assert evidence["dns"] == "WinRM: Windows feature DNS installed"
    assert dc.os == "Microsoft Windows Server 2022 Standard" and "winrm" in dc.sources


def test_software_and_backup_jobs_are_facts(office: tuple[Collected, Assessment]) -> None:
    assets = {a.name: a for a in office[0].inventory.assets}
    assert "7-Zip 23.01 (x64)" in {s.name for s in assets["DC01"].software}
    [wsb] = assets["DC01"].backups
    assert wsb.tool == "windows-server-backup" and wsb.last_success is not None
    [veeam] = assets["PC-ACCOUNTS"].backups
    assert veeam.tool == "veeam" and veeam.last_success is not None


def test_a_host_backup_answers_no_backup_found(office: tuple[Collected, Assessment]) -> None:
    ids = {f.id for f in office[1].findings}
    assert "DRS-008" not in ids
    [full] = [f for f in office[1].findings if f.id == "DRS-010"]
    assert any("D:" in e for e in full.evidence)


def test_without_a_backup_the_finding_says_what_winrm_read() -> None:
    _, result = _run(recorded.HOSTILE)
    [finding] = [f for f in result.findings if f.id == "DRS-008"]
    assert any("read over WinRM" in e and "Get-WBSummary" in e for e in finding.evidence)


def test_no_secret_and_hostile_text_neutralised_in_every_report(
        office: tuple[Collected, Assessment]) -> None:
    collected, result = office
    files = {name: render(result) for name, render in OUTPUTS}
    leaked = [n for n, body in files.items() if recorded.PASSWORD.encode() in body]
    assert leaked == [] and recorded.PASSWORD not in collected.text()
    html = files["gap-report.html"].decode()
    assert "<img src=x" not in html and "&lt;img src=x" in html  # shown, escaped
    cells = [c for row in csv.reader(io.StringIO(files["assets.csv"].decode("utf-8-sig")))
             for c in row]
    assert any("HYPERLINK" in c for c in cells)
    assert [c for c in cells if c.startswith(("=", "+", "@"))] == []


def test_client_hypervisors_on_a_windows_client_are_a_desktop_question() -> None:
    """The recorded Windows 10 client (VirtualBox, VMware Workstation, Hyper-V's vmms) stays
    a workstation (a seat), and DRS-013:installed names what WinRM read; no VM of it was
    seen on the network, so not the high DRS-013."""
    collected, result = _run(recorded.CLIENT_VMS)
    pc = next(a for a in collected.inventory.assets if a.name == "PC-RECEPTION")
    assert pc.type == "workstation" and "winrm" in pc.sources
    names = {s.name for s in pc.software}
    assert {"Oracle VM VirtualBox 7.0.14", "VMware Workstation"} <= names
    findings = {f.id: f for f in result.findings}
    assert "DRS-013" not in findings
    found = findings["DRS-013:installed"]
    assert found.asset_ids == [pc.id] and found.severity == "low"
    text = " ".join(found.evidence)
    assert "Oracle VM VirtualBox 7.0.14 (read over winrm)" in text
    assert "VMware Workstation 17.5.0 (read over winrm)" in text
    assert "Hyper-V, service vmms running (read over winrm)" in text
    assert "hypervisor" not in pc.roles  # a seat with a client hypervisor, not the host
