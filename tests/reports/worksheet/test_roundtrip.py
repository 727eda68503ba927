"""The worksheet round trip on two recorded lab scans: a person fills the first worksheet,
the office changes (files2 unplugged, db gains an address), the rescan's worksheet keeps
every word, style and comment, shows what changed and flags the plans that no longer hold."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

from analysis import assess
from analysis.model import Assessment
from reports.filled import FilledWorksheet, read_filled
from reports.worksheet.xlsx import render_worksheet_xlsx
from scanner.errors import InputFileError
from scanner.files import load_inventory
from tests.reports import person
from tests.reports.person import COMMENTS, DB, ENTRIES, FILES2, STYLED, SW

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "reports"


@pytest.fixture(scope="module")
def before() -> Assessment:
    return assess(load_inventory(FIXTURES / "lab-before.json"))


@pytest.fixture(scope="module")
def after() -> Assessment:
    return assess(load_inventory(FIXTURES / "lab-after.json"))


@pytest.fixture(scope="module")
def filled(before: Assessment) -> bytes:
    return person.fill(render_worksheet_xlsx(before))


@pytest.fixture(scope="module")
def rescan(after: Assessment, filled: bytes, artifacts: Path) -> Workbook:
    data = render_worksheet_xlsx(after, read_filled(filled))
    (artifacts / "worksheet-filled.xlsx").write_bytes(filled)
    (artifacts / "worksheet-rescan.xlsx").write_bytes(data)
    return openpyxl.load_workbook(BytesIO(data))


def _cell(book: Workbook, title: str, asset_id: str, header: str) -> openpyxl.cell.Cell:
    sheet = book[title]
    headers = {c.value: c.column for c in sheet[1]}
    for r in range(2, sheet.max_row + 1):
        if sheet.cell(r, headers["Asset ID"]).value == asset_id:
            return sheet.cell(r, headers[header])
    raise AssertionError(f"{asset_id} not on {title}")


def test_the_lab_changed_as_recorded(before: Assessment, after: Assessment) -> None:
    ids_before = {a.id for a in before.inventory.assets}
    ids_after = {a.id for a in after.inventory.assets}
    assert FILES2 in ids_before and FILES2 not in ids_after


def test_every_person_entry_is_kept(rescan: Workbook) -> None:
    for (title, asset_id, header), typed in ENTRIES.items():
        cell = _cell(rescan, title, asset_id, header)
        assert cell.value == typed, (title, asset_id, header)
        assert cell.data_type != "f"


def test_styles_and_comments_are_kept(rescan: Workbook) -> None:
    for title, asset_id, header in STYLED:
        cell = _cell(rescan, title, asset_id, header)
        assert cell.font.bold and cell.font.color.rgb == "FFC00000"
        assert cell.fill.fgColor.rgb == "FFC6EFCE"
    for (title, asset_id, header), text in COMMENTS.items():
        comment = _cell(rescan, title, asset_id, header).comment
        assert comment is not None and comment.text == text
        assert comment.author == person.AUTHOR


def test_gone_asset_keeps_its_row_and_says_since_when(rescan: Workbook,
                                                       before: Assessment) -> None:
    status = _cell(rescan, "Assets", FILES2, "Scan status").value
    asset = before.inventory.asset(FILES2)
    assert asset is not None and asset.last_seen is not None
    last_seen = asset.last_seen
    assert status == f"not seen since {last_seen.isoformat(timespec='seconds')}"
    assert _cell(rescan, "Assets", FILES2, "Name").value == "files2.office.lan"
    assert _cell(rescan, "Priorities", FILES2, "Plan checks").value == status
    assert _cell(rescan, "Assets", DB, "IPs").value == "10.77.0.40, 10.77.0.41"


def test_plan_checks_flag_what_no_longer_holds(rescan: Workbook) -> None:
    db = _cell(rescan, "Priorities", DB, "Plan checks").value
    assert "RTO 8 hours is longer than the MTD 4h" in db
    assert "RPO 1h but backups run every 24h (daily)" in db
    assert "tier 1 but single points of failure lie on its path: sw.office.lan" in db
    assert "tier 1 but nobody is named under Owner" in db
    sw = _cell(rescan, "Priorities", SW, "Plan checks").value
    assert "approved tier 3 but db.office.lan (tier 1) depends on it" in sw
    assert "nobody is named" not in (sw or "")
    checks = {(r[0].value, r[1].value) for r in rescan["Plan checks"].iter_rows(min_row=2)}
    assert ("db.office.lan", "rto-above-mtd") in checks
    assert ("sw.office.lan", "tier-below-dependents") in checks


def test_person_formula_is_kept_as_text_never_live(rescan: Workbook, filled: bytes) -> None:
    assets = rescan.sheetnames.index("Assets") + 1
    assert b"<f>HYPERLINK" in _sheet_xml(filled, assets), "the person really typed a formula"
    data = BytesIO()
    rescan.save(data)
    assert not re.search(rb"<f[ >]", _sheet_xml(data.getvalue(), assets))


def _sheet_xml(xlsx: bytes, index: int) -> bytes:
    with zipfile.ZipFile(BytesIO(xlsx)) as archive:
        return archive.read(f"xl/worksheets/sheet{index}.xml")


def test_person_column_of_their_own_is_kept_last(rescan: Workbook) -> None:
    headers = [c.value for c in rescan["Assets"][1]]
    assert headers[-1] == "Cost centre"


def test_reading_back_an_unfilled_worksheet_changes_nothing(hostile: Assessment) -> None:
    first = render_worksheet_xlsx(hostile)
    again = render_worksheet_xlsx(hostile, read_filled(first))
    book = openpyxl.load_workbook(BytesIO(again))
    statuses = [c.value for c in book["Assets"]["R"][1:]]
    assert statuses == [None] * len(hostile.inventory.assets), "no row lost or duplicated"
    fired = {r[1].value for r in book["Plan checks"].iter_rows(min_row=2)}
    assert fired == {"tier1-spof", "tier1-no-owner"}, "only checks needing no person entry"


def test_new_assets_are_marked_new(after: Assessment, filled: bytes) -> None:
    data = read_filled(filled)
    trimmed = FilledWorksheet({t: s for t, s in data.sheets.items()})
    assets = trimmed.sheet("Assets").rows
    del assets["mac-027700000066"]
    book = openpyxl.load_workbook(BytesIO(render_worksheet_xlsx(after, trimmed)))
    assert _cell(book, "Assets", "mac-027700000066", "Scan status").value == "new"


def test_not_a_workbook_is_an_input_error() -> None:
    with pytest.raises(InputFileError):
        read_filled(b"not a zip")
