"""nmap OS detection -> os, os_version and device type, each an inference with evidence.

Only the best osmatch is used: nmap orders them by accuracy, and mixing classes from
weaker matches would blend two different guesses into one claim.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scanner.collectors.nmap.text import clean
from scanner.inventory.model import AssetType
from scanner.inventory.sighting import Inference

#: nmap osclass "type" -> drscout AssetType; "general purpose" (and anything unlisted)
#: says nothing about the device's job, so it yields no type.
OSCLASS_TYPES: dict[str, AssetType] = {
    "router": "router",
    "broadband router": "router",
    "switch": "switch",
    "WAP": "wireless",
    "firewall": "firewall",
    "printer": "printer",
    "storage-misc": "nas",
    "power-device": "ups",
}


@dataclass(frozen=True)
class OsGuess:
    os: str | None = None
    os_version: str | None = None
    type: AssetType | None = None
    inferred: dict[str, Inference] = field(default_factory=dict)


def _accuracy(value: Any) -> float:
    try:
        return max(0.0, min(1.0, int(value) / 100))
    except (TypeError, ValueError):
        return 0.0


def guess(osmatches: list[dict[str, Any]]) -> OsGuess:
    """Read python-nmap's ``osmatch`` list (best first) into an OsGuess."""
    if not osmatches:
        return OsGuess()
    best = max(osmatches, key=lambda m: _accuracy(m.get("accuracy")))
    name = clean(best.get("name"))
    match_conf = _accuracy(best.get("accuracy"))
    evidence = f"nmap OS match '{name}' ({round(match_conf * 100)}% accuracy)"
    classes = best.get("osclass") or [{}]
    top = max(classes, key=lambda c: _accuracy(c.get("accuracy")))
    os_name = clean(top.get("osfamily")) or name or None
    os_version = clean(top.get("osgen")) or None
    asset_type = OSCLASS_TYPES.get(clean(top.get("type")))
    inferred: dict[str, Inference] = {}
    if os_name:
        inferred["os"] = Inference(confidence=match_conf, evidence=evidence)
    if os_version:
        inferred["os_version"] = Inference(confidence=match_conf, evidence=evidence)
    if asset_type:
        type_conf = _accuracy(top.get("accuracy")) or match_conf
        inferred["type"] = Inference(
            confidence=type_conf,
            evidence=f"{evidence}, device class '{clean(top.get('type'))}'",
        )
    return OsGuess(os_name, os_version, asset_type, inferred)
