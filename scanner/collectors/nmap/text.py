"""Device strings are hostile: strip control characters and bound their length here,
once, so nothing downstream has to wonder what a banner contained."""

from __future__ import annotations

import unicodedata

MAX_LEN = 200


def clean(value: object, limit: int = MAX_LEN) -> str:
    """Printable, single-line, bounded text ("" for None)."""
    if value is None:
        return ""
    text = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in str(value)
    )
    return " ".join(text.split())[:limit]


def mac_colon_lower(mac: str) -> str:
    """Normalise e.g. "00-1B-21-07-00-01" to "00:1b:21:07:00:01"."""
    digits = "".join(ch for ch in mac.lower() if ch in "0123456789abcdef")
    if len(digits) != 12:
        return clean(mac).lower()
    return ":".join(digits[i : i + 2] for i in range(0, 12, 2))
