from __future__ import annotations

import re
import zipfile
from io import BytesIO

import openpyxl
import pandas as pd
import pytest
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

import reports.worksheet.xlsx as xlsx
from analysis.model import Assessment
from reports import render_worksheet_xlsx
from reports.sanitize import FORMULA_PREFIXES

ASSET_HEADERS = [
    "Asset ID", "Name", "Type", "Roles", "Vendor", "Model", "Serial", "OS/firmware and version",
    "IPs", "MACs", "Network attachment", "Location", "Runs on", "Services", "First seen",
    "Last seen", "Source", "Scan status", "Business function", "Owner", "Vendor support contact",
    "Warranty expiry", "Backup method", "Backup frequency", "Backup offsite (yes/no)",
]
PRIORITY_HEADERS = [
    "Asset ID", "Asset/service", "Suggested tier", "Tier reason", "Depends on (names)",
    "SPOFs on its path", "Processes stopped", "Workloads stopped", "Seats cut off",
    "Suggested recovery order", "Plan checks", "Suggested RTO", "Suggested RPO",
    "MTD", "RTO", "RPO", "Business process", "Approved tier", "Manual workaround",
]
PERSON = {"Assets": ASSET_HEADERS[18:], "Priorities": PRIORITY_HEADERS[13:]}
SHEETS = ["Cover", "Business processes", "Assets", "Priorities", "Dependencies", "SPOFs",
          "Findings", "Recovery order", "Contacts and call tree", "Vendors and ISP", "Backups",
          "Recovery procedures", "Cloud and SaaS", "Coverage", "Plan checks"]


def _load(assessment: Assessment) -> Workbook:
    return openpyxl.load_workbook(BytesIO(render_worksheet_xlsx(assessment)))


def _rows(sheet: Worksheet) -> list[dict[str, object]]:
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_sheets_and_exact_headers(assessment: Assessment) -> None:
    book = _load(assessment)
    assert book.sheetnames == SHEETS
    assert [c.value for c in book["Assets"][1]] == ASSET_HEADERS
    assert [c.value for c in book["Priorities"][1]] == PRIORITY_HEADERS
    assert book["Assets"].max_row == len(assessment.inventory.assets) + 1
    assert book["Priorities"].max_row == len(assessment.priorities) + 1


def test_pandas_reads_it(assessment: Assessment) -> None:
    frames = pd.read_excel(BytesIO(render_worksheet_xlsx(assessment)), sheet_name=None)
    assert list(frames["Assets"].columns) == ASSET_HEADERS
    assert len(frames["Assets"]) == len(assessment.inventory.assets)
    assert list(frames["Priorities"].columns) == PRIORITY_HEADERS


