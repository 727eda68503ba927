"""The DR plan workbook's keyed sheets beyond Assets, Priorities and Backups, with what a
person wrote on the previous workbook attached (Cover, Business processes, Contacts and
call tree, Vendors and ISP, Recovery procedures).  Pure: rows in, :class:`KeyedRow` out."""

from __future__ import annotations

from analysis.model import Assessment
from reports.columns import (
    CONTACT_COLUMNS,
    COVER_COLUMNS,
    PROCEDURE_COLUMNS,
    PROCESS_COLUMNS,
    VENDOR_COLUMNS,
    Column,
)
from reports.filled import FilledWorksheet, written_key
from reports.rows import Cell
from reports.worksheet.business import (
    contact_rows,
    procedure_rows,
    process_rows,
    vendor_rows,
)
from reports.worksheet.carry import KeyedRow, carry, extra_columns, gone_label
from reports.worksheet.cover import cover_rows

Sheet = tuple[str, tuple[Column, ...], list[KeyedRow]]
_VALUE = frozenset({"Value"})
_NONE: frozenset[str] = frozenset()


def approved_tiers(previous: FilledWorksheet | None) -> dict[str, int]:
    """asset id (as written) -> the tier a person approved on the Priorities sheet."""
    if previous is None:
        return {}
    out = {}
    for key, row in previous.sheet("Priorities").rows.items():
        try:
            tier = int(float(row.text("Approved tier")))
        except ValueError:
            continue
        if 1 <= tier <= 4:
            out[key] = tier
    return out


def cover_sheet(assessment: Assessment, previous: FilledWorksheet | None,
                titles: tuple[str, ...]) -> Sheet:
    """Shaded rows keep the person's value (their default shows until they write one);
    rows drscout knows are rewritten.  Items a person added are kept as written."""
    sheet = previous.sheet("Cover") if previous else None
    rows = []
    for item in cover_rows(assessment, titles):
        key = written_key(item.item)
        rows.append(KeyedRow(key, [item.item, item.value, item.source],
                             sheet.rows.get(key) if sheet else None,
                             person_headers=_VALUE if item.person else _NONE))
    known = {r.key for r in rows}
    kept = [r for r in carry(COVER_COLUMNS, [], previous, "Cover", "", lambda _: "", False)
            if r.key not in known and not r.key.startswith("Sheet: ")]
    return "Cover", COVER_COLUMNS, rows + kept


def _columns(base: tuple[Column, ...], previous: FilledWorksheet | None,
             title: str) -> tuple[Column, ...]:
    return base + extra_columns(previous.sheet(title) if previous else None)


def _keyed(title: str, base: tuple[Column, ...], current: list[tuple[str, list[Cell]]],
           previous: FilledWorksheet | None, gone: str, grey: bool = True) -> Sheet:
    columns = _columns(base, previous, title)
    return title, columns, carry(columns, current, previous, title, "Status",
                                 lambda _: gone, grey)


def procedures_sheet(assessment: Assessment, previous: FilledWorksheet | None) -> Sheet:
    """Tier 1 and 2 (a person's approved tier counts); an asset that left tiers 1-2
    keeps its row and says so, one no longer found says since when."""
    by_written = {written_key(p.asset_id): p.asset_id for p in assessment.priorities}
    tiers = {by_written[k]: v for k, v in approved_tiers(previous).items() if k in by_written}
    columns = _columns(PROCEDURE_COLUMNS, previous, "Recovery procedures")
    present = set(by_written)

    def label(key: str) -> str:
        if key in present:
            return "no longer tier 1 or 2"
        return gone_label(previous, key) if previous else ""

    rows = carry(columns, procedure_rows(assessment, tiers), previous, "Recovery procedures",
                 "Status", label)
    return "Recovery procedures", columns, rows


def plan_sheets(assessment: Assessment, previous: FilledWorksheet | None
                ) -> dict[str, Sheet]:
    """The business sheets by title; the writer puts them in the workbook's order."""
    return {
        "Business processes": _keyed("Business processes", PROCESS_COLUMNS,
                                     process_rows(assessment), previous,
                                     "no longer found (kept for what was written)"),
        "Contacts and call tree": _keyed("Contacts and call tree", CONTACT_COLUMNS,
                                         contact_rows(assessment), previous, "", grey=False),
        "Vendors and ISP": _keyed("Vendors and ISP", VENDOR_COLUMNS, vendor_rows(assessment),
                                  previous, "no device of this vendor found"),
        "Recovery procedures": procedures_sheet(assessment, previous),
    }
