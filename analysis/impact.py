"""Impact: what stops when one thing fails, in the three numbers every output shows.

- **processes**: business processes (declared or assumed) that stop;
- **workloads**: things people use that stop: servers, VMs, NAS, and appliances
  offering services (a hypervisor's VMs are workloads; the host itself is the
  thing they run on);
- **seats**: workstations, phones and printers that lose the network or the
  services they need.

:func:`measure` is the only place these are counted.  The SPOF list, tier
reasons, Priorities, the summary and every renderer read its result, so a
switch cannot show 9 devices in one place and 21 in another.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from analysis.context import Context
from analysis.model import Impact

#: asset types and roles that make a seat (where a person sits)
SEAT_TYPES = frozenset({"workstation", "printer"})
SEAT_ROLES = frozenset({"workstation", "printer", "phone", "voip"})
#: asset types that are workloads by themselves
WORKLOAD_TYPES = frozenset({"server", "vm", "nas"})
#: roles that make an appliance (any type but network and power gear) a workload
SERVICE_ROLES = frozenset({"dns", "dhcp", "directory", "file", "web", "database", "mail",
                           "nas", "backup", "remote-access"})
_INFRASTRUCTURE = frozenset({"router", "firewall", "switch", "wireless", "ups"})


@dataclass(frozen=True)
class Classes:
    """Which assets are seats and which are workloads (computed once per assessment)."""

    seats: frozenset[str]
    workloads: frozenset[str]

    @property
    def seats_total(self) -> int:
        return len(self.seats)


def classify(ctx: Context) -> Classes:
    seats, workloads = set(), set()
    for asset in ctx.assets.values():
        if asset.is_scanner:
            continue
        roles = set(asset.roles)
        if asset.type in SEAT_TYPES or (roles & SEAT_ROLES and not roles & SERVICE_ROLES
                                         and asset.type not in WORKLOAD_TYPES):
            seats.add(asset.id)
        elif asset.type in WORKLOAD_TYPES or (asset.type not in _INFRASTRUCTURE
                                              and asset.type != "hypervisor"
                                              and roles & SERVICE_ROLES):
            workloads.add(asset.id)
    return Classes(frozenset(seats), frozenset(workloads))


@dataclass(frozen=True)
class Measured:
    """An :class:`Impact` with the names behind it, for SPOF entries."""

    impact: Impact
    #: process labels, most critical first
    processes: list[str]
    workloads: list[str]
    seats: list[str]
    #: blast radius without the failed thing: assets, processes, internet, datastores
    stopped: list[str]
    #: criticality-weighted size, for sorting (5 - criticality per process, 1 per asset)
    weight: int


def measure(g: nx.DiGraph, classes: Classes, blast: Iterable[str],
            itself: Iterable[str]) -> Measured:
    """``blast``: everything that stops (from the kill sets); ``itself``: the failed
    thing's own node(s), never counted in its impact."""
    own = set(itself)
    stopped = sorted(n for n in blast if n not in own
                     and g.nodes[n]["kind"] in ("asset", "process", "internet", "datastore"))
    procs = sorted((g.nodes[n]["criticality"], g.nodes[n]["label"]) for n in stopped
                   if g.nodes[n]["kind"] == "process")
    workloads = [n for n in stopped if n in classes.workloads]
    seats = [n for n in stopped if n in classes.seats]
    assets = sum(1 for n in stopped if g.nodes[n]["kind"] == "asset")
    impact = Impact(processes=len(procs), workloads=len(workloads), seats=len(seats),
                    seats_total=classes.seats_total)
    return Measured(impact, [name for _, name in procs], workloads, seats, stopped,
                    sum(5 - c for c, _ in procs) + assets)


def is_spof(impact: Impact, seats_threshold: int) -> bool:
    """The rule: a single failure that stops a process, a workload, or the
    network for at least ``seats_threshold`` seats."""
    return bool(impact.processes or impact.workloads or impact.seats >= seats_threshold)


def measure_assets(ctx: Context, g: nx.DiGraph, classes: Classes,
                   blast: dict[str, set[str]]) -> dict[str, Measured]:
    """Every asset's impact, once per assessment (SPOFs and Priorities share it).
    Most assets stop nothing but themselves: they share one empty result."""
    nothing = Measured(Impact(seats_total=classes.seats_total), [], [], [], [], 0)
    return {a: measure(g, classes, b, (a,)) if len(b := blast.get(a, ())) > 1 else nothing
            for a in ctx.assets}
