"""SNMP collection benchmark: drscout vs net-snmp's command-line tools at the same concurrency.

N simulated devices: one snmpsim process serves the corpus recordings
(community = file stem) on 127.0.0.1, and ``bench.udp_relay`` (its own
process, so its CPU is charged to neither client) gives each device its own
port and delays every response by ``--delay`` seconds, like a slow management
CPU.  drscout reads every device with the collector's own login, reader steps
and parsers on one shared engine, at most ``--in-flight`` devices at a time.

The baseline replays the requests drscout made (GET -> snmpget, walk -> snmpbulkwalk
with the same max-repetitions, GETNEXT -> snmpgetnext; the table columns drscout walks
become one walk of their table entry, as a person would type it) with the same
concurrency: ``--in-flight`` devices at once, each device's requests one after
another, the way a skilled person scripts it (``xargs -P``).  Why this is fair:
same agents, same delay, same requests, same number of devices in flight; what
differs is only the client.  net-snmp pays one process start per request, which
is what using its tools costs; that is why its CPU is also shown per varbind
(both varbind counts are printed, so a client that fetched less cannot look cheaper).

Prints the wall-time ratio, CPU per 1,000 varbinds of each client (RUSAGE_SELF
for drscout, RUSAGE_CHILDREN for the net-snmp processes) and drscout's peak RSS.
Usage: ``python -m bench.snmp_collect [--agents 62] [--delay 0.02] [--corpus DIR]``.
Exit status 1 when a target (wall ratio <= 1.0, CPU/varbind ratio <= 2.0) is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import re
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scanner.collectors.snmp import oids  # noqa: E402
from scanner.collectors.snmp.collector import build_sighting  # noqa: E402
from scanner.collectors.snmp.identify import vendors  # noqa: E402
from scanner.collectors.snmp.mibs.device_mibs import steps as device_steps  # noqa: E402
from scanner.collectors.snmp.transport import engine as snmp  # noqa: E402
from scanner.collectors.snmp.transport import reader  # noqa: E402
from scanner.collectors.snmp.transport.login import login  # noqa: E402
from scanner.collectors.snmp.values import Value  # noqa: E402
from scanner.credentials import SnmpCommunity  # noqa: E402
from scanner.options import SnmpOptions  # noqa: E402
from tests.collectors.snmp.snmpsim_server import serve  # noqa: E402

Op = tuple[str, tuple[str, ...]]  # ("get" | "walk" | "next", oids)
_VARBIND = re.compile(r"^\.?\d+(\.\d+)+ = (?!No Such|No more variables)")


@dataclass
class Device:
    community: str
    port: int
    ops: list[Op] = field(default_factory=list)
    varbinds: int = 0
    gaps: int = 0
    wall: float = 0.0


class Recorder:
    """Duck-types the session for the reader; notes every request for the replay."""

    def __init__(self, session: snmp.SnmpSession, device: Device) -> None:
        self.session = session
        self.device = device

    def __getattr__(self, name: str) -> Any:
        """Requests this class does not replay yet still run (and show as a varbind gap)."""
        return getattr(self.session, name)

    async def get(self, *wanted: str) -> dict[str, Value]:
        self.device.ops.append(("get", wanted))
        found = await self.session.get(*wanted)
        self.device.varbinds += len(found)
        return found

    async def get_next(self, root: str) -> tuple[str, Value] | None:
        self.device.ops.append(("next", (root,)))
        return await self.session.get_next(root)

    async def get_next_after(self, oid: str, within: str) -> tuple[str, Value] | None:
        self.device.ops.append(("next", (oid,)))
        return await self.session.get_next_after(oid, within)

    async def get_next_many(self, roots: tuple[str, ...]) -> dict[str, object]:
        self.device.ops += [("next", (root,)) for root in roots]
        return dict(await self.session.get_next_many(roots))

    async def walk(self, root: str, limit: int | None = None) -> dict[str, Value]:
        return await self.walk_columns((root,), limit)

    async def walk_columns(self, roots: tuple[str, ...],
                           limit: int | None = None) -> dict[str, Value]:
        self.device.ops += [("walk", (root,)) for root in roots]
        try:
            found = await self.session.walk_columns(roots, limit)
        except snmp.WalkInterrupted as stop:
            self.device.varbinds += len(stop.partial)
            raise
        self.device.varbinds += len(found)
        return found


async def read_like_probe(session: Recorder) -> reader.Reading:
    """The reads :func:`scanner.collectors.snmp.collector.probe` makes, in its order."""
    any_session: Any = session
    reading = await reader.read(any_session, reader.basic_steps() + reader.topology_steps())
    more = vendors.steps(reading.walk, frozenset(reading.present))
    reading = await reader.read_more(any_session, reading, more)
    return await reader.read_more(any_session, reading, device_steps(reading))


def cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


async def _one(engine: object, device: Device, options: SnmpOptions,
               sem: asyncio.Semaphore) -> float:
    async with sem:
        opts = SnmpOptions(credentials=(SnmpCommunity(device.community),), port=device.port,
                           timeout=options.timeout, retries=options.retries)
        device.ops.append(("get", (oids.SYS_OBJECT_ID,)))
        t0 = time.perf_counter()
        session, cred, _failures = await login(engine, "127.0.0.1", opts, opts.credentials)
        if session is None or cred is None:
            device.gaps += 1
            return 0.0
        reading = await read_like_probe(Recorder(session, device))
        device.gaps += len(reading.problems)
        start = time.process_time()
        build_sighting("127.0.0.1", reading, cred)
        device.wall = time.perf_counter() - t0
        return time.process_time() - start


async def run_drscout(devices: list[Device], options: SnmpOptions) -> float:
    """Read every device; returns the CPU spent parsing and classifying."""
    sem = asyncio.Semaphore(options.max_in_flight)
    async with snmp.snmp_engine() as engine:
        parse = await asyncio.gather(*(_one(engine, d, options, sem) for d in devices))
    return sum(parse)


def _netsnmp(op: Op, device: Device, options: SnmpOptions) -> int:
    kind, wanted = op
    tool = {"get": "snmpget", "walk": "snmpbulkwalk", "next": "snmpgetnext"}[kind]
    args = [tool, "-v2c", "-c", device.community, "-On", "-t", str(options.timeout),
            "-r", str(options.retries)]
    if kind == "walk":
        args.append(f"-Cr{snmp.MAX_REPETITIONS}")
    out = subprocess.run([*args, f"127.0.0.1:{device.port}", *wanted], capture_output=True,
                         text=True, errors="replace", check=False).stdout
    return 0 if kind == "next" else sum(1 for line in out.splitlines() if _VARBIND.match(line))


def as_a_person_would(ops: list[Op]) -> list[Op]:
    """drscout's requests as a person types them: the columns drscout walks one by one
    become one snmpbulkwalk of their table entry (ifDescr, ifType ... -> ifEntry), once
    per device.  That fetches at least what drscout fetched with far fewer processes, so
    net-snmp's CPU per varbind is not inflated by process starts drscout does not pay."""
    out: list[Op] = []
    walked: set[str] = set()
    for kind, wanted in ops:
        if kind != "walk":
            out.append((kind, wanted))
            continue
        entry = wanted[0].rsplit(".", 1)[0] if wanted[0].count(".") > 8 else wanted[0]
        if not any(entry == w or entry.startswith(w + ".") for w in walked):
            walked.add(entry)
            out.append(("walk", (entry,)))
    return out


