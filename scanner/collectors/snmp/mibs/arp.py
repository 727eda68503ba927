"""IP-MIB ARP caches: ipNetToMediaTable (IPv4) and ipNetToPhysicalTable (IPv4/IPv6).

A router's ARP cache names hosts that answered it but perhaps not nmap (a
firewall on the host, a scan from another segment): each IP/MAC pair becomes
a sighting, and the scan scope decides later which ones are kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from scanner.collectors.snmp.mibs.tables import index_ints, inet_address, table
from scanner.collectors.snmp.values import Walk, integer, mac

NET_TO_MEDIA_ENTRY = "1.3.6.1.2.1.4.22.1"
NET_TO_PHYSICAL_ENTRY = "1.3.6.1.2.1.4.35.1"
WALK_ROOTS: tuple[str, ...] = (NET_TO_MEDIA_ENTRY + ".2", NET_TO_MEDIA_ENTRY + ".4",
                               NET_TO_PHYSICAL_ENTRY + ".4", NET_TO_PHYSICAL_ENTRY + ".6")
_INVALID = 2


@dataclass(frozen=True)
class ArpEntry:
    ip: str
    mac: str
    if_index: int


def _media(walk: Walk) -> list[ArpEntry]:
    out = []
    for index, row in table(walk, NET_TO_MEDIA_ENTRY).items():
        parts = index_ints(index)
        if not parts or len(parts) != 5 or integer(row.get(4)) == _INVALID:
            continue
        ip, address = inet_address(1, parts[1:]), mac(row.get(2))
        if ip and address:
            out.append(ArpEntry(ip, address, parts[0]))
    return out


def _physical(walk: Walk) -> list[ArpEntry]:
    out = []
    for index, row in table(walk, NET_TO_PHYSICAL_ENTRY).items():
        parts = index_ints(index)
        if not parts or len(parts) < 4 or integer(row.get(6)) == _INVALID:
            continue
        family, length, raw = parts[1], parts[2], parts[3:]
        ip = inet_address(family, raw) if len(raw) == length and max(raw) < 256 else None
        address = mac(row.get(4))
        if ip and address:
            out.append(ArpEntry(ip, address, parts[0]))
    return out


def parse(walk: Walk) -> list[ArpEntry]:
    """Unique (ip, mac) pairs from both tables, invalid entries dropped."""
    seen: dict[tuple[str, str], ArpEntry] = {}
    for entry in _media(walk) + _physical(walk):
        seen.setdefault((entry.ip, entry.mac), entry)
    return sorted(seen.values(), key=lambda e: (e.ip, e.mac))
