"""Benchmark: ``drscout analyze FILE --json`` as a whole command on a generated campus.

Issue 10 asks for < 30 s and < 2 GB peak RSS at 100k assets for the whole
command (load, validate, analyse, write).  This script:

1. generates the campus (:mod:`bench.campus`) into a temporary file;
2. runs ``drscout analyze FILE --json`` in a subprocess, output to a file, and
   reads its wall time, CPU time and peak RSS from ``resource.getrusage`` of
   the children (the only child at that moment);
3. as the naive baseline, in this process on the same dependency graph:
   remove one node and recompute every node's liveness, for a random sample of
   nodes, checked against the kill sets and extrapolated to every node; the
   one-pass kill sets (plus inversion) are timed on the same graph.

Run: ``.venv/bin/python -m bench.analyze_campus [N] [SAMPLE]`` (default 100000, 20).
Figures depend on the machine and its load; the script prints the load average.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from analysis.context import build_context
from analysis.failure import blast_radii, kill_sets
from analysis.graph import build_graph
from analysis.physical import build_physical
from analysis.processes import default_processes
from bench.analysis import naive_dead
from bench.campus import generate
from bench.commands import drscout_argv, timed
from scanner.inventory.model import Inventory


def whole_command(path: Path) -> dict[str, Any]:
    with tempfile.TemporaryFile() as out:
        result = timed(drscout_argv("analyze", str(path), "--json"), stdout=out)
        size = out.tell()
        out.seek(0)
        ok = result["exit_code"] in (0, 1)
        result.update(json_mb=round(size / 2**20, 1),
                      spofs=len(json.load(out)["spofs"]) if ok else 0)
    return result


def baseline(raw: dict[str, Any], sample: int) -> dict[str, Any]:
    ctx = build_context(Inventory.model_validate(raw))
    g = build_graph(ctx, default_processes(ctx.providers, bool(ctx.gateways)),
                    build_physical(ctx))
    start = time.perf_counter()
    blast = blast_radii(kill_sets(g))
    one_pass = time.perf_counter() - start
    order = list(reversed(list(_needs_first_order(g))))
    nodes = random.Random(0).sample(sorted(g.nodes), min(sample, g.number_of_nodes()))
    start = time.perf_counter()
    for node in nodes:
        dead = naive_dead(g, order, node)
        assert dead == blast.get(node, {node}), node
    per_node = (time.perf_counter() - start) / len(nodes)
    naive_all = per_node * g.number_of_nodes()
    return {"graph_nodes": g.number_of_nodes(), "graph_edges": g.number_of_edges(),
            "kill_sets_s": round(one_pass, 2), "naive_per_node_s": round(per_node, 3),
            "naive_sampled": len(nodes), "naive_all_nodes_extrapolated_s": round(naive_all),
            "ratio": round(naive_all / one_pass)}


def _needs_first_order(g: Any) -> list[str]:
    """Nodes with their needs before them (ties and cycles in any order); naive_dead
    iterates until stable, so the order only changes how many rounds it takes."""
    import networkx as nx

    cond = nx.condensation(g)
    return [m for c in nx.topological_sort(cond) for m in cond.nodes[c]["members"]]


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 100_000
    sample = int(argv[1]) if len(argv) > 1 else 20
    start = time.perf_counter()
    raw = generate(n)
    generated = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"campus-{n}.json"
        path.write_text(json.dumps(raw))
        result: dict[str, Any] = {"assets": len(raw["assets"]), "links": len(raw["links"]),
                                  "generate_s": round(generated, 1),
                                  "load_average": os.getloadavg(), "cpus": os.cpu_count()}
        result["command"] = whole_command(path)
    result["baseline"] = baseline(raw, sample)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
