"""The Priorities sheet names the VMs a hypervisor host runs (issue 4)."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook

from analysis.model import Assessment
from reports.rows import hosted, priority_rows
from reports.worksheet.md import render_worksheet_md
from reports.worksheet.xlsx import render_worksheet_xlsx


def _row(assessment: Assessment, name: str) -> list[str | int]:
    return next(r for r in priority_rows(assessment) if r[1] == name)


def test_host_row_names_its_vms(benign: Assessment) -> None:
    pve = next(a for a in benign.inventory.assets if a.name == "pve1")
    assert hosted(benign.inventory)[pve.id] == ["dc01", "files01"]
    assert str(_row(benign, "pve1")[3]).endswith("; runs VMs: dc01, files01")


def test_rows_without_vms_keep_the_plain_reason(benign: Assessment) -> None:
    for name in ("dc01", "sw-core", "ups01"):
        priority = next(p for p in benign.priorities if p.name == name)
        assert _row(benign, name)[3] == priority.tier_reason


def test_both_worksheets_show_it(benign: Assessment) -> None:
    assert "runs VMs: dc01, files01" in render_worksheet_md(benign).decode("utf-8")
    sheet = load_workbook(BytesIO(render_worksheet_xlsx(benign)))["Priorities"]
    header = [c.value for c in sheet[1]]
    reasons = {r[1]: r[header.index("Tier reason")] for r in sheet.iter_rows(min_row=2,
                                                                             values_only=True)}
    assert "runs VMs: dc01, files01" in str(reasons["pve1"])
