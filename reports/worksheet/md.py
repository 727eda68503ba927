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
from reports.columns import (
    ASSET_COLUMNS,
    BACKUP_COLUMNS,
    CONTACT_COLUMNS,
    PRIORITY_COLUMNS,
    PROCEDURE_COLUMNS,
    PROCESS_COLUMNS,
    VENDOR_COLUMNS,
    Column,
)
from reports.plan_checks import by_asset, plan_checks
from reports.rows import Cell, asset_rows, priority_rows
from reports.sanitize import md_text
from reports.worksheet.business import contact_rows, procedure_rows, process_rows, vendor_rows
from reports.worksheet.cover import TITLE, cover_rows
from reports.worksheet.sheets import CHECK_COLUMNS, backup_rows, check_rows

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


def _values(rows: list[tuple[str, list[Cell]]]) -> list[list[Cell]]:
    return [values for _, values in rows]


#: the sections, in the workbook's order (the Cover comes first, as a list)
SECTIONS = ("Business processes", "Assets", "Priorities", "Contacts and call tree",
            "Vendors and ISP", "Backups", "Recovery procedures", "Cloud and SaaS", "Plan checks")


def _cover(assessment: Assessment) -> list[str]:
    return [f"- **{md_text(row.item)}**: {md_text(row.value) or '(to fill)'}"
            for row in cover_rows(assessment, SECTIONS)]


@client_facing
def render_worksheet_md(assessment: Assessment) -> bytes:
    """The plan as Markdown: the same rows as the workbook, plan checks included (run
    against empty person columns, as on the workbook's first write)."""
    checks = plan_checks(assessment, None)
    lines = [
        f"# {TITLE}", "",
        f"Prefilled by drscout. Columns marked {PERSON_MARK} are filled by a person.", "",
        "## Cover", "", *_cover(assessment), "",
        *_section("Business processes", PROCESS_COLUMNS, _values(process_rows(assessment))),
        *_section("Assets", ASSET_COLUMNS, asset_rows(assessment)),
        *_section("Priorities", PRIORITY_COLUMNS, priority_rows(assessment, by_asset(checks))),
        *_section("Contacts and call tree", CONTACT_COLUMNS, _values(contact_rows(assessment))),
        *_section("Vendors and ISP", VENDOR_COLUMNS, _values(vendor_rows(assessment))),
        *_section("Backups", BACKUP_COLUMNS, [row for _, row in backup_rows(assessment)]),
        *_section("Recovery procedures", PROCEDURE_COLUMNS,
                  _values(procedure_rows(assessment, {}))),
        *_section("Cloud and SaaS", *cloud_table(assessment)),
        *_section("Plan checks", CHECK_COLUMNS, check_rows(assessment, checks)),
    ]
    return "\n".join(lines).encode("utf-8")
