"""Recovery order: waves of assets that can be restored in parallel.

A wave never holds an asset before one it needs (the needs graph is respected;
a dependency cycle is restored as one unit), and within that constraint assets
follow the order a DR plan restores things in: power, network, storage,
hypervisors, directory/DNS, databases and file servers, applications, then the
workstations.  Formally ``level(v) = max(rank(v), level(need) + 1 for each
need)`` over the condensed needs graph; the distinct levels, in order, are the
waves.  That is the topological-generations idea with the category as a floor,
so that a database server that happens to need only the switch still waits for
DNS.
"""

from __future__ import annotations

import networkx as nx

from analysis.failure import is_any_of, needs_first
from scanner.inventory.model import Asset
from scanner.inventory.roles import is_switch

#: category -> rank (restore order); the README lists these too
CATEGORY_RANK: dict[str, int] = {
    "power": 0, "network": 1, "storage": 2, "hypervisor": 3, "directory/dns": 4,
    "database": 5, "files": 5, "application": 6, "workstation": 7,
}
_NETWORK = {"router", "firewall", "switch", "wireless"}


def category(asset: Asset) -> str:
    roles = set(asset.roles)
    if asset.is_scanner:
        return "workstation"
    if asset.type == "ups" or "ups" in roles:
        return "power"
    if asset.type in _NETWORK or is_switch(asset) or roles & {"gateway", "router", "firewall"}:
        return "network"
    if (asset.type == "nas" and not roles & {"file"}) or ("nas" in roles and "file" not in roles):
        return "storage"
    if asset.type == "hypervisor" or "hypervisor" in roles:
        return "hypervisor"
    if roles & {"dns", "dhcp", "directory"}:
        return "directory/dns"
    if "database" in roles:
        return "database"
    if "file" in roles or asset.type == "nas":
        return "files"
    if asset.type == "workstation" or "workstation" in roles:
        return "workstation"
    return "application"


def recovery_waves(g: nx.DiGraph, categories: dict[str, str],
                   parts: list[list[str]] | None = None) -> list[list[str]]:
    """Waves of asset ids (``categories`` maps every asset id to its category).

    Levels are computed on the whole needs graph, needs first: an asset's level
    is at least its category's rank and one more than any asset it needs; a
    virtual node passes levels through, and an "any of" node takes its
    *earliest* alternative (restoring one DNS server is enough to go on).
    ``parts``: :func:`analysis.failure.needs_first` of ``g`` if the caller has it.
    """
    parts = parts if parts is not None else needs_first(g)
    level: dict[str, int] = {}
    comp_of = {m: i for i, members in enumerate(parts) for m in members}
    #: a need "holds" an asset when it is one or shares a loop with one (a switch
    #: and its segment): what needs it comes one wave later
    holds = [any(m in categories for m in members) for members in parts]
    succ = g.succ
    for i, members in enumerate(parts):
        after = [level[n] + holds[comp_of[n]] for m in members for n in succ[m]
                 if comp_of[n] != i]
        if len(members) == 1 and is_any_of(g, members[0]) and after:
            base = min(after)
        else:
            base = max(after, default=-1)
        floor = max((CATEGORY_RANK.get(categories[m], 6) for m in members if m in categories),
                    default=-1)
        for m in members:
            level[m] = max(base, floor)
    by_level: dict[int, list[str]] = {}
    for asset_id in categories:
        by_level.setdefault(level[asset_id], []).append(asset_id)
    return [sorted(by_level[lvl]) for lvl in sorted(by_level)]


#: tier -> (RTO, RPO) suggestions for a person to confirm
RTO_RPO: dict[int, tuple[str, str]] = {
    1: ("<= 4 h", "<= 1 h"),
    2: ("<= 24 h", "<= 24 h"),
    3: ("<= 72 h", "<= 24 h"),
    4: ("<= 1 week", "<= 1 week"),
}
