"""Scale check: assess() on a synthetic 20,000-asset office, and the kill-set
computation against naive remove-and-recompute on a 500-asset sample.

Run: .venv/bin/python bench/analysis_scale.py [N_ASSETS]
Prints timings and the ratio; asserts only that both methods agree.
"""

from __future__ import annotations

import random
import sys
import time

import networkx as nx

from analysis import assess
from analysis.context import build_context
from analysis.failure import blast_radii, dead_after, is_any_of, kill_sets
from analysis.graph import build_graph
from analysis.physical import build_physical
from analysis.processes import default_processes
from scanner.model import Asset, Inventory, Link, NetworkContext, Route

PER_SEGMENT = 200
SERVERS = {"dns": 2, "dhcp": 1, "file": 3, "database": 1, "mail": 1, "web": 2, "directory": 2}


def synthetic_office(n_assets: int) -> Inventory:
    """Two gateways and two meshed cores; one access switch per /24, each with a
    single uplink (so every access switch is a SPOF for its hosts); servers on
    the first segments, printers and workstations everywhere."""
    assets = [Asset(id="gw1", name="gw1", type="router", roles=["gateway"], ips=["10.0.0.1"]),
              Asset(id="gw2", name="gw2", type="router", roles=["gateway"], ips=["10.0.0.2"]),
              Asset(id="core1", name="core1", type="switch", ips=["10.0.0.3"]),
              Asset(id="core2", name="core2", type="switch", ips=["10.0.0.4"])]
    links = [_cable("gw1", "core1"), _cable("gw2", "core2"), _cable("core1", "core2")]
    servers = [(role, i) for role, count in SERVERS.items() for i in range(count)]
    index = 0
    segment = 1
    while len(assets) < n_assets:
        acc = f"acc{segment}"
        assets.append(Asset(id=acc, name=acc, type="switch", ips=[f"10.{segment}.0.2"]))
        links.append(_cable(acc, "core1" if segment % 2 else "core2"))
        for host in range(10, 10 + PER_SEGMENT):
            if len(assets) >= n_assets:
                break
            index += 1
            assets.append(_host(index, f"10.{segment}.0.{host}", servers))
            links.append(_cable(assets[-1].id, acc))
        segment += 1
    routes = [Route(destination="0.0.0.0/0", gateway="10.0.0.1", collector="bench")]
    return Inventory(assets=assets, links=links,
                     network=NetworkContext(default_gateways=routes))


def _host(index: int, ip: str, servers: list[tuple[str, int]]) -> Asset:
    if index <= len(servers):
        role, i = servers[index - 1]
        return Asset(id=f"{role}{i}", name=f"{role}{i}", type="server", roles=[role], ips=[ip])
    if index % 100 == 0:
        return Asset(id=f"prn{index}", name=f"prn{index}", type="printer", roles=["printer"],
                     ips=[ip])
    return Asset(id=f"ws{index}", name=f"ws{index}", type="workstation", roles=["workstation"],
                 ips=[ip])


def _cable(a: str, b: str) -> Link:
    return Link(source=a, target=b, kind="physical", collector="bench")


def needs_first_order(g: nx.DiGraph) -> list[str]:
    cond = nx.condensation(g)
    return [m for c in reversed(list(nx.topological_sort(cond)))
            for m in sorted(cond.nodes[c]["members"])]


def recompute_dead(g: nx.DiGraph, order: list[str], failed: str) -> set[str]:
    """The naive method: remove one node and recompute every node's liveness
    from scratch (passes in needs-first order until stable, for cycles)."""
    dead = {failed}
    changed = True
    while changed:
        changed = False
        for node in order:
            if node in dead:
                continue
            needs = list(g.successors(node))
            if not needs:
                continue
            gone = [n in dead for n in needs]
            if all(gone) if is_any_of(g, node) else any(gone):
                dead.add(node)
                changed = True
    return dead


def main(n_assets: int = 20_000, sample: int = 500) -> None:
    inv = synthetic_office(n_assets)
    start = time.perf_counter()
    result = assess(inv)
    assess_s = time.perf_counter() - start
    print(f"assess(): {len(inv.assets)} assets, {len(result.graph.edges)} edges, "
          f"{len(result.spofs)} SPOFs, {len(result.recovery_waves)} waves in {assess_s:.2f} s")

    ctx = build_context(inv)
    g = build_graph(ctx, default_processes(ctx.providers, bool(ctx.gateways)), build_physical(ctx))
    start = time.perf_counter()
    blast = blast_radii(kill_sets(g))
    kills_s = time.perf_counter() - start

    chosen = random.Random(1).sample(sorted(ctx.assets), sample)
    start = time.perf_counter()
    order = needs_first_order(g)
    naive = {x: recompute_dead(g, order, x) for x in chosen}
    naive_s = time.perf_counter() - start
    mismatches = [x for x in chosen if naive[x] != blast.get(x, {x})]
    mismatches += [x for x in chosen[:50] if dead_after(g, [x]) != naive[x]]
    naive_all = naive_s / sample * g.number_of_nodes()
    print(f"kill sets for all {g.number_of_nodes()} nodes: {kills_s:.2f} s")
    print(f"naive remove-and-recompute: {naive_s:.2f} s for {sample} assets, "
          f"~{naive_all:.1f} s extrapolated to every node")
    print(f"ratio naive/kill-sets: {naive_all / kills_s:.1f}x; "
          f"naive/whole assess(): {naive_all / assess_s:.1f}x")
    print(f"agreement on the sample: {sample - len(mismatches)}/{sample}")
    if mismatches:
        raise SystemExit(f"kill sets disagree with brute force for {mismatches[:5]}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
