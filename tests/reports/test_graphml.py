from __future__ import annotations

from io import BytesIO

import networkx as nx

from analysis.model import Assessment
from reports import render_graphml
from reports.sanitize import clean_text


def _read(assessment: Assessment) -> nx.MultiDiGraph:
    return nx.read_graphml(BytesIO(render_graphml(assessment)), force_multigraph=True)


def test_graph_round_trips(assessment: Assessment) -> None:
    graph = _read(assessment)
    assert graph.number_of_nodes() == len(assessment.graph.nodes)
    assert graph.number_of_edges() == len(assessment.graph.edges)
    spof_assets = {clean_text(i) for s in assessment.spofs for i in s.asset_ids}
    assert {n for n, d in graph.nodes(data=True) if d["spof"]} == spof_assets


def test_attributes_keep_their_types(benign: Assessment) -> None:
    graph = _read(benign)
    core = graph.nodes["serial-FOC1234X0AB"]
    assert core == {"label": "sw-core", "kind": "asset", "asset_type": "switch",
                    "criticality": 2, "any_of": False, "spof": True, "spof_ids": "spof-core"}
    assert graph.nodes["role-dns"]["any_of"] is True
    edge = next(iter(graph.get_edge_data("mac-525400000010", "serial-AS1234").values()))
    assert edge["kind"] == "power"
    assert edge["confidence"] == 1.0
    assert edge["evidence"] == "mac-525400000010 needs serial-AS1234"


def test_hostile_strings_survive_as_text(hostile: Assessment) -> None:
    labels = [d["label"] for _, d in _read(hostile).nodes(data=True)]
    assert any(label.startswith("<script>alert(1)</script>") for label in labels)
    assert not any("\x00" in label or "\ud800" in label for label in labels)
