"""Durations as people write them in a DR worksheet: "4h", "2 days", "30 min", "daily".

People type RTO, RPO and MTD in whatever form they like; the plan checks need
hours to compare them.  A bare number means hours (the column notes say so).
Anything unreadable is ``None`` and the check says it could not read it, rather
than guessing.
"""

from __future__ import annotations

import re
from datetime import timedelta

_UNITS: dict[str, float] = {
    "s": 1 / 3600, "sec": 1 / 3600, "second": 1 / 3600,
    "m": 1 / 60, "min": 1 / 60, "minute": 1 / 60,
    "h": 1.0, "hr": 1.0, "hour": 1.0,
    "d": 24.0, "day": 24.0, "bd": 24.0,
    "w": 168.0, "wk": 168.0, "week": 168.0,
    "mo": 720.0, "month": 720.0,
}
_WORDS: dict[str, float] = {
    "continuous": 0.0, "realtime": 0.0, "real-time": 0.0, "zero": 0.0, "none": 0.0,
    "hourly": 1.0, "daily": 24.0, "nightly": 24.0, "weekly": 168.0, "monthly": 720.0,
}
_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([a-z]*)")


def _unit(word: str) -> float | None:
    if word in _UNITS:
        return _UNITS[word]
    singular = word[:-1] if word.endswith("s") else word
    return _UNITS.get(singular)


def hours(value: object) -> float | None:
    """Hours in ``value`` ("1d 4h" = 28.0), or None when it cannot be read."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, timedelta):
        return value.total_seconds() / 3600
    text = str(value).strip().lower()
    if not text:
        return None
    if text in _WORDS:
        return _WORDS[text]
    if text.startswith("every "):
        text = text[6:].strip()
        single = _unit(text)
        if single is not None:
            return single
    total, pos = 0.0, 0
    for match in _PART.finditer(text):
        if text[pos:match.start()].strip(" ,+and") != "":
            return None
        factor = _unit(match.group(2)) if match.group(2) else 1.0
        if factor is None:
            return None
        total += float(match.group(1).replace(",", ".")) * factor
        pos = match.end()
    if pos == 0 or text[pos:].strip():
        return None
    return total


def show(value: float) -> str:
    """28.0 -> "28h"; 0.5 -> "30min"."""
    if value < 1:
        return f"{value * 60:g}min"
    return f"{value:g}h"
