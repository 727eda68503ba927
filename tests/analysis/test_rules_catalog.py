"""Each catalog rule (DRS-006..011) fires on the facts it names and stays quiet otherwise."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from analysis import assess
from analysis.context import build_context
from analysis.rules import disk_full, eol, long_uptime, no_backup, ups_battery
from analysis.site.apply import apply_site
from analysis.site.load import parse_site
from scanner.files import load_inventory
from scanner.inventory.model import Asset, Disk, Fact, Hardware, Inventory, PowerStatus, ScanMeta
from tests.analysis.offices import asset, one_switch_office, svc

SCAN = ScanMeta(finished=datetime(2025, 1, 1, tzinfo=UTC))


def inv(*assets):  # type: ignore[no-untyped-def]
    return Inventory(assets=list(assets), scan=SCAN)


@pytest.mark.parametrize(("text", "expected"), [
    ("Microsoft Windows Server 2012 R2 Standard", ("windows-server", "2012 r2")),
    ("Microsoft Windows 7 Professional SP1", ("windows", "7")),
    ("VMware ESXi 6.7.0 build-17700523", ("esxi", "6.7")),
    ("Debian GNU/Linux 10 (buster)", ("debian", "10")),
    ("Ubuntu 18.04.6 LTS", ("ubuntu", "18.04")),
    ("Red Hat Enterprise Linux Server release 7.9 (Maipo)", ("rhel", "7")),
    ("CentOS Linux release 7.9.2009 (Core)", ("centos", "7")),
    ("Linux DiskStation 4.4.59 DSM 6.2.4-25556", ("synology-dsm", "6.2")),
    ("Linux 5.4", None),
])
def test_os_strings_parse(text: str, expected: tuple[str, str] | None) -> None:
    assert eol.os_release(text) == expected


def test_eol_table_rows_cite_a_source_url() -> None:
    table = eol.eol_table()
    assert len(table) >= 50 and all("(https://" in src for _, src in table.values())
    assert table[("postgresql", "9.6")][0].isoformat() == "2021-11-11"


def test_eol_rows_are_oldest_first_per_product() -> None:
    """lookup() treats the first row as the oldest: the file must keep that order."""
    for product, rows in eol.eol_rows().items():
        keys = [eol.version_key(r.version) for r in rows]
        numbered = [k for k in keys if k is not None]
        assert numbered == sorted(numbered), product


def test_eol_positive() -> None:
    old = asset("old", "10.0.0.5", os="Microsoft Windows Server 2008 R2",
                services=[svc(5432, "postgresql", product="PostgreSQL DB", version="9.6.2"),
                          svc(1433, "ms-sql-s", product="Microsoft SQL Server 2014",
                              version="12.00.2000.00")])
    found = {f.id: f for f in eol.check(build_context(inv(old)))}
    assert set(found) == {"DRS-006:windows-server:2008 r2", "DRS-006:postgresql:9.6",
                          "DRS-006:sql-server:2014"}
    assert "2020-01-14" in found["DRS-006:windows-server:2008 r2"].title
    assert found["DRS-006:postgresql:9.6"].reference.startswith("PostgreSQL Versioning Policy")
    assert all(f.asset_ids == ["old"] and f.effort == "days" for f in found.values())
    assert found["DRS-006:sql-server:2014"].cost == "low"


def test_eol_never_rests_on_a_lower_bound_or_a_guess() -> None:
    """nmap's soft match says "9.6.0 or later" for PostgreSQL 15 (the lab's db01)."""
    db = asset("db01", "10.0.0.5", services=[
        svc(5432, "postgresql", product="PostgreSQL DB", version="9.6.0 or later")])
    fp = Fact(field="os_version", value="2008 R2", collector="nmap", confidence=0.95)
    guessed = asset("win", "10.0.0.6", os="Windows Server", os_version="2008 R2")
    guessed = guessed.model_copy(update={"provenance": [fp]})
    blank = asset("pg2", "10.0.0.7", services=[svc(5432, "postgresql", product="PostgreSQL DB")])
    found = eol.check(build_context(inv(db, guessed, blank)))
    assert [f.id for f in found] == ["DRS-006:unknown"]
    note = found[0]
    assert note.severity == "info" and note.asset_ids == ["db01", "pg2", "win"]
    assert any("db01" in e and "lower bound" in e for e in note.evidence)
    assert any("win" in e and "fingerprint guess" in e for e in note.evidence)
    assert any("pg2" in e and "not reported" in e for e in note.evidence)


@pytest.mark.parametrize(("os_text", "older_than"), [
    ("Linux DiskStation 3.10 DSM 6.1.7", "synology-dsm 6.2"),
    ("VMware ESXi 5.5.0 build-3568722", "esxi 6.0"),
    ("Debian GNU/Linux 7 (wheezy)", "debian 8"),
    ("Microsoft Windows Server 2000", "windows-server 2003"),
])
def test_eol_versions_older_than_the_oldest_row_are_past_support(os_text: str,
                                                                 older_than: str) -> None:
    found = eol.check(build_context(inv(asset("old", "10.0.0.5", os=os_text))))
    assert len(found) == 1 and found[0].severity == "high", found
    assert "no later than" in found[0].title
    assert f"older than {older_than}" in found[0].evidence[-1]


def test_eol_is_one_finding_per_product_version() -> None:
    boxes = [asset(f"u{i}", f"10.0.0.{i + 10}", os="Ubuntu 18.04.6 LTS") for i in range(3)]
    found = eol.check(build_context(inv(*boxes)))
    assert [(f.id, f.asset_ids, len(f.evidence)) for f in found] == [
        ("DRS-006:ubuntu:18.04", ["u0", "u1", "u2"], 4)]
    assert "3 assets" in found[0].title and found[0].cost == "none"


def test_eol_negative() -> None:
    new = asset("new", "10.0.0.6", os="Ubuntu 22.04 LTS",
                services=[svc(5432, "postgresql", product="PostgreSQL DB", version="16.2"),
                          svc(3306, "mysql", product="MySQL", version="8.0.36")])
    unknown = asset("unk", "10.0.0.7", os="Linux 5.X")
    assert eol.check(build_context(inv(new, unknown))) == []


def _ups(asset_id: str = "ups", **power: object) -> Asset:
    """A UPS asset carrying the real ``PowerStatus`` the SNMP collector produces."""
    base = asset(asset_id, "10.0.0.30", "ups", ("ups",))
    return base.model_copy(update={"power": PowerStatus(source_mib="UPS-MIB", **power)})


def test_ups_battery_positive() -> None:
    low = ups_battery.check(build_context(inv(_ups(battery_status="low",
                                                   minutes_remaining=4))))
    assert [(f.id, f.asset_ids) for f in low] == [("DRS-007", ["ups"])]
    assert len(low[0].evidence) == 2 and "4 min" in low[0].evidence[1]
    assert "'low'" in low[0].evidence[0]
    worn = ups_battery.check(build_context(inv(_ups(battery_status="replace",
                                                    minutes_remaining=40))))
    assert [f.id for f in worn] == ["DRS-007"] and len(worn[0].evidence) == 1


def test_ups_battery_negative() -> None:
    ok = _ups(battery_status="normal", minutes_remaining=25, charge_percent=100)
    unreported = _ups("ups3", battery_status=None, minutes_remaining=None)
    plain = asset("ups2", "10.0.0.31", "ups", ("ups",))
    assert ups_battery.check(build_context(inv(ok, unreported, plain))) == []


def test_no_backup_positive_and_negative() -> None:
    assert [f.id for f in no_backup.check(build_context(one_switch_office()))] == ["DRS-008"]
    with_role = one_switch_office([asset("bk", "10.0.0.9", "nas", ("backup",))])
    assert no_backup.check(build_context(with_role)) == []


def test_no_offsite_copy() -> None:
    office = one_switch_office()
    site = parse_site('[[backup]]\nsources = ["fs1"]\ntarget = "fs2"\n')
    new_inv, facts = apply_site(office, site)
    assert [f.id for f in no_backup.check(build_context(new_inv, facts))] == ["DRS-009"]
    site = parse_site('[[backup]]\nsources = ["fs1"]\ntarget = "fs2"\noffsite = true\n')
    new_inv, facts = apply_site(office, site)
    assert no_backup.check(build_context(new_inv, facts)) == []


def test_disk_full_positive_and_negative() -> None:
    full = asset("full", "10.0.0.8", hardware=Hardware(disks=[
        Disk(mount="/", total_bytes=100, used_bytes=95),
        Disk(mount="/data", total_bytes=100, used_bytes=50)]))
    fine = asset("fine", "10.0.0.9", hardware=Hardware(disks=[
        Disk(mount="/", total_bytes=100, used_bytes=90)]))
    found = disk_full.check(build_context(inv(full, fine)))
    assert [(f.id, f.asset_ids) for f in found] == [("DRS-010", ["full"])]
    assert found[0].evidence == ["full (10.0.0.8): /: 95% used of 0.0 GB"]


def test_long_uptime_positive_and_negative() -> None:
    up = asset("up", "10.0.0.8", hardware=Hardware(uptime_seconds=400 * 86400))
    fresh = asset("fresh", "10.0.0.9", hardware=Hardware(uptime_seconds=30 * 86400))
    found = long_uptime.check(build_context(inv(up, fresh, asset("x", "10.0.0.10"))))
    assert [(f.id, f.asset_ids) for f in found] == [("DRS-011", ["up"])]
    assert "400 days" in found[0].title


def test_recorded_lab_run_has_no_eol_finding_on_a_lower_bound() -> None:
    """The lab's db runs PostgreSQL 15; nmap's soft match recorded "9.6.0 or later"."""
    lab = Path(__file__).resolve().parents[2] / "fixtures" / "reports" / "lab-before.json"
    eol_findings = [f for f in assess(load_inventory(lab)).findings if f.rule.startswith("end")]
    assert [(f.id, f.severity) for f in eol_findings] == [("DRS-006:unknown", "info")]
    assert any("db.office.lan" in e and "9.6.0 or later" in e and "lower bound" in e
               for e in eol_findings[0].evidence)
