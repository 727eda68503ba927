"""worksheet.md: the worksheet as Markdown tables, for wikis and plain-text review.

Same columns and rows as the XLSX (both come from :mod:`reports.columns` and
:mod:`reports.rows`).  Cells are escaped by :func:`reports.sanitize.md_text`
so a device string cannot break the table, inject HTML or forge a link.
"""

from __future__ import annotations

from collections.abc import Sequence

from analysis.model import Assessment
from reports.audience import client_facing
from reports.cloud_sheet import cloud_table
from reports.columns import ASSET_COLUMNS, BACKUP_COLUMNS, PRIORITY_COLUMNS, Column
from reports.rows import Cell, asset_rows, priority_rows
from reports.sanitize import md_text
from reports.worksheet.sheets import backup_rows

PERSON_MARK = "✎"


def _header(column: Column) -> str:
    return f"{column.header} {PERSON_MARK}" if column.person_filled else column.header


def table(columns: Sequence[Column], rows: list[list[Cell]]) -> list[str]:
    lines = ["| " + " | ".join(md_text(_header(c)) for c in columns) + " |",
             "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(md_text(v) for v in row) + " |" for row in rows]
    return lines


def legend(columns: Sequence[Column]) -> list[str]:
    return [f"- **{md_text(c.header)}**: {md_text(c.note)}" for c in columns]


def _section(title: str, columns: Sequence[Column], rows: list[list[Cell]]) -> list[str]:
    return [f"## {title}", "", *table(columns, rows), "", "### Columns", "",
            *legend(columns), ""]


@client_facing
def render_worksheet_md(assessment: Assessment) -> bytes:
    lines = [
        "# Disaster recovery worksheet", "",
        f"Prefilled by drscout. Columns marked {PERSON_MARK} are filled by a person.", "",
        *_section("Assets", ASSET_COLUMNS, asset_rows(assessment)),
        *_section("Priorities", PRIORITY_COLUMNS, priority_rows(assessment)),
        *_section("Backups", BACKUP_COLUMNS, [row for _, row in backup_rows(assessment)]),
        *_section("Cloud and SaaS", *cloud_table(assessment)),
    ]
    return "\n".join(lines).encode("utf-8")
