"""IANA private enterprise numbers -> vendor: the full registry, with a curated layer.

Two data files, both in ``scanner/data``:

* ``iana-enterprises.tsv.gz``: every assignment in the IANA Private Enterprise
  Numbers registry (about 62,000), as Debian's libwireshark-data ships it;
  ``scripts/refresh-enterprises`` regenerates it and its header cites the source
  and the registry's date.  Names are shortened to what people say when looked
  up (:mod:`.vendor_names`), so a vendor nobody here has seen is still named.
* ``enterprises.csv``: the curated override layer.  It gives the preferred short
  name where the registry's holder is not what people call the maker (Compaq ->
  HPE, Merlin Gerin -> Eaton, Force10 -> Dell), and a category: the kind of
  device the enterprise makes (a weak type hint) or ``agent``.

Rows whose category is ``agent`` name the maker of a generic SNMP agent or of an
OEM chip's firmware (net-snmp, bsnmpd, Broadcom FASTPATH, Realtek), not of the
device, so they never become the device's vendor.
"""

from __future__ import annotations

import csv
import functools
import gzip
import io
from dataclasses import dataclass
from importlib import resources

from scanner.collectors.snmp.identify.vendor_names import short_name
from scanner.collectors.snmp.oids import ENTERPRISES

AGENT = "agent"
CURATED_FILE = "data/enterprises.csv"
REGISTRY_FILE = "data/iana-enterprises.tsv.gz"


@dataclass(frozen=True)
class Enterprise:
    number: int
    name: str
    category: str
    source: str


@functools.cache
def table() -> dict[int, Enterprise]:
    """The curated enterprise table, read once."""
    raw = resources.files("scanner").joinpath(CURATED_FILE).read_text("utf-8")
    rows = csv.DictReader(io.StringIO(raw))
    return {
        int(row["number"]): Enterprise(
            int(row["number"]), row["name"], row["category"], row["source"]
        )
        for row in rows
    }


@functools.cache
def _registry() -> tuple[str, dict[int, str]]:
    """(citation, {number: organisation as registered}) from the shipped registry copy."""
    packed = resources.files("scanner").joinpath(REGISTRY_FILE).read_bytes()
    names: dict[int, str] = {}
    header: list[str] = []
    for line in gzip.decompress(packed).decode("utf-8").splitlines():
        if line.startswith("#"):
            header.append(line.lstrip("# "))
            continue
        number, _, name = line.partition("\t")
        if number.isdigit() and name:
            names[int(number)] = name
    return (header[0] if header else "IANA Private Enterprise Numbers"), names


def registered_name(number: int) -> str | None:
    """The organisation IANA lists for ``number``, verbatim (None when unassigned)."""
    return _registry()[1].get(number)


@functools.cache
def lookup(number: int) -> Enterprise | None:
    """The curated row for ``number``, else the registry's holder under its short name."""
    curated = table().get(number)
    if curated is not None:
        return curated
    registered = registered_name(number)
    name = short_name(registered) if registered else ""
    if not name:
        return None
    citation = _registry()[0]
    return Enterprise(number, name, "", f"{citation}: {number} is {registered!r}")


def enterprise_number(oid: str) -> int | None:
    """The enterprise number an OID lives under (``1.3.6.1.4.1.<n>...``)."""
    prefix = ENTERPRISES + "."
    if not oid.lstrip(".").startswith(prefix):
        return None
    head = oid.lstrip(".")[len(prefix) :].split(".", 1)[0]
    return int(head) if head.isdigit() else None


def enterprise_for_oid(oid: str) -> Enterprise | None:
    number = enterprise_number(oid)
    return lookup(number) if number is not None else None


def is_generic_agent(oid: str) -> bool:
    """True when sysObjectID names a generic agent (or nobody) rather than the device's
    maker."""
    found = enterprise_for_oid(oid)
    return found is None or found.category == AGENT


def vendor_for_oid(sys_object_id: str) -> str | None:
    """The device vendor implied by a sysObjectID, or None (unknown or generic agent)."""
    found = enterprise_for_oid(sys_object_id)
    if found is None or found.category == AGENT:
        return None
    return found.name
