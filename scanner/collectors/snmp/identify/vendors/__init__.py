"""Vendor and standard-MIB identity readers: which to ask, and what they said.

The registry is data: each :class:`~.base.Source` names its gate, the scalars to
GET and the (bounded) columns to walk.  The collector asks :func:`steps` for the
extra reads after the first pass (so the gate can see the sysObjectID, sysDescr
and the probed subtrees), and :func:`facts` turns the whole walk into claims.
A device that matches no gate costs nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace

from scanner.collectors.snmp.identify.enterprises import is_generic_agent
from scanner.collectors.snmp.identify.vendors import (
    apc,
    appliances,
    appliances_more,
    firewalls,
    mikrotik,
    network,
    power,
    power_more,
    printers,
    servers,
    switches_more,
    upsmib,
    wireless,
)
from scanner.collectors.snmp.identify.vendors.base import Context, Fact, Source, behind_net_snmp
from scanner.collectors.snmp.transport.engine import SnmpSession
from scanner.collectors.snmp.values import Value, Walk

Step = tuple[str, Callable[[SnmpSession], Awaitable[dict[str, Value]]]]

SOURCES: tuple[Source, ...] = (
    upsmib.SOURCE,
    apc.SOURCE,
    *power.SOURCES,
    *printers.SOURCES,
    mikrotik.SOURCE,
    *network.SOURCES,
    *firewalls.SOURCES,
    *wireless.SOURCES,
    *servers.SOURCES,
    *appliances.SOURCES,
    *power_more.SOURCES,
    *switches_more.SOURCES,
    *appliances_more.SOURCES,
    behind_net_snmp("appliance idents behind net-snmp",
                    power_more.NET_SNMP_SOURCES + appliances_more.NET_SNMP_SOURCES),
)

__all__ = ["SOURCES", "Fact", "applicable", "facts", "steps"]


def applicable(walk: Walk, present: frozenset[str]) -> list[Source]:
    """The sources whose gate holds for this agent."""
    ctx = Context.of(walk, present)
    return [s for s in SOURCES if s.applies(ctx)]


def _get(oids: tuple[str, ...]) -> Callable[[SnmpSession], Awaitable[dict[str, Value]]]:
    async def run(session: SnmpSession) -> dict[str, Value]:
        return await session.get(*oids)

    return run


def _walk(root: str, limit: int) -> Callable[[SnmpSession], Awaitable[dict[str, Value]]]:
    async def run(session: SnmpSession) -> dict[str, Value]:
        return await session.walk(root, limit)

    return run


def steps(walk: Walk, present: frozenset[str]) -> list[Step]:
    """Reader steps for the identity reads this agent warrants (often none); an OID that
    two applicable sources both name is asked once."""
    out: list[Step] = []
    asked: set[str] = set()
    ctx = Context.of(walk, present)
    for source in applicable(walk, present):
        scalars = tuple(oid for oid in source.scalars(ctx) if oid not in asked)
        asked.update(scalars)
        if scalars:
            out.append((f"{source.name} scalars", _get(scalars)))
        out += [(f"{source.name} {root}", _walk(root, limit)) for root, limit in source.walks]
    return out


def facts(walk: Walk, present: frozenset[str]) -> list[Fact]:
    """Every applicable source's claims about this agent's identity.

    Behind a generic agent's sysObjectID (net-snmp, Windows), a claim from an
    appliance's own MIB is marked: the box is that appliance, not a general-purpose
    host (so its CPU architecture is no model)."""
    generic = is_generic_agent(Context.of(walk, present).object_id)
    return [
        replace(fact, appliance=True) if generic and not source.describes_host else fact
        for source in applicable(walk, present)
        for fact in source.parse(walk)
    ]
