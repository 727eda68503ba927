"""Single points of failure: assets (and cables) whose failure alone stops a process.

Every SPOF comes from the kill sets (see :mod:`analysis.failure`), so redundancy
that the graph models (two DNS servers, a ring of switches) can never be
reported as a SPOF.  The kind only explains *why* the asset matters: it is the
sole provider of a role ("role"), a choke point on the network path ("asset"),
or a cable that is the only way through ("link").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import networkx as nx

from analysis.context import Context
from analysis.failure import KillSets
from analysis.graph import INTERNET, segment_node
from analysis.model import Spof
from analysis.physical import PhysicalLayer

SpofKind = Literal["asset", "link", "role"]

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


@dataclass(frozen=True)
class Impact:
    """What stops when one asset (or the far side of a cable) fails."""

    stopped: list[str]
    processes: list[str]
    weight: int


def impact(g: nx.DiGraph, blast: set[str], itself: str) -> Impact:
    stopped = sorted(n for n in blast if n != itself
                     and g.nodes[n]["kind"] in ("asset", "process", "internet"))
    procs = sorted((g.nodes[n]["criticality"], g.nodes[n]["label"]) for n in stopped
                   if g.nodes[n]["kind"] == "process")
    assets = sum(1 for n in stopped if g.nodes[n]["kind"] == "asset")
    return Impact(stopped, [name for _, name in procs], sum(5 - c for c, _ in procs) + assets)


def find_spofs(ctx: Context, g: nx.DiGraph, kills: KillSets, blast: dict[str, set[str]],
               physical: PhysicalLayer | None) -> list[Spof]:
    spofs: list[Spof] = []
    for asset_id in sorted(ctx.assets):
        hit = impact(g, blast.get(asset_id, {asset_id}), asset_id)
        if hit.processes:
            spofs += _asset_spofs(ctx, g, kills, physical, asset_id, hit)
    if physical is None:
        return sorted(spofs, key=lambda s: (-s.blast_weight, s.id))
    for up, down in physical.bridges:
        hit = impact(g, blast.get(down, {down}), "")
        if hit.processes:
            spofs.append(_link_spof(ctx, physical, up, down, hit))
    return sorted(spofs, key=lambda s: (-s.blast_weight, s.id))


def _asset_spofs(ctx: Context, g: nx.DiGraph, kills: KillSets, physical: PhysicalLayer | None,
                 asset_id: str, hit: Impact) -> list[Spof]:
    name = ctx.assets[asset_id].name
    out = []
    process_nodes = [n for n in hit.stopped if g.nodes[n]["kind"] == "process"]
    for role, providers in sorted(ctx.providers.items()):
        node = f"role:{role}"
        if role == "gateway" or providers != [asset_id] or node not in g:
            continue
        if any(node in kills[p] for p in process_nodes):
            why = ROLE_WHY.get(role, f"only provider of role {role}")
            out.append(_spof(f"spof:role:{role}:{asset_id}", "role", [asset_id],
                             f"{name}: {why.split(':')[0]}", why, hit,
                             [g.edges[node, asset_id]["evidence"]]))
    reasons, evidence = _path_reasons(ctx, g, physical, asset_id, hit)
    if reasons or not out:
        if not reasons:
            reasons, evidence = _direct(g, asset_id, hit)
        out.append(_spof(f"spof:asset:{asset_id}", "asset", [asset_id], name,
                         "; ".join(reasons), hit, evidence))
    return out


def _path_reasons(ctx: Context, g: nx.DiGraph, physical: PhysicalLayer | None, asset_id: str,
                  hit: Impact) -> tuple[list[str], list[str]]:
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
        cut = sum(1 for n in _incoming_nodes(g, asset_id) if g.nodes[n]["kind"] == "asset")
        reasons.append("articulation point of the physical network: "
                       f"{cut} device(s) reach the rest of the network only through it")
        evidence += _incoming(g, asset_id, set(hit.stopped))
    return reasons, evidence


def _direct(g: nx.DiGraph, asset_id: str, hit: Impact) -> tuple[list[str], list[str]]:
    """Reason for an asset a process names directly (a site file's ``needs``)."""
    users = sorted(g.nodes[u]["label"] for u in g.predecessors(asset_id)
                   if g.edges[u, asset_id].get("declared"))
    if users:
        return ([f"only {g.nodes[asset_id]['label']}, which {', '.join(users)} "
                 f"need{'s' if len(users) == 1 else ''} directly; its failure stops "
                 f"{', '.join(hit.processes)}"],
                [g.edges[u, asset_id]["evidence"] for u in g.predecessors(asset_id)
                 if g.edges[u, asset_id].get("declared")])
    return [f"its failure stops {', '.join(hit.processes)}"], _incoming(g, asset_id,
                                                                         set(hit.stopped))


def _incoming_nodes(g: nx.DiGraph, asset_id: str) -> list[str]:
    return sorted(u for u in g.predecessors(asset_id) if g.edges[u, asset_id]["kind"] != "process")


def _incoming(g: nx.DiGraph, asset_id: str, stopped: set[str], limit: int = 5) -> list[str]:
    texts = [g.edges[u, asset_id]["evidence"] for u in _incoming_nodes(g, asset_id)
             if u in stopped or g.nodes[u]["kind"] != "asset"]
    return texts[:limit]


def _link_spof(ctx: Context, physical: PhysicalLayer, up: str, down: str, hit: Impact) -> Spof:
    a, b = sorted((up, down))
    names = f"{ctx.assets[up].name} - {ctx.assets[down].name}"
    reason = (f"only cable path between {ctx.assets[down].name} and the rest of the network "
              "(a bridge of the physical layer)")
    evidence = [physical.link_evidence.get(frozenset((up, down)), f"link {up} - {down}")]
    stopped = sorted(set(hit.stopped) | {down})
    return _spof(f"spof:link:{a}:{b}", "link", [a, b], f"cable {names}", reason,
                 Impact(stopped, hit.processes, hit.weight), evidence)


def _spof(spof_id: str, kind: SpofKind, asset_ids: Sequence[str], label: str, reason: str,
          hit: Impact, evidence: list[str]) -> Spof:
    return Spof(id=spof_id, kind=kind, asset_ids=list(asset_ids), label=label, reason=reason,
                blast_radius=hit.stopped, blast_weight=hit.weight, processes=hit.processes,
                evidence=evidence)
