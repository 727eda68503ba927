from __future__ import annotations

import re

from analysis.model import Assessment
from reports import render_worksheet_md
from reports.columns import ASSET_COLUMNS, BACKUP_COLUMNS, PRIORITY_COLUMNS
from reports.worksheet.md import PERSON_MARK

_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def _tables(text: str) -> list[list[list[str]]]:
    """Markdown tables as lists of rows of cells (split on unescaped pipes)."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in text.split("\n"):
        if line.startswith("|"):
            current.append([c.strip() for c in _CELL_SPLIT.split(line)[1:-1]])
        elif current:
            tables.append(current)
            current = []
    return tables


def test_tables_with_the_shared_columns(assessment: Assessment) -> None:
    text = render_worksheet_md(assessment).decode("utf-8")
    assets, priorities, backups, _ = _tables(text)
    assert len(backups[0]) == len(BACKUP_COLUMNS)
    assert {len(r) for r in backups} == {len(BACKUP_COLUMNS)}
    expected = [c.header + (f" {PERSON_MARK}" if c.person_filled else "") for c in ASSET_COLUMNS]
    assert assets[0] == expected
    assert len(priorities[0]) == len(PRIORITY_COLUMNS)
    assert len(assets) == len(assessment.inventory.assets) + 2
    assert len(priorities) == len(assessment.priorities) + 2
    assert {len(r) for r in assets} == {len(ASSET_COLUMNS)}
    assert {len(r) for r in priorities} == {len(PRIORITY_COLUMNS)}


def test_benign_rows(benign: Assessment) -> None:
    assets, priorities, *_ = _tables(render_worksheet_md(benign).decode("utf-8"))
    pve = next(r for r in assets if r[1] == "pve1")
    assert pve[10] == "sw-core:Gi0/2"
    assert pve[17:] == [""] * 8, "scan status empty on a first worksheet, person columns empty"
    assert priorities[4][:4] == ["mac-525400000010", "pve1", "1",
                                 "hosts dc01 and files01; runs VMs: dc01, files01"]


def test_hostile_strings_cannot_break_out(hostile: Assessment) -> None:
    text = render_worksheet_md(hostile).decode("utf-8")
    assert "<" not in text.replace("<br>", "")
    assert not re.search(r"(?<!\\)\]\(javascript:", text)
    assert "\\[link\\](javascript:" in text
    assert "\x00" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert len(text) < 200_000
