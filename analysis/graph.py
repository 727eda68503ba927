"""The dependency graph: every edge points from the thing that needs to the thing
it needs, with a kind and the evidence it rests on.

Networkx is used inside analysis only; the Assessment carries
:class:`~analysis.model.DependencyGraph` plain data (see :func:`export`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

import networkx as nx

from analysis.context import Context, is_client
from analysis.gcpause import paused_gc
from analysis.model import DependencyGraph, ReplicaGroup
from analysis.physical import PhysicalLayer
from analysis.processes import ProcessSpec
from analysis.redundancy import (
    ANY_OF_ROLES,
    group_evidence,
    handed_out_ids,
    replica_groups,
    units,
)
from analysis.virtualization import add_virtualization
from scanner.inventory.model import Asset

USERS = "users"
INTERNET = "internet"
_LINK_KINDS = {"runs_on": "compute", "power": "power", "storage": "storage"}


@paused_gc()
def build_graph(ctx: Context, processes: Sequence[ProcessSpec],
                physical: PhysicalLayer | None,
                groups: list[ReplicaGroup] | None = None) -> nx.DiGraph:
    """``groups``: :func:`analysis.redundancy.replica_groups` of ``ctx`` if the caller has them."""
    g: nx.DiGraph = nx.DiGraph()
    g.add_node(USERS, label="Users", kind="users", any_of=False)
    g.add_node(INTERNET, label="Internet", kind="internet", any_of=False)
    for asset in ctx.assets.values():
        g.add_node(asset.id, label=asset.name, kind="asset", any_of=False,
                   asset_type=asset.type)
    _add_network(g, ctx, physical)
    groups = groups if groups is not None else replica_groups(ctx)
    _add_roles(g, ctx, processes, groups)
    _add_links(g, ctx)
    add_virtualization(g, ctx)
    for spec in processes:
        _add_process_node(g, spec)
    for spec in processes:
        _add_process(g, ctx, spec, groups)
    return g


def segment_node(cidr: str) -> str:
    return f"segment:{cidr}"


def _edge(g: nx.DiGraph, source: str, target: str, kind: str, evidence: str,
          confidence: float = 1.0, declared: bool = False) -> None:
    """The first reason recorded for a need wins; later duplicates are dropped.
    ``declared`` marks a process's own needs (as opposed to DNS and network
    needs drscout adds), so "runs X" is only said of X's actual providers."""
    if source != target and not g.has_edge(source, target):
        g.add_edge(source, target, kind=kind, evidence=evidence, confidence=confidence,
                   declared=declared)


def _add_network(g: nx.DiGraph, ctx: Context, physical: PhysicalLayer | None) -> None:
    for cidr, member_ids in sorted(ctx.members.items()):
        seg = segment_node(cidr)
        g.add_node(seg, label=cidr, kind="segment", any_of=False)
        # in bulk (100k members at MSP scale), first reason wins as in _edge
        g.add_edges_from((m, seg, {"kind": "network", "evidence": f"{ctx.assets[m].name} has an "
                                   f"address on {cidr}", "confidence": 1.0, "declared": False})
                         for m in member_ids if not g.has_edge(m, seg))
        switches = [m for m in member_ids if m in ctx.switches]
        if physical is None and len(switches) == 1:
            _edge(g, seg, switches[0], "network",
                  f"only switch seen on {cidr}; no topology data", 0.5)
    g.add_edges_from((n.source, n.target, {"kind": "network", "evidence": n.evidence,
                                           "confidence": n.confidence, "declared": False})
                     for n in (physical.needs if physical else [])
                     if n.source != n.target and not g.has_edge(n.source, n.target))
    if ctx.gateways:
        g.add_node("role:gateway", label="gateway", kind="role", any_of=True)
        _edge(g, INTERNET, "role:gateway", "network", "the internet is reached through any gateway")
        for gw in ctx.gateways:
            _edge(g, "role:gateway", gw, "network", _role_evidence(ctx.assets[gw], "gateway"))


