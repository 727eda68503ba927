"""The orchestrator's guard and interrupt handling, without root and without the lab.

Fake collectors come in through ``scan``'s ``registry`` argument (a table made for the
test, nothing shared): one raises, one leaks a secret in its error, one fails the way a
collector should (CollectorError), one hangs until the scan is cancelled.  The real guard,
stages and inventory builder run.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import pytest

from scanner.collectors.base import Needs, Run, Stage, Task
from scanner.collectors.registry import Entry
from scanner.credentials import SnmpCommunity, VirtCredential, VirtEndpoint, VirtOptions
from scanner.errors import CollectorError, MissingToolError
from scanner.events import ProgressEvent
from scanner.inventory.model import Gap
from scanner.inventory.sighting import CollectorResult, Sighting
from scanner.options import ScanOptions, SnmpOptions
from scanner.orchestrator import ScanState, scan
from scanner.targets import parse_targets

COMMUNITY = "c0mmun1ty-s3cret"
PASSWORD = "vc-pa55word"
OPTIONS = ScanOptions(
    targets=parse_targets(["192.0.2.0/30"]),
    snmp=SnmpOptions(credentials=(SnmpCommunity(COMMUNITY),)),
    virt=VirtOptions(endpoints=(VirtEndpoint("vmware", "https://vc.invalid",
                                             VirtCredential("admin", PASSWORD)),)),
    collectors=("finder", "prober", "api"),
)

Behaviour = Callable[[str], Awaitable[CollectorResult]]
NEEDS = Needs()


@dataclass(frozen=True)
class Fake:
    """A collector whose work per target is ``behave``; it never touches the network."""

    name: str
    stages: tuple[Stage, ...]
    behave: Behaviour
    needs: Needs = NEEDS
    asked: list[Run] = field(default_factory=list, compare=False)

    def runs(self, options: ScanOptions) -> bool:
        return options.wants(self.name)

    def prepare(self, options: ScanOptions) -> list[CollectorResult]:
        return []

    async def tasks(self, run: Run) -> list[Task]:
        self.asked.append(run)
        targets = list(run.hosts) if run.stage == "per-host" else [run.stage]
        return [Task(t, lambda t=t: self.behave(t)) for t in targets]

    def missed(self, run: Run) -> list[Gap]:
        return []


def _entries(*fakes: Fake) -> tuple[Entry, ...]:
    return tuple(Entry(f.name, 1, lambda f=f: f) for f in fakes)


async def _found(_target: str) -> CollectorResult:
    """A discovery that finds two of the scope's addresses."""
    return CollectorResult(collector="finder", target="sweep", sightings=[
        Sighting(collector="finder", ips=[ip]) for ip in ("192.0.2.1", "192.0.2.2")])


async def _ok(target: str) -> CollectorResult:
    return CollectorResult(collector="prober", target=target,
                           sightings=[Sighting(collector="prober", ips=[target], name="ok")])


async def _crash(target: str) -> CollectorResult:
    if target == "192.0.2.2":
        raise RuntimeError(f"agent said community={COMMUNITY} and password {PASSWORD}")
    return await _ok(target)


async def _refused(_target: str) -> CollectorResult:
    raise CollectorError(f"login refused for admin:{PASSWORD}", "auth")


def _run(state: ScanState, *fakes: Fake) -> list[Gap]:
    inventory = asyncio.run(scan(state, registry=_entries(*fakes)))
    return inventory.gaps


def test_a_crash_becomes_an_error_gap_and_the_scan_goes_on() -> None:
    state = ScanState(OPTIONS)
    gaps = _run(state, Fake("finder", ("discovery",), _found),
                Fake("prober", ("per-host",), _crash))
    assert [(g.collector, g.target, g.reason) for g in gaps] == [
        ("prober", "192.0.2.2", "error")]
    assert gaps[0].detail.startswith("RuntimeError: agent said")
    assert {r.target for r in state.results if r.collector == "prober"} == {"192.0.2.1"}
    assert state.pending == set()


