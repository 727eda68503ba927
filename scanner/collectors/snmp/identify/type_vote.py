"""Deciding a device type from all the evidence at once.

Each claim is one piece of evidence for one type.  A type's score starts at its
strongest claim and every further claim for it closes part of the remaining gap
(at half weight, since hints about one device are rarely independent):

    score = top + (1 - top) * SUPPORT * (1 - prod(1 - other))

So two weak hints that agree beat one weak hint that does not, while a specific
product rule (0.9) still beats any pile of generic hints about interface shape.
No claim at all means ``other``: nothing pointed anywhere.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from scanner.collectors.snmp.identify.claims import Claim

SUPPORT = 0.5
NO_EVIDENCE = Claim(
    "other",
    0.2,
    "no type evidence: no product rule, standard MIB, interface shape or enterprise "
    "category pointed to a kind of device",
)


def score(confidences: Sequence[float]) -> float:
    """The combined score of one type's claims (see the module docstring)."""
    ranked = sorted(confidences, reverse=True)
    top, rest = ranked[0], ranked[1:]
    support = 1 - math.prod(1 - c for c in rest)
    return top + (1 - top) * SUPPORT * support


def decide(claims: Sequence[Claim]) -> Claim:
    """The winning type, its combined confidence and the evidence that carried it."""
    if not claims:
        return NO_EVIDENCE
    by_type: dict[str, list[Claim]] = {}
    for claim in claims:
        by_type.setdefault(claim.value, []).append(claim)
    scores = {kind: score([c.confidence for c in found]) for kind, found in by_type.items()}
    winner = max(scores, key=lambda kind: scores[kind])  # first seen wins a tie
    reasons = sorted(by_type[winner], key=lambda c: -c.confidence)
    evidence = "; ".join(dict.fromkeys(c.evidence for c in reasons[:3]))
    losers = [f"{k} {v:.2f}" for k, v in sorted(scores.items(), key=lambda kv: -kv[1])
              if k != winner]
    if losers:
        evidence += f" (outweighs {', '.join(losers[:2])})"
    return Claim(winner, round(min(scores[winner], 0.99), 3), evidence)