def _add_roles(g: nx.DiGraph, ctx: Context, processes: Sequence[ProcessSpec],
               groups: list[ReplicaGroup]) -> None:
    """A role is an "all of" need over its replica sets (redundancy.units): each
    provider without an evidenced or declared replica is a workload of its own."""
    wanted = {n.removeprefix("role:") for p in processes for n in p.needs if n.startswith("role:")}
    wanted |= {"dns", "dhcp"} & ctx.providers.keys()
    for role in sorted(wanted - {"gateway"}):
        node = f"role:{role}"
        g.add_node(node, label=role, kind="role", any_of=role in ANY_OF_ROLES)
        for members in units(ctx, groups, role, ctx.providers.get(role, [])):
            _need_unit(g, ctx, groups, node, role, members, partial(_role_text, ctx, role))
    client_needs = [_client_need(g, ctx, groups, role) for role in ("dns", "dhcp")
                    if ctx.providers.get(role) or handed_out_ids(ctx, role)]
    for asset in ctx.assets.values():
        if not is_client(asset):
            continue
        for role, node, providers in client_needs:
            if asset.id not in providers:
                _edge(g, asset.id, node, "service",
                      f"{asset.name} is a workstation; clients need {role.upper()}")


def _need_unit(g: nx.DiGraph, ctx: Context, groups: list[ReplicaGroup], node: str, role: str,
               members: list[str], evidence: Callable[[str], str]) -> None:
    """``node`` needs one replica set: the asset itself, or any of its members."""
    if len(members) == 1:
        _edge(g, node, members[0], "service", evidence(members[0]))
        return
    unit = f"replicas:{role}:{'+'.join(members[:3])}{'+…' if len(members) > 3 else ''}"
    names = ", ".join(ctx.assets[m].name for m in members)
    g.add_node(unit, label=f"{role} replicas {names}", kind="anyof", any_of=True)
    _edge(g, node, unit, "service", f"{names} replicate each other: "
          f"{group_evidence(groups, role, members) or 'any one serves ' + role}")
    for member in members:
        _edge(g, unit, member, "service", evidence(member))


def _client_need(g: nx.DiGraph, ctx: Context, groups: list[ReplicaGroup],
                 role: str) -> tuple[str, str, set[str]]:
    """What a workstation needs for DNS (DHCP): any of the servers it is handed
    out together, else (no evidence of what clients are given) every provider."""
    handed = handed_out_ids(ctx, role)
    if not handed:
        return role, f"role:{role}", set(ctx.providers[role])
    node = f"clients:{role}"
    g.add_node(node, label=f"{role.upper()} servers handed to clients", kind="anyof",
               any_of=True)
    for asset_id in handed:
        _edge(g, node, asset_id, "service", f"{ctx.assets[asset_id].name} is handed to "
              f"clients as a {role.upper()} server ({role}_servers of the network)")
    return role, node, set(handed)


def _role_text(ctx: Context, role: str, asset_id: str) -> str:
    return _role_evidence(ctx.assets[asset_id], role)


def _offers(ctx: Context, service: str, asset_id: str) -> str:
    return f"{ctx.assets[asset_id].name} offers {service}"


def _role_evidence(asset: Asset, role: str) -> str:
    facts = [f for f in asset.provenance if f.field == "role" and f.value == role]
    text = f"{asset.name} has role {role}"
    if facts:
        fact = max(facts, key=lambda f: f.confidence)
        text += f" ({fact.collector}: {fact.evidence})" if fact.evidence else f" ({fact.collector})"
    return text


