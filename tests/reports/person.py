"""A person filling in the worksheet, the way a business owner would in Excel.

``fill(xlsx)`` opens drscout's worksheet with openpyxl and types owners, tiers,
RTO/RPO/MTD and backup details into the shaded columns, styles some of them,
adds comments (on their own cells and on one of drscout's), adds a column of
their own, and saves.  ``ENTRIES`` is what they typed, so a test can check every
word survives.  Some entries are deliberately inconsistent.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

SW, DB, FILES2, WEB = ("mac-027700000002", "mac-027700000028", "mac-027700000015",
                       "mac-02770000001e")
#: (sheet, asset id, header) -> what the person typed
ENTRIES: dict[tuple[str, str, str], object] = {
    ("Assets", SW, "Owner"): "Bob (IT)",
    ("Assets", SW, "Business function"): "Connects everything",
    ("Assets", SW, "Warranty expiry"): "2027-03-31",
    ("Assets", DB, "Business function"): "Orders and invoices",
    ("Assets", DB, "Backup method"): "pg_dump to NAS",
    ("Assets", DB, "Backup frequency"): "daily",
    ("Assets", FILES2, "Owner"): "Alice",
    ("Assets", FILES2, "Business function"): "Second file share",
    ("Assets", FILES2, "Backup offsite (yes/no)"): "no",
    ("Assets", WEB, "Owner"): "=HYPERLINK(\"http://evil.example\",\"Carol\")",
    ("Assets", WEB, "Cost centre"): "CC-42",
    ("Priorities", SW, "Approved tier"): "3",
    ("Priorities", SW, "MTD"): "1d",
    ("Priorities", SW, "RTO"): "4h",
    ("Priorities", DB, "Approved tier"): "1",
    ("Priorities", DB, "Business process"): "Invoicing",
    ("Priorities", DB, "MTD"): "4h",
    ("Priorities", DB, "RTO"): "8 hours",
    ("Priorities", DB, "RPO"): "1h",
    ("Priorities", DB, "Manual workaround"): "paper order forms",
    ("Priorities", FILES2, "RTO"): 24,
}
#: (sheet, asset id, header) -> comment text
COMMENTS: dict[tuple[str, str, str], str] = {
    ("Assets", FILES2, "Owner"): "Alice leaves in June; ask Dave.",
    ("Assets", SW, "Name"): "This is the cupboard switch.",
    ("Priorities", DB, "RTO"): "Vendor says 8h at best.",
}
STYLED = {("Assets", SW, "Owner"), ("Priorities", DB, "Approved tier")}
BOLD_RED = Font(bold=True, color="FFC00000")
GREEN = PatternFill(fill_type="solid", start_color="FFC6EFCE", end_color="FFC6EFCE")
AUTHOR = "Business owner"


def _locate(sheet: Worksheet) -> tuple[dict[str, int], dict[str, int]]:
    headers = {str(c.value): c.column for c in sheet[1] if c.value is not None}
    rows = {str(sheet.cell(r, headers["Asset ID"]).value): r
            for r in range(2, sheet.max_row + 1)}
    return headers, rows


def _ensure_column(sheet: Worksheet, headers: dict[str, int], header: str) -> None:
    if header not in headers:
        column = sheet.max_column + 1
        sheet.cell(1, column).value = header
        headers[header] = column


def fill(xlsx: bytes) -> bytes:
    book = load_workbook(BytesIO(xlsx))
    for title in ("Assets", "Priorities"):
        sheet = book[title]
        headers, rows = _locate(sheet)
        for (where, asset_id, header), value in ENTRIES.items():
            if where != title:
                continue
            _ensure_column(sheet, headers, header)
            cell = sheet.cell(rows[asset_id], headers[header])
            cell.value = value
            if (where, asset_id, header) in STYLED:
                cell.font, cell.fill = BOLD_RED, GREEN
        for (where, asset_id, header), text in COMMENTS.items():
            if where == title:
                sheet.cell(rows[asset_id], headers[header]).comment = Comment(text, AUTHOR)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
