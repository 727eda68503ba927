"""The physical layer: which device hangs off which, from cabling (LLDP, CDP, FDB).

Physical links are undirected, but "needs" must point somewhere.  We root each
connected part of the cabling at its core (the switch the gateway hangs off, else
the best-connected switch) and say a device needs its immediate dominator: the
nearest device that every cable path from it to the core passes through.  On
this layer "reachable" is pure OR reachability, so dominators are exact here.
When the core sits in a redundant block (a ring, two meshed core switches) the
whole block is the root, so no member of the ring is a false SPOF for another.

Why one depth-first search and no ``immediate_dominators``: in an undirected
graph the dominators of v seen from a root r are exactly the cut vertices on the
block-cut tree path from r to v.  A DFS from r (Hopcroft-Tarjan) finds every
biconnected block with its *head* (the block's vertex nearest r); every other
vertex is a non-head member of exactly one block, and its immediate dominator is
that block's head.  The same pass yields the articulation points (vertices that
head a block, the root when it heads two) and the bridges (two-vertex blocks
joined by a single cable), in time linear in the cabling, with no graph copies.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from analysis.context import Context
from analysis.gcpause import paused_gc

Adjacency = dict[str, set[str]]
#: (head, the block's other vertices); the head is the vertex nearest the root
Block = tuple[str, list[str]]


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


@paused_gc()
def build_physical(ctx: Context) -> PhysicalLayer | None:
    """None when the inventory has no physical links (topology unknown)."""
    if not ctx.physical:
        return None
    adj, cables, evidence, confidence = _cabling(ctx)
    idoms: dict[str, str] = {}
    cuts: set[str] = set()
    bridges: list[tuple[str, str]] = []
    for part in _components(adj):
        anchor = _anchor(ctx, adj, part)
        blocks = _blocks(adj, anchor)
        idoms.update(_dominators(anchor, blocks))
        cuts |= _cut_vertices(anchor, blocks)
        bridges += [(head, rest[0]) for head, rest in blocks
                    if len(rest) == 1 and cables[frozenset((head, rest[0]))] == 1]
    needs: list[Need] = []
    for node, dom in sorted(idoms.items()):
        key = frozenset((node, dom))
        text = evidence.get(key) or (
            f"every known cable path from {node} to the core passes through {dom}")
        needs.append(Need(node, dom, text, confidence.get(key, 1.0)))
    return PhysicalLayer(needs, frozenset(cuts), sorted(bridges), evidence)


def _cabling(ctx: Context) -> tuple[Adjacency, Counter[frozenset[str]],
                                     dict[frozenset[str], str], dict[frozenset[str], float]]:
    """Known cables, plus unlinked devices attached to the only switch of their segment.
    Returns the neighbours of each device and the number of cables per pair."""
    adj: Adjacency = {}
    cables: Counter[frozenset[str]] = Counter()
    evidence: dict[frozenset[str], str] = {}
    confidence: dict[frozenset[str], float] = {}
    for link in ctx.physical:
        _connect(adj, link.source, link.target)
        key = frozenset((link.source, link.target))
        cables[key] += 1
        ends = f"{link.source}:{link.source_port or '?'} - {link.target}:{link.target_port or '?'}"
        text = (f"physical link {ends} seen by {link.collector}"
                + (f" ({link.evidence})" if link.evidence else ""))
        if key in evidence:  # a parallel cable (e.g. a second uplink that STP blocks)
            text = f"{cables[key]} parallel cables, redundant: {evidence[key]}; {text}"
        evidence[key] = text[:2000]
        confidence[key] = max(confidence.get(key, 0.0), link.confidence)
    linked = set(adj)
    for cidr, member_ids in sorted(ctx.members.items()):
        switches = [m for m in member_ids if m in ctx.switches]
        if len(switches) != 1:
            continue
        for member in member_ids:
            if member not in linked and member != switches[0]:
                _connect(adj, member, switches[0])
                key = frozenset((member, switches[0]))
                cables[key] += 1
                evidence[key] = (f"only switch seen on {cidr}; no link data for {member}")
                confidence[key] = 0.5
    return adj, cables, evidence, confidence


def _connect(adj: Adjacency, a: str, b: str) -> None:
    adj.setdefault(a, set()).add(b)
    adj.setdefault(b, set()).add(a)


def _components(adj: Adjacency) -> list[list[str]]:
    seen: set[str] = set()
    parts = []
    for start in adj:
        if start in seen:
            continue
        seen.add(start)
        part, todo = [start], [start]
        while todo:
            for other in adj[todo.pop()]:
                if other not in seen:
                    seen.add(other)
                    part.append(other)
                    todo.append(other)
        parts.append(part)
    return parts


def _anchor(ctx: Context, adj: Adjacency, part: list[str]) -> str:
    """The switch next to a gateway, else any switch, else any device; the best
    connected first, then by name.  Only the first non-empty tier is ranked (a
    campus has 100k devices but a handful of switches next to its gateways)."""
    members = set(part)
    near = {n for gw in ctx.gateways if gw in members for n in adj[gw]}
    for tier in (near & ctx.switches, members & ctx.switches, members):
        if tier:
            return min(tier, key=lambda n: (-(len(adj[n]) + (n in adj[n])), n))
    raise ValueError("empty part")  # unreachable: parts come from the cabling


def _blocks(adj: Adjacency, root: str) -> list[Block]:
    """Biconnected blocks of root's component (iterative Hopcroft-Tarjan)."""
    disc = {root: 0}
    low = {root: 0}
    stack: list[str] = []
    blocks: list[Block] = []
    todo = [(root, "", iter(adj[root]))]
    while todo:
        node, parent, rest = todo[-1]
        for other in rest:
            if other == node:
                continue
            if other not in disc:
                disc[other] = low[other] = len(disc)
                stack.append(other)
                todo.append((other, node, iter(adj[other])))
                break
            if other != parent:
                low[node] = min(low[node], disc[other])
        else:
            todo.pop()
            if not todo:
                continue
            low[parent] = min(low[parent], low[node])
            if low[node] >= disc[parent]:
                members: list[str] = []
                while not members or members[-1] != node:
                    members.append(stack.pop())
                blocks.append((parent, members))
    return blocks


def _dominators(anchor: str, blocks: list[Block]) -> dict[str, str]:
    """node -> immediate dominator (an asset), rooted at the core block: the
    largest block around the anchor with 3+ devices, else the anchor alone.  The
    core's members hang off the root itself, so they have no dominator."""
    idom = {member: head for head, rest in blocks for member in rest}
    cores = [rest for head, rest in blocks if head == anchor and len(rest) >= 2]
    if cores:
        for member in min(cores, key=lambda rest: (-len(rest), sorted(rest))):
            del idom[member]
    return idom


def _cut_vertices(anchor: str, blocks: list[Block]) -> set[str]:
    """A vertex heading a block cuts it off from the root, and the root itself
    is a cut vertex when it heads two blocks."""
    heads = Counter(head for head, _ in blocks)
    return {head for head, count in heads.items() if head != anchor or count > 1}
