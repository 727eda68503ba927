"""The gap report in a real browser (Debian's headless chromium): it loads with no console
message, makes no network request, and hostile device strings do not execute.

Two control pages prove the instruments work: a page that loads a remote image
reaches the counting proxy, and the same page under the report's CSP logs a refusal.
The screenshots land in tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis import assess
from analysis.model import Assessment
from reports import render_gap_html
from reports.gap_html import CSP
from scanner.files import load_inventory
from tests.reports import chromium

pytestmark = pytest.mark.skipif(chromium.BINARY is None,
                                reason="chromium is not installed (apt-get install chromium)")

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "reports"
TITLE_ATTACK = ("<script>document.title='pwned'</script>"
                "<img src=x onerror=\"document.title='pwned'\">"
                "<svg onload=\"document.title='pwned'\"></svg>"
                "<a href=\"javascript:document.title='pwned'\">x</a>")


def _lab_with_payload() -> Assessment:
    """The recorded lab office, with a device that names itself with an attack."""
    inventory = load_inventory(FIXTURES / "lab-before.json")
    assets = [a.model_copy(update={"name": TITLE_ATTACK, "hostnames": [TITLE_ATTACK],
                                   "location": "javascript:document.title='pwned'"})
              if i == 3 else a for i, a in enumerate(inventory.assets)]
    return assess(inventory.model_copy(update={"assets": assets}))


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, hostile: Assessment) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    out = {"lab": _lab_with_payload(), "hostile": hostile}
    paths = {}
    for name, assessment in out.items():
        paths[name] = folder / f"{name}.html"
        paths[name].write_bytes(render_gap_html(assessment))
    return paths


@pytest.mark.parametrize("name", ["lab", "hostile"])
def test_report_loads_clean_in_chromium(pages: dict[str, Path], name: str,
                                         artifacts: Path) -> None:
    shot = artifacts / f"gap-report-{name}.png"
    shot.unlink(missing_ok=True)
    result = chromium.load(pages[name], screenshot=shot)
    assert "<title>drscout gap report</title>" in result.dom, "the page loaded"
    assert re.search(r'<section id="diagram">.*<svg class="diagram"', result.dom, re.S)
    assert result.console == [], "no console message (no error, no CSP refusal)"
    assert result.page_requests == [], "no network request"
    assert "pwned" not in re.sub(r"&[a-z]+;|<[^>]*>", "", result.dom.split("<body>")[0])
    assert "<script" not in result.dom.lower()
    assert shot.stat().st_size > 50_000


def test_lab_payload_is_visible_as_text(pages: dict[str, Path]) -> None:
    dom = chromium.load(pages["lab"]).dom
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom
    assert "<title>drscout gap report</title>" in dom


def test_controls_prove_the_instruments_work(tmp_path: Path) -> None:
    remote = '<img src="http://drscout-test.invalid/x.png">'
    open_page = tmp_path / "open.html"
    open_page.write_text(f"<!DOCTYPE html><title>t</title>{remote}")
    locked = tmp_path / "locked.html"
    locked.write_text(f'<!DOCTYPE html><meta http-equiv="Content-Security-Policy" '
                      f'content="{CSP}"><title>t</title>{remote}'
                      f"<script>document.title='pwned'</script>")
    assert any("drscout-test.invalid" in r for r in chromium.load(open_page).page_requests)
    result = chromium.load(locked)
    assert result.page_requests == []
    assert any("Content Security Policy" in line for line in result.console)
    assert "<title>t</title>" in result.dom
