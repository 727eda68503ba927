"""Generic SNMP table helpers shared by the MIB parsers.

A walk is a flat ``{oid: value}`` mapping; tables are rebuilt from it by
stripping an entry OID and splitting ``column.index``.  Indexes stay strings
because their encoding (an ifIndex, a MAC, a length-prefixed address) is
table specific and only the parser knows it.
"""

from __future__ import annotations

import ipaddress
from collections import defaultdict

from scanner.collectors.snmp.values import Value, Walk


def table(walk: Walk, entry: str) -> dict[str, dict[int, Value]]:
    """``{index: {column: value}}`` for every row of the table whose entry OID is ``entry``."""
    prefix = entry + "."
    rows: dict[str, dict[int, Value]] = defaultdict(dict)
    for oid, value in walk.items():
        if not oid.startswith(prefix):
            continue
        column, _, index = oid[len(prefix):].partition(".")
        if column.isdigit() and index:
            rows[index][int(column)] = value
    return dict(rows)


def index_ints(index: str) -> list[int] | None:
    """The index as integers, or None when it is not purely numeric."""
    parts = index.split(".")
    return [int(p) for p in parts] if all(p.isdigit() for p in parts) else None


def mac_from_ints(parts: list[int]) -> str | None:
    """A MAC from six index components (each 0..255), else None."""
    if len(parts) != 6 or any(p > 255 for p in parts):
        return None
    return ":".join(f"{p:02x}" for p in parts)


def inet_address(family: int, raw: bytes | list[int]) -> str | None:
    """An InetAddress (RFC 4001 type 1/2/3/4 or IANA family 1/2) as text, else None."""
    data = bytes(raw) if isinstance(raw, list) else raw
    try:
        if len(data) in (4, 8) and family in (1, 3):
            return str(ipaddress.IPv4Address(data[:4]))
        if len(data) in (16, 20) and family in (2, 4):
            return str(ipaddress.IPv6Address(data[:16]))
    except ValueError:
        return None
    return None


def ipv4_from_value(value: Value | None) -> str | None:
    """An IPv4 address from an IpAddress (dotted text) or a 4-byte octet string."""
    if isinstance(value, bytes) and len(value) == 4:
        return str(ipaddress.IPv4Address(value))
    if isinstance(value, str):
        try:
            return str(ipaddress.IPv4Address(value))
        except ValueError:
            return None
    return None
