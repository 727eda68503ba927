"""Carrying a person's worksheet into the next one: their rows, words, styling and comments.

Pure: takes the current rows and a :class:`~reports.filled.FilledWorksheet`,
returns :class:`KeyedRow` records for the writer.  Rows are matched on the
written form of the Asset ID.  An asset the person documented that the new scan
no longer found keeps its row, its old drscout values and everything the person
wrote, and is marked "not seen since DATE".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reports.columns import Column
from reports.filled import FilledRow, FilledSheet, FilledWorksheet, written_key
from reports.rows import Cell
from reports.sanitize import cell_text

NOT_SEEN = "not seen since"
EXTRA_NOTE = "Added by a person; drscout keeps it as written."


@dataclass(frozen=True)
class KeyedRow:
    key: str
    values: list[Cell]
    person: FilledRow | None = None
    gone: bool = False
    #: for this row only, the headers a person fills (None: each column's own flag)
    person_headers: frozenset[str] | None = None


def extra_columns(sheet: FilledSheet | None) -> tuple[Column, ...]:
    """Columns a person added to the sheet, kept after drscout's own."""
    if sheet is None:
        return ()
    return tuple(Column(h, 18, EXTRA_NOTE, person_filled=True) for h in sheet.extra_headers)


def gone_label(filled: FilledWorksheet, key: str) -> str:
    """'not seen since <last seen>' from the previous Assets row (kept once it says so)."""
    row = filled.sheet("Assets").rows.get(key)
    if row is None:
        return f"{NOT_SEEN} the previous worksheet"
    status = row.text("Scan status")
    if status.startswith(NOT_SEEN):
        return status
    return f"{NOT_SEEN} {row.text('Last seen') or 'the previous worksheet'}"


def _old_values(row: FilledRow, columns: Sequence[Column], status_header: str,
                status: str) -> list[Cell]:
    values: list[Cell] = []
    for column in columns:
        if column.header == status_header:
            values.append(status)
        elif column.person_filled:
            values.append("")
        else:
            value = row.value(column.header)
            values.append(value if isinstance(value, int) else cell_text(value))
    return values


def carry(columns: Sequence[Column], current: list[tuple[str, list[Cell]]],
          filled: FilledWorksheet | None, title: str, status_header: str,
          label: Callable[[str], str] | None = None, grey: bool = True) -> list[KeyedRow]:
    """Current rows with the person's cells attached, then rows of assets now gone.

    ``label(key)`` says why a row no longer found is kept (default: the asset's
    "not seen since"); ``grey=False`` keeps such rows in plain type (a contact a
    person added is not out of date)."""
    if filled is None:
        return [KeyedRow(written_key(asset_id), values) for asset_id, values in current]
    sheet = filled.sheet(title)
    rows = [KeyedRow(written_key(asset_id), values, sheet.rows.get(written_key(asset_id)))
            for asset_id, values in current]
    seen = {row.key for row in rows}
    for key, old in sheet.rows.items():
        if key not in seen:
            status = label(key) if label else gone_label(filled, key)
            rows.append(KeyedRow(key, _old_values(old, columns, status_header, status), old,
                                 gone=grey))
    return rows


def new_status(asset_ids: list[str], filled: FilledWorksheet | None) -> dict[str, str]:
    """'new' for assets the previous worksheet did not list (nothing on a first worksheet)."""
    if filled is None:
        return {}
    known = filled.sheet("Assets").rows
    return {a: "new" for a in asset_ids if written_key(a) not in known}
