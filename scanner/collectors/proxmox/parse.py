"""Proxmox VE snapshot (see :mod:`.api`) -> sightings of nodes and guests.

A storage is shared when its config says ``shared 1`` or its type is shared by
nature (nfs, cifs, glusterfs, rbd, cephfs, iscsi); a shared storage's key is
the same on every node.  A guest is HA-protected when it is an HA resource
(``/cluster/ha/resources`` or ``hastate`` in ``/cluster/resources``) that is
not disabled or ignored, and the cluster has quorum and two or more nodes.
"""

from __future__ import annotations

import re
from typing import Any

from scanner.collectors.virt.common import (
    host_sighting,
    placement_links,
    unshared_macs,
    vm_sighting,
)
from scanner.inventory.model import Datastore, Hardware, VirtDisk, VirtInfo
from scanner.inventory.sighting import CollectorResult, Sighting

COLLECTOR = "proxmox"
SHARED_TYPES = frozenset({"nfs", "cifs", "glusterfs", "rbd", "cephfs", "iscsi", "iscsidirect"})
_DISK = re.compile(r"^(scsi|virtio|sata|ide|efidisk|tpmstate|rootfs|mp)\d*$")
_OFF_HA = frozenset({"disabled", "ignored"})


def _storages(snap: dict[str, Any], cluster: str) -> dict[str, Datastore]:
    out = {}
    for cfg in snap.get("storage") or []:
        kind = cfg.get("type", "")
        shared = str(cfg.get("shared", "0")) == "1" or kind in SHARED_TYPES
        monitors = str(cfg.get("monhost") or "").replace(",", " ").split()
        server = cfg.get("server") or cfg.get("portal") or (monitors[0] if monitors else None)
        name = cfg["storage"]
        key = (f"nfs:{server}:{cfg.get('export', '')}" if kind == "nfs" and server
               else f"pve:{cluster}:{name}")
        out[name] = Datastore(key=key, name=name, type=kind, shared=shared, backing=server)
    return out


def _node_store(store: Datastore, node: str, usage: dict[str, Any]) -> Datastore:
    """A local storage is a different store on every node: key it per node."""
    update: dict[str, Any] = {"capacity_bytes": usage.get("maxdisk"),
                              "free_bytes": (usage["maxdisk"] - usage.get("disk", 0))
                              if usage.get("maxdisk") else None}
    if not store.shared:
        update["key"] = f"pve:{node}:{store.name}"
    return store.model_copy(update=update)


def _ha(snap: dict[str, Any]) -> set[str]:
    sids = {str(r.get("sid")) for r in snap.get("ha_resources") or []
            if r.get("sid") and r.get("state") not in _OFF_HA}
    for r in snap.get("resources") or []:
        if r.get("hastate") and r["hastate"] not in _OFF_HA and r.get("type") in ("qemu", "lxc"):
            sids.add(f"{'vm' if r['type'] == 'qemu' else 'ct'}:{r['vmid']}")
    return sids


def parse(snap: dict[str, Any], endpoint: str, tls_verified: bool | None) -> CollectorResult:
    status = snap.get("status") or []
    cluster_row: dict[str, Any] = next((s for s in status if s.get("type") == "cluster"), {})
    node_rows = {s["name"]: s for s in status if s.get("type") == "node"}
    cluster = cluster_row.get("name") or ""
    ha = _ha(snap)
    ha_on = bool(ha) and bool(cluster_row.get("quorate", 1)) and len(node_rows) > 1
    stores = _storages(snap, cluster)
    resources = snap.get("resources") or []
    hosts = _hosts(resources, node_rows, stores, endpoint, tls_verified, cluster, ha_on, snap)
    by_key = {d.key: d for h in hosts.values() if h.virtualization
              for d in h.virtualization.datastores}
    sightings: list[Sighting] = list(hosts.values())
    links = []
    guests = [r for r in resources if r.get("type") in ("qemu", "lxc")]
    macs = unshared_macs([_macs(snap["configs"].get(str(g["vmid"]), {})) for g in guests])
    for guest, guest_macs in zip(guests, macs, strict=True):
        host = hosts.get(guest.get("node", ""))
        vm = _guest(guest, guest_macs, snap, host, by_key, endpoint, tls_verified, cluster,
                    ha_on, ha)
        sightings.append(vm)
        links += placement_links(COLLECTOR, vm, host, by_key)
    version = (snap.get("version") or {}).get("version", "")
    return CollectorResult(collector=COLLECTOR, target=endpoint, sightings=sightings,
                           links=links, tool_versions={"proxmox-ve": str(version)})


