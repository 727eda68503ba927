"""CISCO-CDP-MIB cdpCacheTable: Cisco's neighbour protocol, for gear without LLDP."""

from __future__ import annotations

from dataclasses import dataclass

from scanner.collectors.snmp.mibs.tables import index_ints, ipv4_from_value, table
from scanner.collectors.snmp.values import Walk, integer, text

CDP_CACHE_ENTRY = "1.3.6.1.4.1.9.9.23.1.2.1.1"
WALK_ROOTS: tuple[str, ...] = (CDP_CACHE_ENTRY,)


@dataclass(frozen=True)
class CdpNeighbour:
    if_index: int
    device_id: str
    device_port: str
    address: str | None
    platform: str
    version: str


def parse(walk: Walk) -> list[CdpNeighbour]:
    """One neighbour per cache row (index ifIndex.deviceIndex)."""
    out = []
    for index, row in sorted(table(walk, CDP_CACHE_ENTRY).items()):
        parts = index_ints(index)
        if not parts or len(parts) != 2:
            continue
        address = ipv4_from_value(row.get(4)) if integer(row.get(3)) in (1, None) else None
        out.append(CdpNeighbour(
            if_index=parts[0],
            device_id=text(row.get(6), limit=256),
            device_port=text(row.get(7), limit=128),
            address=address,
            platform=text(row.get(8), limit=256),
            version=text(row.get(5), limit=256),
        ))
    return out
