"""Virtualization in the dependency graph: VM -> host, VM -> datastore -> storage.

A VM needs the host it runs on (the ``runs_on`` link) unless vSphere HA, a
Proxmox HA resource or a Hyper-V failover cluster would restart it elsewhere.
That protection is real only when every disk of the VM sits on storage the
other hosts mount too, so such a VM needs "any of" the cluster's hosts that
mount all its datastores: no single host dominates it.  Disks on shared
storage add VM -> ``datastore:<key>`` -> the device holding it (an NFS server
seen on the network), so one NAS under the shared storage stays a SPOF.  VMs
on local storage keep their edge to their host: that host is their SPOF.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from analysis.context import Context
from scanner.inventory.identity import clean_name
from scanner.inventory.model import Asset, Datastore

CLUSTER_PREFIX = "vcluster:"
DATASTORE_PREFIX = "datastore:"


@dataclass(frozen=True)
class Placement:
    """Where one VM runs and what its disks sit on."""

    vm: Asset
    host: Asset | None
    datastores: list[Datastore]
    #: hosts HA would restart it on (all mount its datastores); empty when not protected
    failover: list[str]

    @property
    def local(self) -> list[Datastore]:
        return [d for d in self.datastores if not d.shared]


def hypervisors(ctx: Context) -> list[Asset]:
    return [a for a in ctx.assets.values()
            if a.virtualization is not None and a.virtualization.kind == "host"]


def stores(ctx: Context) -> dict[str, Datastore]:
    return {d.key: d for h in hypervisors(ctx) for d in h.virtualization.datastores}  # type: ignore[union-attr]


def find_asset(ctx: Context, ref: str | None) -> Asset | None:
    """An asset by id, IP or host name (collectors name hosts and NAS that way)."""
    if not ref:
        return None
    if ref in ctx.assets:
        return ctx.assets[ref]
    short = clean_name(ref)
    for asset in ctx.assets.values():
        if ref in asset.ips or (short and short in {clean_name(n) for n in
                                                    [asset.name, *asset.hostnames]}):
            return asset
    return None


def placements(ctx: Context) -> list[Placement]:
    runs_on = {ln.source: ln.target for ln in ctx.inventory.links if ln.kind == "runs_on"}
    known = stores(ctx)
    out = []
    for vm in sorted(ctx.assets.values(), key=lambda a: a.id):
        virt = vm.virtualization
        if virt is None or virt.kind != "vm":
            continue
        host = ctx.assets.get(runs_on.get(vm.id, "")) or find_asset(ctx, virt.host)
        used = list({d.datastore: known[d.datastore] for d in virt.disks
                     if d.datastore in known}.values())
        out.append(Placement(vm, host, used, _failover(ctx, vm, host, used)))
    return out


def _failover(ctx: Context, vm: Asset, host: Asset | None, used: list[Datastore]) -> list[str]:
    virt, hv = vm.virtualization, host.virtualization if host else None
    if virt is None or hv is None or not hv.cluster or not hv.ha_enabled:
        return []
    if virt.ha_protected is False or any(not d.shared for d in used):
        return []
    keys = {d.key for d in used}
    mates = [h.id for h in hypervisors(ctx)
             if h.virtualization and h.virtualization.platform == hv.platform
             and h.virtualization.cluster == hv.cluster and h.virtualization.ha_enabled
             and h.virtualization.connection_state in (None, "connected")
             and keys <= {d.key for d in h.virtualization.datastores}]
    return sorted(mates) if len(mates) > 1 else []


def add_virtualization(g: nx.DiGraph, ctx: Context) -> None:
    """Add the compute and storage needs of every VM the inventory places."""
    for place in placements(ctx):
        vm = place.vm.id
        if place.failover and place.host is not None:
            if g.has_edge(vm, place.host.id) and g.edges[vm, place.host.id]["kind"] == "compute":
                g.remove_edge(vm, place.host.id)
            _cluster(g, ctx, place)
        elif place.host is not None:
            _need(g, vm, place.host.id, "compute",
                  f"{place.vm.name} runs on {place.host.name} ({_why_pinned(place)})")
        for ds in place.datastores:
            if ds.shared:
                _datastore(g, ctx, vm, ds)


def _why_pinned(place: Placement) -> str:
    hv = place.host.virtualization if place.host else None
    if place.local:
        return "disks on local storage " + ", ".join(d.name for d in place.local)
    if hv is None and place.host is not None:
        return "no hypervisor API read for it: placed from the network"
    if hv is None or not hv.ha_enabled:
        return "no HA cluster"
    return "not protected by HA"


def _cluster(g: nx.DiGraph, ctx: Context, place: Placement) -> None:
    hv = place.host.virtualization if place.host else None
    assert hv is not None
    node = f"{CLUSTER_PREFIX}{hv.platform}:{hv.cluster}"
    if node not in g:
        g.add_node(node, label=f"HA cluster {hv.cluster}", kind="anyof", any_of=True)
    for host_id in place.failover:
        _need(g, node, host_id, "compute",
              f"HA cluster {hv.cluster} can run its VMs on {ctx.assets[host_id].name}")
    _need(g, place.vm.id, node, "compute",
          f"{place.vm.name} runs on HA cluster {hv.cluster} with all disks on shared storage")


def _datastore(g: nx.DiGraph, ctx: Context, vm: str, ds: Datastore) -> None:
    node = f"{DATASTORE_PREFIX}{ds.key}"
    if node not in g:
        g.add_node(node, label=f"datastore {ds.name}", kind="datastore", any_of=False)
    _need(g, vm, node, "storage", f"{ctx.assets[vm].name} has disks on datastore {ds.name}")
    backing = find_asset(ctx, ds.backing)
    if backing is not None:
        _need(g, node, backing.id, "storage",
              f"datastore {ds.name} ({ds.type or 'shared'}) is held by {backing.name}")


def _need(g: nx.DiGraph, source: str, target: str, kind: str, evidence: str) -> None:
    if source != target and not g.has_edge(source, target):
        g.add_edge(source, target, kind=kind, evidence=evidence, confidence=1.0,
                   declared=False)


def vms_on(places: Iterable[Placement], host_id: str) -> list[Placement]:
    return [p for p in places if p.host is not None and p.host.id == host_id]
