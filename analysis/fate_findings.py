"""Findings that need the whole graph: defeated redundancy (DRS-101), failure
pairs of tier-1 processes (DRS-102), and site-file references that match
nothing in the scan (DRS-100)."""

from __future__ import annotations

import networkx as nx

from analysis.context import Context
from analysis.failure import KillSets
from analysis.model import Finding
from analysis.rules._evidence import NIST_800_34
from analysis.shared_fate import PairResult, defeated_redundancy

_REF = f"{NIST_800_34} (identify single points of failure)"


def _name(ctx: Context, g: nx.DiGraph, node: str) -> str:
    if node in ctx.assets:
        return ctx.assets[node].name
    return str(g.nodes[node].get("label", node))


def defeated(ctx: Context, g: nx.DiGraph, kills: KillSets) -> list[Finding]:
    out = []
    for node, alternatives, shared in defeated_redundancy(g, kills, set(ctx.assets) - ctx.switches):
        alts = ", ".join(_name(ctx, g, a) for a in alternatives)
        common = ", ".join(_name(ctx, g, s) for s in shared)
        out.append(Finding(
            id=f"DRS-101:{node}", rule="shared-fate", severity="high",
            title=f"Redundant {_name(ctx, g, node)} ({alts}) all depend on {common}",
            asset_ids=shared,
            evidence=[f"{_name(ctx, g, node)} survives while any of {alts} is alive"]
            + [f"{_name(ctx, g, a)}: {_chain(ctx, g, a, set(shared))}" for a in alternatives],
            recommendation=("Put the redundant copies on different hosts, switches and power "
                            "feeds; redundancy that shares one box fails with it."),
            reference=_REF, effort="days", cost="high",
            effort_cost_reason="moving a replica to other hardware, switch or power feed"))
    return out


def _chain(ctx: Context, g: nx.DiGraph, start: str, targets: set[str]) -> str:
    """One path of needs from ``start`` to a shared dependency, as evidence."""
    for target in sorted(targets):
        try:
            path = nx.shortest_path(g, start, target)
        except nx.NetworkXNoPath:
            continue
        return " -> ".join(_name(ctx, g, n) for n in path)
    return "needs " + ", ".join(sorted(targets))


def pairs_finding(ctx: Context, g: nx.DiGraph, process: str, result: PairResult) -> Finding:
    label = _name(ctx, g, process)
    evidence = [f"{_name(ctx, g, a)} + {_name(ctx, g, b)}" for a, b in result.pairs[:20]]
    if len(result.pairs) > 20:
        evidence.append(f"... and {len(result.pairs) - 20} more pairs")
    if not result.complete:
        evidence.append(f"search stopped at its time/size bound ({result.candidates} "
                        "candidates): the list may be incomplete")
    return Finding(
        id=f"DRS-102:{process}", rule="failure-pairs", severity="low",
        title=f"{label}: {len(result.pairs)} pair(s) of failures stop it",
        asset_ids=sorted({x for pair in result.pairs for x in pair}), evidence=evidence,
        recommendation=("Check that each pair cannot fail together (same rack, same power "
                        "circuit, same update schedule, same admin mistake)."),
        reference=_REF, effort="hours", cost="none",
        effort_cost_reason="a review of where each pair sits; moving one is a separate task")


def unresolved(ctx: Context) -> list[Finding]:
    if not ctx.site or not ctx.site.unresolved:
        return []
    return [Finding(
        id="DRS-100", rule="site-unresolved", severity="medium",
        title=f"{len(ctx.site.unresolved)} site-file reference(s) match nothing scanned",
        evidence=ctx.site.unresolved[:50],
        recommendation=("Fix the names in site.toml, or check why the scan missed the device "
                        "(switched off, excluded, firewalled): until then drscout cannot "
                        "analyse what depends on it."),
        reference="drscout README, section 'Site file'", effort="minutes", cost="none",
        effort_cost_reason="correcting names in site.toml")]
