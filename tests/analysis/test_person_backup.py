"""DRS-008 with what a person wrote: "none" is not a backup; a method is a backup recorded
by a person (medium, their words as evidence), never turned into a scan fact; a scan's own
finding of a backup still wins."""

from __future__ import annotations

from analysis import assess
from analysis.model import Finding
from analysis.site.people import People, PersonEntry, RecordedBackup
from tests.analysis.offices import asset, one_switch_office


def _drs008(people: People | None = None, backup_host: bool = False) -> Finding:
    extra = [asset("nas1", "10.0.0.60", "nas", roles=("backup",))] if backup_host else None
    inventory = one_switch_office(extra)
    found = [f for f in assess(inventory, people=people).findings if f.id == "DRS-008"]
    assert len(found) <= 1
    return found[0] if found else Finding(id="none", rule="", title="", severity="info",
                                          recommendation="", effort="minutes", cost="none")


def test_none_written_is_no_backup() -> None:
    people = People(source="w.xlsx", assets=[PersonEntry(asset_id="fs1", backup_method="None")])
    finding = _drs008(people)
    assert (finding.severity, finding.title) == ("high", "No backup system found")


def test_a_method_written_is_a_backup_recorded_by_a_person() -> None:
    people = People(source="w.xlsx", assets=[PersonEntry(
        asset_id="fs1", backup_method="Veeam to NAS\x1b[31m", backup_frequency="daily",
        source="w.xlsx")])
    finding = _drs008(people)
    assert (finding.severity, finding.title) == (
        "medium", "Backup recorded by a person, not verified by a scan")
    assert finding.asset_ids == ["fs1"]
    assert finding.evidence[0].endswith(": 'Veeam to NAS [31m, daily' written under Backup "
                                        "method in w.xlsx by a person; no scan verified it")
    assert "\x1b" not in "".join(finding.evidence), "a person's text is cleaned like a device's"


def test_a_row_on_the_backups_sheet_counts_and_names_its_host() -> None:
    people = People(source="w.xlsx", backups=[RecordedBackup(
        backup_id="usb", host="fs1", tool="robocopy", destination="USB disk")])
    finding = _drs008(people)
    assert finding.severity == "medium" and finding.asset_ids == ["fs1"]
    assert "Backups sheet row 'usb': 'robocopy on fs1 to USB disk' added by a person" in \
        finding.evidence[0]


def test_an_entry_for_an_asset_not_in_the_inventory_is_ignored() -> None:
    people = People(source="w.xlsx", assets=[PersonEntry(asset_id="gone", backup_method="tape")])
    assert _drs008(people).severity == "high"


def test_a_backup_the_scan_found_wins() -> None:
    people = People(source="w.xlsx", assets=[PersonEntry(asset_id="fs1", backup_method="tape")])
    assert _drs008(people, backup_host=True).id == "none", "role backup seen: no DRS-008"
