"""worksheet.xlsx: the DR planning worksheet, prefilled where drscout knows the answer.

Columns a person must fill are empty, shaded and carry a header note saying so.
Every string goes through :func:`reports.sanitize.cell_text` and is stored with
``data_type = "s"``: openpyxl otherwise turns any string starting with ``=``
into a formula, and a device chooses its own sysDescr.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from analysis.model import Assessment
from reports.columns import ASSET_COLUMNS, PRIORITY_COLUMNS, VALIDATIONS, Column
from reports.rows import Cell, asset_rows, names, priority_rows
from reports.sanitize import cell_text

INPUT_FILL = PatternFill(fill_type="solid", start_color="FFF2CC", end_color="FFF2CC")
HEADER_FILL = PatternFill(fill_type="solid", start_color="D9E1F2", end_color="D9E1F2")
_COMMENT_AUTHOR = "drscout"


def write_value(sheet: Worksheet, row: int, column: int, value: Cell) -> None:
    """Store ints as numbers and everything else as neutralised text, never a formula."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, int) and not isinstance(value, bool):
        cell.value = value
        return
    cell.value = cell_text(value)
    cell.data_type = "s"


def _write_header(sheet: Worksheet, columns: Sequence[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        write_value(sheet, 1, index, column.header)
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = INPUT_FILL if column.person_filled else HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.comment = Comment(column.note, _COMMENT_AUTHOR, width=260, height=90)
        sheet.column_dimensions[get_column_letter(index)].width = column.width


def _add_validations(sheet: Worksheet, columns: Sequence[Column], last_row: int) -> None:
    for index, column in enumerate(columns, start=1):
        choices = VALIDATIONS.get(column.header)
        if not choices:
            continue
        letter = get_column_letter(index)
        validation = DataValidation(type="list", formula1='"' + ",".join(choices) + '"',
                                    allow_blank=True, showErrorMessage=True)
        validation.error = f"Choose one of: {', '.join(choices)}"
        validation.add(f"{letter}2:{letter}{last_row}")
        sheet.add_data_validation(validation)


def write_table(sheet: Worksheet, columns: Sequence[Column], rows: list[list[Cell]]) -> None:
    """Header, rows, shading of person-filled columns, freeze, filter, dropdowns."""
    _write_header(sheet, columns)
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            write_value(sheet, r, c, value)
            cell = sheet.cell(row=r, column=c)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if columns[c - 1].person_filled:
                cell.fill = INPUT_FILL
    last_row = max(len(rows) + 1, 2)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last_row}"
    _add_validations(sheet, columns, last_row)


FINDING_COLUMNS = (
    Column("Severity", 10, "critical, high, medium, low or info."),
    Column("Finding", 40, "What drscout found."),
    Column("Assets", 30, "Assets concerned."),
    Column("Evidence", 50, "What the finding rests on."),
    Column("Recommendation", 50, "What to do about it."),
)
SPOF_COLUMNS = (
    Column("Single point of failure", 30, "Asset, link or role with no alternative."),
    Column("Reason", 50, "Why nothing else can take over."),
    Column("Blast radius", 50, "What stops when it stops."),
    Column("Processes", 30, "Business processes it takes down."),
)


def _finding_rows(assessment: Assessment, table: dict[str, str]) -> list[list[Cell]]:
    return [[f.severity, f.title, ", ".join(table.get(i, i) for i in f.asset_ids),
             "\n".join(f.evidence), f.recommendation] for f in assessment.findings]


def _spof_rows(assessment: Assessment, table: dict[str, str]) -> list[list[Cell]]:
    return [[s.label, s.reason, ", ".join(table.get(i, i) for i in s.blast_radius),
             ", ".join(table.get(i, i) for i in s.processes)] for s in assessment.spofs]


def render_worksheet_xlsx(assessment: Assessment) -> bytes:
    table = names(assessment)
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheets = (
        ("Assets", ASSET_COLUMNS, asset_rows(assessment)),
        ("Priorities", PRIORITY_COLUMNS, priority_rows(assessment)),
        ("Findings", FINDING_COLUMNS, _finding_rows(assessment, table)),
        ("SPOFs", SPOF_COLUMNS, _spof_rows(assessment, table)),
    )
    for title, columns, rows in sheets:
        write_table(workbook.create_sheet(title), columns, rows)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
