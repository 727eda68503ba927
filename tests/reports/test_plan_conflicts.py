"""site-vs-worksheet on the Business processes sheet: a declared process's criticality or RPO
that the worksheet says differently, read back the way reports.filled reads any keyed sheet,
and the process rows of the gap report's "plan as people wrote it"."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from analysis import assess
from analysis.model import Assessment
from analysis.site.load import parse_site
from reports.filled import FilledCell, FilledRow, FilledSheet, FilledWorksheet, Value
from reports.people import people
from reports.plan_conflicts import site_conflicts
from reports.plan_people import process_rows
from scanner.files import load_inventory

INVENTORY = Path(__file__).resolve().parents[2] / "fixtures" / "reports" / "lab-before.json"
SITE = """
[[process]]
name = "Invoicing"
criticality = 1
needs = ["db.office.lan"]
rpo_hours = 4
"""


def _sheet(**rows: Mapping[str, Value]) -> FilledWorksheet:
    """A Business processes sheet as read back: process name -> header -> typed value."""
    return FilledWorksheet({"Business processes": FilledSheet(
        "Business processes", (),
        {name: FilledRow(name, {h: FilledCell(v) for h, v in cells.items()})
         for name, cells in rows.items()})})


@pytest.fixture(scope="module")
def declared() -> Assessment:
    return assess(load_inventory(INVENTORY), site=parse_site(SITE))


def test_criticality_and_rpo_that_disagree_are_named(declared: Assessment) -> None:
    filled = _sheet(Invoicing={"Criticality": 3, "RPO": "1 day", "Owner": "Fran"})
    assert site_conflicts(declared, filled) == [
        ("process:invoicing", "the site file gives Invoicing criticality 1, the worksheet says "
         "3: the analysis uses the site file's; correct one of them."),
        ("process:invoicing", "the site file says Invoicing may lose at most 4h of data "
         "(rpo_hours), the worksheet's Business processes sheet says RPO 1 day: backups are "
         "checked against the site file's (DRS-012).")]


def test_agreeing_or_stricter_entries_are_no_conflict(declared: Assessment) -> None:
    assert site_conflicts(declared, _sheet(Invoicing={"Criticality": "1", "RPO": "2h"})) == []
    assert site_conflicts(declared, _sheet(Invoicing={"RPO": "soon"})) == [], \
        "an unreadable RPO is not read as a conflict"


def test_assumed_processes_have_nothing_to_disagree_with() -> None:
    assumed = assess(load_inventory(INVENTORY))
    name = assumed.processes[0].name
    assert site_conflicts(assumed, _sheet(**{name: {"Criticality": 4}})) == []


def test_process_entries_reach_the_gap_report_rows(declared: Assessment) -> None:
    filled = _sheet(Invoicing={"Criticality": 1, "Owner": "Fran", "MTD": "1d", "RTO": "8h",
                               "RPO": "2h", "Manual workaround": "paper invoices"})
    with_people = declared.model_copy(update={
        "people": people(filled, declared.inventory, "w.xlsx")})
    assert process_rows(with_people) == [["Invoicing", "1", "Fran", "1d", "8h", "2h",
                                          "paper invoices"]]
