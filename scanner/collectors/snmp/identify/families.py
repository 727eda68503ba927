"""Product families under an enterprise: what a sysObjectID's branch says a device is.

Vendors register their product lines as branches of their enterprise (FortiGate
under ``12356.101``, FortiAP under ``12356.120``, airMAX under ``41112.1.4``), so
the branch a sysObjectID sits in names the kind of device more precisely than
the maker does; a broad branch holding several kinds carries a lower weight.  The
table is data (``scanner/data/product_families.csv``), each row citing the MIB
that defines the branch; the longest matching prefix wins.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from scanner.collectors.snmp.oids import is_under

FAMILY_TYPE = 0.7
FAMILY_VENDOR = 0.82
FAMILY_OS = 0.6


@dataclass(frozen=True)
class Family:
    prefix: str
    type: str
    vendor: str
    os: str
    confidence: float
    source: str


@functools.cache
def families() -> tuple[Family, ...]:
    """The family table, longest prefix first."""
    raw = resources.files("scanner").joinpath("data/product_families.csv").read_text("utf-8")
    rows = [Family(r["prefix"], r["type"], r["vendor"], r["os"],
                   float(r["confidence"] or FAMILY_TYPE), r["source"])
            for r in csv.DictReader(io.StringIO(raw))]
    return tuple(sorted(rows, key=lambda f: -len(f.prefix.split("."))))


def family_of(sys_object_id: str) -> Family | None:
    oid = sys_object_id.lstrip(".")
    return next((f for f in families() if is_under(oid, f.prefix)), None)


def claims(oid: str, subtree: bool = False) -> Iterable[tuple[str, str, float, str]]:
    """(field, value, confidence, evidence) for the family a sysObjectID belongs to, or
    with ``subtree`` for an enterprise subtree a generic agent was found serving (only
    rows for a whole enterprise, ``1.3.6.1.4.1.<n>``, speak for a served subtree)."""
    found = family_of(oid)
    if found is None or (subtree and len(found.prefix.split(".")) != 7):
        return
    what = "generic agent serves" if subtree else "sysObjectID"
    why = f"{what} {oid}, in branch {found.prefix}: {found.source}"
    if found.type:
        yield "type", found.type, found.confidence, why
    if found.vendor:
        yield "vendor", found.vendor, FAMILY_VENDOR, why
    if found.os:
        yield "os", found.os, FAMILY_OS, why
