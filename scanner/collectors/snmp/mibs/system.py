"""SNMPv2-MIB system group -> :class:`SystemInfo`."""

from __future__ import annotations

from dataclasses import dataclass

from scanner.collectors.snmp import oids
from scanner.collectors.snmp.values import Walk, integer, oid_text, text


@dataclass(frozen=True)
class SystemInfo:
    """The system group, as safe plain text; empty strings mean "not reported"."""

    descr: str = ""
    object_id: str = ""
    uptime_seconds: int | None = None
    contact: str = ""
    name: str = ""
    location: str = ""
    services: int | None = None


def parse(walk: Walk) -> SystemInfo:
    """Read the system group from a walk (or GET result) keyed by numeric OID."""
    ticks = integer(walk.get(oids.SYS_UPTIME))
    return SystemInfo(
        descr=text(walk.get(oids.SYS_DESCR)),
        object_id=oid_text(walk.get(oids.SYS_OBJECT_ID)),
        uptime_seconds=ticks // 100 if ticks is not None else None,
        contact=text(walk.get(oids.SYS_CONTACT), limit=256),
        name=text(walk.get(oids.SYS_NAME), limit=256),
        location=text(walk.get(oids.SYS_LOCATION), limit=256),
        services=integer(walk.get(oids.SYS_SERVICES)),
    )
