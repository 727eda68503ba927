"""The scan orchestrator: runs the registered collectors stage by stage and captures
every failure.

Stages (see :mod:`scanner.collectors.base`): the ``local`` collectors first (they also
supply the default scope); then, concurrently, the ``endpoint`` collectors (hypervisor
APIs, the directory) and the network scan: ``discovery`` sweeps the scope, and as soon
as it reports live hosts every ``per-host`` task starts side by side, so a slow port
scan never delays SNMP.  The orchestrator knows no collector by name: it asks each
collector in the registry for the tasks of a stage.

This module holds the project's one broad ``except`` (:func:`_guarded`): per task, any
exception becomes a :class:`~scanner.inventory.model.Gap` scrubbed of every configured
secret, so one broken device never aborts the scan and a failure never reads as
"nothing".  Results accumulate in a :class:`ScanState` owned by the caller, which can
still build a partial inventory when the user presses Ctrl-C.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from datetime import datetime

from scanner.collectors.base import NETWORK_STAGES, Collector, Run, Stage, Work, scrub
from scanner.collectors.registry import REGISTRY, Entry, load
from scanner.errors import CollectorError, DrscoutError, MissingToolError
from scanner.events import EventSink, ProgressEvent, ignore
from scanner.inventory.build import build_inventory, now
from scanner.inventory.model import Gap, Inventory, ScanMeta
from scanner.inventory.sighting import CollectorResult
from scanner.options import ScanOptions
from scanner.targets import Network, default_targets, in_scope

#: without a discovery collector, per-host collectors probe every address of the scope
#: (small ranges only)
MAX_UNDISCOVERED_HOSTS = 4096


@dataclass
class ScanState:
    """Everything collected so far; safe to turn into an inventory at any moment."""

    options: ScanOptions
    results: list[CollectorResult] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    scope: list[Network] = field(default_factory=list)
    started: datetime | None = None
    pending: set[tuple[str, str]] = field(default_factory=set)
    #: the collectors this scan asked for (the inventory's ``scan.collectors``)
    ran: list[str] = field(default_factory=list)

    def inventory(self, *, interrupted: bool = False) -> Inventory:
        """The inventory of what was collected; unfinished tasks become gaps."""
        extra = list(self.gaps)
        if interrupted:
            extra += [_interrupted(c, t) for c, t in sorted(self.pending)]
        meta = ScanMeta(
            targets=[str(n) for n in self.scope or self.options.targets],
            excluded=[str(n) for n in self.options.exclude],
            started=self.started or now(),
            finished=now(),
            profile=self.options.profile,
            collectors=list(self.ran),
            as_root=self.options.as_root,
            scanner_host=_hostname(),
            interrupted=interrupted,
        )
        return build_inventory(self.results, meta, self.scope, self.options.exclude, extra)


def _hostname() -> str:
    return socket.gethostname()


def _interrupted(collector: str, target: str) -> Gap:
    return Gap(target=target, collector=collector, reason="interrupted",
               detail="scan interrupted before this finished", at=now())


async def _guarded(state: ScanState, sink: EventSink, collector: str, target: str,
                   work: Work, stage: Stage) -> CollectorResult | None:
    """Run one collector on one target; any failure becomes a gap (the one broad except)."""
    key = (collector, target)
    state.pending.add(key)
    sink(ProgressEvent("task-start", collector, target, stage=stage))
    secrets = state.options.secrets()
    try:
        result = await work()
    except CollectorError as exc:
        _gap(state, sink, Gap(target=target, collector=collector, reason=exc.reason,
                              detail=scrub(str(exc), secrets)[:500], at=now()), stage)
        return None
    except asyncio.CancelledError:
        state.gaps.append(_interrupted(collector, target))
        raise
    except MissingToolError:
        raise
    except Exception as exc:  # per-target capture, see module docstring
        detail = scrub(f"{type(exc).__name__}: {exc}", secrets)[:500]
        _gap(state, sink, Gap(target=target, collector=collector, reason="error",
                              detail=detail, at=now()), stage)
        return None
    finally:
        state.pending.discard(key)
    state.results.append(result)
    for gap in result.gaps:
        sink(ProgressEvent("gap", collector, gap.target, gap.reason, stage=stage,
                           reason=gap.reason))
    sink(ProgressEvent("task-done", collector, target,
                       f"{len(result.sightings)} device(s)", stage=stage))
    return result


def _gap(state: ScanState, sink: EventSink, gap: Gap, stage: Stage) -> None:
    """Record a failed task's gap, and end the task for the progress display."""
    state.gaps.append(gap)
    sink(ProgressEvent("gap", gap.collector, gap.target, f"{gap.reason}: {gap.detail}",
                       stage=stage, reason=gap.reason))
    sink(ProgressEvent("task-done", gap.collector, gap.target, stage=stage, ok=False))


