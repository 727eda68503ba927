"""How each sheet prints: readable on A4 and on Letter, never below 8 pt.

Clients print the workbook for the planning meeting.  A sheet is laid out for the
narrower printable width of the two papers (Letter's in landscape, A4's in portrait)
with half-inch side margins.  A sheet that fits at 100 % prints portrait; one that
fits when shrunk no further than 8 pt type prints landscape, one page wide; a wider
one (Assets has 25 columns) is not shrunk into illegible type: it prints at a fixed
scale across several pages, each repeating the header row and the sheet's key
columns (Asset ID and name), so every page can be read on its own and no data is
left out.  The paper size itself is left to the printer's default.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from reports.columns import Column
from reports.sanitize import clean_text
from reports.worksheet.textfit import text_lines

#: the worksheet's type size (openpyxl's default font, Calibri 11)
BASE_PT = 11.0
MIN_PT = 8.0
#: the smallest fit-to-width scale, in whole percent: 11 pt * 0.75 = 8.25 pt, a margin over
#: 8 pt for the engine's own rounding of column widths (LibreOffice printed a sheet
#: computed at 73 % with 7.9 pt type on Letter)
FIT_MIN_SCALE = 75
#: the scale a too-wide sheet prints at: 11 pt * 0.8 = 8.8 pt
WIDE_SCALE = 80
_SIDE_IN, _TOP_IN, _EDGE_IN = 0.5, 0.75, 0.3
#: printable width in points: min(A4, Letter) minus the side margins
PORTRAIT_PT = 595.0 - 2 * 72 * _SIDE_IN
LANDSCAPE_PT = 792.0 - 2 * 72 * _SIDE_IN


@dataclass(frozen=True)
class Layout:
    landscape: bool
    #: shrink to one page wide (the scale then stays >= FIT_MIN_SCALE, type >= MIN_PT)
    fit_width: bool
    #: fixed scale in percent when not fitting
    scale: int = 100
    #: columns repeated on every page when the sheet spans several pages across
    repeat_columns: int = 0


def column_points(width: float) -> float:
    """Excel's column width (in characters of Calibri 11) as points on paper."""
    return (width * 7 + 5) * 0.75


def sheet_points(columns: Sequence[Column]) -> float:
    return sum(column_points(shown_width(c)) for c in columns)


def layout(columns: Sequence[Column], key_columns: int) -> Layout:
    """Portrait at 100 %, else landscape one page wide while the type stays >= 8 pt,
    else landscape at a fixed readable scale with the key columns repeated."""
    width = sheet_points(columns)
    if width <= PORTRAIT_PT:
        return Layout(landscape=False, fit_width=True)
    if int(100 * LANDSCAPE_PT / width) >= FIT_MIN_SCALE:
        return Layout(landscape=True, fit_width=True)
    return Layout(landscape=True, fit_width=False, scale=WIDE_SCALE,
                  repeat_columns=key_columns)


def header_text(text: str, limit: int = 60) -> str:
    """Text safe inside an Excel header/footer: '&' starts a code there, so it is doubled;
    controls are stripped and the length bounded (Excel allows 255 per header)."""
    flat = clean_text(text, 4 * limit).replace("\n", " ").replace("\r", " ")
    return flat[:limit].replace("&", "&&")


def apply(sheet: Worksheet, columns: Sequence[Column], client: str, footer: str,
          key_columns: int = 1) -> None:
    """Page setup, repeated rows/columns, header (client, sheet) and footer (page N of M)."""
    plan = layout(columns, key_columns)
    setup = sheet.page_setup
    setup.orientation = "landscape" if plan.landscape else "portrait"
    sheet.sheet_properties.pageSetUpPr.fitToPage = plan.fit_width
    if plan.fit_width:
        setup.fitToWidth, setup.fitToHeight = 1, 0
    else:
        setup.scale = plan.scale
        setup.pageOrder = "overThenDown"
    sheet.page_margins = PageMargins(left=_SIDE_IN, right=_SIDE_IN, top=_TOP_IN,
                                     bottom=_TOP_IN, header=_EDGE_IN, footer=_EDGE_IN)
    sheet.print_title_rows = "1:1"
    if plan.repeat_columns:
        last = chr(ord("A") + plan.repeat_columns - 1)
        sheet.print_title_cols = f"A:{last}"
    sheet.print_options.gridLines = True
    header, bottom = sheet.oddHeader, sheet.oddFooter
    header.left.text = header_text(client) if client else ""
    header.center.text = "&A"
    header.right.text = "Disaster recovery plan"
    bottom.left.text = header_text(footer, 80)
    bottom.right.text = "Page &P of &N"
    for part in (header.left, header.center, header.right, bottom.left, bottom.right):
        part.size = int(BASE_PT)  # scaled with the sheet, like the cells


#: points per line of wrapped 11 pt text, and Excel's tallest row
LINE_PT = 14.6
MAX_ROW_PT = 409.0
_MAX_LINES = int(MAX_ROW_PT // LINE_PT)


def shown_width(column: Column) -> float:
    """The column's width, widened so no word of its (bold) header is split."""
    longest = max((len(word) for word in column.header.split()), default=0)
    return max(float(column.width), longest * 1.15 + 1)


def row_height(values: Sequence[object], widths: Sequence[float], bold: bool = False) -> float:
    """A row's height for its tallest wrapped cell: LibreOffice keeps a row one line
    high when the file says nothing, and the text then runs over the rows below."""
    factor = 0.8 if bold else 1.0
    lines = max((text_lines(v, w * factor, _MAX_LINES)
                 for v, w in zip(values, widths, strict=False) if isinstance(v, str) and v),
                default=1)
    return min(MAX_ROW_PT, round(lines * LINE_PT + 1.5, 1))
