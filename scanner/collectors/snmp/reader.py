"""Reading one agent: the list of things to fetch, and what to do when it stops.

The steps are data so a later MIB group (ENTITY, LLDP, ...) is one more entry.
A timeout part-way keeps what was read, records one Gap naming the table, and
skips the rest: a silent agent would otherwise cost a full timeout per step.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from scanner.collectors.snmp import oids
from scanner.collectors.snmp.engine import SnmpError, SnmpSession, WalkInterrupted
from scanner.collectors.snmp.signatures import PROBE_SUBTREES
from scanner.collectors.snmp.values import Value

Step = tuple[str, Callable[[SnmpSession], Awaitable[dict[str, Value]]]]


@dataclass
class Reading:
    """Everything read from one agent, plus what could not be read and why."""

    walk: dict[str, Value] = field(default_factory=dict)
    present: set[str] = field(default_factory=set)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (reason, detail)


def _walk(
    root: str, limit: int | None = None
) -> Callable[[SnmpSession], Awaitable[dict[str, Value]]]:
    async def run(session: SnmpSession) -> dict[str, Value]:
        return await session.walk(root, limit)

    return run


async def _forwarding(session: SnmpSession) -> dict[str, Value]:
    return await session.get(oids.IP_FORWARDING)


def basic_steps() -> list[Step]:
    """The basic collector's reads: system group, interfaces, addresses, forwarding."""
    steps: list[Step] = [("system group", _walk(oids.SYSTEM, 300))]
    steps += [(f"ifTable column {c}", _walk(c)) for c in oids.INTERFACE_COLUMNS]
    steps += [(f"ipAddrTable column {c}", _walk(c)) for c in oids.IP_ADDR_COLUMNS]
    steps.append(("ipForwarding", _forwarding))
    return steps


#: varbind budget for the big tables (a core switch's FDB, a router's ARP cache)
TABLE_LIMIT = 20000


def topology_steps() -> list[Step]:
    """LLDP, CDP, BRIDGE/Q-BRIDGE and ARP walks: one GETBULK each when a table is absent."""
    from scanner.collectors.snmp import arp, bridge, cdp, entity, lldp

    steps: list[Step] = [(f"ENTITY-MIB {r}", _walk(r)) for r in entity.WALK_ROOTS]
    steps += [(f"LLDP-MIB {r}", _walk(r)) for r in lldp.WALK_ROOTS]
    steps += [(f"CISCO-CDP-MIB {r}", _walk(r)) for r in cdp.WALK_ROOTS]
    steps += [(f"BRIDGE-MIB {r}", _walk(r, TABLE_LIMIT)) for r in bridge.WALK_ROOTS]
    steps += [(f"IP-MIB ARP {r}", _walk(r, TABLE_LIMIT)) for r in arp.WALK_ROOTS]
    return steps


async def _probe_subtrees(session: SnmpSession, reading: Reading) -> None:
    for root in PROBE_SUBTREES:
        found = await session.get_next(root)
        if found is not None:
            reading.present.add(root)


async def read(session: SnmpSession, steps: list[Step]) -> Reading:
    """Run ``steps`` then the subtree probes, stopping at the first timeout."""
    reading = Reading()
    for label, step in steps:
        try:
            reading.walk.update(await step(session))
        except WalkInterrupted as stop:
            reading.walk.update(stop.partial)
            reading.problems.append((stop.reason, f"agent stopped answering during {label}"))
            if stop.reason == "timeout":
                return reading
        except SnmpError as failure:
            reading.problems.append((failure.reason, f"{label}: {failure}"))
            if failure.reason == "timeout":
                return reading
    try:
        await _probe_subtrees(session, reading)
    except SnmpError as failure:
        reading.problems.append((failure.reason, f"MIB subtree probe: {failure}"))
    return reading
