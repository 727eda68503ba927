from __future__ import annotations

from pathlib import Path

from analysis.model import Assessment
from reports import OUTPUTS
from scanner.inventory.model import Inventory


def test_outputs_names_in_order() -> None:
    assert [name for name, _ in OUTPUTS] == [
        "inventory.json", "assessment.json", "assets.csv", "graph.graphml", "worksheet.xlsx",
        "worksheet.md", "gap-report.html", "gap-report.md"]


def test_every_renderer_returns_bytes_and_is_deterministic(assessment: Assessment) -> None:
    for name, render in OUTPUTS:
        first = render(assessment)
        assert isinstance(first, bytes), name
        assert first, name
        if not name.endswith(".xlsx"):  # xlsx embeds its creation time
            assert render(assessment) == first, name


def test_write_sample_folder(benign: Assessment, artifacts: Path) -> None:
    folder = artifacts / "sample"
    folder.mkdir(exist_ok=True)
    for name, render in OUTPUTS:
        (folder / name).write_bytes(render(benign))
    assert sorted(p.name for p in folder.iterdir()) >= sorted(n for n, _ in OUTPUTS)


def test_empty_assessment_renders_everything() -> None:
    """A scan that found nothing must still produce every file (and say so)."""
    empty = Assessment(inventory=Inventory())
    rendered = {name: render(empty) for name, render in OUTPUTS}
    assert b"No assets found" in rendered["gap-report.html"]
    assert rendered["assets.csv"].startswith(b"id,name,type,")
