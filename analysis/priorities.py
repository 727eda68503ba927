"""Criticality tiers and recovery order, one Priority per asset.

Tier: the most critical process whose kill set holds the asset (1 = restore
first), raised to at least 2 when the asset takes 3+ other assets down with it.
Recovery waves: topological generations of the needs graph restricted to
assets, taken from the bottom, so what is needed (power, switches, gateway)
comes before what needs it (DNS, then servers, then workstations).
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from analysis.context import Context
from analysis.failure import KillSets
from analysis.model import Priority, Spof

_DEFAULT_TIER = 4


def asset_needs(g: nx.DiGraph, ctx: Context) -> dict[str, list[str]]:
    """asset -> assets it directly needs, looking through virtual nodes."""
    frontier: dict[str, frozenset[str]] = {}

    def reach(node: str, seen: set[str]) -> frozenset[str]:
        if node in ctx.assets:
            return frozenset((node,))
        if node in frontier:
            return frontier[node]
        seen.add(node)
        found = frozenset().union(*(reach(n, seen) for n in g.successors(node) if n not in seen))
        frontier[node] = found
        return found

    return {a: sorted(frozenset().union(*(reach(n, set()) for n in g.successors(a))) - {a})
            for a in ctx.assets}


def recovery_waves(needs: dict[str, list[str]]) -> list[list[str]]:
    """Generations from the bottom of the needs graph (needed first); a cycle is one unit."""
    dag: nx.DiGraph = nx.DiGraph()
    dag.add_nodes_from(needs)
    dag.add_edges_from((a, b) for a, deps in needs.items() for b in deps)
    cond = nx.condensation(dag)
    return [sorted(m for c in gen for m in cond.nodes[c]["members"])
            for gen in nx.topological_generations(cond.reverse(copy=False))]


def priorities(ctx: Context, g: nx.DiGraph, kills: KillSets, blast: dict[str, set[str]],
               spofs: Iterable[Spof]) -> tuple[list[Priority], list[list[str]]]:
    needs = asset_needs(g, ctx)
    by_asset: dict[str, list[Spof]] = {}
    for spof in spofs:
        for a in spof.asset_ids:
            by_asset.setdefault(a, []).append(spof)
    provided = {n: _providers_of(g, n) for n, kind in sorted(g.nodes(data="kind"))
                if kind == "process"}
    tiers = {a: _tier(g, provided, a, blast.get(a, {a})) for a in ctx.assets}
    waves = [sorted(w, key=lambda a: (tiers[a][0], ctx.assets[a].name, a))
             for w in recovery_waves(needs)]
    out: list[Priority] = []
    order = 0
    for index, wave in enumerate(waves, start=1):
        for asset_id in wave:
            order += 1
            stopped = blast.get(asset_id, {asset_id}) - {asset_id}
            count = sum(1 for n in stopped if g.nodes[n]["kind"] in ("asset", "process"))
            out.append(Priority(
                asset_id=asset_id, name=ctx.assets[asset_id].name,
                suggested_tier=tiers[asset_id][0], tier_reason=tiers[asset_id][1],
                depends_on=needs[asset_id], blast_radius=count, recovery_wave=index,
                recovery_order=order,
                spofs_on_path=_spofs_on_path(by_asset, asset_id, kills[asset_id])))
    return out, waves


def _tier(g: nx.DiGraph, provided: dict[str, frozenset[str]], asset_id: str,
          blast: set[str]) -> tuple[int, str]:
    procs = sorted((g.nodes[n]["criticality"], asset_id not in provided[n],
                    g.nodes[n]["label"]) for n in blast if g.nodes[n]["kind"] == "process")
    others = sum(1 for n in blast if n != asset_id and g.nodes[n]["kind"] == "asset")
    tier = _DEFAULT_TIER
    if procs:
        tier, indirect, label = procs[0]
        parts = [f"{'is needed by' if indirect else 'runs'} {label} (tier {tier})"]
    else:
        parts = [_no_process_reason(g, provided, asset_id)]
    if others:
        parts.append(f"its failure stops {others} other asset{'s' if others > 1 else ''}")
    if others >= 3 and tier > 2:
        tier = 2
        parts.append("raised to tier 2 for its blast radius")
    return tier, "; ".join(parts)


def _no_process_reason(g: nx.DiGraph, provided: dict[str, frozenset[str]],
                       asset_id: str) -> str:
    shared = sorted(g.nodes[p]["label"] for p, assets in provided.items() if asset_id in assets)
    if shared:
        return f"no process stops with it alone (other providers of {', '.join(shared)})"
    return "no business process depends on it"


def _providers_of(g: nx.DiGraph, process: str) -> frozenset[str]:
    """Assets a process reaches through role/internet nodes only: the ones that
    provide the service, rather than carry traffic to it (computed once per process)."""
    todo = [n for n in g.successors(process) if g.edges[process, n]["declared"]]
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
