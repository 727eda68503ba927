"""Progress events: library code reports progress through a callback, never prints."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class ProgressEvent:
    """One step of a scan.  ``planned`` announces how many tasks a collector has in a
    stage (so a display can say "n of m"); every ``task-start`` ends in one ``task-done``
    (``ok`` False when the task itself failed and became a gap)."""

    kind: Literal["phase", "planned", "host-found", "task-start", "task-done", "gap"]
    collector: str
    target: str = ""
    message: str = ""
    #: the orchestrator stage (local, discovery, per-host, endpoint) of task events
    stage: str = ""
    #: ``planned``: the number of tasks; otherwise 0
    total: int = 0
    #: ``gap``: the gap's short reason (timeout, auth, refused, ...)
    reason: str = ""
    #: ``task-done``: False when the task failed (its gap event came just before)
    ok: bool = True


EventSink = Callable[[ProgressEvent], None]


def ignore(_event: ProgressEvent) -> None:
    """The default sink: drop events."""