def test_no_configured_secret_survives_in_a_gap() -> None:
    state = ScanState(OPTIONS)
    gaps = _run(state, Fake("finder", ("discovery",), _found),
                Fake("prober", ("per-host",), _crash), Fake("api", ("endpoint",), _refused))
    text = state.inventory().model_dump_json()
    assert {(g.collector, g.reason) for g in gaps} == {("prober", "error"), ("api", "auth")}
    assert COMMUNITY not in text and PASSWORD not in text
    assert all("***" in g.detail for g in gaps)


def test_per_host_work_gets_the_live_hosts_of_discovery() -> None:
    prober = Fake("prober", ("per-host",), _ok)
    state = ScanState(OPTIONS)
    _run(state, Fake("finder", ("discovery",), _found), prober)
    assert [r.hosts for r in prober.asked] == [("192.0.2.1", "192.0.2.2")]
    assert state.inventory().scan.collectors == ["finder", "prober"]


def test_without_discovery_per_host_work_gets_every_address_not_excluded() -> None:
    prober = Fake("prober", ("per-host",), _ok)
    options = ScanOptions(targets=parse_targets(["192.0.2.0/29"]),
                          exclude=parse_targets(["192.0.2.4-6"]), collectors=("prober",))
    asyncio.run(scan(ScanState(options), registry=_entries(prober)))
    assert prober.asked[0].hosts == ("192.0.2.1", "192.0.2.2", "192.0.2.3")


def test_an_endpoint_only_scan_needs_no_targets() -> None:
    """No target and no network collector: no local subnets are needed, so none is
    looked for (a vCenter-only run on a machine without a private subnet works)."""
    api = Fake("api", ("endpoint",), _ok)
    local = Fake("local", ("local",), _crash)
    state = ScanState(ScanOptions(collectors=("api",)))
    inventory = asyncio.run(scan(state, registry=_entries(local, api)))
    assert [r.stage for r in api.asked] == ["endpoint"] and local.asked == []
    assert inventory.scan.targets == [] and inventory.scan.collectors == ["api"]


def test_a_missing_program_is_not_a_gap_but_stops_the_scan() -> None:
    """The guard's one exception to "failures are data": without nmap nothing would be
    scanned at all, and the CLI says so with exit 3."""
    async def missing(_target: str) -> CollectorResult:
        raise MissingToolError("nmap is not installed")

    with pytest.raises(MissingToolError):
        _run(ScanState(OPTIONS), Fake("finder", ("discovery",), missing))


def test_ctrl_c_leaves_unfinished_work_as_interrupted_gaps() -> None:
    started: list[str] = []

    async def hang(target: str) -> CollectorResult:
        await asyncio.Event().wait()
        raise AssertionError("never set")

    def sink(event: ProgressEvent) -> None:
        if event.kind == "task-start" and event.collector == "prober":
            started.append(event.target)

    async def interrupted() -> None:
        task = asyncio.ensure_future(scan(state, sink, registry=_entries(
            Fake("finder", ("discovery",), _found), Fake("prober", ("per-host",), hang))))
        while len(started) < 2:
            await asyncio.sleep(0.01)
        task.cancel()  # what asyncio.run does with the main task on KeyboardInterrupt
        with pytest.raises(asyncio.CancelledError):
            await task

    state = ScanState(OPTIONS)
    asyncio.run(interrupted())
    inventory = state.inventory(interrupted=True)
    assert inventory.scan.interrupted
    assert sorted((g.collector, g.target, g.reason) for g in inventory.gaps) == [
        ("prober", "192.0.2.1", "interrupted"), ("prober", "192.0.2.2", "interrupted")]
    assert [a.ips for a in inventory.assets] == [["192.0.2.1"], ["192.0.2.2"]]
    assert state.pending == set()
