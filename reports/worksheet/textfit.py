"""How many lines a wrapped cell needs, from the widths of Calibri's letters.

A row's height must be written into the file (LibreOffice keeps a row one line high
otherwise, and wrapped text runs over the rows below), so it is estimated here: the
text is word-wrapped greedily against the column width, each letter counted by its
advance width in Calibri (Carlito has the same metrics) relative to the digit 0,
which is the unit of Excel's column widths.  Slightly pessimistic (``SLACK``): a
line too many leaves white space, a line too few hides text.
"""

from __future__ import annotations

from functools import lru_cache

#: advance widths relative to "0" (Calibri 11); unknown letters count as wide
_NARROW = dict.fromkeys("ijlI.,:;'!|", 0.47)
_WIDTHS: dict[str, float] = {
    **dict.fromkeys("0123456789_#$?", 1.0), **_NARROW,
    "a": 0.95, "b": 1.04, "c": 0.83, "d": 1.04, "e": 0.98, "f": 0.6, "g": 0.93, "h": 1.04,
    "k": 0.9, "m": 1.58, "n": 1.04, "o": 1.04, "p": 1.04, "q": 1.04, "r": 0.69, "s": 0.77,
    "t": 0.66, "u": 1.04, "v": 0.89, "w": 1.41, "x": 0.85, "y": 0.89, "z": 0.78,
    "A": 1.14, "B": 1.07, "C": 1.05, "D": 1.21, "E": 0.96, "F": 0.91, "G": 1.24, "H": 1.23,
    "J": 0.63, "K": 1.03, "L": 0.83, "M": 1.69, "N": 1.27, "O": 1.31, "P": 1.02, "Q": 1.33,
    "R": 1.07, "S": 0.91, "T": 0.96, "U": 1.27, "V": 1.12, "W": 1.76, "X": 1.02, "Y": 0.96,
    "Z": 0.92, "-": 0.6, "(": 0.6, ")": 0.6, "[": 0.6, "]": 0.6, "/": 0.75, "\"": 0.7,
    "+": 1.0, "=": 1.0, "<": 1.0, ">": 1.0, "*": 0.95, "%": 1.4, "&": 1.32, "@": 1.72,
}
_WIDE = 1.45
SPACE = 0.45
#: the share of a column's width text is wrapped against (margins, rounding)
SLACK = 0.9


@lru_cache(maxsize=65_536)
def word_width(word: str) -> float:
    """A word's width in widths of "0" (words repeat a lot: names, ids, units)."""
    get = _WIDTHS.get
    return sum(get(ch, _WIDE) for ch in word)


def text_lines(text: str, width: float, limit: int) -> int:
    """Lines ``text`` takes wrapped in a column ``width`` wide, at most ``limit``."""
    room = max(2.0, width * SLACK - 0.5)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split(" "):
            size = word_width(word) if len(word) < 64 else sum(
                word_width(word[i:i + 64]) for i in range(0, len(word), 64))
            if used and used + SPACE + size > room:
                lines, used = lines + 1, 0.0
            used += size + (SPACE if used else 0.0)
            while used > room:  # a word longer than the line breaks inside it
                lines, used = lines + 1, used - room
        if lines >= limit:
            return limit
    return lines
