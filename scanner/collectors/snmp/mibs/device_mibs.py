"""Which device-specific MIBs to read, decided from what the basic reading found.

A UPS's battery, a printer's supplies and a server's volumes are only asked of
agents that have them: the subtree probes (``Reading.present``) say whether
UPS-MIB, PowerNet or Printer-MIB is there, and the classification says whether
the agent is a server, NAS or hypervisor worth an hrStorage walk.  Switches,
which often implement HOST-RESOURCES for their own flash, are not asked.
Every walk is bounded.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from scanner.collectors.snmp.identify.classify import classify
from scanner.collectors.snmp.mibs import hostres, ipaddr, printer, swrun, system, ups
from scanner.collectors.snmp.mibs import interfaces as if_parser
from scanner.collectors.snmp.transport.engine import SnmpSession
from scanner.collectors.snmp.transport.reader import Reading, Step
from scanner.collectors.snmp.values import Value

UPS_PRESENT = "1.3.6.1.2.1.33"
APC_PRESENT = "1.3.6.1.4.1.318.1.1.1"
PRINTER_PRESENT = "1.3.6.1.2.1.43"
HOST_TYPES = frozenset({"server", "nas", "hypervisor"})
#: hosts whose running programs are worth a (small) hrSWRunTable read
SOFTWARE_TYPES = HOST_TYPES | {"workstation"}
#: varbind budget per walk: a printer's supplies, a UPS group, one storage column
WALK_LIMIT = 1000
GET_BATCH = 16

Run = Callable[[SnmpSession], Awaitable[dict[str, Value]]]


def _walk(root: str, limit: int = WALK_LIMIT) -> Run:
    async def run(session: SnmpSession) -> dict[str, Value]:
        return await session.walk(root, limit)

    return run


async def _host_scalars(session: SnmpSession) -> dict[str, Value]:
    return await session.get(hostres.HR_SYSTEM_UPTIME, hostres.HR_MEMORY_SIZE)


async def _storage(session: SnmpSession) -> dict[str, Value]:
    """hrStorageType for every row, then only the disk rows' other columns (GETs).

    A pfSense box lists ~590 kernel memory zones in hrStorage; reading four more
    columns of each would cost ten times what the disks need."""
    found = await session.walk(hostres.HR_STORAGE_TYPE, WALK_LIMIT)
    oids = [f"{hostres.HR_STORAGE_ENTRY}.{c}.{i}"
            for i in hostres.disk_rows(found) for c in hostres.HR_STORAGE_DISK_COLUMNS]
    for start in range(0, len(oids), GET_BATCH):
        found.update(await session.get(*oids[start:start + GET_BATCH]))
    return found


async def _software(session: SnmpSession) -> dict[str, Value]:
    """hrSWRunType and hrSWRunStatus with a hard cap; when under it, each row's name and
    path by GET (a walk off the end of either column would return command lines)."""
    found = await session.walk_columns(swrun.COUNT_COLUMNS, swrun.COUNT_WALK_LIMIT)
    oids = [f"{c}.{i}" for i in swrun.rows(found) for c in swrun.GET_COLUMNS]
    for start in range(0, len(oids), GET_BATCH):
        found.update(await session.get(*oids[start:start + GET_BATCH]))
    return found


def _host_type(reading: Reading) -> str | None:
    info = system.parse(reading.walk)
    interfaces = if_parser.parse(reading.walk, ipaddr.parse(reading.walk))
    found = classify(info, interfaces, ipaddr.forwarding(reading.walk),
                     frozenset(reading.present), reading.walk)
    return found.value("type")


def steps(reading: Reading) -> list[Step]:
    """The extra reads this agent deserves (none for most switches and routers)."""
    chosen: list[Step] = []
    if UPS_PRESENT in reading.present:
        chosen += [(f"UPS-MIB {r}", _walk(r)) for r in ups.UPS_WALK_ROOTS]
    if APC_PRESENT in reading.present:
        chosen += [(f"PowerNet-MIB {r}", _walk(r)) for r in ups.APC_WALK_ROOTS]
    if PRINTER_PRESENT in reading.present:
        chosen += [(f"Printer-MIB {r}", _walk(r)) for r in printer.WALK_ROOTS]
    elif (kind := _host_type(reading)) in SOFTWARE_TYPES:
        if kind in HOST_TYPES:
            chosen += [("HOST-RESOURCES-MIB scalars", _host_scalars),
                       ("HOST-RESOURCES-MIB hrStorageTable", _storage),
                       ("HOST-RESOURCES-MIB hrDeviceType", _walk(hostres.HR_DEVICE_TYPE))]
        chosen.append(("HOST-RESOURCES-MIB hrSWRunTable", _software))
    return chosen

