"""The workbook on paper: printed by a real engine (LibreOffice headless, as a client's
office would), on A4 and on Letter, read back with poppler (pdftotext, pdftoppm).

Type size is measured, not assumed: a reference workbook with one 8 pt line is
printed the same way, and no word of the DR plan may come out shorter than that
line's word boxes.  Overlapping word boxes mean text ran over its row (a row too
short for its wrapped text), so none may overlap."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font

from analysis.model import Assessment
from reports.worksheet.xlsx import render_worksheet_xlsx

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
POPPLER = all(shutil.which(t) for t in ("pdftotext", "pdftoppm", "pdfinfo"))
pytestmark = pytest.mark.skipif(
    SOFFICE is None or not POPPLER,
    reason="needs LibreOffice (soffice) and poppler-utils: scripts/lab-setup installs "
           "libreoffice-calc and poppler-utils")
CLIENT = "Acme & Sons Dental"
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r"([^<]*)</word>")
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
PAPERS = {"A4": (9, (595, 842)), "Letter": (1, (612, 792))}


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def to_pdf(xlsx: bytes, folder: Path, name: str) -> Path:
    """LibreOffice headless, with its own profile so parallel runs do not collide."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / f"{name}.xlsx"
    source.write_bytes(xlsx)
    profile = (folder / "lo-profile").resolve().as_uri()
    assert SOFFICE is not None
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=240)
    pdf = folder / f"{name}.pdf"
    assert pdf.is_file(), "LibreOffice wrote no PDF"
    return pdf


def pages(pdf: Path) -> list[Page]:
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    return [Page(float(w), float(h), [Word(float(a), float(b), float(c), float(d),
                                           t.replace("&amp;", "&"))
                                      for a, b, c, d, t in _WORD.findall(body)])
            for w, h, body in _PAGE.findall(xml)]


def _with_paper(xlsx: bytes, code: int) -> bytes:
    book = openpyxl.load_workbook(BytesIO(xlsx))
    for sheet in book.worksheets:
        sheet.page_setup.paperSize = code
    out = BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def eight_pt(tmp_path_factory: pytest.TempPathFactory) -> float:
    """Word-box height of 8 pt Calibri printed the same way (about 10.4 pt)."""
    book = openpyxl.Workbook()
    cell = book.active.cell(1, 1, "Reference eight point")
    cell.font = Font(name="Calibri", size=8)
    data = BytesIO()
    book.save(data)
    found = pages(to_pdf(data.getvalue(), tmp_path_factory.mktemp("ref"), "ref"))
    heights = {round(w.height, 2) for p in found for w in p.words}
    assert len(heights) == 1
    return heights.pop()


@pytest.fixture(scope="module")
def workbook(benign: Assessment) -> bytes:
    plan = benign.model_copy(update={"site_client": CLIENT, "site_name": "Leeds office"})
    return render_worksheet_xlsx(plan)


@pytest.fixture(scope="module", params=sorted(PAPERS))
def printed(request: pytest.FixtureRequest, workbook: bytes,
            tmp_path_factory: pytest.TempPathFactory, artifacts: Path) -> tuple[str, Path]:
    paper = request.param
    folder = tmp_path_factory.mktemp(paper)
    pdf = to_pdf(_with_paper(workbook, PAPERS[paper][0]), folder, f"worksheet-{paper}")
    shutil.copy(pdf, artifacts / pdf.name)
    return paper, pdf


def test_every_page_has_the_paper_size_header_and_page_numbers(
        printed: tuple[str, Path]) -> None:
    paper, pdf = printed
    found = pages(pdf)
    size = PAPERS[paper][1]
    assert 5 < len(found) < 60
    for number, page in enumerate(found, start=1):
        assert sorted((round(page.width), round(page.height))) == sorted(size), number
        assert CLIENT in page.text, f"page {number} lacks the client in its header"
        assert "Disaster recovery plan" in page.text
        assert f"Page {number} of {len(found)}" in page.text
        assert all(w.x1 <= page.width + 0.5 for w in page.words), "text off the page"


def test_every_sheet_prints_with_its_header_row_and_content(
        printed: tuple[str, Path], workbook: bytes) -> None:
    text = "\n".join(p.text for p in pages(printed[1]))
    book = openpyxl.load_workbook(BytesIO(workbook))
    for sheet in book.worksheets:
        assert sheet.title in text, sheet.title
        first_header = str(sheet.cell(1, 1).value)
        assert text.count(first_header) >= 1, (sheet.title, first_header)
    for expected in ("How to use this workbook", "File sharing", "Incident lead",
                     "Synology", "sw-core", "nobody is named under Owner", "Runbook link",
                     "192.168.10.0/24"):
        assert expected in text, expected


def test_header_row_repeats_on_every_page_of_a_sheet(printed: tuple[str, Path]) -> None:
    """Assets spans pages across: each repeats the header row and the key columns."""
    assets = [p for p in pages(printed[1]) if " Assets Disaster recovery plan" in p.text]
    assert len(assets) >= 2
    for page in assets:
        assert "Asset ID" in page.text and "Name" in page.text
        assert "sw-core" in page.text, "the key columns are repeated"


def test_no_type_below_eight_points(printed: tuple[str, Path], eight_pt: float) -> None:
    found = pages(printed[1])
    smallest = min(w.height for p in found for w in p.words)
    assert smallest >= eight_pt * 0.995, f"{smallest:.2f} < 8 pt ({eight_pt:.2f})"


def test_no_text_runs_over_another(printed: tuple[str, Path]) -> None:
    """Rows tall enough for their wrapped text: no two words' boxes overlap (by more
    than the sliver where one line's box meets the next: boxes are 1.3 x the type size)."""
    for number, page in enumerate(pages(printed[1]), start=1):
        words = sorted(page.words, key=lambda w: (w.y0, w.x0))
        for i, a in enumerate(words):
            slack = 0.3 * a.height
            for b in words[i + 1:]:
                if b.y0 >= a.y1 - slack:
                    break
                overlap_x = min(a.x1, b.x1) - max(a.x0, b.x0)
                overlap_y = min(a.y1, b.y1) - max(a.y0, b.y0)
                assert overlap_x <= 0.5 or overlap_y <= slack, (number, a.text, b.text)


def test_pages_render_with_ink(printed: tuple[str, Path]) -> None:
    """pdftoppm renders every page, and none is blank."""
    pdf = printed[1]
    out = pdf.parent / "page"
    subprocess.run(["pdftoppm", "-r", "20", "-gray", str(pdf), str(out)], check=True,
                   capture_output=True)
    images = sorted(pdf.parent.glob("page-*.pgm"))
    assert len(images) == len(pages(pdf))
    for image in images:
        data = image.read_bytes()
        header_end = _pgm_header_end(data)
        pixels = data[header_end:]
        dark = sum(1 for v in pixels if v < 128)
        assert dark > len(pixels) * 0.002, f"{image.name} is blank"


def _pgm_header_end(data: bytes) -> int:
    """Offset of the pixels in a binary PGM (P5, width, height, maxval, one whitespace)."""
    fields, pos = 0, 2
    while fields < 3:
        while data[pos:pos + 1].isspace():
            pos += 1
        while not data[pos:pos + 1].isspace():
            pos += 1
        fields += 1
    return pos + 1
