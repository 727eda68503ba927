"""IP-MIB ipAddrTable and ipForwarding."""

from __future__ import annotations

import ipaddress

from scanner.collectors.snmp import oids
from scanner.collectors.snmp.values import Walk, integer


def _address(value: object) -> str | None:
    """A valid IPv4 address string, or None (agents do send junk)."""
    if not isinstance(value, str):
        return None
    try:
        return str(ipaddress.IPv4Address(value))
    except ValueError:
        return None


def parse(walk: Walk) -> dict[int, list[str]]:
    """``{ifIndex: [addresses]}`` from ipAdEntAddr/ipAdEntIfIndex.

    The row index of ipAddrTable *is* the address, so when an agent omits the
    ipAdEntAddr column the index is used instead.
    """
    result: dict[int, list[str]] = {}
    for oid, value in walk.items():
        index = oids.index_of(oid, oids.IP_AD_ENT_IF_INDEX)
        if_index = integer(value)
        if index is None or if_index is None:
            continue
        address = _address(walk.get(f"{oids.IP_AD_ENT_ADDR}.{index}")) or _address(index)
        if address and address not in result.setdefault(if_index, []):
            result[if_index].append(address)
    return result


def forwarding(walk: Walk) -> bool | None:
    """ipForwarding: 1 = forwarding (a router), 2 = not forwarding (a host)."""
    value = integer(walk.get(oids.IP_FORWARDING))
    return {1: True, 2: False}.get(value) if value is not None else None
