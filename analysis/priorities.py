"""Criticality tiers and recovery order, one Priority per asset.

Tier: the most critical process whose kill set holds the asset (1 = restore
first), raised to at least 2 when the asset takes 3+ other assets down with it.
Recovery waves: see :mod:`analysis.recovery`.  Each Priority also carries the
blast radius weighted by the criticality of the processes it stops, RTO/RPO
bands suggested from the tier, and the tier a site file sets (which wins; else the tier
a person approved in the worksheet).
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
from pydantic import TypeAdapter

from analysis.context import Context
from analysis.failure import KillSets
from analysis.impact import Classes, Measured, classify, measure_assets
from analysis.model import Priority, Spof
from analysis.recovery import RTO_RPO, category, recovery_waves

_DEFAULT_TIER = 4
_PRIORITIES: TypeAdapter[list[Priority]] = TypeAdapter(list[Priority])


#: an "any of" group with more alternatives than this is no one asset's dependency
#: worth listing (an MSP inventory's 700 DNS servers); leaving it out keeps
#: ``depends_on`` readable and the analysis linear
MAX_LISTED_ALTERNATIVES = 8


def asset_needs(g: nx.DiGraph, ctx: Context) -> dict[str, list[str]]:
    """asset -> assets it directly needs, looking through virtual nodes."""
    frontier: dict[str, frozenset[str]] = {}

    def reach(node: str, seen: set[str]) -> frozenset[str]:
        if node in ctx.assets:
            return frozenset((node,))
        if node in frontier:
            return frontier[node]
        seen.add(node)
        needs = [n for n in g.successors(node) if n not in seen]
        if g.nodes[node].get("any_of") and len(needs) > MAX_LISTED_ALTERNATIVES:
            needs = []
        found = frozenset().union(*(reach(n, seen) for n in needs))
        frontier[node] = found
        return found

    return {a: sorted(frozenset().union(*(reach(n, set()) for n in g.successors(a))) - {a})
            for a in ctx.assets}


def priorities(ctx: Context, g: nx.DiGraph, kills: KillSets, blast: dict[str, set[str]],
               spofs: Iterable[Spof], parts: list[list[str]] | None = None,
               classes: Classes | None = None, hits: dict[str, Measured] | None = None
               ) -> tuple[list[Priority], list[list[str]]]:
    """``parts``: :func:`analysis.failure.needs_first` of ``g``; ``hits``: every
    asset's impact (:func:`analysis.impact.measure_assets`), when the caller has them."""
    if hits is None:
        hits = measure_assets(ctx, g, classes or classify(ctx), blast)
    needs = asset_needs(g, ctx)
    by_asset: dict[str, list[Spof]] = {}
    for spof in spofs:
        for a in spof.asset_ids:
            by_asset.setdefault(a, []).append(spof)
    provided = {n: _providers_of(g, n) for n in sorted(
        n for n, kind in g.nodes(data="kind") if kind == "process")}
    serves: dict[str, list[str]] = {}
    for process, assets in provided.items():
        for a in assets:
            serves.setdefault(a, []).append(str(g.nodes[process]["label"]))
    needed_by: dict[str, list[str]] = {}
    for process, assets in provided.items():
        for a in _providers_of(g, process, declared=False) - assets:
            needed_by.setdefault(a, []).append(str(g.nodes[process]["label"]))
    crit = {str(g.nodes[p]["label"]): int(g.nodes[p]["criticality"]) for p in provided}
    tiers = {a: _tier(g, serves, needed_by, crit, a, blast.get(a, {a}), hits[a])
             for a in ctx.assets}
    site_tiers = ctx.site.tiers if ctx.site else {}
    # the tier a person approved in the worksheet orders recovery too, unless the site
    # file declares one (a disagreement is the site-vs-worksheet plan check)
    decided = {**{a: e.approved_tier for a, e in ctx.people.items() if e.approved_tier},
               **site_tiers}
    cats = {a: category(asset) for a, asset in ctx.assets.items()}
    waves = [sorted(w, key=lambda a: (decided.get(a, tiers[a][0]), ctx.assets[a].name, a))
             for w in recovery_waves(g, cats, parts)]
    rows: list[dict[str, object]] = []
    for index, wave in enumerate(waves, start=1):
        for asset_id in wave:
            hit = hits[asset_id]
            tier = decided.get(asset_id, tiers[asset_id][0])
            rto, rpo = RTO_RPO[tier]
            rows.append(dict(
                blast_weight=hit.weight, impact=hit.impact,
                suggested_rto=rto, suggested_rpo=rpo, site_tier=site_tiers.get(asset_id),
                category=cats[asset_id],
                asset_id=asset_id, name=ctx.assets[asset_id].name,
                suggested_tier=tiers[asset_id][0], tier_reason=tiers[asset_id][1],
                depends_on=needs[asset_id], blast_radius=len(hit.stopped), recovery_wave=index,
                recovery_order=len(rows) + 1,
                spofs_on_path=_spofs_on_path(by_asset, asset_id, kills[asset_id])))
    # validated in one call (pydantic's core, no Python constructor per row: 100k rows)
    out = _PRIORITIES.validate_python(rows)
    return out, waves


