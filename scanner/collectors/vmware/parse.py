"""vSphere snapshot (see :mod:`.api`) -> sightings of hosts and VMs with links.

Local vs shared: NFS/vSAN/vVol datastores are shared; a VMFS volume is shared
when vSphere says several hosts may access it (or several hosts mount it); a
host-local datastore (``LocalDatastoreInfo``, a VMFS marked local) is pinned to
its host, and so are the VMs whose disks live on it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scanner.collectors.virt.common import (
    host_sighting,
    placement_links,
    unshared_macs,
    usable_ips,
    vm_sighting,
)
from scanner.inventory.model import Datastore, Hardware, VirtDisk, VirtInfo
from scanner.inventory.sighting import CollectorResult, Sighting

COLLECTOR = "vmware"
_SHARED_TYPES = frozenset({"nfs", "nfs41", "vsan", "vvol", "cifs"})
_POWER = {"poweredOn": "on", "poweredOff": "off", "suspended": "suspended"}


def _shared(ds: dict[str, Any], mounts: int) -> bool:
    if (ds.get("type") or "").lower() in _SHARED_TYPES or ds.get("remote_host"):
        return True
    if ds.get("info") == "LocalDatastoreInfo" or ds.get("vmfs_local"):
        return False
    return bool(ds.get("multiple_host_access")) or mounts > 1


def datastores(snap: dict[str, Any], scope: str) -> dict[str, Datastore]:
    """moId -> Datastore; NFS exports keyed by server:path so that two vCenters
    mounting one export agree on it."""
    mounts: dict[str, set[str]] = {}
    for host in snap["hosts"]:
        for ds_id in host.get("datastores", []):
            mounts.setdefault(ds_id, set()).add(host["id"])
    out = {}
    for ds in snap["datastores"]:
        hosts = mounts.get(ds["id"], set()) | set(ds.get("hosts", []))
        remote = ds.get("remote_host")
        key = (f"nfs:{remote}:{ds.get('remote_path') or ''}" if remote
               else f"vmware:{scope}:{ds['id']}")
        out[ds["id"]] = Datastore(key=key, name=ds["name"], type=(ds.get("type") or "").lower(),
                                  capacity_bytes=ds.get("capacity"), free_bytes=ds.get("free"),
                                  shared=_shared(ds, len(hosts)), backing=remote)
    return out


def parse(snap: dict[str, Any], endpoint: str, tls_verified: bool | None) -> CollectorResult:
    about = snap["about"]
    scope = about.get("instanceUuid") or endpoint
    stores = datastores(snap, scope)
    by_key = {d.key: d for d in stores.values()}
    clusters = {c["name"]: c for c in snap["clusters"]}
    hosts = _hosts(snap, endpoint, tls_verified, stores, clusters)
    sightings: list[Sighting] = list(hosts.values())
    links = []
    for vm in snap["vms"]:
        host = hosts.get(vm.get("host_id") or "")
        sighting = _vm(vm, endpoint, tls_verified, stores, host, clusters)
        sightings.append(sighting)
        links += placement_links(COLLECTOR, sighting, host, by_key)
    return CollectorResult(collector=COLLECTOR, target=endpoint, sightings=sightings,
                           links=links, tool_versions={"vsphere": about.get("fullName") or ""})


def _hosts(snap: dict[str, Any], endpoint: str, tls_verified: bool | None,
           stores: dict[str, Datastore], clusters: dict[str, Any]) -> dict[str, Sighting]:
    raw = snap["hosts"]
    macs = unshared_macs([[n.get("mac") or "" for n in h.get("nics", [])] for h in raw])
    direct = snap["about"].get("apiType") == "HostAgent"
    out = {}
    for host, host_macs in zip(raw, macs, strict=True):
        cluster = clusters.get(host.get("cluster") or "")
        virt = VirtInfo(
            platform="vmware", kind="host", endpoint=endpoint, tls_verified=tls_verified,
            version=host.get("product"), cluster=host.get("cluster"),
            ha_enabled=bool(cluster and cluster.get("ha")),
            drs_enabled=cluster.get("drs") if cluster else None,
            power_state=_POWER.get(host.get("power") or "", host.get("power")),
            connection_state=host.get("connection"),
            datastores=[stores[d] for d in host.get("datastores", []) if d in stores])
        ips = [n.get("ip") or "" for n in host.get("nics", [])]
        if direct:
            ips.append(urlsplit(endpoint).hostname or "")
        out[host["id"]] = host_sighting(
            COLLECTOR, host["name"], virt, ips=ips, macs=host_macs, vendor=host.get("vendor"),
            model=host.get("model"), serial=host.get("serial"), os="VMware ESXi",
            os_version=host.get("version"),
            hardware=Hardware(cpu_count=host.get("cpu_cores"),
                              memory_bytes=host.get("memory_bytes")))
    return out


def _vm(vm: dict[str, Any], endpoint: str, tls_verified: bool | None,
        stores: dict[str, Datastore], host: Sighting | None,
        clusters: dict[str, Any]) -> Sighting:
    host_virt = host.virtualization if host else None
    cluster = clusters.get(host_virt.cluster or "") if host_virt else None
    mem = vm.get("memory_mb")
    disks = [VirtDisk(label=d.get("label") or "", path=d.get("file") or "",
                      datastore=stores[d["datastore"]].key if d.get("datastore") in stores
                      else None, capacity_bytes=d.get("capacity"))
             for d in vm.get("disks", [])]
    virt = VirtInfo(
        platform="vmware", kind="vm", endpoint=endpoint, tls_verified=tls_verified,
        cluster=host_virt.cluster if host_virt else None,
        ha_enabled=bool(cluster and cluster.get("ha")),
        host=host.name if host else vm.get("host"),
        power_state=_POWER.get(vm.get("power") or "", vm.get("power")),
        connection_state=vm.get("connection"), vcpus=vm.get("vcpus"),
        memory_bytes=mem * 1024 * 1024 if mem else None, guest_os=vm.get("guest_os"),
        tools_status=vm.get("tools") or None, template=bool(vm.get("template")), disks=disks)
    ips = [ip for n in vm.get("nics", []) for ip in n.get("ips", [])] + [vm.get("ip") or ""]
    return vm_sighting(COLLECTOR, vm["name"], virt, ips=usable_ips(ips),
                       macs=[n.get("mac") or "" for n in vm.get("nics", [])],
                       hostnames=[vm.get("hostname") or ""])
