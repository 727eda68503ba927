"""worksheet.xlsx: the DR planning worksheet, prefilled where drscout knows the answer.

``render_worksheet_xlsx(assessment, previous)`` is pure: ``previous`` is a
worksheet a person filled in, already parsed by :mod:`reports.filled`; every
word, style and comment they wrote is carried over (see
:mod:`reports.worksheet.carry`) and :mod:`reports.plan_checks` flags entries
that no longer hold.  drscout's strings go through
:func:`reports.sanitize.cell_text` and every string is stored with
``data_type = "s"``: openpyxl otherwise turns any string starting with ``=``
into a formula, and a device chooses its own sysDescr.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import copy
from datetime import datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as XlsxCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

import reports.worksheet.paper as paper
import reports.worksheet.sheets as ro
from analysis.model import Assessment
from reports.audience import client_view, forget_rows, scanner_ids
from reports.cloud_sheet import cloud_sheet
from reports.columns import (
    ASSET_COLUMNS,
    BACKUP_COLUMNS,
    PRIORITY_COLUMNS,
    VALIDATIONS,
    Column,
)
from reports.filled import FilledCell, FilledWorksheet
from reports.plan_checks import by_asset, plan_checks
from reports.rows import Cell, asset_rows, ordered_priorities, priority_rows
from reports.sanitize import cell_text, clean_text
from reports.worksheet.carry import KeyedRow, carry, extra_columns, new_status
from reports.worksheet.cover import TITLE, drscout_version
from reports.worksheet.plan import cover_sheet, plan_sheets

INPUT_FILL = PatternFill(fill_type="solid", start_color="FFF2CC", end_color="FFF2CC")
HEADER_FILL = PatternFill(fill_type="solid", start_color="D9E1F2", end_color="D9E1F2")
GONE_FONT = Font(italic=True, color="808080")
_COMMENT_AUTHOR = "drscout"
_WRAP = Alignment(wrap_text=True, vertical="top")


def write_value(sheet: Worksheet, row: int, column: int, value: Cell) -> None:
    """Store ints as numbers and everything else as neutralised text, never a formula."""
    _set_value(sheet.cell(row=row, column=column), value)


def _set_value(cell: XlsxCell, value: Cell) -> None:
    if isinstance(value, int) and not isinstance(value, bool):
        cell.value = value
        return
    cell.value = cell_text(value)
    cell.data_type = "s"


class _CellStyles:
    """The few looks of drscout's own cells, registered once per sheet: assigning
    ``cell.alignment``/``fill``/``font`` hashes the style object again for every cell
    (a third of the worksheet's time at 10k assets); a copy of the registered style
    array (openpyxl's own idiom for copying a style) gives the same cell."""

    def __init__(self) -> None:
        self._arrays: dict[tuple[bool, bool], StyleArray] = {}

    def apply(self, cell: XlsxCell, person: bool, gone: bool) -> None:
        key = (person, gone and not person)
        array = self._arrays.get(key)
        if array is not None:
            cell._style = copy(array)
            return
        cell.alignment = _WRAP
        if person:
            cell.fill = INPUT_FILL
        elif gone:
            cell.font = GONE_FONT
        self._arrays[key] = copy(cell._style)


def _write_person(cell: XlsxCell, filled: FilledCell) -> None:
    """A person's value as they typed it (text stays text, never a live formula), their style."""
    if isinstance(filled.value, str):
        cell.value = clean_text(filled.value)
        cell.data_type = "s"
    elif isinstance(filled.value, int | float | datetime):
        cell.value = filled.value
    if filled.style is not None:
        style = filled.style
        cell.font, cell.fill, cell.border = style.font, style.fill, style.border
        cell.alignment, cell.protection = style.alignment, style.protection
        cell.number_format = style.number_format


def _write_header(sheet: WriteOnlyWorksheet, columns: Sequence[Column]) -> None:
    cells = []
    for index, column in enumerate(columns, start=1):
        cell = XlsxCell(sheet, row=1, column=index)
        _set_value(cell, column.header)
        cell.font = Font(bold=True)
        cell.fill = INPUT_FILL if column.person_filled else HEADER_FILL
        cell.alignment = _WRAP
        cell.comment = Comment(column.note, _COMMENT_AUTHOR, width=260, height=90)
        sheet.column_dimensions[get_column_letter(index)].width = paper.shown_width(column)
        cells.append(cell)
    sheet.row_dimensions[1].height = paper.row_height(
        [c.header for c in columns], [paper.shown_width(c) for c in columns], bold=True)
    sheet.append(cells)


def _add_validations(sheet: WriteOnlyWorksheet, columns: Sequence[Column], last_row: int) -> None:
    for index, column in enumerate(columns, start=1):
        choices = VALIDATIONS.get(column.header)
        if not choices:
            continue
        letter = get_column_letter(index)
        validation = DataValidation(type="list", formula1='"' + ",".join(choices) + '"',
                                    allow_blank=True, showErrorMessage=True)
        validation.error = f"Choose one of: {', '.join(choices)}"
        validation.prompt = column.note
        validation.showInputMessage = True
        validation.add(f"{letter}2:{letter}{last_row}")
        sheet.data_validations.append(validation)


def _row_cells(sheet: WriteOnlyWorksheet, r: int, columns: Sequence[Column], row: KeyedRow,
               styles: _CellStyles) -> list[XlsxCell]:
    cells = []
    for c, column in enumerate(columns, start=1):
        value = row.values[c - 1] if c <= len(row.values) else ""
        cell = XlsxCell(sheet, row=r, column=c)
        cells.append(cell)
        _set_value(cell, value)
        person = column.person_filled if row.person_headers is None \
            else column.header in row.person_headers
        styles.apply(cell, person, row.gone)
        filled = row.person.cells.get(column.header) if row.person else None
        if filled is None:
            continue
        if person:
            _write_person(cell, filled)
        if filled.comment is not None:
            cell.comment = Comment(clean_text(filled.comment), filled.comment_author or "")
    return cells


def write_table(sheet: WriteOnlyWorksheet, columns: Sequence[Column], rows: list[KeyedRow],
                filter_rows: bool = True) -> None:
    """Header, rows (each as tall as its wrapped text), person cells, freeze, filter,
    dropdowns.  The sheet is write-only: each row goes to the file as it is made (a
    100k-asset workbook held in memory took gigabytes), so what the file writes
    before the rows (column widths, frozen panes, the print setup's fit-to-page)
    is set before the header row.  Such a sheet has no ``<dimension>`` (optional;
    Excel and LibreOffice work out the used range themselves)."""
    sheet.freeze_panes = "B2" if columns[0].header == "Asset ID" else "A2"
    _write_header(sheet, columns)
    widths = [paper.shown_width(c) for c in columns]
    styles = _CellStyles()
    for r, row in enumerate(rows, start=2):
        cells = _row_cells(sheet, r, columns, row, styles)
        sheet.row_dimensions[r].height = paper.row_height([c.value for c in cells], widths)
        sheet.append(cells)
    last_row = max(len(rows) + 1, 2)
    if filter_rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last_row}"
    _add_validations(sheet, columns, last_row)


def _plain(rows: list[list[Cell]]) -> list[KeyedRow]:
    return [KeyedRow("", values) for values in rows]


def _keyed_sheets(assessment: Assessment, previous: FilledWorksheet | None,
                  checks: dict[str, str]) -> list[tuple[str, tuple[Column, ...], list[KeyedRow]]]:
    assets = assessment.inventory.assets
    status = new_status([a.id for a in assets], previous)
    asset_cols = ASSET_COLUMNS + extra_columns(previous.sheet("Assets") if previous else None)
    prio_cols = PRIORITY_COLUMNS + extra_columns(
        previous.sheet("Priorities") if previous else None)
    asset_current = list(zip([a.id for a in assets], asset_rows(assessment, status),
                             strict=True))
    prio_current = list(zip([p.asset_id for p in ordered_priorities(assessment)],
                            priority_rows(assessment, checks), strict=True))
    return [
        ("Assets", asset_cols, carry(asset_cols, asset_current, previous, "Assets",
                                     "Scan status")),
        ("Priorities", prio_cols, carry(prio_cols, prio_current, previous, "Priorities",
                                        "Plan checks")),
    ]


def _backups_sheet(assessment: Assessment, previous: FilledWorksheet | None
                   ) -> tuple[str, tuple[Column, ...], list[KeyedRow]]:
    """Jobs keyed on their Backup ID, so a person's destination, retention and restore
    test carry to the next worksheet (a job no longer found keeps its row, greyed)."""
    cols = BACKUP_COLUMNS + extra_columns(previous.sheet("Backups") if previous else None)
    rows = ro.backup_rows(assessment)
    if rows and not rows[0][0]:  # none found: what was checked, plus any row kept before
        kept = carry(cols, [], previous, "Backups", "") if previous else []
        return "Backups", cols, _plain([r for _, r in rows]) + kept
    return "Backups", cols, carry(cols, rows, previous, "Backups", "")


def render_worksheet_xlsx(assessment: Assessment,
                          previous: FilledWorksheet | None = None) -> bytes:
    """The worksheet, for the client: without the scanning machine (see reports.audience),
    also when a filled worksheet from before still lists it."""
    hidden = scanner_ids(assessment)
    return _render_xlsx(client_view(assessment), forget_rows(previous, hidden))


def _render_xlsx(assessment: Assessment, previous: FilledWorksheet | None) -> bytes:
    """Plan checks run on the first write too (against an empty worksheet), so feeding
    an unchanged worksheet back adds none."""
    checks = plan_checks(assessment, previous)
    plan = plan_sheets(assessment, previous)
    sheets = [
        plan["Business processes"],
        *_keyed_sheets(assessment, previous, by_asset(checks)),
        ("Dependencies", ro.DEPENDENCY_COLUMNS, _plain(ro.dependency_rows(assessment))),
        ("SPOFs", ro.SPOF_COLUMNS, _plain(ro.spof_rows(assessment))),
        ("Findings", ro.FINDING_COLUMNS, _plain(ro.finding_rows(assessment))),
        ("Recovery order", ro.RECOVERY_COLUMNS, _plain(ro.recovery_rows(assessment))),
        plan["Contacts and call tree"],
        plan["Vendors and ISP"],
        _backups_sheet(assessment, previous),
        plan["Recovery procedures"],
        cloud_sheet(assessment, previous),
        ("Coverage", ro.COVERAGE_COLUMNS, _plain(ro.coverage_rows(assessment))),
        ("Plan checks", ro.CHECK_COLUMNS, _plain(ro.check_rows(assessment, checks))),
    ]
    sheets.insert(0, cover_sheet(assessment, previous, tuple(t for t, _, _ in sheets)))
    workbook = Workbook(write_only=True)
    _properties(workbook, assessment)
    client = assessment.site_client or assessment.site_name
    footer = f"drscout {drscout_version()}, {scope_date(assessment)}"
    for title, columns, rows in sheets:
        sheet = workbook.create_sheet(title)
        keys = 2 if title in ("Assets", "Priorities", "Recovery procedures", "Backups") else 1
        paper.apply(sheet, columns, client, footer, keys)
        write_table(sheet, columns, rows, filter_rows=title != "Cover")
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _properties(workbook: Workbook, assessment: Assessment) -> None:
    client = assessment.site_client or assessment.site_name
    workbook.properties.creator = f"drscout {drscout_version()}"
    workbook.properties.title = clean_text(f"{TITLE}: {client}" if client else TITLE, 200)
    workbook.properties.subject = "Disaster recovery plan workbook"


def scope_date(assessment: Assessment) -> str:
    scan = assessment.inventory.scan
    moment = scan.finished or scan.started
    return f"scan of {moment.date().isoformat()}" if moment else "scan date not recorded"
