"""Reading one agent: the list of things to fetch, and what to do when it stops.

The steps are data, so a MIB group (ENTITY, LLDP, HOST-RESOURCES ...) is one entry.
A timeout part-way keeps what was read, records one Gap naming the table, and
skips the rest: a silent agent would otherwise cost a full timeout per step.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from scanner.collectors.snmp import oids
from scanner.collectors.snmp.identify import vendor_subtrees
from scanner.collectors.snmp.identify.signatures import PROBE_SUBTREES
from scanner.collectors.snmp.transport.engine import SnmpError, SnmpSession, WalkInterrupted
from scanner.collectors.snmp.values import Value
from scanner.inventory.model import GapReason

Step = tuple[str, Callable[[SnmpSession], Awaitable[dict[str, Value]]]]


@dataclass
class Reading:
    """Everything read from one agent, plus what could not be read and why."""

    walk: dict[str, Value] = field(default_factory=dict)
    present: set[str] = field(default_factory=set)
    problems: list[tuple[GapReason, str]] = field(default_factory=list)  # (reason, detail)


def _walk(
    root: str, limit: int | None = None
) -> Callable[[SnmpSession], Awaitable[dict[str, Value]]]:
    async def run(session: SnmpSession) -> dict[str, Value]:
        return await session.walk(root, limit)

    return run


def _columns(
    roots: tuple[str, ...], limit_each: int | None = None
) -> Callable[[SnmpSession], Awaitable[dict[str, Value]]]:
    """Walk ``roots`` side by side (one GETBULK serves every unfinished column)."""
    async def run(session: SnmpSession) -> dict[str, Value]:
        return await session.walk_columns(roots, limit_each and limit_each * len(roots))

    return run


async def _forwarding(session: SnmpSession) -> dict[str, Value]:
    return await session.get(oids.IP_FORWARDING)


def basic_steps() -> list[Step]:
    """The basic collector's reads: system group, interfaces, addresses, forwarding."""
    steps: list[Step] = [("system group", _walk(oids.SYSTEM, 300))]
    steps.append(("ifTable/ifXTable columns", _columns(oids.INTERFACE_COLUMNS)))
    steps.append(("ipAddrTable columns", _columns(oids.IP_ADDR_COLUMNS)))
    steps.append(("ipForwarding", _forwarding))
    return steps


#: varbind budget for the big tables (a core switch's FDB, a router's ARP cache)
TABLE_LIMIT = 20000


def topology_steps() -> list[Step]:
    """LLDP, CDP, BRIDGE/Q-BRIDGE and ARP walks: one GETBULK each when a table is absent."""
    from scanner.collectors.snmp.mibs import arp, bridge, cdp, entity, lldp

    steps: list[Step] = [("ENTITY-MIB entPhysicalTable", _columns(entity.WALK_ROOTS))]
    steps.append(("LLDP-MIB", _columns(lldp.WALK_ROOTS)))
    steps.append(("CISCO-CDP-MIB", _columns(cdp.WALK_ROOTS)))
    steps.append(("BRIDGE-MIB", _columns(bridge.WALK_ROOTS, TABLE_LIMIT)))
    steps.append(("IP-MIB ARP", _columns(arp.WALK_ROOTS, TABLE_LIMIT)))
    return steps


async def _probe_subtrees(session: SnmpSession, reading: Reading) -> None:
    found = await session.get_next_many(PROBE_SUBTREES)  # one GETNEXT for all
    reading.present.update(root for root, first in found.items() if first is not None)
    if vendor_subtrees.wanted(reading.walk):  # a generic agent: whose MIBs does it serve?
        reading.present.update(await vendor_subtrees.implemented(session))
    if oids.IEEE80211_MIB in reading.present:  # a radio states its maker (a few rows)
        reading.walk.update(await session.walk(oids.DOT11_MANUFACTURER_NAME, 8))


async def _run(session: SnmpSession, steps: list[Step], reading: Reading) -> bool:
    """Run ``steps`` into ``reading``; False when the agent timed out (stop asking)."""
    for label, step in steps:
        try:
            reading.walk.update(await step(session))
        except WalkInterrupted as stop:
            reading.walk.update(stop.partial)
            reading.problems.append((stop.reason, f"agent stopped answering during {label}"))
            if stop.reason == "timeout":
                return False
        except SnmpError as failure:
            reading.problems.append((failure.reason, f"{label}: {failure}"))
            if failure.reason == "timeout":
                return False
    return True


async def read_more(session: SnmpSession, reading: Reading, steps: list[Step]) -> Reading:
    """Further steps chosen from a finished reading (a UPS's battery, a NAS's volumes);
    nothing is asked of an agent that already timed out."""
    if not any(reason == "timeout" for reason, _ in reading.problems):
        await _run(session, steps, reading)
    return reading


async def read(session: SnmpSession, steps: list[Step]) -> Reading:
    """Run ``steps`` then the subtree probes, stopping at the first timeout."""
    reading = Reading()
    if not await _run(session, steps, reading):
        return reading
    try:
        await _probe_subtrees(session, reading)
    except SnmpError as failure:
        reading.problems.append((failure.reason, f"MIB subtree probe: {failure}"))
    return reading

