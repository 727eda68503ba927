"""Shared fate: redundancy that a single failure or a pair of failures defeats.

Two questions, both answered exactly on the AND/OR graph:

* **Defeated redundancy** (one failure): an "any of" node (two DNS servers, two
  gateways, dual power) whose alternatives all share a kill-set member, e.g. both
  DNS servers run on one hypervisor or hang off one UPS.  The kill sets already
  make that member a SPOF; this names the redundancy it quietly defeats.
* **Minimal pairs** (two failures) for each tier-1 process P: assets {a, b},
  neither in P's kill set, whose joint failure stops P.  For each candidate a we
  mark everything a's failure stops as dead and recompute kill sets on P's
  needs closure; P's new kill set, minus the old one, is every partner b.  The
  candidates are the kill-set members of the alternatives of the "any of" nodes
  in P's closure (only there can a first failure matter), capped in number and
  in time (``budget_s``), and a truncated search says so in its evidence.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import networkx as nx

from analysis.failure import KillSets, dead_after, is_any_of, kill_sets


@dataclass(frozen=True)
class PairResult:
    pairs: list[tuple[str, str]]
    complete: bool
    candidates: int


def defeated_redundancy(g: nx.DiGraph, kills: KillSets,
                        assets: set[str]) -> list[tuple[str, list[str], list[str]]]:
    """(any-of node, its alternatives, the assets all of them need).  ``assets``
    are the candidates worth naming: the caller leaves out switches, which every
    server on a LAN shares and which the SPOF list already names."""
    out = []
    seen: set[tuple[str, ...]] = set()
    for node in sorted(g.nodes):
        needs = sorted(g.successors(node))
        if not is_any_of(g, node) or len(needs) < 2:
            continue
        common = frozenset.intersection(*(kills[n] for n in needs))
        shared = sorted((common - {node}) & assets)
        if shared and tuple(needs) not in seen:  # one problem (clients' DNS and the
            seen.add(tuple(needs))              # DNS replicas are the same servers)
            out.append((node, needs, shared))
    return out


def minimal_pairs(g: nx.DiGraph, kills: KillSets, process: str, assets: set[str],
                  max_candidates: int = 200, budget_s: float = 1.0,
                  max_closure: int = 5000) -> PairResult:
    """``max_closure`` bounds the work per candidate (one kill-set pass over the
    process's needs closure); a larger closure (a process that needs a whole
    MSP's worth of servers) is not searched, and the result says so."""
    closure = nx.descendants(g, process) | {process}
    if len(closure) > max_closure:
        return PairResult([], False, 0)
    sub = g.subgraph(closure)
    single = kills[process]
    candidates: set[str] = set()
    for node in closure:
        if is_any_of(sub, node) and sub.out_degree(node) > 1:
            for need in sub.successors(node):
                candidates |= kills[need]
    ordered = sorted((candidates - single) & assets)
    complete = len(ordered) <= max_candidates
    deadline = time.monotonic() + budget_s
    pairs: set[tuple[str, str]] = set()
    for first in ordered[:max_candidates]:
        if time.monotonic() > deadline:
            complete = False
            break
        dead = dead_after(sub, [first])
        if process in dead:
            continue
        rest = sub.subgraph(closure - dead)
        for second in kill_sets(rest)[process] - single:
            if second in assets and second != first:
                a, b = sorted((first, second))
                pairs.add((a, b))
    return PairResult(sorted(pairs), complete, len(ordered))
