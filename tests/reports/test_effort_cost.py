"""Every finding's effort and cost bands reach the gap report (HTML and Markdown),
the worksheet's Findings sheet and the findings CSV."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from analysis.model import Assessment
from reports.csv_tables import CSV_TABLES
from reports.gap_html import render_gap_html
from reports.gap_md import render_gap_md
from reports.worksheet.xlsx import render_worksheet_xlsx


def test_bands_in_gap_reports(benign: Assessment) -> None:
    html = render_gap_html(benign).decode()
    md = render_gap_md(benign).decode()
    for f in benign.findings:
        assert f"<strong>Effort:</strong> {f.effort} · <strong>Cost:</strong> {f.cost}" in html
        assert f"**Effort:** {f.effort} · **Cost:** {f.cost}" in md
    assert "(a second host and shared storage)" in md


def test_bands_in_worksheet_and_csv(benign: Assessment) -> None:
    sheet = load_workbook(io.BytesIO(render_worksheet_xlsx(benign)))["Findings"]
    rows = list(sheet.iter_rows(values_only=True))
    header = [c for c in rows[0] if c]
    at = {name: header.index(name) for name in ("Finding", "Effort", "Cost")}
    seen = {(r[at["Finding"]], r[at["Effort"]], r[at["Cost"]]) for r in rows[1:] if r[0]}
    assert seen == {(f.title, f.effort, f.cost) for f in benign.findings}
    data = dict(CSV_TABLES)["findings.csv"](benign).decode()
    table = list(csv.DictReader(io.StringIO(data)))
    assert {(r["id"], r["effort"], r["cost"]) for r in table} == {
        (f.id, f.effort, f.cost) for f in benign.findings}
