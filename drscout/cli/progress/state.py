"""The scan's progress events folded into what a person wants to know: which phase,
how many of how many, what is slow, what failed, and how long is left.

Pure bookkeeping (no output), so the live display, the plain log and the closing
summary read one model, and tests can feed it a recorded event sequence.
"""

from __future__ import annotations

import ipaddress
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from scanner.events import ProgressEvent

Clock = Callable[[], float]

#: per-host collectors' phase names; any other collector keeps its own name
PER_HOST = {"nmap": "port scan", "snmp": "SNMP", "ssh": "SSH"}
ENDPOINTS = "hypervisors and directories"
#: endpoint-stage collectors that are not hypervisors or directories
OWN_ENDPOINT_PHASE = {"nmap": "DHCP discovery"}
#: the order phases are listed in (unknown ones go after the scan's, before the CLI's)
ORDER = ("this machine", "discovery", "port scan", "SNMP", "SSH", "DHCP discovery",
         ENDPOINTS, "analysis", "reports")
LATEST_GAPS = 3


def phase_of(event: ProgressEvent) -> str:
    """The phase a task event belongs to, from its stage (and collector, per host)."""
    if event.stage == "local":
        return "this machine"
    if event.stage == "discovery":
        return "discovery"
    if event.stage == "endpoint":
        return OWN_ENDPOINT_PHASE.get(event.collector, ENDPOINTS)
    return PER_HOST.get(event.collector, event.collector)


def hosts_in(target: str, known: Iterable[str]) -> int:
    """How many hosts a task's label names: "a", "a,b,c" or a "first..last" batch
    (counted among the live hosts when known).  Other labels (a CIDR, "broadcast",
    an interface) name no single host."""
    count = 0
    for part in target.split(","):
        first, _, last = part.partition("..")
        try:
            lo, hi = ipaddress.ip_address(first), ipaddress.ip_address(last or first)
        except ValueError:
            continue
        if lo.version != hi.version:
            continue
        inside = [h for h in known if _between(h, lo.version, int(lo), int(hi))]
        count += len(inside) if last and inside else int(hi) - int(lo) + 1
    return count


def _between(host: str, version: int, lo: int, hi: int) -> bool:
    ip = ipaddress.ip_address(host)
    return ip.version == version and lo <= int(ip) <= hi


@dataclass
class Phase:
    """One line of the display: a stage of the scan, or one of the CLI's own steps."""

    name: str
    total: int = 0
    done: int = 0
    failed: int = 0
    hosts_total: int = 0
    hosts_done: int = 0
    gaps: int = 0
    started: float | None = None
    finished: float | None = None
    #: target -> start time of the tasks still running
    running: dict[str, float] = field(default_factory=dict)
    #: the orchestrator announced every task
    planned: bool = False
    #: one of the CLI's own steps (no tasks to count)
    step: bool = False

    @property
    def unit(self) -> str:
        """What "n of m" counts: hosts when the tasks name hosts (a port-scan batch
        counts each of its hosts), else endpoints or tasks."""
        if self.name == ENDPOINTS:
            return "endpoints"
        return "hosts" if self.hosts_total else "tasks"

    def counts(self) -> tuple[int, int]:
        """(n, m) in the phase's unit: hosts when every task names its hosts."""
        if self.unit == "hosts":
            return self.hosts_done, self.hosts_total
        return self.done, self.total

    @property
    def complete(self) -> bool:
        return self.finished is not None

    def left(self, now: float) -> float | None:
        """Seconds left at the rate hosts (or tasks) have finished so far; None without
        data.  Counted in the phase's unit, so a quick side task (DHCP discovery beside
        the port-scan batches) does not pass for progress."""
        if self.complete:
            return 0.0
        n, m = self.counts()
        if not self.planned or not n or self.started is None:
            return None
        rate = n / max(now - self.started, 1e-6)
        return (m - n) / rate


