"""Every report stays linear in the inventory's size (issue 11: 10k assets in < 30 s).

Wall-clock time is never asserted (the machine is shared and its load varies).
Instead the test counts the lines of ``reports/`` code that run while every
renderer writes its file for a generated campus of 1k and of 2k assets: twice
the assets must cost about twice the lines.  A scan of every link per asset
(what the worksheet did before ``reports.rows.asset_links``: with it back, the
worksheet's count grows 3.4-fold and worksheet.md's 3.8-fold) or a lookup that
walks every asset grows faster than the size, since every turn of a loop or a
comprehension is a line event.  Not seen: a scan done inside one C call
(``list.count``, ``in`` on a list), and library code (openpyxl, Jinja, NetworkX),
which is not traced.  The outputs are checked to scale too: one row per asset,
link, priority and dependency.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from openpyxl import load_workbook

import reports
from analysis import assess
from analysis.model import Assessment
from bench.campus import generate
from reports import OUTPUTS
from reports.exports import FORMATS, export_files
from scanner.inventory.model import Inventory

_REPORTS = str(Path(reports.__file__).parent)
#: linear gives 2.0 (plus what does not grow with the size); quadratic gives 4
MAX_GROWTH = 2.4


def _renderers() -> list[tuple[str, Callable[[Assessment], bytes]]]:
    files = [(name, render) for name, render in OUTPUTS if not name.endswith(".pdf")]
    names = {name for name, _ in files}
    return files + [(name, render) for fmt in FORMATS for name, render in export_files(fmt)
                    if name not in names]


class LineCounter:
    """Counts line events in frames whose code lives under ``reports/``."""

    def __init__(self) -> None:
        self.lines = 0

    def _local(self, frame: FrameType, event: str, arg: Any) -> Any:
        if event == "line":
            self.lines += 1
        return self._local

    def _global(self, frame: FrameType, event: str, arg: Any) -> Any:
        return self._local if frame.f_code.co_filename.startswith(_REPORTS) else None

    def run(self, func: Callable[[], bytes]) -> bytes:
        sys.settrace(self._global)
        try:
            return func()
        finally:
            sys.settrace(None)


def _render_counted(n: int) -> tuple[Assessment, dict[str, int], dict[str, bytes]]:
    assessment = assess(Inventory.model_validate(generate(n)))
    counts: dict[str, int] = {}
    files: dict[str, bytes] = {}
    for name, render in _renderers():
        counter = LineCounter()
        files[name] = counter.run(lambda r=render: r(assessment))  # type: ignore[misc]
        counts[name] = counter.lines
    return assessment, counts, files


@pytest.fixture(scope="module")
def runs() -> dict[int, tuple[Assessment, dict[str, int], dict[str, bytes]]]:
    return {n: _render_counted(n) for n in (1000, 2000)}


def test_every_renderer_is_linear(runs: dict[int, tuple[Assessment, dict[str, int],
                                                          dict[str, bytes]]]) -> None:
    (a1, small, _), (a2, big, _) = runs[1000], runs[2000]
    size = len(a2.inventory.assets) / len(a1.inventory.assets)
    assert 1.9 < size < 2.1
    growth = {name: big[name] / max(small[name], 1) for name in small}
    too_fast = {name: round(g, 2) for name, g in growth.items() if g > MAX_GROWTH * size / 2}
    assert not too_fast, f"grows faster than the inventory: {too_fast} ({big} vs {small})"
    assert sum(big.values()) > 1.8 * sum(small.values())  # the counter does count


def test_outputs_scale_with_the_inventory(runs: dict[int, tuple[Assessment, dict[str, int],
                                                                  dict[str, bytes]]]) -> None:
    for assessment, _, files in runs.values():
        inv = assessment.inventory
        assert _csv_rows(files["assets.csv"]) == len(inv.assets)
        assert _csv_rows(files["csv/links.csv"]) == len(inv.links)
        assert _csv_rows(files["csv/priorities.csv"]) == len(assessment.priorities)
        assert _csv_rows(files["netbox/04-devices.csv"]) == len(inv.assets)
        book = load_workbook(io.BytesIO(files["worksheet.xlsx"]), read_only=True)
        assert _sheet_rows(book["Assets"]) == len(inv.assets) + 1
        assert _sheet_rows(book["Priorities"]) == len(assessment.priorities) + 1
        assert _sheet_rows(book["Dependencies"]) == len(assessment.graph.edges) + 1
        assert files["graph.graphml"].count(b"<edge ") == len(assessment.graph.edges)
        assert files["worksheet.md"].count(b"\n| ") >= len(inv.assets)


def _sheet_rows(sheet: Any) -> int:
    return sum(1 for _ in sheet.iter_rows(values_only=True))


def _csv_rows(data: bytes) -> int:
    return sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8-sig")))) - 1
