"""Appliances: Synology DSM, Axis cameras, and Windows' own sysDescr conventions."""

from __future__ import annotations

import re

from scanner.collectors.snmp import oids
from scanner.collectors.snmp.identify.vendors import windows
from scanner.collectors.snmp.identify.vendors.base import (
    Context,
    Fact,
    Source,
    by_enterprise,
    facts,
    identity,
    value,
)
from scanner.collectors.snmp.values import Walk, mac

SYNO = "1.3.6.1.4.1.6574.1.5."  # SYNOLOGY-SYSTEM-MIB
SYNO_MODEL = SYNO + "1.0"  # modelName
SYNO_SERIAL = SYNO + "2.0"  # serialNumber
SYNO_VERSION = SYNO + "3.0"  # version ("DSM 6.1-15217")


def parse_synology(walk: Walk) -> list[Fact]:
    why = "SYNOLOGY-SYSTEM-MIB modelName/serialNumber/version"
    return identity(why, model=value(walk, SYNO_MODEL), serial=value(walk, SYNO_SERIAL),
                    version=re.sub(r"^DSM\s+", "", value(walk, SYNO_VERSION)))


def _synology(ctx: Context) -> bool:
    return ctx.enterprise() == 6574 or ctx.has("1.3.6.1.4.1.6574")


def parse_axis(walk: Walk) -> list[Fact]:
    """An Axis product's serial number is its MAC address (Axis documents it so)."""
    rows = [o for o in walk if o.startswith(oids.IF_PHYS_ADDRESS + ".")]
    for oid in sorted(rows, key=lambda o: int(o.rsplit(".", 1)[1])):
        found = mac(walk[oid])
        if found:
            return facts(
                "Axis serial = MAC address (ifPhysAddress)",
                0.6,
                serial=found.replace(":", "").upper(),
            )
    return []


SOURCES = (
    Source(
        "Synology ident", _synology, parse_synology, gets=(SYNO_MODEL, SYNO_SERIAL, SYNO_VERSION)
    ),
    Source("Axis ident", by_enterprise(368), parse_axis),
    Source("Windows sysDescr", by_enterprise(311), windows.parse, describes_host=True),
)
