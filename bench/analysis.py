"""Benchmark of the analysis at 1k, 10k and 100k assets (issue 5, item 7).

The generator builds an MSP's worth of realistic small offices in one inventory:
each office has one or two gateways, a core switch and access switches (some
dual-homed), a UPS feeding the rack, hypervisors with VMs (``runs_on`` links),
DNS (often a redundant pair), DHCP, file, database and web servers, printers and
workstations, all cabled.  Per size it reports, each in a fresh process so that
peak memory is that size's own (``resource.getrusage`` max RSS):

* drscout's full ``assess()`` time and peak memory;
* the all-nodes blast radius (kill sets + inversion) against ONE
  ``networkx.immediate_dominators`` pass over the same graph;
* the naive baseline: remove each node and recompute every node's liveness.
  At 1k it runs for every node; at 10k for a random sample, extrapolated (it
  would take hours otherwise), and it is checked against the kill sets.

Run: ``.venv/bin/python -m bench.analysis [SIZES...]`` (default 1000 10000 100000).
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import time
from typing import Any

import networkx as nx

from analysis import assess
from analysis.context import build_context
from analysis.dominators import supply_dominators
from analysis.failure import blast_radii, is_any_of, kill_sets
from analysis.graph import build_graph
from analysis.physical import build_physical
from bench.analysis_office import msp_processes, synthetic_msp

NAIVE_SAMPLE = 300


def naive_dead(g: nx.DiGraph, order: list[str], failed: str) -> set[str]:
    """Remove one node, recompute every node's liveness from scratch (needs-first
    passes until stable, for cycles)."""
    dead = {failed}
    changed = True
    while changed:
        changed = False
        for node in order:
            if node in dead:
                continue
            needs = list(g.successors(node))
            if needs and (all if is_any_of(g, node) else any)(n in dead for n in needs):
                dead.add(node)
                changed = True
    return dead


def measure(n_assets: int) -> dict[str, Any]:
    inv = synthetic_msp(n_assets)
    processes = msp_processes(len(inv.network.subnets))
    start = time.perf_counter()
    result = assess(inv, processes)
    assess_s = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ctx = build_context(inv)
    g = build_graph(ctx, processes, build_physical(ctx))
    start = time.perf_counter()
    blast = blast_radii(kill_sets(g))
    blast_s = time.perf_counter() - start
    start = time.perf_counter()
    supply_dominators(g)
    dom_s = time.perf_counter() - start
    out: dict[str, Any] = {
        "assets": len(inv.assets), "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
        "spofs": len(result.spofs), "findings": len(result.findings),
        "assess_s": round(assess_s, 2), "peak_rss_mb": round(peak_mb),
        "blast_all_nodes_s": round(blast_s, 3), "dominators_s": round(dom_s, 3),
        "blast_over_dominators": round(blast_s / dom_s, 2)}
    if n_assets <= 10_000:
        out.update(_naive(g, blast, n_assets))
    return out


def _naive(g: nx.DiGraph, blast: dict[str, set[str]], n_assets: int) -> dict[str, Any]:
    cond = nx.condensation(g)
    order = [m for c in reversed(list(nx.topological_sort(cond)))
             for m in sorted(cond.nodes[c]["members"])]
    nodes = sorted(g.nodes)
    chosen = nodes if n_assets <= 1000 else random.Random(1).sample(nodes, NAIVE_SAMPLE)
    start = time.perf_counter()
    wrong = [x for x in chosen if naive_dead(g, order, x) != blast.get(x, {x})]
    spent = time.perf_counter() - start
    total = spent / len(chosen) * len(nodes)
    start = time.perf_counter()
    blast_radii(kill_sets(g))
    ours = time.perf_counter() - start
    return {"naive_nodes_run": len(chosen), "naive_s": round(total, 1),
            "naive_extrapolated": len(chosen) < len(nodes),
            "naive_over_blast": round(total / ours), "naive_disagreements": len(wrong)}


def main(sizes: list[int]) -> None:
    for size in sizes:
        proc = subprocess.run([sys.executable, "-m", "bench.analysis", "--one", str(size)],
                              capture_output=True, text=True, check=True)
        print(proc.stdout.strip(), flush=True)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(measure(int(sys.argv[2]))))
    else:
        main([int(a) for a in sys.argv[1:]] or [1000, 10_000, 100_000])
