"""Identification rules as data: what a sysDescr / sysObjectID / MIB subtree implies.

Each :class:`Rule` states conditions (all must hold) and what follows from them
(vendor, os, type; ``model``/``version`` come from named regex groups).  The
classifier collects every matching rule's claims and keeps, per field, the most
confident one, so a specific rule ("Cisco IOS on a C2960X") beats a generic one
("sysDescr says 'switch'") without the order of the table having to be perfect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SPECIFIC = 0.9
KEYWORD = 0.7
OS_DEFAULT = 0.35


@dataclass(frozen=True)
class Rule:
    """One identification rule; ``evidence`` explains it in reports."""

    evidence: str
    descr: re.Pattern[str] | None = None
    oid: str | None = None
    present: str | None = None
    vendor: str | None = None
    os: str | None = None
    type: str | None = None
    confidence: float = SPECIFIC


def rule(evidence: str, descr: str | None = None, **kw: object) -> Rule:
    pattern = re.compile(descr, re.IGNORECASE) if descr else None
    return Rule(evidence, pattern, **kw)  # type: ignore[arg-type]


E = "1.3.6.1.4.1."
