"""From a filled worksheet to the analysis's :class:`~analysis.site.people.PersonEntry`
records: the bridge that makes the worksheet one source of truth.

:mod:`reports.filled` reads the workbook (styles, comments, every cell); this module
takes the Assets and Priorities rows a person filled, matches them to the
inventory's asset ids (the sheet holds ids in their written, neutralised form) and
keeps the person columns as text.  Rows of assets the scan no longer found are
left to the worksheet, which keeps them; the analysis only sees current assets.
"""

from __future__ import annotations

from datetime import datetime

from analysis.model import Assessment
from analysis.site.people import People, PersonEntry, ProcessEntry, RecordedBackup
from reports.columns import Column
from reports.filled import FilledRow, FilledWorksheet, Value, written_key
from scanner.inventory.model import Inventory

Cell = str | int

#: PersonEntry field -> (sheet, header) it is read from
FIELDS: dict[str, tuple[str, str]] = {
    "owner": ("Assets", "Owner"),
    "business_function": ("Assets", "Business function"),
    "vendor_support": ("Assets", "Vendor support contact"),
    "warranty_expiry": ("Assets", "Warranty expiry"),
    "backup_method": ("Assets", "Backup method"),
    "backup_frequency": ("Assets", "Backup frequency"),
    "backup_offsite": ("Assets", "Backup offsite (yes/no)"),
    "business_process": ("Priorities", "Business process"),
    "mtd": ("Priorities", "MTD"),
    "rto": ("Priorities", "RTO"),
    "rpo": ("Priorities", "RPO"),
    "manual_workaround": ("Priorities", "Manual workaround"),
}


def person_values(entry: PersonEntry) -> dict[str, str]:
    """Worksheet header -> what the person wrote there (Assets and Priorities sheets)."""
    values = {header: str(getattr(entry, name)) for name, (_, header) in FIELDS.items()}
    values["Approved tier"] = str(entry.approved_tier) if entry.approved_tier else ""
    return values


def with_process_person(assessment: Assessment, process: str, values: list[Cell],
                        columns: tuple[Column, ...]) -> list[Cell]:
    """A Business processes row with what a person wrote about that process in its
    person columns (the Criticality stays the analysis's own)."""
    entry = assessment.people.process(process)
    if entry is None:
        return values
    for i, column in enumerate(columns):
        name = _PROCESS_BY_HEADER.get(column.header)
        if column.person_filled and name and i < len(values):
            values[i] = getattr(entry, name) or values[i]
    return values


def value_text(value: Value) -> str:
    """A typed value as a person would read it back: 24 -> "24", a date without its
    midnight time, text trimmed."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() \
            else value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value).strip()


def tier(text: str) -> int | None:
    """1..4 from "1", "1.0" or 1; anything else is no tier (the plan checks say so)."""
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() and 1 <= number <= 4 else None


def _text(row: FilledRow | None, header: str) -> str:
    return value_text(row.value(header)) if row else ""


#: ProcessEntry field -> header on the Business processes sheet
PROCESS_FIELDS: dict[str, str] = {"criticality": "Criticality", "owner": "Owner", "mtd": "MTD",
                                  "rto": "RTO", "rpo": "RPO",
                                  "manual_workaround": "Manual workaround"}


#: RecordedBackup field -> header on the Backups sheet
BACKUP_FIELDS: dict[str, str] = {"host": "Host", "tool": "Tool", "job": "Job",
                                 "schedule": "Schedule", "destination": "Destination",
                                 "retention": "Retention", "offsite": "Offsite copy",
                                 "last_restore_test": "Last restore test"}


_PROCESS_BY_HEADER = {header: name for name, header in PROCESS_FIELDS.items()}


def people(filled: FilledWorksheet, inventory: Inventory, source: str = "worksheet") -> People:
    """Everything a person wrote that the analysis and the outputs use."""
    return People(source=source, assets=person_entries(filled, inventory, source),
                  processes=process_entries(filled),
                  backups=recorded_backups(filled, inventory))


def recorded_backups(filled: FilledWorksheet, inventory: Inventory) -> list[RecordedBackup]:
    """Rows a person added to the Backups sheet: a Backup ID that is no job this scan
    read, and no Collector (a job an earlier scan read keeps its collector, greyed)."""
    scanned = {written_key(f"{a.id}: {j.name}") for a in inventory.assets for j in a.backups}
    out = []
    for key, row in filled.sheet("Backups").rows.items():
        if key in scanned or _text(row, "Collector"):
            continue
        out.append(RecordedBackup(backup_id=key, **{name: _text(row, header)
                                                    for name, header in BACKUP_FIELDS.items()}))
    return out


def process_entries(filled: FilledWorksheet) -> list[ProcessEntry]:
    """Rows of the Business processes sheet (keyed on the process name), as typed."""
    out = []
    for key, row in filled.sheet("Business processes").rows.items():
        values = {name: _text(row, header) for name, header in PROCESS_FIELDS.items()}
        out.append(ProcessEntry(name=key, **values))
    return out


def person_entries(filled: FilledWorksheet, inventory: Inventory,
                   source: str = "worksheet") -> list[PersonEntry]:
    """One entry per current asset a person wrote something about, in inventory order."""
    out = []
    for asset in inventory.assets:
        key = written_key(asset.id)
        rows = {title: filled.sheet(title).rows.get(key) for title in ("Assets", "Priorities")}
        if not any(rows.values()):
            continue
        values = {name: _text(rows[sheet], header) for name, (sheet, header) in FIELDS.items()}
        entry = PersonEntry(asset_id=asset.id, source=source,
                            approved_tier=tier(_text(rows["Priorities"], "Approved tier")),
                            **values)
        if not entry.empty:
            out.append(entry)
    return out
