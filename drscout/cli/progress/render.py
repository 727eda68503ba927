"""The live view of a :class:`ProgressState`: one line per phase, the slowest tasks,
the gaps in counts (never one line each), elapsed time and time left."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.progress_bar import ProgressBar
from rich.spinner import Spinner
from rich.table import Table
from rich.text import Text

from drscout.cli.progress.state import Phase, ProgressState

ESTIMATING = "estimating…"


def clock_text(seconds: float) -> str:
    """``m:ss`` (``h:mm:ss`` past an hour)."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def left_text(state: ProgressState) -> str:
    left = state.time_left()
    return ESTIMATING if left is None else f"~{clock_text(left)}"


def count_text(phase: Phase, state: ProgressState) -> str:
    """"8 of 15 hosts", or what discovery found."""
    if phase.step:
        return ""
    if phase.name == "discovery":
        return f"{len(state.hosts)} hosts found" if phase.complete else "sweeping"
    n, m = phase.counts()
    return f"{n} of {m} {phase.unit}" if m else ("done" if phase.complete else "")


def gaps_text(count: int) -> str:
    return "" if not count else f"{count} gap" + ("s" if count > 1 else "")


def visible(phase: Phase) -> bool:
    """A stage with nothing to do (no endpoint configured) is not a phase worth a line."""
    return not (phase.planned and phase.complete and phase.total == 0)


def phase_table(state: ProgressState, waiting: Sequence[str]) -> Table:
    table = Table.grid(padding=(0, 1))
    for column in ("mark", "name", "bar", "count", "gaps", "time"):
        table.add_column(column, no_wrap=True, justify="right" if column == "time" else "left")
    now = state.clock()
    for phase in filter(visible, state.ordered()):
        mark: RenderableType = Text("✓", style="green") if phase.complete \
            else Spinner("dots", style="cyan")
        n, m = phase.counts()
        bar: RenderableType = "" if phase.step else \
            ProgressBar(total=max(m, 1), completed=n if m else 0, width=20)
        spent = (phase.finished or now) - (phase.started or now)
        table.add_row(mark, phase.name, bar, count_text(phase, state),
                      Text(gaps_text(phase.gaps), style="yellow"), clock_text(spent))
    for name in waiting:
        if name not in state.phases:
            table.add_row(Text("·", style="dim"), Text(name, style="dim"), "", "waiting", "", "")
    return table


def slow_lines(state: ProgressState) -> list[Text]:
    slowest = state.slowest()
    if not slowest:
        return []
    lines = [Text("slowest running:", style="bold")]
    lines += [Text(f"  {name:<12} {target:<34} {clock_text(spent)}")
              for name, target, spent in slowest]
    return lines


def gap_lines(state: ProgressState) -> list[Text]:
    if not state.gap_counts:
        return []
    counts = ", ".join(f"{c} {r} {n}" for (c, r), n in state.gap_counts.most_common(6))
    lines = [Text(f"gaps: {sum(state.gap_counts.values())} ({counts})", style="yellow")]
    lines += [Text(f"  {'latest:' if i == 0 else '':<8}{c} {t} {r}")
              for i, (c, t, r) in enumerate(reversed(state.latest_gaps))]
    return lines


def live_view(state: ProgressState, title: str, waiting: Sequence[str]) -> RenderableType:
    """The whole live display, redrawn a few times a second."""
    head = Text.assemble((title, "bold"), f"  elapsed {clock_text(state.elapsed())}",
                         f"  ·  time left {left_text(state)}",
                         f"  ·  {len(state.hosts)} hosts found")
    return Group(head, phase_table(state, waiting), *slow_lines(state), *gap_lines(state))
