"""The gap report's "plan as people wrote it" section in Markdown (rows from
:mod:`reports.plan_people`, cells escaped by :func:`reports.sanitize.md_text`)."""

from __future__ import annotations

from collections.abc import Sequence

from analysis.model import Assessment
from reports.gap_html import TABLE_ROWS
from reports.plan_people import (
    ASSET_HEADERS,
    BACKUP_HEADERS,
    PROCESS_HEADERS,
    asset_rows,
    backup_rows,
    intro,
    process_rows,
)
from reports.sanitize import md_text


def _table(headers: Sequence[str], rows: list[list[str]]) -> list[str]:
    if not rows:
        return []
    return ["| " + " | ".join(md_text(h) for h in headers) + " |",
            "|" + "|".join("---" for _ in headers) + "|",
            *["| " + " | ".join(md_text(c) for c in row) + " |" for row in rows], ""]


def people_lines(assessment: Assessment) -> list[str]:
    """The section; past TABLE_ROWS assets, where the rest are (as the HTML does)."""
    rows = asset_rows(assessment)
    more = len(rows) - TABLE_ROWS
    return ["## The plan as people wrote it", "", md_text(intro(assessment)), "",
            *_table(PROCESS_HEADERS, process_rows(assessment)),
            *_table(ASSET_HEADERS, rows[:TABLE_ROWS]),
            *([f"{more:,} more in priorities.csv and the workbook's Priorities sheet.", ""]
              if more > 0 else []),
            *_table(BACKUP_HEADERS, backup_rows(assessment)[:TABLE_ROWS])]
