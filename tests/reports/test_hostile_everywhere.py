"""Hostile device strings (tests/reports/sample.py PAYLOADS: script tags, event handlers,
javascript: URLs, =HYPERLINK, =cmd|, + - @ prefixes, NUL and control characters, lone
surrogates from undecodable bytes, 100 kB strings) through every output format, the
report folder, every export, the carried worksheet and the diff: each file opens, nothing
is live."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable
from io import BytesIO

import networkx as nx
import openpyxl
import pytest

from analysis.changes.diff import diff
from analysis.model import Assessment
from reports import OUTPUTS
from reports.diff_md import render_diff_json, render_diff_md
from reports.exports import FORMATS, export_files
from reports.filled import read_filled
from reports.gap_md import render_gap_md
from reports.sanitize import FORMULA_PREFIXES
from reports.worksheet.xlsx import render_worksheet_xlsx
from tests.reports.test_gap_html import ALLOWED_TAGS, Collector

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _every_file(hostile: Assessment, benign: Assessment) -> list[tuple[str, bytes]]:
    files = [(name, render(hostile)) for name, render in OUTPUTS]
    files += [(name, render(hostile)) for fmt in FORMATS for name, render in export_files(fmt)]
    carried = render_worksheet_xlsx(hostile, read_filled(render_worksheet_xlsx(hostile)))
    files.append(("carried/worksheet.xlsx", carried))
    result = diff(benign, hostile, "<script>old</script>", "=cmd|' /C calc'!A0")
    files += [("diff.md", render_diff_md(result).encode("utf-8")),
              ("diff.json", render_diff_json(result).encode("utf-8"))]
    return files


def _check_csv(data: bytes) -> None:
    for row in csv.reader(io.StringIO(data.decode("utf-8"), newline="")):
        for value in row:
            assert not value.lstrip(" ").startswith(FORMULA_PREFIXES), value[:40]
            assert not CONTROL.search(value.replace("\r", "").replace("\t", "")), value[:40]


def _check_xlsx(data: bytes) -> None:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert not re.search(rb"<f[ >]", archive.read(name)), name
    book = openpyxl.load_workbook(BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if isinstance(cell.value, str):
                    assert not cell.value.lstrip(" ").startswith(FORMULA_PREFIXES)


def _check_markdown(data: bytes) -> None:
    text = data.decode("utf-8")
    assert not re.search(r"<(script|img|a|style)\b", text, re.I), "raw HTML"
    assert not re.search(r"(?<!\\)\]\(javascript:", text), "a live link"
    assert not CONTROL.search(text)
    for line in text.splitlines():
        if re.match(r'\s+n\d+\["', line):
            assert re.fullmatch(r'\s+n\d+\["[^"\[\]]*"\]', line), line


def _check_html(data: bytes) -> None:
    text = data.decode("utf-8")
    parser = Collector()
    parser.feed(text)
    parser.close()
    assert {tag for tag, _ in parser.tags} <= ALLOWED_TAGS
    assert not any(name.startswith("on") for _, attrs in parser.tags for name, _ in attrs)
    assert not CONTROL.search(text)


CHECKS: dict[str, Callable[[bytes], None]] = {
    ".csv": _check_csv, ".xlsx": _check_xlsx, ".md": _check_markdown, ".html": _check_html,
    ".json": lambda data: json.loads(data.decode("utf-8")),
    ".graphml": lambda data: nx.read_graphml(BytesIO(data)),
}


def test_every_format_is_covered(hostile: Assessment, benign: Assessment) -> None:
    suffixes = {"." + name.rsplit(".", 1)[1] for name, _ in _every_file(hostile, benign)}
    assert suffixes == set(CHECKS)


@pytest.mark.parametrize("suffix", sorted(CHECKS))
def test_hostile_strings_stay_inert(hostile: Assessment, benign: Assessment,
                                    suffix: str) -> None:
    files = [(n, d) for n, d in _every_file(hostile, benign) if n.endswith(suffix)]
    assert files
    for name, data in files:
        assert len(data) < 3_000_000, name
        try:
            CHECKS[suffix](data)
        except AssertionError as exc:
            raise AssertionError(f"{name}: {exc}") from exc


def test_the_payloads_really_reached_the_files(hostile: Assessment) -> None:
    """Guards the guard: the checks above must see the payloads, escaped."""
    md = render_gap_md(hostile).decode("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert "#60;script#62;alert(1)#60;/script#62;" in md
    netbox = dict(export_files("netbox"))["netbox/04-devices.csv"](hostile).decode("utf-8")
    assert "'=cmd|" in netbox or "'=HYPERLINK" in netbox or "'+1+1" in netbox