def test_no_cell_is_a_formula(assessment: Assessment) -> None:
    data = render_worksheet_xlsx(assessment)
    with zipfile.ZipFile(BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == len(openpyxl.load_workbook(BytesIO(data)).sheetnames)
        for name in sheets:
            assert not re.search(rb"<f[ >]", archive.read(name)), name
    for sheet in openpyxl.load_workbook(BytesIO(data)).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                if isinstance(cell.value, str):
                    assert not cell.value.lstrip(" ").startswith(FORMULA_PREFIXES), cell.value


def test_hostile_payloads_are_kept_as_neutral_text(hostile: Assessment) -> None:
    values = [c.value for s in _load(hostile).worksheets for r in s.iter_rows() for c in r]
    texts = [v for v in values if isinstance(v, str)]
    assert "'=HYPERLINK(\"http://x\",\"y\")" in {t.split(" ")[0] for t in texts}
    assert any(t.startswith("'@SUM(1)") for t in texts)
    assert max(len(t) for t in texts) < 32_767
    assert not any("\x00" in t or "\ud800" in t for t in texts)


def test_string_stays_text_even_without_the_quote(monkeypatch: pytest.MonkeyPatch) -> None:
    """Second layer: data_type "s" alone stops openpyxl writing a formula."""
    monkeypatch.setattr(xlsx, "cell_text", lambda value: value)
    book = openpyxl.Workbook()
    xlsx.write_value(book.active, 1, 1, '=HYPERLINK("http://x","y")')
    buffer = BytesIO()
    book.save(buffer)
    cell = openpyxl.load_workbook(BytesIO(buffer.getvalue())).active["A1"]
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://x","y")'


def test_person_filled_columns_are_empty_and_marked(assessment: Assessment) -> None:
    book = _load(assessment)
    for title, headers in PERSON.items():
        sheet = book[title]
        for cell in sheet[1]:
            person = cell.value in headers
            assert cell.comment is not None
            assert ("filled by a person" in cell.comment.text.lower()) is person
            assert (cell.fill.fgColor.rgb == "00FFF2CC") is person
        for row in _rows(sheet):
            assert all(row[h] is None for h in headers)


def test_layout_freeze_filter_widths_dropdowns(benign: Assessment) -> None:
    book = _load(benign)
    for title in ("Assets", "Priorities"):
        sheet = book[title]
        assert sheet.freeze_panes == "B2"
        assert sheet.page_setup.orientation == "landscape"
        assert not sheet.sheet_properties.pageSetUpPr.fitToPage, "too wide to fit at 8 pt"
        assert sheet.page_setup.scale == 80
        assert sheet.print_title_rows == "$1:$1"
        assert sheet.print_title_cols == "$A:$B"
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}" \
                                         f"{sheet.max_row}"
        assert sheet.column_dimensions["A"].width > 10
    dropdowns = {str(v.sqref): v.formula1 for s in (book["Assets"], book["Priorities"])
                 for v in s.data_validations.dataValidation}
    assert dropdowns == {"R2:R6": '"1,2,3,4"', "Y2:Y11": '"yes,no"'}


def test_benign_content(benign: Assessment) -> None:
    book = _load(benign)
    assets = {r["Name"]: r for r in _rows(book["Assets"])}
    assert assets["pve1"]["Network attachment"] == "sw-core:Gi0/2"
    assert assets["sw-office"]["Network attachment"] == "sw-core:Gi0/24"
    assert assets["sw-core"]["Network attachment"] is None
    assert assets["dc01"]["Runs on"] == "pve1"
    assert assets["gw-office"]["OS/firmware and version"] == "pfSense 2.7.2"
    assert str(assets["gw-office"]["Services"]).startswith("22/tcp ssh OpenSSH 9.2p1; ")
    assert assets["sw-core"]["Source"] == "nmap, snmp; type from snmp (0.8: bridge with 3 ports)"
    priorities = _rows(book["Priorities"])
    assert [p["Asset/service"] for p in priorities] == ["ups01", "sw-core", "pve1", "dc01",
                                                        "files01"]
    pve = priorities[2]
    assert pve["Suggested tier"] == 1
    assert pve["Depends on (names)"] == "sw-core, ups01"
    assert pve["SPOFs on its path"] == "sw-core, ups01"
    assert (pve["Processes stopped"], pve["Workloads stopped"], pve["Seats cut off"]) == (
        1, 2, "0 of 2 seats (0.0%)")
    assert (pve["Suggested RTO"], pve["Suggested RPO"]) == ("<= 4 h", "<= 1 h")
    assert pve["Suggested recovery order"] == "wave 3, #1"
    coverage = {r["Item"]: r for r in _rows(book["Coverage"])}
    assert coverage["Gap: snmp auth"]["Targets"] == "192.168.10.20"
    assert coverage["Collector nmap"]["Value"] == "contributed to 8 assets; 1 targets it " \
                                                 "could not read"
    recovery = _rows(book["Recovery order"])
    assert [(r["Wave"], r["Asset"]) for r in recovery][:2] == [(1, "ups01"), (2, "sw-core")]
    assert len(_rows(book["Dependencies"])) == len(benign.graph.edges)
    spofs = _rows(book["SPOFs"])
    assert spofs[1]["Blast radius"] == "dc01, files01, File sharing"
    assert (spofs[1]["Processes stopped"], spofs[1]["Workloads"]) == (1, "dc01, files01")
