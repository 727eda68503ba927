"""The collector interface: what the orchestrator knows about every collector.

Collectors have different shapes (one local read before the scope is known; a discovery
sweep that finds the live hosts; a probe per live host; one read per configured
hypervisor API), so a collector does not expose ``collect`` itself.  It names the
*stages* it takes part in, and for each stage hands the orchestrator a list of
:class:`Task` (a target label and the awaitable work).  The orchestrator runs every task
through its one guard, so a collector's failure becomes a Gap there; a collector raises
:class:`~scanner.errors.CollectorError` (with a Literal reason) for a failure it
understands and lets everything else propagate.

Adding a collector: see the checklist in :mod:`scanner.collectors`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from typing import Literal, Protocol

from scanner.inventory.model import Gap
from scanner.inventory.sighting import CollectorResult
from scanner.options import ScanOptions
from scanner.targets import Network

#: ``local``: reads this machine, before the scope is known (and can supply the default
#: scope); ``discovery``: sweeps the scope for live hosts; ``per-host``: works on the live
#: hosts (or every address in a small scope without discovery); ``endpoint``: reads a
#: configured API, alongside the network scan.
Stage = Literal["local", "discovery", "per-host", "endpoint"]
NETWORK_STAGES: tuple[Stage, ...] = ("discovery", "per-host")

Work = Callable[[], Awaitable[CollectorResult]]


def scrub(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every secret replaced by ``***``: the one place failure messages
    (which client libraries fill with what they sent) lose their credentials."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


@dataclass(frozen=True)
class Needs:
    """What a collector needs to do all of its work; shown in help and checked by tests."""

    #: "preferred": works without root but sees less (no OS detection, no UDP, no DHCP)
    root: Literal["no", "preferred", "required"] = "no"
    #: reads nothing useful without credentials (SNMP falls back to "public")
    credentials: bool = False
    #: the pyproject extra that installs its client library (``pip install drscout[x]``)
    extra: str | None = None


@dataclass(frozen=True)
class Task:
    """One unit of a collector's work: the guard records its failure against ``target``."""

    target: str
    work: Work


@dataclass(frozen=True)
class Run:
    """What a collector may look at when it hands out the tasks of one stage."""

    options: ScanOptions
    stage: Stage
    #: the networks being scanned (empty before the local stage, or for endpoint-only runs)
    scope: tuple[Network, ...] = ()
    #: per-host stage: the live hosts (or every address of a small scope)
    hosts: tuple[str, ...] = ()
    #: every result collected so far
    results: tuple[CollectorResult, ...] = ()
    #: closed when the stage's tasks are done: for a context its tasks share (an engine)
    resources: AsyncExitStack = field(default_factory=AsyncExitStack)


class Collector(Protocol):
    """One collector, as the registry holds it and the orchestrator drives it."""

    @property
    def name(self) -> str:
        """The ``--collectors`` name, the ``collector`` of its sightings and gaps."""

    @property
    def stages(self) -> tuple[Stage, ...]:
        """The stages it works in, in the order they run."""

    @property
    def needs(self) -> Needs: ...

    def runs(self, options: ScanOptions) -> bool:
        """Whether this scan asked for it (``--collectors``, or a configured endpoint)."""

    def prepare(self, options: ScanOptions) -> list[CollectorResult]:
        """Before anything runs: raise MissingToolError for a missing program, and
        report tool versions."""

    async def tasks(self, run: Run) -> list[Task]:
        """The work of ``run.stage``; may enter shared contexts on ``run.resources``."""

    def missed(self, run: Run) -> list[Gap]:
        """After the scan: "not-attempted" gaps for what it saw it could read but was
        not asked to (every registered collector is asked, selected or not)."""


class Defaults:
    """What most collectors do: run when ``--collectors`` names them, need no preparation,
    and report nothing they missed.  Inherit it and override what differs."""

    name: str

    def runs(self, options: ScanOptions) -> bool:
        return options.wants(self.name)

    def prepare(self, options: ScanOptions) -> list[CollectorResult]:
        return []

    def missed(self, run: Run) -> list[Gap]:
        return []
