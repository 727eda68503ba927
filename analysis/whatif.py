"""What stops when one named thing fails, and why: the chains of needs that died.

Works on an Assessment's exported graph, so ``drscout analyze FILE --what-if NAME``
needs nothing but the inventory file.  It propagates the failure directly
(:func:`analysis.failure.dead_after`): one node, one pass.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from analysis.failure import dead_after
from analysis.model import Assessment
from analysis.site.apply import Resolver
from scanner.errors import UsageError


@dataclass(frozen=True)
class WhatIf:
    failed: str
    #: node id -> label, for everything that stops (the failed node excluded)
    stopped: dict[str, str]
    #: for each stopped process (or the internet): the chain of needs down to the failure
    paths: list[list[str]]


def _text(g: nx.DiGraph, node: str) -> str:
    """Assets and processes by label; role, segment and any-of nodes by id."""
    if g.nodes[node]["kind"] in ("asset", "process", "internet", "users"):
        return str(g.nodes[node]["label"])
    return node


def to_networkx(assessment: Assessment) -> nx.DiGraph:
    g: nx.DiGraph = nx.DiGraph()
    for node in assessment.graph.nodes:
        g.add_node(node.id, label=node.label, kind=node.kind, any_of=node.any_of)
    for edge in assessment.graph.edges:
        g.add_edge(edge.source, edge.target, kind=edge.kind, evidence=edge.evidence)
    return g


def what_if(assessment: Assessment, name: str) -> WhatIf:
    g = to_networkx(assessment)
    node = name if name in g else Resolver(assessment.inventory.assets).asset(name)
    if node is None or node not in g:
        raise UsageError(f"--what-if: {name!r} is no asset id, name, address or graph node")
    dead = dead_after(g, [node])
    stopped = {n: str(g.nodes[n]["label"]) for n in sorted(dead - {node})
               if g.nodes[n]["kind"] in ("asset", "process", "internet")}
    sub = g.subgraph(dead)
    paths = []
    for target in sorted(stopped):
        if g.nodes[target]["kind"] in ("process", "internet"):
            path = nx.shortest_path(sub, target, node)
            paths.append([_text(g, p) for p in path])
    return WhatIf(node, stopped, paths)
