"""Progress events: library code reports progress through a callback, never prints."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class ProgressEvent:
    kind: Literal["phase", "host-found", "task-start", "task-done", "gap"]
    collector: str
    target: str = ""
    message: str = ""


EventSink = Callable[[ProgressEvent], None]


def ignore(_event: ProgressEvent) -> None:
    """The default sink: drop events."""