def _run(state: ScanState, stage: Stage, stack: AsyncExitStack,
         hosts: Sequence[str] = ()) -> Run:
    return Run(options=state.options, stage=stage, scope=tuple(state.scope),
               hosts=tuple(hosts), results=tuple(state.results), resources=stack)


async def _stage(state: ScanState, sink: EventSink, stage: Stage,
                 collectors: Sequence[Collector], hosts: Sequence[str] = ()
                 ) -> list[CollectorResult]:
    """Every task of ``stage`` from ``collectors``, concurrently, each through the guard."""
    async with AsyncExitStack() as stack:
        run = _run(state, stage, stack, hosts)
        planned = [(c, await c.tasks(run)) for c in collectors if stage in c.stages]
        for c, tasks in planned:
            sink(ProgressEvent("planned", c.name, stage=stage, total=len(tasks)))
        guarded = [_guarded(state, sink, c.name, task.target, task.work, stage)
                   for c, tasks in planned for task in tasks]
        done = await asyncio.gather(*guarded)
    return [r for r in done if r is not None]


def _live_hosts(found: Sequence[CollectorResult], state: ScanState) -> list[str]:
    hosts = {ip for r in found for s in r.sightings for ip in s.ips
             if in_scope(ip, state.scope, state.options.exclude)}
    return sorted(hosts, key=ipaddress.ip_address)


def _all_addresses(state: ScanState) -> list[str]:
    hosts = (str(ip) for net in state.scope
             for ip in (net.hosts() if net.num_addresses > 2 else net))
    return [h for h in hosts if in_scope(h, state.scope, state.options.exclude)
            ][:MAX_UNDISCOVERED_HOSTS]


async def _network_scan(state: ScanState, sink: EventSink,
                        collectors: Sequence[Collector]) -> None:
    finders = [c for c in collectors if "discovery" in c.stages]
    if finders:
        names = ",".join(c.name for c in finders)
        sink(ProgressEvent("phase", names, message="host discovery"))
        hosts = _live_hosts(await _stage(state, sink, "discovery", finders), state)
        for host in hosts:
            sink(ProgressEvent("host-found", names, host))
        sink(ProgressEvent("phase", "scan", message=f"probing {len(hosts)} live host(s)"))
    elif any("per-host" in c.stages for c in collectors):
        hosts = _all_addresses(state)
    else:
        return
    await _stage(state, sink, "per-host", collectors, hosts)


async def scan(state: ScanState, sink: EventSink = ignore,
               registry: Sequence[Entry] = REGISTRY) -> Inventory:
    """Run the scan described by ``state.options`` with the collectors of ``registry``;
    results accumulate in ``state``."""
    opts = state.options
    every = load(registry)
    chosen = [c for c in every if c.runs(opts)]
    state.ran = [c.name for c in chosen]
    state.started = now()
    for c in chosen:
        state.results += c.prepare(opts)
    network = [c for c in chosen if set(c.stages) & set(NETWORK_STAGES)]
    local = [c for c in every if "local" in c.stages
             and (c in chosen or (network and not opts.targets))]
    await _stage(state, sink, "local", local)
    state.scope = list(opts.targets) or (_local_subnets(state) if network else [])
    await asyncio.gather(_stage(state, sink, "endpoint", chosen),
                         _network_scan(state, sink, network))
    after = _run(state, "endpoint", AsyncExitStack())
    for c in every:
        state.gaps += c.missed(after)
    return state.inventory()


def _local_subnets(state: ScanState) -> list[Network]:
    subnets = [s for r in state.results if r.network for s in r.network.subnets]
    nets = default_targets(subnets)
    if not nets:
        raise DrscoutError("no targets given and this machine has no private IPv4 subnet "
                           "to scan; name the targets")
    return nets
