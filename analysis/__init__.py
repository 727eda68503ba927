"""Analysis: from an Inventory (and a site file) to an Assessment.

``assess`` is the one entry point; each step lives in its own module:
:mod:`~analysis.site.apply` (site file meets inventory), :mod:`~analysis.graph`
(dependency graph), :mod:`~analysis.failure` (what stops when each node fails:
the source of truth), :mod:`~analysis.dominators` (the dominator tree, exported
where it is exact), :mod:`~analysis.spof`, :mod:`~analysis.shared_fate`,
:mod:`~analysis.rules`, :mod:`~analysis.priorities` and :mod:`~analysis.processes`.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import networkx as nx

from analysis.context import Context, build_context
from analysis.dominators import exact_nodes, idoms_from_kill_sets
from analysis.failure import KillSets, blast_radii, kill_sets, needs_first
from analysis.fate_findings import defeated, pairs_finding, unresolved
from analysis.gcpause import paused_gc
from analysis.graph import build_graph, export
from analysis.impact import classify, measure_assets
from analysis.model import Assessment, Finding, ProcessStatus, Spof
from analysis.physical import build_physical
from analysis.priorities import priorities
from analysis.processes import ProcessSpec, default_processes
from analysis.redundancy import assumed_separate, replica_groups
from analysis.rules import run_rules
from analysis.shared_fate import PairResult, minimal_pairs
from analysis.site.apply import SiteFacts, apply_site
from analysis.site.model import DEFAULT_SEATS_THRESHOLD, Site
from analysis.site.people import People, by_asset
from analysis.spof import find_spofs
from analysis.suppress import apply_suppressions
from scanner.inventory.model import Inventory

__all__ = ["ProcessSpec", "Site", "assess"]

#: processes of this criticality or higher get the (bounded) failure-pair search
PAIR_TIER = 1
#: seconds for the failure-pair search of all processes together
PAIR_BUDGET_S = 3.0


@paused_gc()
def assess(inventory: Inventory, processes: Sequence[ProcessSpec] | None = None,
           site: Site | None = None, people: People | None = None) -> Assessment:
    """Analyse an inventory.  ``processes=None`` means the site file's processes,
    else the assumed default processes.  ``people``: what a person wrote in the
    worksheet (read by reports.filled), used by the rules and carried to every output."""
    facts: SiteFacts | None = None
    if site is not None:
        inventory, facts = apply_site(inventory, site)
    people = _current(people or People(), inventory)
    ctx = build_context(inventory, facts, by_asset(people.assets), people.backups)
    specs = _specs(ctx, processes, facts)
    physical = build_physical(ctx)
    groups = replica_groups(ctx)
    g = build_graph(ctx, specs, physical, groups)
    parts = needs_first(g)
    kills = kill_sets(g, parts=parts)
    blast = blast_radii(kills)
    classes = classify(ctx)
    threshold = facts.seats_threshold if facts else DEFAULT_SEATS_THRESHOLD
    hits = measure_assets(ctx, g, classes, blast)
    spofs = find_spofs(ctx, g, kills, blast, physical, classes, threshold, hits)
    prios, waves = priorities(ctx, g, kills, blast, spofs, parts, classes, hits)
    pairs = _pairs(g, kills, specs, set(ctx.assets))
    findings = _findings(ctx, g, kills, pairs)
    kept, silenced = apply_suppressions(findings, facts.suppress if facts else ())
    doms = idoms_from_kill_sets(kills, exact_nodes(g, parts))
    del parts, kills, blast, hits  # freed before the export, the step that peaks in memory
    return Assessment(
        inventory=inventory, graph=export(g, doms),
        processes=_statuses(g, specs, spofs, pairs, facts), spofs=spofs, findings=kept,
        priorities=prios, recovery_waves=waves, suppressed=silenced,
        site_name=site.name if site else "", site_location=site.location if site else "",
        site_client=site.client if site else "",
        site_prepared_by=site.prepared_by if site else "",
        replica_groups=groups, assumed_separate=assumed_separate(ctx, groups),
        seats_threshold=threshold, people=people)


def _current(people: People, inventory: Inventory) -> People:
    """Entries about assets of this inventory (a gone asset's stay in the worksheet)."""
    known = {a.id for a in inventory.assets}
    return people.model_copy(update={"assets": [e for e in people.assets
                                                if e.asset_id in known and not e.empty]})


def _specs(ctx: Context, processes: Sequence[ProcessSpec] | None,
           facts: SiteFacts | None) -> list[ProcessSpec]:
    if processes is not None:
        return list(processes)
    if facts and facts.processes is not None:
        return facts.processes
    return default_processes(ctx.providers, bool(ctx.gateways))


def _pairs(g: nx.DiGraph, kills: KillSets, specs: Sequence[ProcessSpec],
           assets: set[str]) -> dict[str, PairResult]:
    """Failure pairs of the tier-1 processes, within one shared time budget: a
    process reached after the budget is spent is reported as not searched."""
    deadline = time.monotonic() + PAIR_BUDGET_S
    out = {}
    for spec in sorted(specs, key=lambda s: (s.criticality, s.name)):
        if spec.criticality > PAIR_TIER:
            continue
        left = deadline - time.monotonic()
        out[spec.node_id] = (minimal_pairs(g, kills, spec.node_id, assets, budget_s=left)
                             if left > 0 else PairResult([], False, 0))
    return out


def _findings(ctx: Context, g: nx.DiGraph, kills: KillSets,
              pairs: dict[str, PairResult]) -> list[Finding]:
    from analysis.model import SEVERITIES

    found = run_rules(ctx) + defeated(ctx, g, kills) + unresolved(ctx)
    found += [pairs_finding(ctx, g, p, r) for p, r in sorted(pairs.items()) if r.pairs]
    return sorted(found, key=lambda f: (SEVERITIES.index(f.severity), f.id))


def _statuses(g: nx.DiGraph, specs: Sequence[ProcessSpec], spofs: list[Spof],
              pairs: dict[str, PairResult], facts: SiteFacts | None) -> list[ProcessStatus]:
    out = []
    descriptions = facts.descriptions if facts else {}
    by_process: dict[str, list[str]] = {}
    for spof in spofs:
        for node in spof.blast_radius:
            if node.startswith("process:"):
                by_process.setdefault(node, []).append(spof.id)
    for spec in sorted(specs, key=lambda s: (s.criticality, s.name)):
        result = pairs.get(spec.node_id)
        out.append(ProcessStatus(
            id=spec.node_id, name=spec.name, criticality=spec.criticality,
            needs=sorted(g.successors(spec.node_id)),
            spofs=by_process.get(spec.node_id, []),
            assumed=spec.assumed, description=descriptions.get(spec.node_id, ""),
            shared_fate=[list(p) for p in result.pairs] if result else [],
            rpo_hours=spec.rpo_hours))
    return out
