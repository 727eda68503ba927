"""Pure renderers: each takes an Assessment and returns the bytes of one file.

The CLI owns the files (names, folder, atomic writes); renderers never touch
the filesystem, so they are trivially testable on one shared sample dataset.
"""

from __future__ import annotations

from collections.abc import Callable

from analysis.model import Assessment
from reports.csv_assets import render_assets_csv
from reports.gap_html import render_gap_html
from reports.gap_md import render_gap_md
from reports.graphml import render_graphml
from reports.inventory_json import render_assessment_json, render_inventory_json
from reports.worksheet.md import render_worksheet_md
from reports.worksheet.xlsx import render_worksheet_xlsx

Renderer = Callable[[Assessment], bytes]

#: file name -> renderer, in the order the CLI writes them.
OUTPUTS: tuple[tuple[str, Renderer], ...] = (
    ("inventory.json", render_inventory_json),
    ("assessment.json", render_assessment_json),
    ("assets.csv", render_assets_csv),
    ("graph.graphml", render_graphml),
    ("worksheet.xlsx", render_worksheet_xlsx),
    ("worksheet.md", render_worksheet_md),
    ("gap-report.html", render_gap_html),
    ("gap-report.md", render_gap_md),
)

__all__ = [
    "OUTPUTS",
    "Renderer",
    "render_assessment_json",
    "render_assets_csv",
    "render_gap_html",
    "render_gap_md",
    "render_graphml",
    "render_inventory_json",
    "render_worksheet_md",
    "render_worksheet_xlsx",
]
