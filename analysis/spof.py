"""Single points of failure: assets, cables and shared datastores whose failure
alone stops a business process, a workload, or the network for N seats.

Every SPOF comes from the kill sets (see :mod:`analysis.failure`), so redundancy
that the graph models (two DNS servers, a ring of switches) can never be
reported as a SPOF.  The kind only explains *why* the asset matters: it is the
sole provider of a role ("role"), a choke point on the network path ("asset"),
or a cable that is the only way through ("link").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Literal

import networkx as nx

from analysis.context import Context
from analysis.failure import KillSets
from analysis.graph import INTERNET, segment_node
from analysis.impact import Classes, Measured, classify, is_spof, measure, measure_assets
from analysis.model import Spof
from analysis.physical import PhysicalLayer
from analysis.site.model import DEFAULT_SEATS_THRESHOLD

SpofKind = Literal["asset", "link", "role", "datastore"]

#: why a sole provider of a role matters, in words for the worksheet
ROLE_WHY: dict[str, str] = {
    "dns": "only DNS server (role dns): every client resolves names through it",
    "dhcp": "only DHCP server (role dhcp): clients get their addresses from it",
    "directory": "only directory server (role directory): every sign-in goes through it",
    "file": "only file server (role file): the shared files live on it",
    "database": "only database server (role database): business applications store data in it",
    "web": "only web server (role web): the office's web applications run on it",
    "mail": "only mail server (role mail): all email goes through it",
    "printer": "only printer (role printer)",
    "hypervisor": "only hypervisor (role hypervisor): every virtual machine runs on it",
}


def find_spofs(ctx: Context, g: nx.DiGraph, kills: KillSets, blast: dict[str, set[str]],
               physical: PhysicalLayer | None, classes: Classes | None = None,
               seats_threshold: int = DEFAULT_SEATS_THRESHOLD,
               hits: dict[str, Measured] | None = None) -> list[Spof]:
    """Assets, cables and shared datastores whose single failure stops a process,
    a workload, or the network for at least ``seats_threshold`` seats.  ``hits``:
    every asset's impact when the caller has it (:func:`measure_assets`)."""
    classes = classes or classify(ctx)
    hits = hits if hits is not None else measure_assets(ctx, g, classes, blast)
    spofs: list[Spof] = []
    for asset_id in sorted(ctx.assets):
        hit = hits[asset_id]
        if is_spof(hit.impact, seats_threshold):
            spofs += _asset_spofs(ctx, g, kills, physical, asset_id, hit)
    for node in sorted(n for n, kind in g.nodes(data="kind") if kind == "datastore"):
        hit = measure(g, classes, blast.get(node, {node}), (node,))
        if is_spof(hit.impact, seats_threshold):
            spofs.append(_datastore_spof(g, node, hit))
    for up, down in physical.bridges if physical else []:
        cut = blast.get(down, {down})
        if len(cut) == 1:
            continue  # cuts off one device and nothing that needs it (100k seat cables)
        # a cable's impact is its far end's: cutting it is that device failing, and a
        # device's own loss never counts as what it stops (so neither does its cable)
        hit = measure(g, classes, cut, (down,))
        if is_spof(hit.impact, seats_threshold):
            spofs.append(_link_spof(ctx, physical, up, down, hit))  # type: ignore[arg-type]
    return sorted(spofs, key=lambda s: (-s.blast_weight, s.id))


def _asset_spofs(ctx: Context, g: nx.DiGraph, kills: KillSets, physical: PhysicalLayer | None,
                 asset_id: str, hit: Measured) -> list[Spof]:
    name = ctx.assets[asset_id].name
    out = []
    process_nodes = [n for n in hit.stopped if g.nodes[n]["kind"] == "process"]
    for role, providers in sorted(ctx.providers.items()):
        node = f"role:{role}"
        if role == "gateway" or node not in g or not _sole_unit(g, node, asset_id, providers):
            continue
        if any(node in kills[p] for p in process_nodes):
            why = _role_why(role, len(providers))
            out.append(_spof(f"spof:role:{role}:{asset_id}", "role", [asset_id],
                             f"{name}: {why.split(':')[0]}", why, hit,
                             [g.edges[node, asset_id]["evidence"]]))
    reasons, evidence = _path_reasons(ctx, g, physical, asset_id, hit)
    reasons_vm, evidence_vm = _host_reasons(g, asset_id, hit)
    reasons, evidence = reasons + reasons_vm, evidence + evidence_vm
    if reasons or not out:
        if not reasons:
            reasons, evidence = _direct(g, asset_id, hit)
        out.append(_spof(f"spof:asset:{asset_id}", "asset", [asset_id], name,
                         "; ".join(reasons), hit, evidence))
    return out


def _sole_unit(g: nx.DiGraph, node: str, asset_id: str, providers: list[str]) -> bool:
    """The asset alone answers for the role: its only provider, or (roles being
    "all of" their replica sets) a provider with no evidenced replica."""
    if providers == [asset_id]:
        return True
    return g.has_edge(node, asset_id) and not g.nodes[node].get("any_of")


