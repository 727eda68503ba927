"""The physical layer: which device hangs off which, from cabling (LLDP, CDP, FDB).

Physical links are undirected, but "needs" must point somewhere.  We root each
connected part of the cabling at its core (the switch the gateway hangs off, else
the best-connected switch) and say a device needs its immediate dominator: the
nearest device that every cable path from it to the core passes through.  On
this layer "reachable" is pure OR reachability, so dominators are exact here.
When the core sits in a redundant block (a ring, two meshed core switches) the
whole block is the root, so no member of the ring is a false SPOF for another.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from analysis.context import Context

_ROOT = ("__physical_root__",)


@dataclass(frozen=True)
class Need:
    source: str
    target: str
    evidence: str
    confidence: float


@dataclass(frozen=True)
class PhysicalLayer:
    needs: list[Need]
    articulation_points: frozenset[str]
    #: bridges as (upstream end, cut-off end)
    bridges: list[tuple[str, str]]
    link_evidence: dict[frozenset[str], str]


def build_physical(ctx: Context) -> PhysicalLayer | None:
    """None when the inventory has no physical links (topology unknown)."""
    if not ctx.physical:
        return None
    multi, evidence, confidence = _cabling(ctx)
    simple = nx.Graph(multi)
    needs: list[Need] = []
    idoms: dict[str, str] = {}
    for component in nx.connected_components(simple):
        idoms.update(_dominators(ctx, simple.subgraph(component)))
    for node, dom in sorted(idoms.items()):
        key = frozenset((node, dom))
        text = evidence.get(key) or (
            f"every known cable path from {node} to the core passes through {dom}")
        needs.append(Need(node, dom, text, confidence.get(key, 1.0)))
    bridges = []
    for u, v in nx.bridges(multi):
        if idoms.get(v) == u:
            bridges.append((u, v))
        elif idoms.get(u) == v:
            bridges.append((v, u))
    return PhysicalLayer(needs, frozenset(nx.articulation_points(simple)), sorted(bridges),
                         evidence)


def _cabling(ctx: Context) -> tuple[nx.MultiGraph, dict[frozenset[str], str],
                                     dict[frozenset[str], float]]:
    """Known cables, plus unlinked devices attached to the only switch of their segment."""
    multi: nx.MultiGraph = nx.MultiGraph()
    evidence: dict[frozenset[str], str] = {}
    confidence: dict[frozenset[str], float] = {}
    for link in ctx.physical:
        multi.add_edge(link.source, link.target)
        key = frozenset((link.source, link.target))
        ends = f"{link.source}:{link.source_port or '?'} - {link.target}:{link.target_port or '?'}"
        text = (f"physical link {ends} seen by {link.collector}"
                + (f" ({link.evidence})" if link.evidence else ""))
        if key in evidence:  # a parallel cable (e.g. a second uplink that STP blocks)
            count = multi.number_of_edges(link.source, link.target)
            text = f"{count} parallel cables, redundant: {evidence[key]}; {text}"
        evidence[key] = text[:2000]
        confidence[key] = max(confidence.get(key, 0.0), link.confidence)
    linked = set(multi.nodes)
    for cidr, member_ids in sorted(ctx.members.items()):
        switches = [m for m in member_ids if m in ctx.switches]
        if len(switches) != 1:
            continue
        for member in member_ids:
            if member not in linked and member != switches[0]:
                multi.add_edge(member, switches[0])
                key = frozenset((member, switches[0]))
                evidence[key] = (f"only switch seen on {cidr}; no link data for {member}")
                confidence[key] = 0.5
    return multi, evidence, confidence


def _anchor(ctx: Context, part: nx.Graph) -> str:
    gateways = set(ctx.gateways)

    def rank(node: str) -> tuple[int, int, int]:
        near_gateway = any(n in gateways for n in part.neighbors(node))
        is_sw = node in ctx.switches
        return (-(is_sw and near_gateway), -is_sw, -part.degree(node))

    return min(part.nodes, key=lambda n: (rank(n), n))


def _dominators(ctx: Context, part: nx.Graph) -> dict[str, str]:
    """node -> immediate dominator (an asset), rooted at the core block."""
    anchor = _anchor(ctx, part)
    blocks = [b for b in nx.biconnected_components(part) if anchor in b and len(b) >= 3]
    core = max(blocks, key=len) if blocks else {anchor}
    directed = nx.DiGraph(part.to_directed())
    directed.add_edges_from((_ROOT, n) for n in core)
    idom = nx.immediate_dominators(directed, _ROOT)
    return {n: d for n, d in idom.items() if n != _ROOT and d != _ROOT and d != n}
