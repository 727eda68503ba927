"""IANA private enterprise numbers -> vendor, from ``scanner/data/enterprises.csv``.

The table is data, not code, so adding a vendor is a one-line change with its
source cited next to it.  Rows whose category is ``agent`` name the maker of a
generic SNMP agent (net-snmp, bsnmpd, Broadcom's FASTPATH), not of the device,
so they never become the device's vendor.
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from importlib import resources

from scanner.collectors.snmp.oids import ENTERPRISES

AGENT = "agent"


@dataclass(frozen=True)
class Enterprise:
    number: int
    name: str
    category: str
    source: str


@functools.cache
def table() -> dict[int, Enterprise]:
    """The enterprise table, read once."""
    raw = resources.files("scanner").joinpath("data/enterprises.csv").read_text("utf-8")
    rows = csv.DictReader(io.StringIO(raw))
    return {
        int(row["number"]): Enterprise(
            int(row["number"]), row["name"], row["category"], row["source"]
        )
        for row in rows
    }


def enterprise_number(oid: str) -> int | None:
    """The enterprise number an OID lives under (``1.3.6.1.4.1.<n>...``)."""
    prefix = ENTERPRISES + "."
    if not oid.lstrip(".").startswith(prefix):
        return None
    head = oid.lstrip(".")[len(prefix) :].split(".", 1)[0]
    return int(head) if head.isdigit() else None


def enterprise_for_oid(oid: str) -> Enterprise | None:
    number = enterprise_number(oid)
    return table().get(number) if number is not None else None


def is_generic_agent(oid: str) -> bool:
    """True when sysObjectID names a generic agent rather than the device's maker."""
    found = enterprise_for_oid(oid)
    return found is None or found.category == AGENT


def vendor_for_oid(sys_object_id: str) -> str | None:
    """The device vendor implied by a sysObjectID, or None (unknown or generic agent)."""
    found = enterprise_for_oid(sys_object_id)
    if found is None or found.category == AGENT:
        return None
    return found.name
