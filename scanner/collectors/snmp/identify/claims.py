"""One identification claim: a value, how sure we are, and the evidence behind it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Claim:
    value: str
    confidence: float
    evidence: str
