"""What was and was not scanned, with gaps grouped so forty "no SNMP answer" rows read as one.

Shared by the worksheet's Coverage sheet and both gap reports, so they agree.
A group is the gaps with the same collector, reason and detail; its targets are
listed in address order.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from scanner.inventory.model import Gap, Inventory

#: how many targets a group lists before saying "and N more"
TARGETS_SHOWN = 30


@dataclass(frozen=True)
class GapGroup:
    collector: str
    reason: str
    detail: str
    targets: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.targets)

    def targets_text(self, limit: int = TARGETS_SHOWN) -> str:
        shown = ", ".join(self.targets[:limit])
        more = self.count - limit
        return f"{shown} and {more} more" if more > 0 else shown


@dataclass(frozen=True)
class CollectorCoverage:
    collector: str
    #: assets this collector contributed to
    assets: int
    #: targets it tried and could not read
    gaps: int


def _address_key(target: str) -> tuple[int, int, str]:
    try:
        address = ipaddress.ip_address(target)
    except ValueError:
        return (1, 0, target)
    return (0, int(address), target)


def group_gaps(gaps: list[Gap]) -> list[GapGroup]:
    """Gaps grouped by (collector, reason, detail), biggest group first."""
    groups: dict[tuple[str, str, str], list[str]] = {}
    for gap in gaps:
        groups.setdefault((gap.collector, gap.reason, gap.detail), []).append(gap.target)
    out = [GapGroup(c, r, d, tuple(sorted(set(t), key=_address_key)))
           for (c, r, d), t in groups.items()]
    return sorted(out, key=lambda g: (-g.count, g.collector, g.reason, g.detail))


def collector_coverage(inventory: Inventory) -> list[CollectorCoverage]:
    """Per collector used or mentioned: assets it saw, targets it could not read."""
    names = list(dict.fromkeys([*inventory.scan.collectors,
                                *(s for a in inventory.assets for s in a.sources),
                                *(g.collector for g in inventory.gaps)]))
    return [CollectorCoverage(
        collector=name,
        assets=sum(1 for a in inventory.assets if name in a.sources),
        gaps=sum(1 for g in inventory.gaps if g.collector == name)) for name in names]