def _replay(device: Device, options: SnmpOptions) -> int:
    return sum(_netsnmp(op, device, options) for op in as_a_person_would(device.ops))


def warm_up(devices: list[Device], options: SnmpOptions) -> None:
    """One untimed GET per recording: snmpsim indexes a recording on its first request,
    which can outlast a client's timeout when dozens arrive at once.  Real agents have
    no such first-request cost, and both clients then meet warm agents."""
    first = {d.community: d for d in devices}
    for device in first.values():
        _netsnmp(("get", (oids.SYS_OBJECT_ID,)), device, replace(options, timeout=30.0))


def run_netsnmp(devices: list[Device], options: SnmpOptions) -> int:
    """Every device's requests in order, ``max_in_flight`` devices at once (threads only
    wait on the child processes, whose CPU is what RUSAGE_CHILDREN measures)."""
    with ThreadPoolExecutor(max_workers=options.max_in_flight) as pool:
        return sum(pool.map(lambda d: _replay(d, options), devices))


@contextlib.contextmanager
def relay(upstream: int, count: int, delay: float) -> Iterator[list[int]]:
    proc = subprocess.Popen([sys.executable, "-m", "bench.udp_relay", str(upstream), str(count),
                             str(delay)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, cwd=ROOT)
    try:
        assert proc.stdout is not None
        yield [int(p) for p in json.loads(proc.stdout.readline())]
    finally:
        if proc.stdin is not None:
            proc.stdin.close()
        proc.wait(timeout=30)


def default_corpus() -> Path:
    for candidate in (Path("/work/shared/corpus/snmp/dev"), ROOT.parent / "shared/corpus/snmp/dev"):
        if candidate.is_dir():
            return candidate
    raise SystemExit("corpus not found: pass --corpus DIR")


def measure(args: argparse.Namespace) -> dict[str, float]:
    stems = sorted(p.stem for p in args.corpus.glob("*.snmprec"))
    options = SnmpOptions(timeout=args.timeout, retries=1, max_in_flight=args.in_flight)
    with serve(args.corpus) as sim_port, relay(sim_port, args.agents, args.delay) as ports:
        devices = [Device(stems[i % len(stems)], port) for i, port in enumerate(ports)]
        warm_up(devices, options)
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        cpu0, wall0 = cpu(resource.RUSAGE_SELF), time.perf_counter()
        parse_cpu = asyncio.run(run_drscout(devices, options))
        ours_wall, ours_cpu = time.perf_counter() - wall0, cpu(resource.RUSAGE_SELF) - cpu0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        cpu0, wall0 = cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
        theirs_vb = run_netsnmp(devices, options)
        theirs_wall = time.perf_counter() - wall0
        theirs_cpu = cpu(resource.RUSAGE_CHILDREN) - cpu0
    ours_vb = sum(d.varbinds for d in devices)
    return {"agents": len(devices), "slowest_s": max(d.wall for d in devices),
            "delay_ms": args.delay * 1000, "in_flight": args.in_flight,
            "requests": sum(len(d.ops) for d in devices), "gaps": sum(d.gaps for d in devices),
            "ours_varbinds": ours_vb, "theirs_varbinds": theirs_vb,
            "ours_wall": ours_wall, "theirs_wall": theirs_wall,
            "ours_cpu_per_1k": ours_cpu / ours_vb * 1000,
            "ours_parse_cpu_per_1k": parse_cpu / ours_vb * 1000,
            "theirs_cpu_per_1k": theirs_cpu / theirs_vb * 1000,
            "peak_rss_mb": peak / 1024, "rss_before_mb": rss0 / 1024}


def report(r: dict[str, float]) -> bool:
    ratio = r["ours_wall"] / r["theirs_wall"]
    cpu_ratio = r["ours_cpu_per_1k"] / r["theirs_cpu_per_1k"]
    lines = [
        f"agents {r['agents']:.0f}, response delay {r['delay_ms']:.0f} ms, drscout in flight "
        f"{r['in_flight']:.0f}, subtree reads (walks, GETs, GETNEXTs) {r['requests']:.0f}, "
        f"gaps {r['gaps']:.0f}, slowest device {r['slowest_s']:.1f} s",
        f"varbinds: drscout {r['ours_varbinds']:.0f}, net-snmp {r['theirs_varbinds']:.0f}",
        f"wall: drscout {r['ours_wall']:.1f} s, net-snmp with {r['in_flight']:.0f} devices in "
        f"flight {r['theirs_wall']:.1f} s, ratio {ratio:.3f} (target <= 1.0)",
        f"CPU per 1,000 varbinds: drscout {r['ours_cpu_per_1k'] * 1000:.0f} ms (parsing and "
        f"classifying {r['ours_parse_cpu_per_1k'] * 1000:.0f} ms), net-snmp "
        f"{r['theirs_cpu_per_1k'] * 1000:.0f} ms, ratio {cpu_ratio:.2f} (target <= 2.0)",
        f"drscout peak RSS {r['peak_rss_mb']:.0f} MB ({r['rss_before_mb']:.0f} MB before "
        "collecting: interpreter, imports)",
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    return ratio <= 1.0 and cpu_ratio <= 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=62, help="simulated devices (50+)")
    parser.add_argument("--delay", type=float, default=0.02, help="response delay, seconds")
    parser.add_argument("--in-flight", type=int, default=16,
                        help="devices read at once, by both clients (default 16: one snmpsim "
                             "process answers for every agent, and beyond ~16 concurrent "
                             "logins on a loaded machine its queue, not the client, times "
                             "out; the real farm in bench.snmp_farm runs 64)")
    parser.add_argument("--timeout", type=float, default=2.0, help="per-request timeout")
    parser.add_argument("--corpus", type=Path, default=None, help="folder of .snmprec files")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args()
    args.corpus = args.corpus or default_corpus()
    figures = measure(args)
    ok = report(figures)
    if args.json:
        sys.stdout.write(json.dumps(figures) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
