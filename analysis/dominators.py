"""The dominator tree of the dependency graph, and where it is exact.

Why kill sets (:mod:`analysis.failure`) are the source of truth and this is the
cross-check: ``networkx.immediate_dominators`` answers "does every path pass
through X".  Asked of the graph reversed (edges from what is needed to what
needs it) and rooted at a virtual ``supply`` node that feeds every node with no
needs, X dominates v exactly when X's failure stops v *if every node were an
"any of" node* (v lives while some supply path reaches it).  An ordinary node
with two needs (a process needs the file server AND DNS) dies when EITHER need
dies, which no path question can express: dominators then report a subset of
the true kill set.  So the tree is exact for v precisely when nothing in v's
needs closure is an ordinary node with two or more needs, and only there do we
export it (``GraphNode.dominator``).  Rooting at ``users`` and following needs
(the other direction) would answer a different question: "is v needed only via
X", which is about who uses v, not about what stops it.
"""

from __future__ import annotations

import networkx as nx

from analysis.failure import is_any_of, needs_first

SUPPLY = "__supply__"


def supply_dominators(g: nx.DiGraph) -> dict[str, str]:
    """node -> immediate dominator in the supply-rooted reversed graph (root omitted;
    nodes whose idom is the root map to themselves' root, i.e. are left out)."""
    rev: nx.DiGraph = nx.DiGraph()  # built bare: reverse(copy=True) deep-copies attributes
    rev.add_node(SUPPLY)
    rev.add_edges_from((v, u) for u, v in g.edges)
    rev.add_edges_from((SUPPLY, n) for n, degree in g.out_degree if degree == 0)
    idom = nx.immediate_dominators(rev, SUPPLY)
    return {n: d for n, d in idom.items() if n != SUPPLY and d != SUPPLY}


def exact_nodes(g: nx.DiGraph, parts: list[list[str]] | None = None) -> set[str]:
    """Nodes whose needs closure has no ordinary multi-need node and no cycle.
    Cycles are left out because there the two notions part: a node in a loop
    with an outside need survives that need's failure by propagation (the loop
    still "feeds" it) but is unreachable from the supply, hence dominated.
    ``parts``: :func:`analysis.failure.needs_first` of ``g`` if the caller has it."""
    exact: set[str] = set()
    for members in parts if parts is not None else needs_first(g):
        if len(members) > 1:
            continue
        (node,) = members
        needs = list(g.successors(node))
        if node in needs:
            continue
        simple = len(needs) <= 1 or is_any_of(g, node)
        if simple and all(n in exact for n in needs):
            exact.add(node)
    return exact


def idoms_from_kill_sets(kills: dict[str, frozenset[str]], nodes: set[str]) -> dict[str, str]:
    """Immediate dominators of the exact ``nodes`` (see :func:`exact_nodes`), read off
    the kill sets instead of a second graph pass: where the tree is exact, a node's
    kill set is itself plus its dominator chain, so its immediate dominator is
    the one member whose own kill set is the rest (one element smaller).  Equal to
    :func:`supply_dominators` on those nodes (tests check it on random graphs)."""
    out: dict[str, str] = {}
    for node in nodes:
        killers = kills[node]
        want = len(killers) - 1
        if want:
            out[node] = next(d for d in killers if d != node and len(kills[d]) == want)
    return out


def dominator_chain(idom: dict[str, str], node: str) -> set[str]:
    """``node`` and every dominator above it: its kill set where the tree is exact."""
    chain = {node}
    while node in idom and idom[node] not in chain:
        node = idom[node]
        chain.add(node)
    return chain
