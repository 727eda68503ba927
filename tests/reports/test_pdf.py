"""gap-report.pdf printed by a real engine (Debian's headless chromium), read back with
poppler: pdftotext for the words, pdftoppm for the pages as pictures, pdfinfo for the
paper.  The demo office is the recorded lab run (fixtures/reports/lab-before.json).

Without a browser the PDF is skipped with one line and the rest of the report is
written; that path runs here too, with $DRSCOUT_BROWSER pointing at nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import assess
from analysis.model import Assessment
from reports import render_gap_html
from reports.owner import by_business_impact
from reports.pdf import MISSING, PdfError, find_engine, html_to_pdf
from scanner.files import load_inventory

ROOT = Path(__file__).resolve().parents[2]
LAB = ROOT / "fixtures" / "reports" / "lab-before.json"
POPPLER = all(shutil.which(p) for p in ("pdftotext", "pdftoppm", "pdfinfo"))
needs_engine = pytest.mark.skipif(find_engine() is None or not POPPLER,
                                  reason="chromium or poppler-utils missing (scripts/lab-setup)")
#: pdftotext's word box is about 1.165 times the font size (measured: 10 pt -> 11.6)
BOX_PER_PT = 1.165


def _text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(["pdftotext", *pages, str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    return " ".join(out.split())


def _pages(pdf: Path) -> list[str]:
    """Page sizes as pdfinfo names them, one per page."""
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True,
                         text=True, check=True).stdout
    return re.findall(r"^Page +\d+ size: +(.*)$", out, re.M)


def _smallest_type(pdf: Path) -> dict[int, float]:
    """Per page, the smallest word's font size in points (from pdftotext -bbox)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    smallest: dict[int, float] = {}
    page = 0
    for line in out.splitlines():
        if line.lstrip().startswith("<page "):
            page += 1
        m = re.search(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', line)
        if m:
            size = (float(m.group(2)) - float(m.group(1))) / BOX_PER_PT
            smallest[page] = min(smallest.get(page, 99.0), size)
    return smallest


@pytest.fixture(scope="module")
def demo() -> Assessment:
    return assess(load_inventory(LAB))


@pytest.fixture(scope="module")
def printed(demo: Assessment, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`drscout report` on the demo office, with the real browser."""
    out = tmp_path_factory.mktemp("pdf") / "report"
    if find_engine() is None or not POPPLER:
        pytest.skip("chromium or poppler-utils missing (scripts/lab-setup)")
    proc = subprocess.run([sys.executable, "-m", "drscout.cli", "report", str(LAB), "-o",
                           str(out), "-q"], capture_output=True, text=True, cwd=ROOT,
                          timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "skipped" not in proc.stderr
    return out / "gap-report.pdf"


@needs_engine
def test_the_pdf_has_the_headline_and_every_spof(printed: Path, demo: Assessment) -> None:
    text = _text(printed)
    assert "For the owner: what could stop the business" in text
    assert ("13 things can each stop part of the business on their own failure. The worst "
            "is sw.office.lan: it stops 6 processes, 6 workloads, 2 of 2 seats (100.0%).") in text
    for spof in demo.spofs:
        assert spof.label in text, spof.label
    assert "mac-0277" not in _text(printed, 1), "names, not ids, on the owner's page"


@needs_engine
def test_the_owner_page_stands_alone(printed: Path, demo: Assessment) -> None:
    first = _text(printed, 1)
    top = by_business_impact(demo.spofs)[:5]
    for spof in top:
        assert spof.label in first, spof.label
    assert "What to do first" in first and "What the scan could not see" in first
    assert "Only 10.77.0.0/24 was scanned" in first, "the whole owner's page fits on page 1"
    assert "Technician's detail" not in first
    assert _text(printed, 2).startswith("Technician's detail: summary")


@needs_engine
def test_pages_render_on_a4_with_readable_type(printed: Path, tmp_path: Path) -> None:
    sizes = _pages(printed)
    assert 8 <= len(sizes) <= 30, len(sizes)
    assert all("(A4)" in s for s in sizes), sizes
    assert sum("841.92 x 594.96" in s for s in sizes) == 1, "the diagram page is landscape"
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(printed), str(tmp_path / "p")],
                   check=True)
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == len(sizes)
    assert all(p.read_bytes().startswith(b"\x89PNG") and p.stat().st_size > 3_000
               for p in pngs), "every page has something drawn on it"
    smallest = _smallest_type(printed)
    assert min(smallest.values()) >= 8.0, smallest  # the diagram's labels included


@needs_engine
def test_the_owner_page_fits_letter_too(demo: Assessment, tmp_path: Path) -> None:
    """US Letter is 18 mm shorter than A4: the owner's page must still fit on one."""
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(html_to_pdf(render_gap_html(demo), paper="letter"))
    assert _pages(pdf)[0].endswith("(letter)")
    first = _text(pdf, 1)
    assert "What the scan could not see" in first and "Only 10.77.0.0/24 was scanned" in first
    assert _text(pdf, 2).startswith("Technician's detail: summary")


@needs_engine
def test_letter_paper_and_hostile_text(hostile: Assessment, tmp_path: Path) -> None:
    pdf = tmp_path / "hostile.pdf"
    pdf.write_bytes(html_to_pdf(render_gap_html(hostile), paper="letter"))
    assert all("(letter)" in s for s in _pages(pdf))
    text = _text(pdf)
    assert "<script>alert(1)</script>" in text, "hostile strings are printed as text"
    assert "For the owner: what could stop the business" in text


def test_no_engine_is_a_note_not_a_failure(tmp_path: Path) -> None:
    out = tmp_path / "report"
    out.mkdir()
    (out / "gap-report.pdf").write_bytes(b"%PDF-1.4 from an older run")
    env = {**os.environ, "DRSCOUT_BROWSER": str(tmp_path / "no-such-browser")}
    proc = subprocess.run([sys.executable, "-m", "drscout.cli", "report", str(LAB), "-o",
                           str(out), "-q"], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().splitlines() == [MISSING]
    assert (out / "gap-report.html").is_file()
    assert not (out / "gap-report.pdf").exists(), "no stale PDF beside the new HTML"


def test_engine_missing_raises_for_the_caller(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    monkeypatch.setenv("DRSCOUT_BROWSER", str(tmp_path / "absent"))
    assert find_engine() is None
    with pytest.raises(PdfError, match="skipped: no Chromium"):
        html_to_pdf(b"<html><head></head><body>x</body></html>")


def test_a_program_that_prints_nothing_is_reported() -> None:
    """$DRSCOUT_BROWSER naming something that is not a browser (here: true)."""
    true = shutil.which("true")
    assert true is not None
    with pytest.raises(PdfError, match="true printed no PDF"):
        html_to_pdf(b"<html><head></head><body>x</body></html>", engine=true)


def test_the_committed_sample_is_small_and_whole() -> None:
    """docs/sample/ (scripts/sample): every PDF page and the HTML's first screen, < 1.5 MB."""
    folder = ROOT / "docs" / "sample"
    pngs = sorted(folder.glob("*.png"))
    pages = [p for p in pngs if p.name.startswith("gap-report-pdf-")]
    assert (folder / "gap-report-html.png") in pngs and len(pages) >= 8
    assert f"the {len(pages)} pages of `gap-report.pdf`" in (folder / "README.md").read_text()
    assert sum(p.stat().st_size for p in folder.iterdir()) < 1_500_000
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in pngs)
    assert os.access(ROOT / "scripts" / "sample", os.X_OK)


def test_the_run_summary_carries_the_note(demo: Assessment, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """`drscout run` puts write_reports' notes on its summary's 'written to' line."""
    from drscout.cli.reports import write_reports

    monkeypatch.setenv("DRSCOUT_BROWSER", str(tmp_path / "absent"))
    written = write_reports(demo, tmp_path / "out", {})
    assert written.notes == [MISSING]
    assert written.notes_text() == f"; {MISSING}"
    assert {p.name for p in written} >= {"gap-report.html", "worksheet.xlsx"}
    assert not (tmp_path / "out" / "gap-report.pdf").exists()


@pytest.mark.parametrize("browser", ["found", "absent"])
def test_doctor_says_whether_the_pdf_can_be_printed(browser: str, tmp_path: Path) -> None:
    env = dict(os.environ)
    if browser == "absent":
        env["DRSCOUT_BROWSER"] = str(tmp_path / "absent")
    elif find_engine() is None:
        pytest.skip("no browser installed")
    proc = subprocess.run([sys.executable, "-m", "drscout.cli", "doctor", "--json", "-o",
                           str(tmp_path / "out")], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=300, check=False)
    check = {c["name"]: c for c in json.loads(proc.stdout)}["PDF engine"]
    if browser == "absent":
        assert check["status"] == "warn" and "gap-report.pdf is skipped" in check["detail"]
        assert "DRSCOUT_BROWSER" in check["fix"]
    else:
        assert check == {"name": "PDF engine", "status": "ok", "fix": "",
                         "detail": f"gap-report.pdf is printed with {find_engine()}"}