def _hosts(resources: list[dict[str, Any]], node_rows: dict[str, Any],
           stores: dict[str, Datastore], endpoint: str, tls_verified: bool | None,
           cluster: str, ha_on: bool, snap: dict[str, Any]) -> dict[str, Sighting]:
    nodes = {r["node"]: r for r in resources if r.get("type") == "node"}
    usage = {(r["node"], r.get("storage")): r for r in resources if r.get("type") == "storage"}
    out = {}
    for name in sorted(set(nodes) | set(node_rows)):
        res, row = nodes.get(name, {}), node_rows.get(name, {})
        mounted = [_node_store(s, name, usage.get((name, s.name), {})) for s in stores.values()
                   if not usage or (name, s.name) in usage]
        online = res.get("status") == "online" or bool(row.get("online"))
        virt = VirtInfo(platform="proxmox", kind="host", endpoint=endpoint,
                        tls_verified=tls_verified,
                        version=f"Proxmox VE {(snap.get('version') or {}).get('version', '')}",
                        cluster=cluster if len(node_rows) > 1 else None, ha_enabled=ha_on,
                        power_state="on" if online else "unknown",
                        connection_state="connected" if online else "disconnected",
                        datastores=mounted)
        out[name] = host_sighting(COLLECTOR, name, virt, ips=[row.get("ip") or ""],
                                  os="Proxmox VE",
                                  hardware=Hardware(cpu_count=res.get("maxcpu"),
                                                    memory_bytes=res.get("maxmem")))
    return out


def _macs(config: dict[str, Any]) -> list[str]:
    out = []
    for key, value in config.items():
        if re.fullmatch(r"net\d+", key):
            for part in str(value).split(","):
                name, _, val = part.partition("=")
                if name == "hwaddr" or re.fullmatch(r"[0-9A-Fa-f:]{17}", val):
                    out.append(val)
    return out


def _ips(config: dict[str, Any], agent: Any) -> list[str]:
    ips = [m.group(1) for k, v in config.items() if re.fullmatch(r"net\d+", k)
           for m in [re.search(r"(?:^|,)ip=([0-9.]+)", str(v))] if m]
    result = agent.get("result", agent) if isinstance(agent, dict) else agent or []
    for iface in result if isinstance(result, list) else []:
        ips += [a.get("ip-address", "") for a in iface.get("ip-addresses") or []]
    return ips


def _guest(guest: dict[str, Any], macs: list[str], snap: dict[str, Any], host: Sighting | None,
           stores: dict[str, Datastore], endpoint: str, tls_verified: bool | None,
           cluster: str, ha_on: bool, ha: set[str]) -> Sighting:
    vmid = str(guest["vmid"])
    config = snap["configs"].get(vmid, {})
    node = guest.get("node", "")
    disks = []
    for key, value in sorted(config.items()):
        text = str(value)
        if not _DISK.match(key) or "media=cdrom" in text or ":" not in text.split(",")[0]:
            continue
        storage = text.split(":", 1)[0]
        match = next((d for d in stores.values() if d.name == storage and
                      (d.shared or d.key == f"pve:{node}:{storage}")), None)
        disks.append(VirtDisk(label=key, path=text.split(",")[0],
                              datastore=match.key if match else None))
    sid = f"{'vm' if guest['type'] == 'qemu' else 'ct'}:{vmid}"
    status = guest.get("status")
    virt = VirtInfo(platform="proxmox", kind="vm", endpoint=endpoint, tls_verified=tls_verified,
                    cluster=host.virtualization.cluster if host and host.virtualization else None,
                    ha_enabled=ha_on, ha_protected=sid in ha, host=node,
                    power_state={"running": "on", "stopped": "off"}.get(status or "", status),
                    vcpus=guest.get("maxcpu"), memory_bytes=guest.get("maxmem"),
                    guest_os=config.get("ostype"), template=bool(guest.get("template")),
                    tools_status="agent" if snap["agents"].get(vmid) else None, disks=disks)
    name = guest.get("name") or config.get("hostname") or f"{sid}"
    return vm_sighting(COLLECTOR, name, virt, macs=macs,
                       ips=_ips(config, snap["agents"].get(vmid)))
