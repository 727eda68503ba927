"""WinRM parsing on recorded answers shaped after Microsoft's documented outputs (not
captured: see fixtures/winrm/README.md), one case per behaviour."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from scanner.collectors.winrm import api, backups, parse
from scanner.errors import CollectorError
from scanner.inventory.sighting import Sighting
from tests.collectors.winrm import recorded

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _one(name: str, host: str = "10.0.0.10") -> Sighting:
    result = parse.parse(recorded.snapshot(name), host)
    [sighting] = result.sightings
    return sighting


def test_domain_controller_roles_come_from_installed_features() -> None:
    dc = _one("dc-wsb.json")
    hints = {h.role: h for h in dc.role_hints}
    assert set(hints) == {"directory", "dns", "dhcp", "file"}
    assert hints["dns"].evidence == "WinRM: Windows feature DNS installed"
    assert all(h.confidence > 0.9 for h in hints.values())
    assert (dc.name, dc.type, dc.os) == ("DC01", "server", "Microsoft Windows Server 2022 Standard")
    assert dc.hostnames == ["dc01.corp.example"]


def test_windows_server_backup_is_a_job_with_schedule_and_last_success() -> None:
    [job] = _one("dc-wsb.json").backups
    assert (job.tool, job.kind, job.schedule) == ("windows-server-backup",
                                                  "windows-server-backup", "daily at 21:00")
    assert job.last_success == datetime(2026, 3, 9, 5, 0, 41, tzinfo=UTC)
    assert job.last_run == datetime(2026, 3, 11, 21, 0, 12, tzinfo=UTC)
    assert "HRESULT -2147024784" in job.evidence and "(success)" not in job.evidence


def test_software_from_both_hives_once_each_with_version() -> None:
    items = _one("dc-wsb.json").software
    names = [(i.name, i.version) for i in items]
    assert len(names) == len(set(names)) == 4  # the 64-bit VC++ entry appears twice
    assert ("7-Zip 23.01 (x64)", "23.01") in names
    assert {i.publisher for i in items if i.name.startswith("7-Zip")} == {"Igor Pavlov"}
    assert all(i.collector == "winrm" for i in items)


def test_disks_feed_hardware_with_used_bytes() -> None:
    disks = {d.mount: d for d in _one("dc-wsb.json").hardware.disks}  # type: ignore[union-attr]
    assert set(disks) == {"C:", "D:"}
    assert disks["D:"].total_bytes - disks["D:"].used_bytes == 21474836480
    assert disks["D:"].used_bytes / disks["D:"].total_bytes > 0.9


def test_workstation_with_veeam_agent() -> None:
    pc = _one("workstation-veeam.json")
    assert pc.type == "workstation" and pc.role_hints == []
    [job] = pc.backups
    assert (job.tool, job.name) == ("veeam", "Backup Job PC-ACCOUNTS")
    assert job.last_run == datetime(2026, 3, 11, 19, 0, 55, tzinfo=UTC)
    assert job.last_success == datetime(2026, 3, 10, 19, 1, 40, tzinfo=UTC)
    assert "last result failed" in job.evidence
    assert [d.mount for d in pc.hardware.disks] == ["C:"]  # type: ignore[union-attr]
    assert any(i.name == "Veeam Agent for Microsoft Windows" for i in pc.software)


def test_a_client_os_without_features_is_no_gap_but_a_failed_software_read_is() -> None:
    pc = parse.parse(recorded.snapshot("workstation-veeam.json"), "10.0.0.22")
    assert pc.gaps == []
    hostile = parse.parse(recorded.snapshot("hostile-strings.json"), "10.0.0.24")
    assert [(g.reason, g.detail.split(":")[0]) for g in hostile.gaps] == \
        [("error", "software not read over WinRM")]


def test_hostile_strings_are_sanitised() -> None:
    sighting = _one("hostile-strings.json")
    texts = [sighting.name or "", sighting.os or ""] + \
        [s for i in sighting.software for s in (i.name, i.version, i.publisher)]
    assert [t for t in texts if _CONTROL.search(t)] == []
    assert max(len(t) for t in texts) <= 200
    assert sighting.name == "APP 02"
    # HTML and formulas are kept as text here; the report writers escape them
    assert any(i.name.startswith("<script>") for i in sighting.software)


def test_nonsense_values_are_dropped_not_guessed() -> None:
    sighting = _one("hostile-strings.json")
    assert sighting.hardware.disks == []  # type: ignore[union-attr]
    assert sighting.backups == []  # year-0001/"yesterday" WSB times, an undated event
    assert [h.role for h in sighting.role_hints] == ["web"]


@pytest.mark.parametrize(("raw", "expected"), [
    ("2026-03-09T05:00:41.1234567Z", datetime(2026, 3, 9, 5, 0, 41, 123456, tzinfo=UTC)),
    ("/Date(1773216000000)/", datetime(2026, 3, 11, 8, 0, tzinfo=UTC)),
    ({"value": "/Date(1773216000000)/", "DisplayHint": 2}, datetime(2026, 3, 11, 8, 0,
                                                                    tzinfo=UTC)),
    ("0001-01-01T00:00:00.0000000", None), ("yesterday", None), (None, None), (5, None),
])
def test_times_as_both_powershell_editions_print_them(raw: object, expected: object) -> None:
    assert backups.when(raw) == expected


def test_garbage_answer_is_an_error_without_the_password() -> None:
    with pytest.raises(CollectorError) as err:
        api.fetch("10.0.0.23", lambda _s: recorded.answer("garbage.txt") + recorded.PASSWORD,
                  [recorded.PASSWORD])
    assert err.value.reason == "error" and recorded.PASSWORD not in str(err.value)


def test_the_script_is_fixed_and_reads_only() -> None:
    verbs = set(re.findall(r"\b([A-Z][a-z]+)-[A-Z][A-Za-z]+", api.SCRIPT))
    assert verbs <= {"Get", "Select", "Where", "ConvertTo", "Read", "ForEach"}
    assert "{0}" not in api.SCRIPT and "%s" not in api.SCRIPT


def test_no_script_line_leaves_a_command_waiting_for_its_arguments() -> None:
    """PowerShell ends a statement at a newline (even inside a script block) unless the
    line ends with a pipe, a comma or an open bracket: a parameter name or a bare
    ``Select-Object`` at the end of a line would silently drop what follows.  (The
    script's convention: a statement that does end on such a word ends with ``;``.)"""
    dangling = [line for line in api.SCRIPT.splitlines()
                if re.search(r"(\s-[A-Za-z]+|\b[A-Z][a-z]+-[A-Z][A-Za-z]+)$", line.rstrip())]
    assert dangling == []


def test_hyperv_on_a_client_is_a_client_hypervisor_not_the_hypervisor_role() -> None:
    pc = _one("client-hypervisors.json")
    assert pc.type == "workstation"
    assert "hypervisor" not in {h.role for h in pc.role_hints}
    hyperv = [i for i in pc.software if i.name == "Hyper-V"]
    assert [(i.type, i.path) for i in hyperv] == [("hypervisor", "service vmms running")]
    assert pc.software_note and pc.software_note.startswith("4 installed programs")
    assert "vmms" in pc.software_note
    dc = _one("dc-wsb.json")  # a server's vmms stays the hypervisor role (none there)
    assert not [i for i in dc.software if i.type == "hypervisor"]