def _add_links(g: nx.DiGraph, ctx: Context) -> None:
    """Compute, storage and power links, plus service needs a site file declares.
    A device fed by two or more power sources (dual power supplies) needs any
    one of them: an any-of node stands between it and its sources."""
    power: dict[str, list[tuple[str, str, float]]] = {}
    for link in ctx.inventory.links:
        kind = _LINK_KINDS.get(link.kind)
        if link.kind == "logical" and link.collector == "site":
            kind = "service"
        if not kind or link.source not in ctx.assets or link.target not in ctx.assets:
            continue
        text = f"{link.source} {link.kind.replace('_', ' ')} {link.target} ({link.collector}"
        text += f": {link.evidence})" if link.evidence else ")"
        if kind == "power":
            power.setdefault(link.source, []).append((link.target, text, link.confidence))
        else:
            _edge(g, link.source, link.target, kind, text, link.confidence)
    for load, feeds in sorted(power.items()):
        sources = {t: (e, c) for t, e, c in feeds}
        if len(sources) == 1:
            (target, (text, conf)), = sources.items()
            _edge(g, load, target, "power", text, conf)
            continue
        node = f"power:{load}"
        g.add_node(node, label=f"power of {ctx.assets[load].name}", kind="anyof", any_of=True)
        _edge(g, load, node, "power", f"{ctx.assets[load].name} has {len(sources)} power "
              "feeds (dual power supplies): any one keeps it running")
        for target, (text, conf) in sorted(sources.items()):
            _edge(g, node, target, "power", text, conf)


def _add_process_node(g: nx.DiGraph, spec: ProcessSpec) -> None:
    g.add_node(spec.node_id, label=spec.name, kind="process", any_of=False,
               criticality=spec.criticality)
    _edge(g, USERS, spec.node_id, "process", f"the office uses {spec.name}")


def _add_process(g: nx.DiGraph, ctx: Context, spec: ProcessSpec,
                 groups: list[ReplicaGroup]) -> None:
    node = spec.node_id
    servers: list[str] = []
    services = ctx.site.services if ctx.site else {}
    for need in spec.needs:
        if need not in g:
            g.add_node(need, label=need.split(":", 1)[-1], kind="role", any_of=False)
            what = need.removeprefix("service:")
            for members in units(ctx, groups, what, services.get(need, [])):
                _need_unit(g, ctx, groups, need, what, members, partial(_offers, ctx, what))
        _edge(g, node, need, "process", f"{spec.name} needs {_label(g, need)}", declared=True)
        if need.startswith("role:") and need != "role:gateway":
            servers += ctx.providers.get(need[5:], [])
        elif need.startswith("service:"):
            servers += services.get(need, [])
        elif need in ctx.assets:
            servers.append(need)
    if not servers:
        return
    if ctx.providers.get("dns") and "role:dns" not in spec.needs:
        _edge(g, node, "role:dns", "process",
              f"clients reach the {spec.name} servers by name")
    common = set.intersection(*(set(ctx.segments_of.get(h, [])) for h in servers))
    for cidr in sorted(common):
        _edge(g, node, segment_node(cidr), "network",
              f"clients reach the {spec.name} servers on {cidr}")


def _label(g: nx.DiGraph, node: str) -> str:
    return str(g.nodes[node].get("label", node)) if g.nodes[node].get("kind") != "role" else node


@paused_gc()
def export(g: nx.DiGraph, dominators: dict[str, str] | None = None) -> DependencyGraph:
    """Validated in one call from plain dicts made on the fly: pydantic's core
    builds the nodes and edges without a Python-level constructor call each (an
    MSP graph has half a million of them) and no second list is held at once."""
    doms = dominators or {}
    nodes = ({"id": n, "label": str(d.get("label", n)), "kind": d["kind"],
              "any_of": bool(d.get("any_of")), "asset_type": d.get("asset_type"),
              "criticality": int(d.get("criticality", 0)), "dominator": doms.get(n)}
             for n, d in sorted(g.nodes.items(), key=_first))
    edges = ({"source": u, "target": v, "kind": d["kind"], "evidence": d["evidence"],
              "confidence": d["confidence"]}
             for u in sorted(g) for v, d in sorted(g.succ[u].items(), key=_first))
    return DependencyGraph.model_validate({"nodes": nodes, "edges": edges})


def _first(item: tuple[str, object]) -> str:
    return item[0]
