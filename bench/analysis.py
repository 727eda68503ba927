"""Benchmark of the analysis commands at 1k, 10k and 100k assets, as a user runs them.

The generator builds an MSP's worth of realistic small offices in one inventory:
each office has one or two gateways, a core switch and access switches (some
dual-homed), a UPS feeding the rack, hypervisors with VMs (``runs_on`` links),
DNS (often a redundant pair), DHCP, file, database and web servers, printers and
workstations, all cabled.  Per size it reports, each in a fresh process so that
peak memory is that size's own (``resource.getrusage`` max RSS of the children):

* the whole commands on the generated file, each in its own process:
  ``drscout analyze FILE --json`` (load, validate, analyse, print) and
  ``drscout report FILE -o DIR`` (load, analyse, write every report);
* the algorithm against its baselines on the same dependency graph: the
  all-nodes blast radius (kill sets + inversion) against ONE
  ``networkx.immediate_dominators`` pass, and against the naive way: remove each
  node and recompute every node's liveness.  At 1k the naive way runs for every
  node; at 10k for a random sample, extrapolated (it would take hours otherwise),
  and it is checked against the kill sets.  That comparison is fair because both
  answer the same question (every node's blast radius) on the same graph in the
  same process; the commands above are what a user waits for.

Run: ``.venv/bin/python -m bench.analysis [SIZES...]`` (default 1000 10000 100000).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx

from analysis.context import build_context
from analysis.dominators import supply_dominators
from analysis.failure import blast_radii, is_any_of, kill_sets
from analysis.graph import build_graph
from analysis.physical import build_physical
from bench.analysis_office import msp_processes, synthetic_msp
from bench.commands import drscout_argv, timed
from scanner.inventory.model import Inventory

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


def _commands(inv: Inventory) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "inventory.json"
        path.write_text(inv.model_dump_json())
        analyze = timed(drscout_argv("analyze", str(path), "--json"))
        report = timed(drscout_argv("report", str(path), "-o", str(Path(tmp) / "out")))
    return {"analyze_cmd_s": analyze["wall_s"], "analyze_cmd_exit": analyze["exit_code"],
            "report_cmd_s": report["wall_s"], "report_cmd_exit": report["exit_code"],
            "commands_peak_rss_mb": max(analyze["peak_rss_mb"], report["peak_rss_mb"])}


def measure(n_assets: int) -> dict[str, Any]:
    inv = synthetic_msp(n_assets)
    out: dict[str, Any] = {"assets": len(inv.assets), **_commands(inv)}
    processes = msp_processes(len(inv.network.subnets))
    ctx = build_context(inv)
    g = build_graph(ctx, processes, build_physical(ctx))
    start = time.perf_counter()
    blast = blast_radii(kill_sets(g))
    blast_s = time.perf_counter() - start
    start = time.perf_counter()
    supply_dominators(g)
    dom_s = time.perf_counter() - start
    out.update({
        "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
        "blast_all_nodes_s": round(blast_s, 3), "dominators_s": round(dom_s, 3),
        "blast_over_dominators": round(blast_s / dom_s, 2)})
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
