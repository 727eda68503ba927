"""The workbook's Cloud and SaaS sheet (and its worksheet.md table): the rows of
:mod:`reports.cloud_rows` under :data:`reports.columns.CLOUD_COLUMNS`, with what a person
wrote on the previous workbook carried on the Service ID.

A service the DNS no longer shows, or a row a person added for a service no DNS record
reveals (accounting, CRM, file sharing), keeps its row and everything written in it.
"""

from __future__ import annotations

from dataclasses import replace

from analysis.model import Assessment
from reports.cloud_rows import cloud_rows, unread_lines
from reports.columns import CLOUD_COLUMNS, Column
from reports.filled import FilledWorksheet
from reports.rows import Cell
from reports.worksheet.carry import KeyedRow, carry, extra_columns

TITLE = "Cloud and SaaS"
STATUS = "Status"
KEPT = ("not in this scan's DNS answers (added by a person, or no longer found): kept as "
        "written")
_PERSON_BLANKS: list[Cell] = ["" for c in CLOUD_COLUMNS if c.person_filled]


def cloud_values(assessment: Assessment) -> list[tuple[str, list[Cell]]]:
    """(Service ID, row) per service; none found: one row per reason (no Service ID)."""
    rows = cloud_rows(assessment)
    if rows:
        return [(r.key, [r.key, r.domain, r.service, r.provider, r.where, r.depends,
                         r.confidence, r.evidence, "", *_PERSON_BLANKS]) for r in rows]
    return [("", ["", "", "(no cloud or mail service found)", "", "", "", "", line, "",
                  *_PERSON_BLANKS]) for line in unread_lines(assessment)]


def cloud_table(assessment: Assessment) -> tuple[tuple[Column, ...], list[list[Cell]]]:
    """The columns and rows, for worksheet.md."""
    return CLOUD_COLUMNS, [values for _, values in cloud_values(assessment)]


def _kept(row: KeyedRow, columns: tuple[Column, ...]) -> KeyedRow:
    index = [c.header for c in columns].index(STATUS)
    return replace(row, values=[KEPT if i == index else v for i, v in enumerate(row.values)])


def cloud_sheet(assessment: Assessment, previous: FilledWorksheet | None
                ) -> tuple[str, tuple[Column, ...], list[KeyedRow]]:
    """The sheet for the workbook writer: current rows with the person's cells attached,
    then the rows of the previous workbook this scan did not produce."""
    cols = CLOUD_COLUMNS + extra_columns(previous.sheet(TITLE) if previous else None)
    values = cloud_values(assessment)
    found = [(k, v) for k, v in values if k]
    unread = [KeyedRow("", v) for k, v in values if not k]
    rows = carry(cols, found, previous, TITLE, STATUS)
    return TITLE, cols, unread + [_kept(r, cols) if r.gone else r for r in rows]
