"""The linear-time algorithms behind the analysis at MSP scale, checked against
networkx's general ones on many random graphs: the physical layer's one-pass
block decomposition against ``immediate_dominators``/``bridges``/
``articulation_points`` on directed copies, and the iterative Tarjan order that
kill sets are computed in against ``strongly_connected_components``."""

from __future__ import annotations

import gc
import random

import networkx as nx
import pytest

from analysis.context import Context
from analysis.failure import kill_sets, needs_first
from analysis.gcpause import paused_gc
from analysis.physical import build_physical
from scanner.inventory.model import Inventory, Link, ScanMeta

_ROOT = ("__root__",)


def _random_ctx(seed: int) -> Context:
    rng = random.Random(seed)
    nodes = [f"n{i}" for i in range(rng.randint(2, 25))]
    links = [Link(source=a, target=b, kind="physical", collector="t")
             for a, b in (rng.sample(nodes, 2) for _ in range(rng.randint(1, 2 * len(nodes))))]
    return Context(inventory=Inventory(assets=[], scan=ScanMeta(collectors=["t"])),
                   assets={}, providers={}, gateways=[n for n in nodes if rng.random() < 0.2],
                   segments_of={}, members={}, physical=links,
                   switches=frozenset(n for n in nodes if rng.random() < 0.4))


def _reference(ctx: Context) -> tuple[dict[str, str], set[str], set[tuple[str, str]]]:
    """The textbook way: per component, a directed copy rooted at the core block."""
    multi: nx.MultiGraph = nx.MultiGraph()
    multi.add_edges_from((ln.source, ln.target) for ln in ctx.physical)
    simple = nx.Graph(multi)
    idoms: dict[str, str] = {}
    for comp in nx.connected_components(simple):
        part = simple.subgraph(comp)
        gws = set(ctx.gateways)
        anchor = min(part, key=lambda n: ((
            -(n in ctx.switches and any(m in gws for m in part[n])),
            -(n in ctx.switches), -part.degree(n)), n))
        blocks = [b for b in nx.biconnected_components(part) if anchor in b and len(b) >= 3]
        sizes = sorted((len(b) for b in blocks), reverse=True)
        if len(sizes) > 1 and sizes[0] == sizes[1]:
            pytest.skip("two equally large core blocks: either is a valid core")
        directed = nx.DiGraph(part.to_directed())
        directed.add_edges_from((_ROOT, n) for n in (max(blocks, key=len) if blocks else {anchor}))
        idoms.update({n: d for n, d in nx.immediate_dominators(directed, _ROOT).items()
                      if _ROOT not in (n, d) and n != d})
    bridges = {(u, v) if idoms.get(v) == u else (v, u) for u, v in nx.bridges(multi)}
    return idoms, set(nx.articulation_points(simple)), bridges


@pytest.mark.parametrize("seed", range(300))
def test_physical_layer_matches_networkx(seed: int) -> None:
    ctx = _random_ctx(seed)
    layer = build_physical(ctx)
    assert layer is not None
    idoms, cuts, bridges = _reference(ctx)
    assert {n.source: n.target for n in layer.needs} == idoms
    assert layer.articulation_points == cuts
    assert set(layer.bridges) == bridges


def test_parallel_cables_are_not_bridges() -> None:
    ctx = _random_ctx(0)
    links = [Link(source="core", target="sw", kind="physical", collector="t"),
             Link(source="core", target="sw", kind="physical", collector="t"),
             Link(source="sw", target="pc", kind="physical", collector="t")]
    layer = build_physical(Context(**{**ctx.__dict__, "physical": links,
                                      "switches": frozenset({"core", "sw"}), "gateways": []}))
    assert layer is not None
    assert layer.bridges == [("sw", "pc")]
    assert "2 parallel cables" in layer.link_evidence[frozenset(("core", "sw"))]


@pytest.mark.parametrize("seed", range(300))
def test_needs_first_is_a_reverse_topological_scc_order(seed: int) -> None:
    rng = random.Random(seed)
    g: nx.DiGraph = nx.DiGraph()
    n = rng.randint(1, 30)
    for i in range(n):
        g.add_node(f"v{i}", any_of=rng.random() < 0.3)
    g.add_edges_from((f"v{rng.randrange(n)}", f"v{rng.randrange(n)}")
                     for _ in range(rng.randint(0, 3 * n)))
    parts = needs_first(g)
    assert sorted(map(sorted, parts)) == sorted(map(sorted, nx.strongly_connected_components(g)))
    position = {m: i for i, part in enumerate(parts) for m in part}
    assert all(position[v] <= position[u] for u, v in g.edges)
    assert kill_sets(g) == kill_sets(g, nx.condensation(g))


def test_paused_gc_resumes_only_what_it_paused() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
