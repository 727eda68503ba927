"""Analysis: from an Inventory to an Assessment (graph, SPOFs, findings, priorities).

``assess`` is the one entry point; each step lives in its own module:
:mod:`~analysis.graph` (dependency graph), :mod:`~analysis.failure` (what stops
when each node fails), :mod:`~analysis.spof`, :mod:`~analysis.rules`,
:mod:`~analysis.priorities` and :mod:`~analysis.processes`.
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from analysis.context import build_context
from analysis.failure import blast_radii, kill_sets
from analysis.graph import build_graph, export
from analysis.model import Assessment, ProcessStatus, Spof
from analysis.physical import build_physical
from analysis.priorities import priorities
from analysis.processes import ProcessSpec, default_processes
from analysis.rules import run_rules
from analysis.spof import find_spofs
from scanner.model import Inventory

__all__ = ["ProcessSpec", "assess"]


def assess(inventory: Inventory, processes: Sequence[ProcessSpec] | None = None) -> Assessment:
    """Analyse an inventory.  ``processes=None`` means the assumed default processes
    (a later site file declares the office's own)."""
    ctx = build_context(inventory)
    specs = list(processes) if processes is not None else default_processes(
        ctx.providers, bool(ctx.gateways))
    physical = build_physical(ctx)
    g = build_graph(ctx, specs, physical)
    kills = kill_sets(g)
    blast = blast_radii(kills)
    spofs = find_spofs(ctx, g, kills, blast, physical)
    prios, waves = priorities(ctx, g, kills, blast, spofs)
    return Assessment(
        inventory=inventory, graph=export(g), processes=_statuses(g, specs, spofs),
        spofs=spofs, findings=run_rules(ctx), priorities=prios, recovery_waves=waves)


def _statuses(g: nx.DiGraph, specs: Sequence[ProcessSpec],
              spofs: list[Spof]) -> list[ProcessStatus]:
    out = []
    for spec in sorted(specs, key=lambda s: (s.criticality, s.name)):
        out.append(ProcessStatus(
            id=spec.node_id, name=spec.name, criticality=spec.criticality,
            needs=sorted(g.successors(spec.node_id)),
            spofs=[s.id for s in spofs if spec.node_id in s.blast_radius],
            assumed=spec.assumed))
    return out
