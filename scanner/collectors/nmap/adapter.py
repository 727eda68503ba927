"""The registry's view of nmap: a discovery sweep, then port scans; DHCP discovery beside.

Discovery runs over the whole scope at once (nmap is fastest that way).  Port scans of
a small office run as one nmap process; a larger scope goes in batches spread over
``port_scan_parallelism`` slots (at most ``port_scan_batch`` hosts each), so a slow batch
never holds back the others (see ``batch_size``).
DHCP discovery broadcasts only on local interfaces whose subnet lies in the scope, one
interface at a time.  It needs no discovered host, and most of its time is waiting for
offers, so it runs in the endpoint stage, beside the sweep and the port scans, instead of
adding its wait after them.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

from scanner.collectors.base import Defaults, Needs, Run, Stage, Task
from scanner.collectors.nmap.api import dhcp_discover, discover, scan_ports
from scanner.collectors.nmap.runner import COLLECTOR, nmap_version
from scanner.inventory.model import Gap
from scanner.inventory.sighting import CollectorResult
from scanner.options import ScanOptions
from scanner.targets import in_scope

NEEDS = Needs(root="preferred")


@dataclass(frozen=True)
class NmapCollector(Defaults):
    name: str = COLLECTOR
    stages: tuple[Stage, ...] = ("discovery", "per-host", "endpoint")
    needs: Needs = NEEDS

    def prepare(self, options: ScanOptions) -> list[CollectorResult]:
        """A missing nmap stops the scan here (MissingToolError), before anything runs."""
        return [CollectorResult(collector=COLLECTOR, target="version",
                                tool_versions={"nmap": nmap_version()})]

    async def tasks(self, run: Run) -> list[Task]:
        if run.stage == "discovery":
            return [_discovery(run)]
        if run.stage == "endpoint":
            return _dhcp(run)
        return _port_scans(run)


def _discovery(run: Run) -> Task:
    opts = run.options
    work = partial(asyncio.to_thread, discover, [str(n) for n in run.scope],
                   [str(n) for n in opts.exclude], as_root=opts.as_root)
    return Task(",".join(map(str, run.scope)), work)


def _label(batch: list[str]) -> str:
    return ",".join(batch) if len(batch) < 4 else f"{batch[0]}..{batch[-1]}"


def _port_scans(run: Run) -> list[Task]:
    opts = run.options
    hosts = list(run.hosts)
    sem = asyncio.Semaphore(opts.port_scan_parallelism)

    async def scan(batch: list[str]) -> CollectorResult:
        async with sem:
            return await asyncio.to_thread(scan_ports, batch, opts.profile,
                                           as_root=opts.as_root, timing=opts.service_timing)

    size = batch_size(len(hosts), opts.port_scan_batch, opts.port_scan_parallelism)
    batches = [hosts[i:i + size] for i in range(0, len(hosts), size)]
    return [Task(_label(b), partial(scan, b)) for b in batches]


#: hosts one nmap process takes at the least: nmap runs a process's hosts in parallel
#: itself, and every process costs about a third of a CPU-second parsing its probe and
#: OS databases, so on the lab office (14 hosts) one process finishes a quick scan in 6 s
#: where four of 3-4 hosts took 8 s, and a standard scan in 8.5 s against 10-13 s.
MIN_BATCH = 16


def batch_size(hosts: int, most: int, parallel: int) -> int:
    """Hosts per nmap process: a small office in one process; a larger scope spread over
    every parallel slot, so a slow batch never holds back the rest, never more than
    ``most`` hosts each (``most`` also wins over MIN_BATCH when set lower)."""
    spread = -(-hosts // max(1, parallel))
    return max(1, min(most, max(MIN_BATCH, spread)))


def _dhcp(run: Run) -> list[Task]:
    if not run.options.as_root:
        return [Task("broadcast", _no_root)]
    one_at_a_time = asyncio.Lock()

    async def offer(iface: str) -> CollectorResult:
        async with one_at_a_time:
            return await asyncio.to_thread(dhcp_discover, iface, as_root=True)

    return [Task(f"dhcp-discover@{i}", partial(offer, i)) for i in _scope_interfaces(run)]


async def _no_root() -> CollectorResult:
    return CollectorResult(collector=COLLECTOR, target="broadcast", gaps=[Gap(
        target="broadcast", collector=COLLECTOR, reason="permission",
        detail="DHCP server discovery needs root (raw broadcast)", at=datetime.now(UTC))])


def _scope_interfaces(run: Run) -> list[str]:
    """The scanner's interfaces whose addresses lie in the scope: broadcast stays on them."""
    me = next((s for r in run.results for s in r.sightings if s.is_scanner and s.interfaces),
              None)
    return [iface.name for iface in (me.interfaces if me else [])
            if any(in_scope(ip, run.scope) for ip in iface.ips)]
