"""Reading back a worksheet a person filled in: what they wrote, how it looked, their comments.

The worksheet is a living document: next quarter drscout rescans and must keep
every word.  This module is the only one that reads a workbook; the renderer
stays pure and receives the result as a :class:`FilledWorksheet`.

Rows are matched on the ``Asset ID`` column.  A column whose header drscout does
not write itself (a person's own addition) is kept as a person column too.  For
person columns the cell's styling (font, fill, border, alignment, number format)
is kept; comments are kept on every column, since people annotate drscout's
cells as well.  Values are kept as typed (text, number, date); a formula a person
typed is read as its text, never re-emitted as a live formula.
"""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from typing import Any
from zipfile import BadZipFile

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.worksheet.worksheet import Worksheet

from reports.columns import (
    ASSET_COLUMNS,
    BACKUP_COLUMNS,
    BACKUP_KEY,
    CLOUD_COLUMNS,
    CLOUD_KEY,
    KEY_HEADER,
    PLAN_SHEETS,
    PRIORITY_COLUMNS,
    Column,
)
from reports.sanitize import cell_text
from scanner.errors import InputFileError

Value = str | int | float | datetime | None
#: sheet title -> the columns drscout writes on it
KEYED_SHEETS: dict[str, tuple[Column, ...]] = {"Assets": ASSET_COLUMNS,
                                               "Priorities": PRIORITY_COLUMNS,
                                               "Backups": BACKUP_COLUMNS,
                                               "Cloud and SaaS": CLOUD_COLUMNS,
                                               **{t: c for t, (c, _) in PLAN_SHEETS.items()}}
#: the column a sheet's rows are matched on, where it is not the Asset ID
_KEYS = {"Backups": BACKUP_KEY, "Cloud and SaaS": CLOUD_KEY,
         **{t: k for t, (_, k) in PLAN_SHEETS.items()}}


@dataclass(frozen=True)
class CellStyle:
    """openpyxl style objects copied off the person's cell."""

    font: Any
    fill: Any
    border: Any
    alignment: Any
    number_format: str
    protection: Any


@dataclass(frozen=True)
class FilledCell:
    value: Value
    style: CellStyle | None = None
    comment: str | None = None
    comment_author: str = ""


@dataclass(frozen=True)
class FilledRow:
    """One row of a keyed sheet: header -> cell, for every non-empty or commented cell."""

    asset_id: str
    cells: dict[str, FilledCell]

    def value(self, header: str) -> Value:
        cell = self.cells.get(header)
        return cell.value if cell else None

    def text(self, header: str) -> str:
        value = self.value(header)
        return "" if value is None else str(value).strip()


@dataclass(frozen=True)
class FilledSheet:
    title: str
    #: headers a person added that drscout does not write, in sheet order
    extra_headers: tuple[str, ...]
    rows: dict[str, FilledRow] = field(default_factory=dict)


@dataclass(frozen=True)
class FilledWorksheet:
    sheets: dict[str, FilledSheet]

    def sheet(self, title: str) -> FilledSheet:
        return self.sheets.get(title) or FilledSheet(title, ())

    def row(self, title: str, asset_id: str) -> FilledRow | None:
        """The row of ``asset_id``, which the sheet holds in its written (neutralised) form."""
        return self.sheet(title).rows.get(written_key(asset_id))


def row_key(value: object) -> str:
    """How an Asset ID reads back from a saved sheet: neutralised as written, and with
    CR turned into LF as XML parsers do."""
    text = value if isinstance(value, str) else cell_text(value)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def written_key(asset_id: str) -> str:
    return row_key(cell_text(asset_id))


#: one workbook's cell styles, copied once each: a 10k-row sheet has a handful of
#: distinct styles but tens of thousands of person cells (copying per cell took a minute)
Styles = dict[int, CellStyle]


def _style(cell: XlCell, styles: Styles) -> CellStyle:
    """The cell's style, copied once per distinct style of the workbook (CellStyle is
    frozen and its objects are only ever assigned, never changed, so rows share it)."""
    key = cell.style_id
    found = styles.get(key)
    if found is None:
        found = styles[key] = CellStyle(
            font=copy(cell.font), fill=copy(cell.fill), border=copy(cell.border),
            alignment=copy(cell.alignment), number_format=str(cell.number_format),
            protection=copy(cell.protection))
    return found


def _value(cell: XlCell) -> Value:
    value = cell.value
    if value is None or isinstance(value, str | int | float | datetime):
        return value
    return str(value)


def _read_cell(cell: XlCell, person: bool, styles: Styles) -> FilledCell | None:
    value = _value(cell)
    comment = cell.comment.text if cell.comment is not None else None
    if value in (None, "") and comment is None:
        return None
    author = cell.comment.author if cell.comment is not None else ""
    return FilledCell(value=value, style=_style(cell, styles) if person else None,
                      comment=comment,
                      comment_author=str(author or ""))


def _read_sheet(sheet: Worksheet, columns: tuple[Column, ...], styles: Styles) -> FilledSheet:
    header_cells = next(sheet.iter_rows(min_row=1, max_row=1), ())
    headers = [str(c.value).strip() if c.value is not None else "" for c in header_cells]
    known = {c.header: c.person_filled for c in columns}
    extra = tuple(h for h in headers if h and h not in known)
    key_header = _KEYS.get(sheet.title, KEY_HEADER)
    if key_header not in headers:
        return FilledSheet(sheet.title, extra)
    key_index = headers.index(key_header)
    rows: dict[str, FilledRow] = {}
    for row in sheet.iter_rows(min_row=2):
        asset_id = _value(row[key_index]) if key_index < len(row) else None
        if asset_id in (None, ""):
            continue
        cells = {}
        for header, cell in zip(headers, row, strict=False):
            read = _read_cell(cell, known.get(header, True), styles) if header else None
            if read is not None:
                cells[header] = read
        rows[row_key(str(asset_id))] = FilledRow(row_key(str(asset_id)), cells)
    return FilledSheet(sheet.title, extra, rows)


def read_filled(data: bytes) -> FilledWorksheet:
    """Parse a filled worksheet (XLSX bytes); unknown sheets are ignored."""
    try:
        book = load_workbook(BytesIO(data), data_only=False)
    except (BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputFileError(f"not a readable XLSX worksheet: {exc}") from None
    styles: Styles = {}
    sheets = {title: _read_sheet(book[title], columns, styles)
              for title, columns in KEYED_SHEETS.items() if title in book.sheetnames}
    if not sheets:
        raise InputFileError("no 'Assets' or 'Priorities' sheet: not a drscout worksheet")
    return FilledWorksheet(sheets)
