"""The closing summary on stderr: what was found, what could not be read, what the
analysis says, how long it took and where the files went."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rich.table import Table

from analysis.model import SEVERITIES
from drscout.cli.progress.render import clock_text, gaps_text
from drscout.cli.progress.state import ProgressState
from scanner.inventory.model import Inventory


@dataclass(frozen=True)
class Outcome:
    """What the command produced (the display knows only the scan's events)."""

    assets: int
    #: (collector, reason) -> count, from the inventory (it holds every gap)
    gaps: Counter[tuple[str, str]] = field(default_factory=Counter)
    spofs: int | None = None
    #: severity -> count, worst first; None for a scan without analysis
    findings: dict[str, int] | None = None
    written: str = ""
    interrupted: bool = False


def outcome(inventory: Inventory, assessment: Any = None, written: str = "",
            interrupted: bool = False) -> Outcome:
    """The summary's figures from the inventory and, for ``run``, the assessment."""
    gaps: Counter[tuple[str, str]] = Counter((g.collector, str(g.reason)) for g in inventory.gaps)
    if assessment is None:
        return Outcome(len(inventory.assets), gaps, written=written, interrupted=interrupted)
    findings = {s: sum(1 for f in assessment.findings if f.severity == s) for s in SEVERITIES}
    return Outcome(len(inventory.assets), gaps, len(assessment.spofs), findings, written,
                   interrupted)


def _tasks(state: ProgressState, outcome: Outcome) -> str:
    gaps = Counter[str]()
    for (collector, _reason), n in outcome.gaps.items():
        gaps[collector] += n
    names = list(state.tasks) + [c for c in gaps if c not in state.tasks]
    parts = []
    for name in names:
        done, failed = state.tasks.get(name, [0, 0])
        unfinished = state.started_tasks[name] - done - failed
        said = [f"{done + failed} done" + (f" ({failed} failed)" if failed else "")
                if done + failed else "" if unfinished else "not run",
                f"{unfinished} unfinished" if unfinished > 0 else "", gaps_text(gaps[name])]
        parts.append(f"{name} " + ", ".join(p for p in said if p))
    return "; ".join(parts) or "none"


def _gaps(outcome: Outcome) -> str:
    total = sum(outcome.gaps.values())
    if not total:
        return "none"
    kinds = ", ".join(f"{c} {r} {n}" for (c, r), n in outcome.gaps.most_common(8))
    more = len(outcome.gaps) - 8
    return f"{total} ({kinds}" + (f", and {more} more kinds" if more > 0 else "") + ")"


def summary_rows(state: ProgressState, outcome: Outcome, title: str) -> list[tuple[str, str]]:
    """(label, value) rows: a table on a terminal, aligned lines in a log."""
    state_word = "interrupted" if outcome.interrupted else "finished"
    rows = [(title, f"{state_word} in {clock_text(state.elapsed())}"),
            ("hosts found", str(len(state.hosts))),
            ("assets", str(outcome.assets)),
            ("tasks", _tasks(state, outcome)),
            ("gaps", _gaps(outcome))]
    if outcome.spofs is not None:
        rows.append(("SPOFs", str(outcome.spofs)))
    if outcome.findings is not None:
        counts = ", ".join(f"{n} {s}" for s, n in outcome.findings.items() if n)
        rows.append(("findings", f"{sum(outcome.findings.values())}"
                     + (f" ({counts})" if counts else "")))
    if outcome.written:
        rows.append(("written to", outcome.written))
    return rows


def summary_table(rows: list[tuple[str, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column("label", style="bold", no_wrap=True)
    table.add_column("value")
    for label, value in rows:
        table.add_row(label, value)
    return table
