"""The registry's view of SNMP: one probe per live host, all sharing one engine.

Building a pysnmp engine costs about a second of CPU, so the stage opens one (on the
run's resources, closed when the stage ends) and every probe uses it; at most
``max_in_flight`` probes talk at once.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from functools import partial

from scanner.collectors.base import Defaults, Needs, Run, Stage, Task
from scanner.collectors.snmp.collector import COLLECTOR, probe
from scanner.collectors.snmp.transport.engine import snmp_engine
from scanner.inventory.sighting import CollectorResult

NEEDS = Needs(credentials=True)


@dataclass(frozen=True)
class SnmpCollector(Defaults):
    name: str = COLLECTOR
    stages: tuple[Stage, ...] = ("per-host",)
    needs: Needs = NEEDS

    async def tasks(self, run: Run) -> list[Task]:
        if not run.hosts:
            return []
        engine = await run.resources.enter_async_context(snmp_engine())
        sem = asyncio.Semaphore(run.options.snmp.max_in_flight)

        async def one(host: str) -> CollectorResult:
            async with sem:
                return await probe(host, run.options.snmp, engine)

        return [Task(host, partial(one, host)) for host in run.hosts]

