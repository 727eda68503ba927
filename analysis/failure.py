"""What stops when one node fails: kill sets and blast radii for every node at once.

Semantics: a node is alive iff it has not failed and, for an ordinary node, ALL
its needs are alive, or, for an "any of" node (``role:*``, redundancy groups),
AT LEAST ONE need is alive.

Why not just dominators?  ``networkx.immediate_dominators`` answers "does every
path pass through X", which is the exact answer only when every node is an "any
of" node (pure reachability).  A file-share process needs a file server AND DNS
AND the network: dominators over such AND-needs under-report what a failure
stops.  So we compute, for every node v, its kill set K(v): the nodes whose
single failure stops v.  In topological order of the needs DAG (needs first):

    K(v) = {v} | union(K(n) for n in needs(v))         for an ordinary node
        (any need failing stops it)
    K(v) = {v} | intersection(K(n) for n in needs(v))  for an any-of node
        (only a failure that stops all its needs stops it)

Cycles (a switch on the segment it serves) are condensed first and solved as the
least fixed point of the same equations, which is exactly what propagating a
single failure computes.  Blast radius of X = {v : X in K(v)}.  Cost is one pass
over the graph plus the total size of the kill sets (small in real offices:
a workstation's kill set is itself, its switch path and the sole providers it
relies on) instead of one full recomputation per node.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable

import networkx as nx

from analysis.gcpause import paused_gc

KillSets = dict[str, frozenset[str]]


def is_any_of(g: nx.DiGraph, node: str) -> bool:
    return bool(g.nodes[node].get("any_of")) and g.out_degree(node) > 0


@paused_gc()
def kill_sets(g: nx.DiGraph, cond: nx.DiGraph | None = None,
              parts: list[list[str]] | None = None) -> KillSets:
    """``parts``: :func:`needs_first` of ``g`` when the caller already has it (or
    ``cond``, ``nx.condensation(g)``); without either they are computed here."""
    if parts is None and cond is not None:
        parts = [list(cond.nodes[c]["members"])
                 for c in reversed(list(nx.topological_sort(cond)))]
    if parts is None:
        parts = needs_first(g)
    succ = dict(g.adjacency())
    any_of = dict(g.nodes(data="any_of", default=False))
    kills: KillSets = {}
    for members in parts:
        if len(members) == 1:
            (node,) = members
            if node not in succ[node]:
                kills[node] = _combine(node, bool(any_of[node]),
                                       [kills[n] for n in succ[node]])
                continue
        _solve_cycle(g, members, kills)
    return kills


def needs_first(g: nx.DiGraph) -> list[list[str]]:
    """The strongly connected parts of ``g``, every part after all the parts it
    needs (Tarjan's algorithm, iterative: a part is complete only once every
    part reachable from it is)."""
    succ = dict(g.adjacency())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    parts: list[list[str]] = []
    for root in succ:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(succ[root]))]
        while work:
            node, rest = work[-1]
            for need in rest:
                if need not in index:
                    index[need] = low[need] = len(index)
                    stack.append(need)
                    on_stack.add(need)
                    work.append((need, iter(succ[need])))
                    break
                if need in on_stack and index[need] < low[node]:
                    low[node] = index[need]
            else:
                work.pop()
                if work and low[node] < low[work[-1][0]]:
                    low[work[-1][0]] = low[node]
                if low[node] == index[node]:
                    part = [stack.pop()]
                    while part[-1] != node:
                        part.append(stack.pop())
                    on_stack.difference_update(part)
                    parts.append(part)
    return parts


def _combine(node: str, any_of: bool, needs: list[frozenset[str]]) -> frozenset[str]:
    """``any_of``: the node's flag (it only matters when the node has needs)."""
    if not needs:
        return frozenset((node,))
    if any_of:
        common = frozenset.intersection(*needs) if len(needs) > 1 else needs[0]
        return common | {node}
    if len(needs) == 1:
        return needs[0] | {node}
    return frozenset().union(*needs, (node,))


def _solve_cycle(g: nx.DiGraph, members: Iterable[str], kills: KillSets) -> None:
    """Least fixed point, starting from {v}: sets only grow, so this terminates."""
    for node in members:
        kills[node] = frozenset((node,))
    changed = True
    while changed:
        changed = False
        for node in sorted(members):
            new = _combine(node, is_any_of(g, node), [kills[n] for n in g.successors(node)])
            if new != kills[node]:
                kills[node] = new
                changed = True


@paused_gc()
def blast_radii(kills: KillSets) -> dict[str, set[str]]:
    """X -> every node (X included) that stops when X fails."""
    blast: dict[str, set[str]] = defaultdict(set)
    for node, killers in kills.items():
        for killer in killers:
            blast[killer].add(node)
    return dict(blast)


def dead_after(g: nx.DiGraph, failed: Iterable[str]) -> set[str]:
    """Brute force: propagate failures through the graph.  Used by tests and the
    benchmark to check :func:`kill_sets`; never per node in :func:`assess`."""
    dead = set(failed)
    queue = deque(dead)
    while queue:
        node = queue.popleft()
        for needer in g.predecessors(node):
            if needer in dead:
                continue
            if is_any_of(g, needer) and not all(n in dead for n in g.successors(needer)):
                continue
            dead.add(needer)
            queue.append(needer)
    return dead
