"""The DR plan workbook's business sheets: prefilled from the scan and the site file,
shaded where a person writes, and what the person wrote carried to the next workbook
(also when what a row was about is gone).  Plan checks show on the first write."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from analysis import assess
from analysis.model import Assessment
from analysis.site.load import SiteError, parse_site
from reports.columns import PLAN_SHEETS
from reports.filled import read_filled
from reports.worksheet.xlsx import render_worksheet_xlsx
from scanner.files import load_inventory

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "reports"
PVE, NAS = "mac-525400000010", "serial-2150ABC"
#: (sheet, row key, header) -> what the person typed
TYPED: dict[tuple[str, str, str], object] = {
    ("Cover", "Prepared by", "Value"): "Jane Smith, Example IT",
    ("Cover", "Version", "Value"): "2",
    ("Cover", "Approved by", "Value"): "=HYPERLINK(\"http://evil.example\",\"Owner\")",
    ("Business processes", "File sharing", "Owner"): "Alice",
    ("Business processes", "File sharing", "MTD"): "1d",
    ("Business processes", "File sharing", "Manual workaround"): "USB stick on reception",
    ("Contacts and call tree", "IT contact", "Name"): "Bob",
    ("Contacts and call tree", "IT contact", "Phone"): "+44 113 496 0000",
    ("Contacts and call tree", "Synology support", "Name"): "Synology UK",
    ("Vendors and ISP", "Synology", "Support contract"): "none",
    ("Vendors and ISP", "Internet service provider", "Support phone or portal"): "0800 000",
    ("Recovery procedures", PVE, "Runbook link"): "https://wiki.example/pve1",
    ("Recovery procedures", PVE, "Steps and notes"): "Boot from the spare SSD",
}
#: rows a person added of their own: (sheet, key column value, other header, value)
ADDED = [("Contacts and call tree", "Accountant", "Name", "Carol"),
         ("Cover", "Meeting point", "Value", "Car park behind the office")]


def _key_header(title: str) -> str:
    return PLAN_SHEETS[title][1]


def _rows(sheet: Worksheet) -> tuple[dict[str, int], dict[str, int]]:
    headers = {str(c.value): c.column for c in sheet[1] if c.value is not None}
    key = headers[_key_header(sheet.title)]
    rows = {str(sheet.cell(r, key).value): r for r in range(2, sheet.max_row + 1)}
    return headers, rows


def _fill(xlsx: bytes) -> bytes:
    book = openpyxl.load_workbook(BytesIO(xlsx))
    for (title, key, header), value in TYPED.items():
        headers, rows = _rows(book[title])
        book[title].cell(rows[key], headers[header]).value = value
    for title, key, header, value in ADDED:
        sheet = book[title]
        headers, _ = _rows(sheet)
        r = sheet.max_row + 1
        sheet.cell(r, headers[_key_header(title)]).value = key
        sheet.cell(r, headers[header]).value = value
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(book: Workbook, title: str, key: str, header: str) -> object:
    headers, rows = _rows(book[title])
    assert key in rows, (title, key)
    return book[title].cell(rows[key], headers[header])


def _load(data: bytes) -> Workbook:
    return openpyxl.load_workbook(BytesIO(data))


@pytest.fixture(scope="module")
def plan(benign: Assessment) -> Assessment:
    return benign.model_copy(update={"site_client": "Acme Dental"})


@pytest.fixture(scope="module")
def filled(plan: Assessment) -> bytes:
    return _fill(render_worksheet_xlsx(plan))


@pytest.fixture(scope="module")
def changed(plan: Assessment) -> Assessment:
    """Next quarter: the NAS (the only Synology) is gone."""
    inventory = plan.inventory
    return plan.model_copy(update={"inventory": inventory.model_copy(update={
        "assets": [a for a in inventory.assets if a.id != NAS]})})


@pytest.mark.parametrize("same", [True, False], ids=["same-scan", "nas-gone"])
def test_every_entry_survives_the_next_write(plan: Assessment, changed: Assessment,
                                             filled: bytes, same: bool) -> None:
    book = _load(render_worksheet_xlsx(plan if same else changed, read_filled(filled)))
    for (title, key, header), typed in TYPED.items():
        cell = _cell(book, title, key, header)
        assert cell.value == typed, (title, key, header)
        assert cell.data_type == "s", "a person's formula or +phone stays text"
    for title, key, header, value in ADDED:
        assert _cell(book, title, key, header).value == value


def test_rows_whose_subject_is_gone_are_kept_and_say_why(changed: Assessment,
                                                          filled: bytes) -> None:
    book = _load(render_worksheet_xlsx(changed, read_filled(filled)))
    assert _cell(book, "Vendors and ISP", "Synology", "Status").value == \
        "no device of this vendor found"
    assert _cell(book, "Vendors and ISP", "Synology", "Devices").value == 1, "old values kept"
    assert not _cell(book, "Contacts and call tree", "Accountant", "Role").font.italic, \
        "a contact a person added is not greyed as out of date"


def test_person_lowers_a_tier_and_the_procedure_row_says_so(plan: Assessment,
                                                              filled: bytes) -> None:
    book = openpyxl.load_workbook(BytesIO(filled))
    sheet = book["Priorities"]
    headers = {c.value: c.column for c in sheet[1]}
    row = next(r for r in range(2, sheet.max_row + 1)
               if sheet.cell(r, headers["Asset ID"]).value == PVE)
    sheet.cell(row, headers["Approved tier"]).value = "3"
    out = BytesIO()
    book.save(out)
    again = _load(render_worksheet_xlsx(plan, read_filled(out.getvalue())))
    assert _cell(again, "Recovery procedures", PVE, "Status").value == "no longer tier 1 or 2"
    assert _cell(again, "Recovery procedures", PVE, "Runbook link").value == \
        "https://wiki.example/pve1"


def test_site_values_win_over_what_was_typed_on_their_rows(plan: Assessment,
                                                            filled: bytes) -> None:
    book = openpyxl.load_workbook(BytesIO(filled))
    headers, rows = _rows(book["Cover"])
    book["Cover"].cell(rows["Client"], headers["Value"]).value = "Someone else"
    out = BytesIO()
    book.save(out)
    again = _load(render_worksheet_xlsx(plan, read_filled(out.getvalue())))
    assert _cell(again, "Cover", "Client", "Value").value == "Acme Dental"
    assert _cell(again, "Cover", "Client", "Comes from").value == "the site file ([site] client)"


def test_prefilled_and_shaded(plan: Assessment) -> None:
    book = _load(render_worksheet_xlsx(plan))
    shaded = "00FFF2CC"
    assert _cell(book, "Cover", "Client", "Value").fill.fgColor.rgb != shaded
    assert _cell(book, "Cover", "Prepared by", "Value").fill.fgColor.rgb == shaded
    assert _cell(book, "Cover", "Version", "Value").value == "1 (draft)"
    assert _cell(book, "Cover", "Date", "Value").value == "2025-03-03", "the scan's date"
    assert "192.168.10.0/24" in str(_cell(book, "Cover", "Scan scope", "Value").value)
    assert str(_cell(book, "Cover", "Written by", "Value").value).startswith("drscout ")
    internet = _cell(book, "Business processes", "Internet access", "Declared or assumed")
    assert str(internet.value).startswith("assumed: the scan found an internet gateway")
    assert _cell(book, "Business processes", "File sharing", "SPOFs on its path").value == \
        "pve1, sw-core"
    assert _cell(book, "Business processes", "File sharing", "Owner").fill.fgColor.rgb == shaded
    assert _cell(book, "Vendors and ISP", "Cisco", "Models").value == "C1000-24T-4G-L"
    isp = str(_cell(book, "Vendors and ISP", "Internet service provider", "Equipment").value)
    assert isp.startswith("gateway gw-office (192.168.10.1); public address not seen")
    assert _cell(book, "Contacts and call tree", "Cisco support", "Name").fill.fgColor.rgb \
        == shaded
    procedures = [r[1] for r in book["Recovery procedures"].iter_rows(min_row=2,
                                                                       values_only=True)]
    assert procedures == ["ups01", "sw-core", "pve1", "dc01", "files01"], "tier 1-2, in order"


def test_public_address_of_the_gateway_is_shown(plan: Assessment) -> None:
    assets = [a.model_copy(update={"ips": [*a.ips, "203.0.113.7"]}) if a.name == "gw-office"
              else a for a in plan.inventory.assets]
    moved = plan.model_copy(update={"inventory": plan.inventory.model_copy(
        update={"assets": assets})})
    book = _load(render_worksheet_xlsx(moved))
    isp = str(_cell(book, "Vendors and ISP", "Internet service provider", "Equipment").value)
    assert isp == "gateway gw-office (192.168.10.1); public address 203.0.113.7"


def test_plan_checks_show_on_the_first_write_and_feeding_back_adds_none() -> None:
    """The issue's case: the lab office's first worksheet, fed back unchanged."""
    lab = assess(load_inventory(FIXTURES / "lab-before.json"))
    first = render_worksheet_xlsx(lab)
    again = render_worksheet_xlsx(lab, read_filled(first))

    def checks(data: bytes) -> list[tuple[object, ...]]:
        return list(_load(data)["Plan checks"].iter_rows(min_row=2, values_only=True))

    assert checks(first), "the first worksheet already shows the checks"
    assert checks(first) == checks(again)
    prio = _load(first)["Priorities"]
    column = [c.value for c in prio[1]].index("Plan checks")
    assert any(row[column] for row in prio.iter_rows(min_row=2, values_only=True))


def test_workbook_metadata_and_print_setup(plan: Assessment) -> None:
    book = _load(render_worksheet_xlsx(plan))
    assert book.properties.creator.startswith("drscout ")
    assert book.properties.title == "Disaster recovery plan: Acme Dental"
    for sheet in book.worksheets:
        assert sheet.print_title_rows == "$1:$1", sheet.title
        assert sheet.oddHeader.left.text == "Acme Dental"
        assert sheet.oddHeader.center.text == "&A"
        assert sheet.oddFooter.right.text == "Page &P of &N"
        fit = sheet.sheet_properties.pageSetUpPr.fitToPage
        assert fit or (sheet.page_setup.scale or 100) * 11 / 100 >= 8, sheet.title
    for sheet in book.worksheets:  # the 8 pt rule, from the widths as written
        points = sum((sheet.column_dimensions[c.column_letter].width * 7 + 5) * 0.75
                     for c in sheet[1])
        if sheet.sheet_properties.pageSetUpPr.fitToPage:
            usable = 720 if sheet.page_setup.orientation == "landscape" else 523
            assert min(100, int(100 * usable / points)) >= 75, f"{sheet.title}: type under 8.25 pt"
        else:
            assert sheet.print_title_cols, f"{sheet.title} spans pages without its key columns"
    assert book["Cover"].page_setup.orientation == "portrait"
    assert book["Findings"].page_setup.orientation == "landscape"
    assert book["Findings"].sheet_properties.pageSetUpPr.fitToPage
    assert book["Cover"].cell(1, 1).alignment.wrap_text


def test_header_codes_in_a_client_name_are_neutralised(plan: Assessment) -> None:
    hostile = plan.model_copy(update={"site_client": "A&P\x07 &[Page] " + "x" * 300})
    book = _load(render_worksheet_xlsx(hostile))
    left = book["Assets"].oddHeader.left.text
    assert left.startswith("A&&P &&") and "\x07" not in left and len(left) < 70


def test_site_file_client_and_author() -> None:
    site = parse_site('[site]\nname = "Leeds"\nclient = "Acme Dental"\n'
                      'prepared_by = "Jane Smith"\n')
    assert (site.client, site.prepared_by) == ("Acme Dental", "Jane Smith")
    with pytest.raises(SiteError, match=r"site.toml:3: site.client: expected a string"):
        parse_site('[site]\nname = "Leeds"\nclient = 3\n')


def test_process_rto_above_its_mtd_is_a_plan_check(plan: Assessment, filled: bytes) -> None:
    book = openpyxl.load_workbook(BytesIO(filled))
    headers, rows = _rows(book["Business processes"])
    book["Business processes"].cell(rows["File sharing"], headers["RTO"]).value = "2d"
    out = BytesIO()
    book.save(out)
    again = _load(render_worksheet_xlsx(plan, read_filled(out.getvalue())))
    checks = list(again["Plan checks"].iter_rows(min_row=2, values_only=True))
    assert ("File sharing", "process-rto-above-mtd",
            "RTO 2d is longer than the MTD 1d: the plan accepts an outage the business said "
            "it cannot survive.") in checks


def test_hostile_strings_in_the_plan_sheets_are_neutral_text(hostile: Assessment) -> None:
    book = _load(render_worksheet_xlsx(hostile))
    neutralised = 0
    for title in ("Cover", *PLAN_SHEETS):
        for row in book[title].iter_rows(min_row=2):
            for cell in row:
                if not isinstance(cell.value, str):
                    continue
                assert cell.data_type == "s"
                assert not cell.value.lstrip(" ").startswith(("=", "+", "-", "@")), cell.value
                assert not any(ch in cell.value for ch in "\x00\x07\x1b\ud800"), title
                neutralised += cell.value.startswith("'")
    assert neutralised >= 5, "the payloads reached these sheets and were quoted"
    vendors = [r[0] for r in book["Vendors and ISP"].iter_rows(min_row=2, values_only=True)]
    assert any(str(v).startswith("'=") or str(v).startswith("'@") for v in vendors)


def test_vendor_spellings_are_one_vendor(plan: Assessment) -> None:
    assets = [a.model_copy(update={"vendor": "cisco "}) if a.name == "sw-office" else a
              for a in plan.inventory.assets]
    moved = plan.model_copy(update={"inventory": plan.inventory.model_copy(
        update={"assets": assets})})
    book = _load(render_worksheet_xlsx(moved))
    assert _cell(book, "Vendors and ISP", "Cisco", "Devices").value == 2
    assert _cell(book, "Vendors and ISP", "Cisco", "Models").value == "C1000-24T-4G-L, GS108T"
    assert _cell(book, "Vendors and ISP", "Cisco", "Equipment").value == "sw-core, sw-office"
