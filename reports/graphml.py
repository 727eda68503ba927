"""graph.graphml: the dependency graph for yEd, Gephi or further NetworkX work.

GraphML is XML, so device strings lose the characters XML 1.0 forbids
(controls, lone surrogates) and are length-bounded; escaping of ``<`` and ``&``
is the XML writer's job.  GraphML has no null, so absent values become "".
"""

from __future__ import annotations

from io import BytesIO

import networkx as nx

from analysis.model import Assessment
from reports.audience import client_facing
from reports.sanitize import clean_text

_TEXT_LIMIT = 4_000


def _spof_ids(assessment: Assessment) -> dict[str, list[str]]:
    """node id -> ids of the SPOFs it is part of."""
    table: dict[str, list[str]] = {}
    for spof in assessment.spofs:
        for asset_id in spof.asset_ids:
            table.setdefault(asset_id, []).append(spof.id)
    return table


def build_graph(assessment: Assessment) -> nx.MultiDiGraph:
    """A NetworkX copy of the assessment graph with GraphML-safe attributes."""
    spofs = _spof_ids(assessment)
    graph = nx.MultiDiGraph(name="drscout dependency graph (edges point to what is needed)")
    for node in assessment.graph.nodes:
        graph.add_node(
            clean_text(node.id, _TEXT_LIMIT),
            label=clean_text(node.label, _TEXT_LIMIT),
            kind=node.kind,
            asset_type=clean_text(node.asset_type, _TEXT_LIMIT),
            criticality=node.criticality,
            any_of=node.any_of,
            spof=node.id in spofs,
            spof_ids=clean_text(" ".join(spofs.get(node.id, [])), _TEXT_LIMIT),
        )
    for edge in assessment.graph.edges:
        graph.add_edge(
            clean_text(edge.source, _TEXT_LIMIT),
            clean_text(edge.target, _TEXT_LIMIT),
            kind=edge.kind,
            evidence=clean_text(edge.evidence, _TEXT_LIMIT),
            confidence=float(edge.confidence),
        )
    return graph


@client_facing
def render_graphml(assessment: Assessment) -> bytes:
    buffer = BytesIO()
    nx.write_graphml(build_graph(assessment), buffer, encoding="utf-8")
    return buffer.getvalue()
