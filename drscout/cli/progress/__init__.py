"""The CLI's progress display on stderr, fed by the library's progress events.

On a terminal: a rich live view (phases with "n of m", the slowest tasks, gaps in
counts, elapsed time and time left).  When stderr is not a terminal (a log, CI): plain
rate-limited lines (:mod:`.plain`).  With ``--quiet``: nothing.  Never stdout, which
belongs to ``--json``.  The CLI drives its own steps (analysis, reports) through
:meth:`ProgressDisplay.step`, since the library never prints, and closes with
:meth:`ProgressDisplay.summary`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import TracebackType

from rich.console import Console, RenderableType
from rich.live import Live

from drscout.cli.progress.plain import PlainLog
from drscout.cli.progress.render import live_view
from drscout.cli.progress.state import Clock, ProgressState
from drscout.cli.progress.summary import Outcome, outcome, summary_rows, summary_table
from scanner.events import ProgressEvent

__all__ = ["Outcome", "ProgressDisplay", "outcome"]

#: how often, in seconds, the plain log checks whether a heartbeat line is due
TICK_SECONDS = 5.0


class ProgressDisplay:
    """An event sink and a context manager: live on a terminal while inside ``with``."""

    def __init__(self, console: Console, quiet: bool = False, *, title: str = "drscout",
                 steps: Sequence[str] = (), clock: Clock = time.monotonic) -> None:
        self.console = console
        self.quiet = quiet
        self.title = title
        self.steps = tuple(steps)
        self.state = ProgressState(clock=clock)
        self.live = not quiet and console.is_terminal
        self._plain = PlainLog(console, self.state) if not quiet and not self.live else None
        self._live: Live | None = None
        #: the live view redraws from rich's refresh thread while events arrive
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def __enter__(self) -> ProgressDisplay:
        if self.live:
            self._live = Live(console=self.console, get_renderable=self.view,
                              refresh_per_second=4, transient=True,
                              redirect_stdout=False, redirect_stderr=False)
            self._live.start()
        elif self._plain is not None:
            self._ticker = threading.Thread(target=self._tick_until_stopped, daemon=True,
                                            name="drscout-progress")
            self._ticker.start()
        return self

    def _tick_until_stopped(self) -> None:
        while not self._stop.wait(TICK_SECONDS):
            self.tick()

    def tick(self) -> None:
        """Let the plain log say where things stand during a long, silent task."""
        if self._plain is not None:
            with self._lock:
                self._plain.heartbeat()

    def __exit__(self, *exc: object | TracebackType | None) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
            self._ticker = None
        if self._plain is not None:
            self._plain.finished()
        if self._live is not None:
            self._live.stop()
            self._live = None

    def view(self) -> RenderableType:
        """The live view as it stands (also what a test renders)."""
        with self._lock:
            return live_view(self.state, self.title, self.steps)

    def __call__(self, event: ProgressEvent) -> None:
        with self._lock:
            if self._plain is not None:
                self._plain.before(event)
            self.state.apply(event)
            if self._plain is not None:
                self._plain(event)
        if self._live is not None and event.kind in ("phase", "planned"):
            self._live.refresh()

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        """One of the CLI's own steps after the scan (analysis, reports)."""
        with self._lock:
            self.state.begin_step(name)
        if self._plain is not None:
            self._plain.finished()
            self._plain.line(f"{name}…")
        if self._live is not None:
            self._live.refresh()
        yield
        with self._lock:
            self.state.end_step(name)
        if self._plain is not None:
            self._plain.finished()

    def summary(self, result: Outcome) -> None:
        """The closing summary (after the live view is gone); nothing with --quiet."""
        if self.quiet:
            return
        rows = summary_rows(self.state, result, self.title)
        if self._plain is not None:
            width = max(len(label) for label, _ in rows) + 2
            for label, value in rows:
                self._plain.line(f"{label:<{width}}{value}")
        else:
            self.console.print(summary_table(rows), highlight=False)
