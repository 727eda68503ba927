"""Progress for a log or CI (stderr is not a terminal): a line when a phase starts and
ends, the first few gaps of each kind with host and reason, then counts, and a
heartbeat now and then.  Rate-limited, so a /16 of silent SNMP hosts stays readable."""

from __future__ import annotations

from collections import Counter

from rich.console import Console

from drscout.cli.progress.render import clock_text, count_text, gaps_text, left_text, visible
from drscout.cli.progress.state import ProgressState
from scanner.events import ProgressEvent

#: gaps of one collector and reason listed one by one before they are only counted
GAPS_LISTED = 3
HEARTBEAT_SECONDS = 30.0


class PlainLog:
    """Line-oriented progress, fed the same events as the state (after it)."""

    def __init__(self, console: Console, state: ProgressState) -> None:
        self.console = console
        self.state = state
        self.listed: Counter[tuple[str, str]] = Counter()
        self.last_beat = state.clock()

    def line(self, text: str) -> None:
        self.console.print(text, markup=False, highlight=False, soft_wrap=True)

    def __call__(self, event: ProgressEvent) -> None:
        """After the state took ``event`` in (see :meth:`before`)."""
        if event.kind == "phase":
            self.line(f"{event.collector}: {event.message}")
        elif event.kind == "gap":
            self._gap(event)
        self.heartbeat()

    def before(self, event: ProgressEvent) -> None:
        """Before the state takes ``event`` in: report the phases that ended earlier
        (not yet after discovery's task, whose hosts are announced right after it)."""
        if event.kind != "host-found":
            self.finished()

    def _gap(self, event: ProgressEvent) -> None:
        collector, target, reason = self.state.latest_gaps[-1]
        key = (collector, reason)
        self.listed[key] += 1
        if self.listed[key] <= GAPS_LISTED:
            self.line(f"gap: {collector} {target} {reason}")
        if self.listed[key] == GAPS_LISTED:
            self.line(f"gap: further {collector} {reason} gaps are counted, not listed")

    def finished(self) -> None:
        """One line per phase that ended since the last call."""
        for phase in filter(visible, self.state.take_finished()):
            spent = (phase.finished or 0.0) - (phase.started or 0.0)
            said = ", ".join(p for p in (count_text(phase, self.state),
                                         gaps_text(phase.gaps)) if p)
            self.line(f"{phase.name} done" + (f": {said}" if said else "")
                      + f" ({clock_text(spent)})")

    def heartbeat(self) -> None:
        """A progress line, at most every HEARTBEAT_SECONDS (called on events, and by
        the display's ticker while a long task sends none)."""
        now = self.state.clock()
        if now - self.last_beat < HEARTBEAT_SECONDS:
            return
        self.last_beat = now
        active = [f"{p.name} {count_text(p, self.state)}" for p in self.state.ordered()
                  if p.started is not None and not p.complete]
        self.line(f"progress: {'; '.join(active) or 'between phases'}; elapsed "
                  f"{clock_text(self.state.elapsed())}, time left {left_text(self.state)}")