@dataclass
class ProgressState:
    """Every event folded in; ``clock`` is injectable so a recording replays exactly."""

    clock: Clock = time.monotonic
    started: float = 0.0
    phases: dict[str, Phase] = field(default_factory=dict)
    hosts: list[str] = field(default_factory=list)
    gap_counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    latest_gaps: deque[tuple[str, str, str]] = field(
        default_factory=lambda: deque(maxlen=LATEST_GAPS))
    #: per collector: [tasks done, tasks failed]
    tasks: dict[str, list[int]] = field(default_factory=dict)
    #: per collector: tasks started (an interrupted scan leaves some unfinished)
    started_tasks: Counter[str] = field(default_factory=Counter)
    #: phases finished since the last call of :meth:`take_finished`
    _finished: list[Phase] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.started = self.clock()

    def elapsed(self) -> float:
        return self.clock() - self.started

    def phase(self, name: str) -> Phase:
        if name not in self.phases:
            self.phases[name] = Phase(name)
        return self.phases[name]

    def ordered(self) -> list[Phase]:
        rank = {n: i for i, n in enumerate(ORDER)}
        return sorted(self.phases.values(), key=lambda p: rank.get(p.name, len(ORDER) - 2.5))

    def apply(self, event: ProgressEvent) -> None:
        handler = getattr(self, "_" + event.kind.replace("-", "_"), None)
        if handler is not None:
            handler(event)

    def _planned(self, event: ProgressEvent) -> None:
        phase = self.phase(phase_of(event))
        phase.total += event.total
        phase.planned = True
        self._start(phase)
        self._check_done(phase)

    def _host_found(self, event: ProgressEvent) -> None:
        self.hosts.append(event.target)

    def _task_start(self, event: ProgressEvent) -> None:
        phase = self.phase(phase_of(event))
        self._start(phase)
        phase.running[event.target] = self.clock()
        self.started_tasks[event.collector] += 1
        phase.hosts_total += hosts_in(event.target, self.hosts)

    def _task_done(self, event: ProgressEvent) -> None:
        phase = self.phase(phase_of(event))
        phase.running.pop(event.target, None)
        phase.done += 1
        phase.hosts_done += hosts_in(event.target, self.hosts)
        tally = self.tasks.setdefault(event.collector, [0, 0])
        tally[0 if event.ok else 1] += 1
        if not event.ok:
            phase.failed += 1
        self._check_done(phase)

    def _gap(self, event: ProgressEvent) -> None:
        reason = event.reason or event.message.partition(":")[0] or "gap"
        self.gap_counts[(event.collector, reason)] += 1
        self.latest_gaps.append((event.collector, event.target, reason))
        if event.stage:
            self.phase(phase_of(event)).gaps += 1

    def _start(self, phase: Phase) -> None:
        if phase.started is None:
            phase.started = self.clock()

    def _check_done(self, phase: Phase) -> None:
        if phase.planned and phase.done >= phase.total and not phase.complete:
            phase.finished = self.clock()
            self._finished.append(phase)

    def begin_step(self, name: str) -> Phase:
        """One of the CLI's own steps (analysis, reports) starts."""
        phase = self.phase(name)
        phase.total, phase.planned, phase.step = 1, True, True
        self._start(phase)
        phase.running[name] = self.clock()
        return phase

    def end_step(self, name: str) -> None:
        phase = self.phase(name)
        phase.running.pop(name, None)
        phase.done = 1
        self._check_done(phase)

    def take_finished(self) -> list[Phase]:
        """The phases that finished since the last call (the plain log prints them once)."""
        done, self._finished = self._finished, []
        return done

    def slowest(self, count: int = 3) -> list[tuple[str, str, float]]:
        """The longest-running unfinished tasks: (phase, target, seconds so far)."""
        now = self.clock()
        running = [(p.name, t, now - s) for p in self.phases.values() if not p.step
                   for t, s in p.running.items()]
        return sorted(running, key=lambda r: -r[2])[:count]

    def time_left(self) -> float | None:
        """Seconds left for the scan (its slowest active phase); None while any active
        phase has no finished task yet, or while discovery runs (what follows is unknown)."""
        now = self.clock()
        active = [p for p in self.phases.values() if not p.complete]
        if not active or any(p.name == "discovery" for p in active):
            return None
        lefts = [p.left(now) for p in active]
        if any(v is None for v in lefts):
            return None
        return max(v for v in lefts if v is not None)
