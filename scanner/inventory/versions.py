"""How precise a version string is: exact, a lower bound, a guess, or unknown.

A finding that a consultant signs ("PostgreSQL 9.6 is past end of support") must
rest on a version the device really runs.  nmap often knows less than its text
suggests: "9.6.0 or later" is a lower bound from the protocol a server speaks,
"3.X" or "2.6.32 - 3.10" is a family from a generic OS fingerprint.  The
collectors that know how a version was obtained set the precision explicitly;
:func:`text_precision` reads what the text alone says, for inventories written
by hand or by another tool.
"""

from __future__ import annotations

import re
from typing import Literal

VersionPrecision = Literal["exact", "lower-bound", "guessed", "unknown"]
PRECISIONS: tuple[str, ...] = VersionPrecision.__args__  # type: ignore[attr-defined]

_LOWER = re.compile(r"(or later|or newer|or above|or higher|and later|\+$|^>=?)", re.I)
#: "3.X", "2.6.x", "3.X|4.X", "2.6.32 - 3.10", "4.4 or earlier" (never "2.4.57-2", a
#: package revision)
_GUESS = re.compile(r"(\b\d+(?:\.\d+)*\.[xX]\b|^[xX]$|\||\d\s+-\s+\d|or earlier|or older)")


def text_precision(version: str | None) -> VersionPrecision:
    """What a version string says about itself ("" or None: unknown)."""
    text = (version or "").strip()
    if not text or not any(ch.isdigit() for ch in text):
        return "unknown"
    if _LOWER.search(text):
        return "lower-bound"
    if _GUESS.search(text):
        return "guessed"
    return "exact"


def nmap_service_precision(version: str, method: str, conf: int | None,
                           soft: bool = False) -> VersionPrecision:
    """Precision of an nmap -sV service version.

    ``method="table"`` means nmap only looked the port up in nmap-services (no
    probe answered); a confidence below 10 means the match was heuristic; a
    service fingerprint (``soft``) means no hard match identified it.  Any of
    these makes a version that reads as exact a guess.  Otherwise the text
    decides ("9.6.0 or later" is a lower bound).
    """
    from_text = text_precision(version)
    if from_text != "exact":
        return from_text
    if method == "table" or soft or (conf is not None and conf < 10):
        return "guessed"
    return from_text


def os_precision(version: str | None, confidence: float) -> VersionPrecision:
    """Precision of an OS version: a fingerprint match below 100% accuracy is a guess."""
    from_text = text_precision(version)
    if from_text == "exact" and confidence < 1.0:
        return "guessed"
    return from_text