_NOTHING = (_DEFAULT_TIER, "no business process depends on it")


def _tier(g: nx.DiGraph, serves: dict[str, list[str]], needed_by: dict[str, list[str]],
          crit: dict[str, int], asset_id: str, blast: set[str], hit: Measured
          ) -> tuple[int, str]:
    """The most critical process it runs or is needed by.  A process's tier flows
    to every provider, redundant or not: a site loss or ransomware takes the
    replicas down together, so each must be restorable within the tier's RTO."""
    if len(blast) == 1 and asset_id not in serves and asset_id not in needed_by:
        return _NOTHING  # most assets of a large site: nothing stops with them
    procs = sorted((g.nodes[n]["criticality"], True, g.nodes[n]["label"]) for n in blast
                   if g.nodes[n]["kind"] == "process")
    procs += [(crit[label], False, label) for label in serves.get(asset_id, [])]
    procs += [(crit[label], True, label) for label in needed_by.get(asset_id, [])]
    procs.sort(key=lambda p: (p[0], p[1], p[2]))
    tier = _DEFAULT_TIER
    if procs:
        tier, indirect, label = procs[0]
        parts = [f"{'is needed by' if indirect else 'runs'} {label} (tier {tier})"]
    else:
        parts = [_NOTHING[1]]
    others = hit.impact.workloads + hit.impact.seats
    if others:
        parts.append(f"its failure stops {hit.impact.text()}")
    if others >= 3 and tier > 2:
        tier = 2
        parts.append("raised to tier 2 for its impact (3+ workloads and seats)")
    return tier, "; ".join(parts)


def _providers_of(g: nx.DiGraph, process: str, declared: bool = True) -> frozenset[str]:
    """Assets a process reaches through role/internet nodes only: the ones that
    provide the service, rather than carry traffic to it (computed once per process).
    ``declared=False`` also follows the needs drscout adds (name resolution of the
    process's servers): the DNS replicas a criticality-1 process relies on share its tier."""
    todo = [n for n in g.successors(process) if g.edges[process, n]["declared"] or not declared]
    seen = set(todo)
    while todo:
        node = todo.pop()
        if g.nodes[node]["kind"] not in ("role", "internet", "anyof"):
            continue
        for need in g.successors(node):
            if need not in seen:
                seen.add(need)
                todo.append(need)
    return frozenset(n for n in seen if g.nodes[n]["kind"] == "asset")


def _spofs_on_path(by_asset: dict[str, list[Spof]], asset_id: str,
                   killers: frozenset[str]) -> list[str]:
    """SPOFs whose assets are in the kill set; a cable counts when both ends are."""
    out = set()
    for killer in killers:
        for spof in by_asset.get(killer, []):
            if spof.kind == "link":
                if all(a in killers for a in spof.asset_ids):
                    out.add(spof.id)
            elif asset_id not in spof.asset_ids:
                out.add(spof.id)
    return sorted(out)
