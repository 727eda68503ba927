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


def _sections(text: str) -> dict[str, list[list[str]]]:
    """'## Title' -> the first table under it (so a new section moves no test)."""
    out = {}
    for part in text.split("\n## ")[1:]:
        title, _, body = part.partition("\n")
        found = _tables(body)
        if found:
            out[title] = found[0]
    return out


def test_tables_with_the_shared_columns(assessment: Assessment) -> None:
    found = _sections(render_worksheet_md(assessment).decode("utf-8"))
    assets, priorities, backups = found["Assets"], found["Priorities"], found["Backups"]
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
    found = _sections(render_worksheet_md(benign).decode("utf-8"))
    assets, priorities = found["Assets"], found["Priorities"]
    pve = next(r for r in assets if r[1] == "pve1")
    assert pve[10] == "sw-core:Gi0/2"
    assert pve[17:] == [""] * 8, "scan status empty on a first worksheet, person columns empty"
    assert "tier 1 but nobody is named under Owner" in priorities[4][10], "checks on first write"
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


def test_plan_sections(benign: Assessment) -> None:
    text = render_worksheet_md(benign).decode("utf-8")
    found = _sections(text)
    processes, contacts, vendors, procedures, checks = (
        found[t] for t in ("Business processes", "Contacts and call tree", "Vendors and ISP",
                           "Recovery procedures", "Plan checks"))
    assert processes[0][0] == "Process" and processes[0][6] == f"Owner {PERSON_MARK}"
    assert [r[0] for r in processes[2:]] == ["File sharing", "Internet access"]
    assert any(r[0] == "Cisco support" for r in contacts)
    assert any(r[0] == "Synology" and r[1] == "1" for r in vendors)
    assert [r[1] for r in procedures[2:]] == ["ups01", "sw-core", "pve1", "dc01", "files01"]
    assert {r[1] for r in checks[2:]} == {"tier1-spof", "tier1-no-owner"}
    assert "- **Scan scope**: Networks scanned: 192.168.10.0/24<br>" in text
