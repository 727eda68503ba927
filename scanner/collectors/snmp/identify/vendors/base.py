"""Shared pieces of the vendor identity readers: facts, gates and value cleaning.

Each vendor module names the few scalars (or one bounded table) that carry a
device's model, serial and firmware in that vendor's MIB, says when they are
worth asking for (the sysObjectID enterprise, a sysDescr pattern or a probed
subtree), and turns what came back into :class:`Fact` claims with a pure
``parse(walk)``.  Nothing here does I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from scanner.collectors.snmp import oids
from scanner.collectors.snmp.identify.enterprises import enterprise_number
from scanner.collectors.snmp.values import Walk, oid_text, text

#: a vendor's own "product name" / serial / firmware scalar: the device says what it is
PRODUCT_NAME = 0.95
VENDOR_SERIAL = 0.97
VENDOR_VERSION = 0.93
#: a standard MIB that names the product (UPS-MIB ident, 802.11 manufacturer, hrDevice)
STANDARD_MODEL = 0.88
STANDARD_SERIAL = 0.9
STANDARD_VERSION = 0.75
#: a last resort: the CPU architecture a general-purpose OS reports
ARCHITECTURE = 0.3

_PLACEHOLDERS = frozenset(
    {
        "",
        "n/a",
        "na",
        "none",
        "unknown",
        "not available",
        "0",
        "not set",
        "null",
        "-",
        "default",
        "not specified",
    }
)


#: a zero-filled buffer rendered as text ("00 00 00 ...", "0.0.0"): nothing was set
_ZERO_FILL = re.compile(r"^[0\s.:-]+$")


@dataclass(frozen=True)
class Fact:
    """One identity claim: ``field`` is model, serial, os_version, os, vendor or type."""

    field: str
    value: str
    confidence: float
    evidence: str
    #: the agent answered an appliance vendor's MIB behind a generic agent's sysObjectID
    appliance: bool = False


@dataclass(frozen=True)
class Context:
    """What a gate may look at: the system group and the subtrees found present."""

    object_id: str
    descr: str
    present: frozenset[str]

    @classmethod
    def of(cls, walk: Walk, present: frozenset[str]) -> Context:
        return cls(oid_text(walk.get(oids.SYS_OBJECT_ID)), text(walk.get(oids.SYS_DESCR)), present)

    def enterprise(self) -> int | None:
        return enterprise_number(self.object_id)

    def has(self, root: str) -> bool:
        return any(p == root or p.startswith(root + ".") for p in self.present)


@dataclass(frozen=True)
class Source:
    """A vendor (or standard) MIB group worth reading for identity, and its parser."""

    name: str
    applies: Callable[[Context], bool]
    parse: Callable[[Walk], list[Fact]]
    gets: tuple[str, ...] = ()
    walks: tuple[tuple[str, int], ...] = ()
    #: scalars whose OID depends on the agent (a per-product MIB under the sysObjectID)
    gets_for: Callable[[Context], tuple[str, ...]] | None = None
    #: the MIB describes the host a general-purpose OS runs on (HP Insight, Dell
    #: OpenManage, Windows), not an appliance
    describes_host: bool = False

    def scalars(self, ctx: Context) -> tuple[str, ...]:
        return self.gets + (self.gets_for(ctx) if self.gets_for else ())


def by_enterprise(*numbers: int) -> Callable[[Context], bool]:
    """A gate: the sysObjectID lives under one of these IANA enterprise numbers, or the
    agent was found to serve one of their MIBs (an appliance that kept net-snmp's
    sysObjectID still serves its maker's MIB; see :mod:`..vendor_subtrees`)."""
    wanted = frozenset(numbers)
    roots = tuple(f"{oids.ENTERPRISES}.{n}" for n in numbers)
    return lambda ctx: ctx.enterprise() in wanted or any(ctx.has(r) for r in roots)


def behind_net_snmp(name: str, sources: tuple[Source, ...]) -> Source:
    """One source asking, in a single GET, for the ident scalars of appliances that
    often keep net-snmp's own sysObjectID (enterprise 8072) although their vendor MIB
    is there (Check Point Gaia, UPS cards on embedded Linux): the subtree discovery
    lists only the first few enterprise MIBs an agent serves."""
    gets = tuple(oid for source in sources for oid in source.gets)
    return Source(name, by_enterprise(NET_SNMP), lambda walk: [
        fact for source in sources for fact in source.parse(walk)], gets=gets)


NET_SNMP = 8072


def object_id(walk: Walk) -> str:
    """The agent's sysObjectID, dotted, without a leading dot ("" when absent)."""
    return oid_text(walk.get(oids.SYS_OBJECT_ID))


def value(walk: Walk, oid: str, limit: int = 128) -> str:
    """Clean text of one scalar; "" for absent, binary-looking or placeholder values."""
    raw = walk.get(oid)
    if raw is None or isinstance(raw, int):
        return ""
    found = text(raw, limit=limit).strip(" \"'\\")
    if "\ufffd" in found or found.lower() in _PLACEHOLDERS or _ZERO_FILL.match(found):
        return ""
    return found


def facts(evidence: str, confidence: float, **fields: str) -> list[Fact]:
    """Facts for every non-empty field, all sharing one evidence text and confidence."""
    return [Fact(f, v, confidence, evidence) for f, v in fields.items() if v]


def column(walk: Walk, root: str) -> list[tuple[str, str]]:
    """``(index, text)`` of one table column, in walk order, placeholders skipped."""
    prefix = root + "."
    out = []
    for oid in walk:
        if oid.startswith(prefix):
            found = value(walk, oid)
            if found:
                out.append((oid[len(prefix) :], found))
    return out


def identity(evidence: str, model: str = "", serial: str = "", version: str = "") -> list[Fact]:
    """The usual trio of a vendor MIB's product scalars: model, serial, firmware version,
    each at the confidence such a direct vendor object deserves."""
    return (facts(evidence, PRODUCT_NAME, model=model)
            + facts(evidence, VENDOR_SERIAL, serial=serial)
            + facts(evidence, VENDOR_VERSION, os_version=version))
