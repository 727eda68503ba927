"""The scan orchestrator: runs collectors concurrently and captures every failure.

Host discovery runs first; as soon as it reports live hosts, SNMP probes and
nmap port scans of those hosts start side by side (bounded by semaphores), so a
slow port scan never delays SNMP.  This module holds the project's one broad
``except``: per target, any exception becomes a :class:`~scanner.inventory.model.Gap`, so
one broken device never aborts the scan and a failure never reads as "nothing".
Results accumulate in a :class:`ScanState` owned by the caller, which can still
build a partial inventory when the user presses Ctrl-C.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from scanner.collectors.ldap import scan as ldap_scan
from scanner.collectors.virt import endpoints as virt_scan
from scanner.credentials import SnmpCommunity
from scanner.errors import CollectorError, DrscoutError, MissingToolError
from scanner.events import EventSink, ProgressEvent, ignore
from scanner.inventory.build import build_inventory, now
from scanner.inventory.model import Gap, Inventory, ScanMeta
from scanner.inventory.sighting import CollectorResult
from scanner.options import ScanOptions
from scanner.targets import Network, default_targets, in_scope, parse_target


@dataclass
class ScanState:
    """Everything collected so far; safe to turn into an inventory at any moment."""

    options: ScanOptions
    results: list[CollectorResult] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    scope: list[Network] = field(default_factory=list)
    started: datetime | None = None
    pending: set[tuple[str, str]] = field(default_factory=set)

    def inventory(self, *, interrupted: bool = False) -> Inventory:
        """The inventory of what was collected; unfinished tasks become gaps."""
        extra = list(self.gaps)
        if interrupted:
            extra += [Gap(target=t, collector=c, reason="interrupted",
                          detail="scan interrupted before this finished", at=now())
                      for c, t in sorted(self.pending)]
        meta = ScanMeta(
            targets=[str(n) for n in self.scope] or list(self.options.targets),
            excluded=list(self.options.exclude),
            started=self.started or now(),
            finished=now(),
            profile=self.options.profile,
            collectors=list(self.options.collectors),
            as_root=self.options.as_root,
            scanner_host=_hostname(),
            interrupted=interrupted,
        )
        excluded = [parse_target(x) for x in self.options.exclude]
        return build_inventory(self.results, meta, self.scope, excluded, extra)


def _hostname() -> str:
    return socket.gethostname()


def scrub(text: str, options: ScanOptions) -> str:
    """Remove every configured secret from a message before it is recorded."""
    for cred in options.snmp.credentials:
        secrets = ([cred.community] if isinstance(cred, SnmpCommunity)
                   else [cred.auth_key, cred.priv_key])
        for secret in secrets:
            if secret:
                text = text.replace(secret, "***")
    return text


async def _guarded(state: ScanState, sink: EventSink, collector: str, target: str,
                   work: Callable[[], Awaitable[CollectorResult]]) -> CollectorResult | None:
    """Run one collector on one target; any failure becomes a gap (the one broad except)."""
    key = (collector, target)
    state.pending.add(key)
    sink(ProgressEvent("task-start", collector, target))
    try:
        result = await work()
    except CollectorError as exc:
        _gap(state, sink, Gap(target=target, collector=collector,
                              reason=exc.reason,
                              detail=scrub(str(exc), state.options), at=now()))
        return None
    except asyncio.CancelledError:
        state.gaps.append(Gap(target=target, collector=collector, reason="interrupted",
                              detail="scan interrupted before this finished", at=now()))
        raise
    except MissingToolError:
        raise
    except Exception as exc:  # per-target capture, see module docstring
        detail = scrub(f"{type(exc).__name__}: {exc}", state.options)[:500]
        _gap(state, sink, Gap(target=target, collector=collector, reason="error",
                              detail=detail, at=now()))
        return None
    finally:
        state.pending.discard(key)
    state.results.append(result)
    for gap in result.gaps:
        sink(ProgressEvent("gap", collector, gap.target, gap.reason))
    sink(ProgressEvent("task-done", collector, target,
                       f"{len(result.sightings)} device(s)"))
    return result


def _gap(state: ScanState, sink: EventSink, gap: Gap) -> None:
    state.gaps.append(gap)
    sink(ProgressEvent("gap", gap.collector, gap.target, f"{gap.reason}: {gap.detail}"))


async def _local(state: ScanState, sink: EventSink) -> None:
    from scanner.collectors import localhost

    await _guarded(state, sink, "localhost", "localhost",
                   lambda: asyncio.to_thread(localhost.collect))


def _live_hosts(result: CollectorResult | None, state: ScanState) -> list[str]:
    excluded = [parse_target(x) for x in state.options.exclude]
    hosts = [ip for s in (result.sightings if result else []) for ip in s.ips
             if in_scope(ip, state.scope, excluded)]
    return sorted(set(hosts), key=ipaddress.ip_address)


def _all_addresses(state: ScanState) -> list[str]:
    """Without host discovery, SNMP probes every address in scope (small ranges only)."""
    excluded = [parse_target(x) for x in state.options.exclude]
    hosts = [str(ip) for net in state.scope
             for ip in (net.hosts() if net.num_addresses > 2 else net)]
    return [h for h in hosts if in_scope(h, state.scope, excluded)][:4096]


async def _per_host(state: ScanState, sink: EventSink, hosts: list[str]) -> None:
    opts = state.options
    tasks: list[Awaitable[object]] = []
    async with contextlib.AsyncExitStack() as stack:
        if "snmp" in opts.collectors:
            from scanner.collectors import snmp

            engine = await stack.enter_async_context(snmp.snmp_engine())
            sem = asyncio.Semaphore(opts.snmp.max_in_flight)

            async def probe(host: str) -> CollectorResult:
                async with sem:
                    return await snmp.probe(host, opts.snmp, engine)

            tasks += [_guarded(state, sink, "snmp", h, partial(probe, h)) for h in hosts]
        if "nmap" in opts.collectors:
            tasks += _port_scans(state, sink, hosts)
        await asyncio.gather(*tasks)


def _port_scans(state: ScanState, sink: EventSink, hosts: list[str]) -> list[Awaitable[object]]:
    from scanner.collectors import nmap

    opts = state.options
    sem = asyncio.Semaphore(opts.port_scan_parallelism)
    batches = [hosts[i:i + opts.port_scan_batch]
               for i in range(0, len(hosts), opts.port_scan_batch)]

    async def scan(batch: list[str]) -> CollectorResult:
        async with sem:
            return await asyncio.to_thread(nmap.scan_ports, batch, opts.profile,
                                           as_root=opts.as_root)

    return [_guarded(state, sink, "nmap", ",".join(b) if len(b) < 4 else f"{b[0]}..{b[-1]}",
                     partial(scan, b)) for b in batches]


async def _dhcp(state: ScanState, sink: EventSink) -> None:
    from scanner.collectors import nmap

    if not state.options.as_root:
        state.gaps.append(Gap(target="broadcast", collector="nmap", reason="permission",
                              detail="DHCP server discovery needs root (raw broadcast)", at=now()))
        return
    for iface in _scope_interfaces(state):
        await _guarded(state, sink, "nmap", f"dhcp-discover@{iface}",
                       partial(asyncio.to_thread, nmap.dhcp_discover, iface, as_root=True))


def _scope_interfaces(state: ScanState) -> list[str]:
    """Local interfaces whose subnet lies within the scan scope: broadcast stays on them."""
    local = next((r for r in state.results if r.collector == "localhost"), None)
    if local is None:
        return []
    me = next((s for s in local.sightings if s.is_scanner), None)
    found = []
    for iface in me.interfaces if me else []:
        if any(in_scope(ip, state.scope) for ip in iface.ips):
            found.append(iface.name)
    return found


async def _network_scan(state: ScanState, sink: EventSink) -> None:
    opts = state.options
    if "nmap" in opts.collectors:
        from scanner.collectors import nmap

        sink(ProgressEvent("phase", "nmap", message="host discovery"))
        sweep = await _guarded(state, sink, "nmap", ",".join(map(str, state.scope)),
                               lambda: asyncio.to_thread(nmap.discover,
                                                         [str(n) for n in state.scope],
                                                         list(opts.exclude),
                                                         as_root=opts.as_root))
        hosts = _live_hosts(sweep, state)
        for host in hosts:
            sink(ProgressEvent("host-found", "nmap", host))
        sink(ProgressEvent("phase", "scan", message=f"probing {len(hosts)} live host(s)"))
        await asyncio.gather(_per_host(state, sink, hosts), _dhcp(state, sink))
    elif "snmp" in opts.collectors:
        await _per_host(state, sink, _all_addresses(state))


async def scan(state: ScanState, sink: EventSink = ignore) -> Inventory:
    """Run the scan described by ``state.options``; results accumulate in ``state``."""
    opts = state.options
    state.started = now()
    if "nmap" in opts.collectors:
        from scanner.collectors import nmap

        state.results.append(CollectorResult(collector="nmap", target="version",
                                             tool_versions={"nmap": nmap.nmap_version()}))
    if "localhost" in opts.collectors or not opts.targets:
        await _local(state, sink)
    state.scope = [parse_target(t) for t in opts.targets] or _local_subnets(state)
    network = ldap_scan.alongside(state, sink, _network_scan(state, sink), _guarded)
    await virt_scan.alongside(state, sink, network, _guarded)
    return state.inventory()


def _local_subnets(state: ScanState) -> list[Network]:
    subnets = [s for r in state.results if r.network for s in r.network.subnets]
    nets = default_targets(subnets)
    if not nets:
        raise DrscoutError("no targets given and this machine has no private IPv4 subnet "
                           "to scan; name the targets")
    return nets
