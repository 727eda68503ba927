"""The dependency diagram's layout, computed offline for an inline SVG.

Layered drawing: edges point from what needs to what is needed, so the things
everything needs (switch, gateway, UPS) sit in the top row and what depends on
them below, which is also the recovery order read top to bottom.  A node's row
is its depth: 0 when it needs nothing, else one more than the deepest thing it
needs (cycles are condensed first).  Within a row, nodes are ordered by the mean
position of their neighbours (a few barycenter sweeps) to cut crossings, and a
row wider than ``PER_ROW`` wraps, so 50 devices stay readable on a page.

Only numbers and plain labels come out; the template does all escaping.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from analysis.model import Assessment

PER_ROW = 8
BOX_W, BOX_H = 150, 34
GAP_X, GAP_Y = 22, 56
MARGIN = 16
LABEL_CHARS = 21
_SWEEPS = 4


@dataclass(frozen=True)
class Box:
    id: str
    x: int
    y: int
    label: str
    title: str
    kind: str
    spof: bool


@dataclass(frozen=True)
class Line:
    path: str
    kind: str
    title: str


@dataclass(frozen=True)
class Diagram:
    width: int
    height: int
    boxes: list[Box]
    lines: list[Line]


def _graph(assessment: Assessment) -> nx.DiGraph:
    g = nx.DiGraph()
    for node in assessment.graph.nodes:
        g.add_node(node.id, label=node.label, kind=node.kind)
    for edge in assessment.graph.edges:
        if edge.source in g and edge.target in g and edge.source != edge.target:
            g.add_edge(edge.source, edge.target, kind=edge.kind)
    return g


def depths(g: nx.DiGraph) -> dict[str, int]:
    """0 for nodes that need nothing; else 1 + the deepest thing needed."""
    dag = nx.condensation(g)
    level: dict[int, int] = {}
    for scc in reversed(list(nx.topological_sort(dag))):
        level[scc] = 1 + max((level[s] for s in dag.successors(scc)), default=-1)
    return {node: level[dag.graph["mapping"][node]] for node in g}


def _order(g: nx.DiGraph, layers: list[list[str]]) -> list[list[str]]:
    """Barycenter sweeps, down then up, starting from a stable sort by label."""
    layers = [sorted(layer, key=lambda n: (str(g.nodes[n]["kind"]), str(n))) for layer in layers]
    for sweep in range(_SWEEPS):
        rng = range(1, len(layers)) if sweep % 2 == 0 else range(len(layers) - 2, -1, -1)
        for i in rng:
            ref = layers[i - 1] if sweep % 2 == 0 else layers[i + 1]
            pos = {n: k for k, n in enumerate(ref)}

            def center(n: str, pos: dict[str, int] = pos) -> float:
                near = [pos[m] for m in nx.all_neighbors(g, n) if m in pos]
                return sum(near) / len(near) if near else len(pos) / 2

            layers[i] = sorted(layers[i], key=center)
    return layers


def _rows(layers: list[list[str]]) -> list[list[str]]:
    return [layer[k:k + PER_ROW] for layer in layers for k in range(0, len(layer), PER_ROW)]


def _short(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1] + "…"


def _line(a: Box, b: Box, kind: str) -> Line:
    """From the bottom of the needer to the top of the needed (or sideways in one row)."""
    x1, x2 = a.x + BOX_W // 2, b.x + BOX_W // 2
    if a.y > b.y:
        y1, y2 = a.y, b.y + BOX_H
    elif a.y < b.y:
        y1, y2 = a.y + BOX_H, b.y
    else:
        y1 = y2 = a.y
    mid = (y1 + y2) // 2 if a.y != b.y else a.y - GAP_Y // 2
    path = f"M{x1},{y1} C{x1},{mid} {x2},{mid} {x2},{y2}"
    return Line(path, kind, f"{a.label} needs {b.label} ({kind})")


def layout(assessment: Assessment) -> Diagram:
    g = _graph(assessment)
    if not g:
        return Diagram(0, 0, [], [])
    depth = depths(g)
    layers: list[list[str]] = [[] for _ in range(max(depth.values()) + 1)]
    for node, d in depth.items():
        layers[d].append(node)
    rows = _rows(_order(g, layers))
    spofs = {a for s in assessment.spofs for a in s.asset_ids}
    boxes: dict[str, Box] = {}
    for r, row in enumerate(rows):
        for c, node in enumerate(row):
            label = str(g.nodes[node]["label"])
            boxes[node] = Box(node, MARGIN + c * (BOX_W + GAP_X), MARGIN + r * (BOX_H + GAP_Y),
                              _short(label), label, str(g.nodes[node]["kind"]), node in spofs)
    lines = [_line(boxes[u], boxes[v], str(kind)) for u, v, kind in g.edges(data="kind")]
    width = 2 * MARGIN + max(len(r) for r in rows) * (BOX_W + GAP_X) - GAP_X
    height = 2 * MARGIN + len(rows) * (BOX_H + GAP_Y) - GAP_Y
    return Diagram(width, height, sorted(boxes.values(), key=lambda b: (b.y, b.x)), lines)
