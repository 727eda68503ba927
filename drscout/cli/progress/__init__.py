"""A progress display on stderr for the CLI, fed by the library's progress events."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.status import Status

from scanner.events import ProgressEvent


class ProgressDisplay:
    """A one-line live status on a terminal; plain lines otherwise (CI logs)."""

    def __init__(self, console: Console, quiet: bool = False) -> None:
        self.console = console
        self.quiet = quiet
        self.hosts = 0
        self.running = 0
        self.done = 0
        self.gaps = 0
        self._status: Status | None = None

    def __enter__(self) -> ProgressDisplay:
        if not self.quiet and self.console.is_terminal:
            self._status = self.console.status("starting scan")
            self._status.start()
        return self

    def __exit__(self, *exc: object | TracebackType | None) -> None:
        if self._status:
            self._status.stop()

    def __call__(self, event: ProgressEvent) -> None:
        if event.kind == "host-found":
            self.hosts += 1
        elif event.kind == "task-start":
            self.running += 1
        elif event.kind == "task-done":
            self.running -= 1
            self.done += 1
        elif event.kind == "gap":
            self.gaps += 1
        self._show(event)

    def _show(self, event: ProgressEvent) -> None:
        if self.quiet:
            return
        summary = (f"{self.hosts} host(s) found, {self.done} task(s) done, "
                   f"{self.running} running, {self.gaps} gap(s)")
        if self._status:
            self._status.update(f"{event.collector}: {event.message or event.target}  [{summary}]")
        elif event.kind in ("phase", "gap"):
            self.console.print(f"[{event.collector}] {event.message or event.target}",
                               markup=False, highlight=False)
