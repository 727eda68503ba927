"""Kill sets against brute force on random AND/OR graphs (seeded, no hypothesis)."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from analysis.dominators import exact_nodes, idoms_from_kill_sets, supply_dominators
from analysis.failure import blast_radii, dead_after, kill_sets


def random_graph(rng: random.Random, n: int, p: float, cycles: bool) -> nx.DiGraph:
    g = nx.DiGraph()
    for i in range(n):
        g.add_node(str(i), any_of=rng.random() < 0.4)
    for i in range(n):
        for j in range(n):
            forward = i < j
            if i != j and (forward or cycles) and rng.random() < (p if forward else p / 4):
                g.add_edge(str(i), str(j))
    return g


def brute_blast(g: nx.DiGraph) -> dict[str, set[str]]:
    return {x: dead_after(g, [x]) for x in g.nodes}


@pytest.mark.parametrize("seed", range(300))
def test_kill_sets_match_brute_force_on_random_dags(seed: int) -> None:
    rng = random.Random(seed)
    g = random_graph(rng, rng.randint(2, 14), rng.uniform(0.1, 0.5), cycles=False)
    assert blast_radii(kill_sets(g)) == brute_blast(g)


@pytest.mark.parametrize("seed", range(150))
def test_kill_sets_match_brute_force_with_cycles(seed: int) -> None:
    rng = random.Random(10_000 + seed)
    g = random_graph(rng, rng.randint(2, 12), rng.uniform(0.1, 0.5), cycles=True)
    if rng.random() < 0.3:
        node = str(rng.randrange(len(g)))
        g.add_edge(node, node)
    assert blast_radii(kill_sets(g)) == brute_blast(g)


@pytest.mark.parametrize("seed", range(100))
def test_or_only_graph_matches_dominators(seed: int) -> None:
    """Where every node with needs is "any of", X kills v exactly when X dominates
    v in the reversed graph rooted at a source feeding every need-free node."""
    rng = random.Random(20_000 + seed)
    g = random_graph(rng, rng.randint(2, 14), rng.uniform(0.1, 0.5), cycles=False)
    for node in g.nodes:
        g.nodes[node]["any_of"] = True
    rev = g.reverse(copy=True)
    rev.add_edges_from(("source", n) for n in g.nodes if g.out_degree(n) == 0)
    idom = nx.immediate_dominators(rev, "source")
    kills = kill_sets(g)
    for v in g.nodes:
        dominators = {v}
        node = v
        while idom[node] != "source":
            node = idom[node]
            dominators.add(node)
        assert kills[v] == dominators


def test_and_needs_are_where_dominators_fall_short() -> None:
    """process needs file AND dns: dominators (pure reachability) would say the
    dns server cannot stop the process; the kill set says it does."""
    g = nx.DiGraph()
    g.add_node("process", any_of=False)
    g.add_node("role:dns", any_of=True)
    g.add_edges_from([("process", "fs"), ("process", "role:dns"), ("role:dns", "dns1")])
    g.add_nodes_from(["fs", "dns1"], any_of=False)
    assert kill_sets(g)["process"] == {"process", "fs", "role:dns", "dns1"}
    g.add_edge("role:dns", "dns2")
    g.nodes["dns2"]["any_of"] = False
    assert kill_sets(g)["process"] == {"process", "fs", "role:dns"}


def test_any_of_without_needs_is_alive() -> None:
    g = nx.DiGraph()
    g.add_node("role:x", any_of=True)
    g.add_edge("p", "role:x")
    assert kill_sets(g)["p"] == {"p", "role:x"}
    assert dead_after(g, ["role:x"]) == {"role:x", "p"}


@pytest.mark.parametrize("seed", range(150))
def test_idoms_from_kill_sets_equal_supply_dominators_where_exact(seed: int) -> None:
    rng = random.Random(50_000 + seed)
    g = random_graph(rng, rng.randint(2, 14), rng.uniform(0.1, 0.5), cycles=rng.random() < 0.3)
    exact = exact_nodes(g)
    expected = {n: d for n, d in supply_dominators(g).items() if n in exact}
    assert idoms_from_kill_sets(kill_sets(g), exact) == expected