def _role_why(role: str, providers: int) -> str:
    if providers == 1:
        return ROLE_WHY.get(role, f"only provider of role {role}")
    return (f"{role} server without a known replica (role {role}): {providers} assets have "
            "this role, but nothing shows they hold the same data or stand in for each other, "
            "so each is needed (declare replicas with [[redundancy]] in the site file)")


def _host_reasons(g: nx.DiGraph, asset_id: str, hit: Measured) -> tuple[list[str], list[str]]:
    """A hypervisor whose VMs cannot fail over: they are in its blast radius."""
    vms = [u for u in g.predecessors(asset_id) if g.edges[u, asset_id]["kind"] == "compute"
           and g.nodes[u]["kind"] == "asset"]
    if not vms:
        return [], []
    names = sorted(str(g.nodes[v]["label"]) for v in vms)
    return ([f"runs {len(vms)} VM{'s' if len(vms) != 1 else ''} without failover "
             f"({', '.join(names[:10])}{', …' if len(names) > 10 else ''}): they stop with it"],
            [g.edges[v, asset_id]["evidence"] for v in sorted(vms)[:5]])


def _datastore_spof(g: nx.DiGraph, node: str, hit: Measured) -> Spof:
    label = str(g.nodes[node]["label"])
    backing = [t for t in g.successors(node) if g.nodes[t]["kind"] == "asset"]
    reason = ("shared storage: HA restarts VMs on another host, but every VM with disks on "
              f"{label} stops when it fails")
    evidence = [g.edges[u, node]["evidence"] for u in sorted(g.predecessors(node))[:5]]
    evidence += [g.edges[node, b]["evidence"] for b in backing]
    return _spof(f"spof:{node}", "datastore", [], label, reason, hit, evidence)


def _path_reasons(ctx: Context, g: nx.DiGraph, physical: PhysicalLayer | None, asset_id: str,
                  hit: Measured) -> tuple[list[str], list[str]]:
    reasons: list[str] = []
    evidence: list[str] = []
    if ctx.gateways == [asset_id] and INTERNET in hit.stopped:
        reasons.append("only gateway: every path to the internet passes through it")
        evidence.append(g.edges["role:gateway", asset_id]["evidence"])
    for cidr in ctx.segments_of.get(asset_id, []):
        seg = segment_node(cidr)
        if physical is None and g.has_edge(seg, asset_id):
            reasons.append(f"only switch of segment {cidr}: everything on it hangs off it")
            evidence.append(g.edges[seg, asset_id]["evidence"])
    if physical and asset_id in physical.articulation_points:
        reasons.append("articulation point of the physical network: the devices behind it "
                       "reach the rest of the network only through it")
        evidence += _incoming(g, asset_id, set(hit.stopped))
    return reasons, evidence


def _direct(g: nx.DiGraph, asset_id: str, hit: Measured) -> tuple[list[str], list[str]]:
    """Reason for an asset a process names directly (a site file's ``needs``)."""
    users = sorted(g.nodes[u]["label"] for u in g.predecessors(asset_id)
                   if g.edges[u, asset_id].get("declared"))
    if users:
        return ([f"only {g.nodes[asset_id]['label']}, which {', '.join(users)} "
                 f"need{'s' if len(users) == 1 else ''} directly; its failure stops "
                 f"{', '.join(hit.processes)}"],
                [g.edges[u, asset_id]["evidence"] for u in g.predecessors(asset_id)
                 if g.edges[u, asset_id].get("declared")])
    what = ", ".join(hit.processes) or "the workloads and seats below"
    return [f"its failure stops {what}"], _incoming(g, asset_id, set(hit.stopped))


def _incoming_nodes(g: nx.DiGraph, asset_id: str) -> list[str]:
    return sorted(u for u in g.predecessors(asset_id) if g.edges[u, asset_id]["kind"] != "process")


def _incoming(g: nx.DiGraph, asset_id: str, stopped: set[str], limit: int = 5) -> list[str]:
    texts = [g.edges[u, asset_id]["evidence"] for u in _incoming_nodes(g, asset_id)
             if u in stopped or g.nodes[u]["kind"] != "asset"]
    return texts[:limit]


def _link_spof(ctx: Context, physical: PhysicalLayer, up: str, down: str,
               hit: Measured) -> Spof:
    a, b = sorted((up, down))
    names = f"{ctx.assets[up].name} - {ctx.assets[down].name}"
    reason = (f"only cable path between {ctx.assets[down].name} and the rest of the network "
              "(a bridge of the physical layer)")
    evidence = [physical.link_evidence.get(frozenset((up, down)), f"link {up} - {down}")]
    cut_off = replace(hit, stopped=sorted({*hit.stopped, down}), weight=hit.weight + 1)
    return _spof(f"spof:link:{a}:{b}", "link", [a, b], f"cable {names}", reason, cut_off,
                 evidence)


def _spof(spof_id: str, kind: SpofKind, asset_ids: Sequence[str], label: str, reason: str,
          hit: Measured, evidence: list[str]) -> Spof:
    return Spof(id=spof_id, kind=kind, asset_ids=list(asset_ids), label=label, reason=reason,
                blast_radius=hit.stopped, blast_weight=hit.weight, processes=hit.processes,
                evidence=evidence, impact=hit.impact, workloads=hit.workloads, seats=hit.seats)
