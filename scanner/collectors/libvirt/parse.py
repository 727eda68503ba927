"""libvirt snapshot (see :mod:`.api`) -> sightings of the host and its domains.

Storage pools of type dir, fs, logical, disk, zfs are local to the host; netfs,
iscsi, rbd, gluster, sheepdog and vstorage are shared.  A shared pool's key is
its source (``nfs:server:/export``), so two hosts mounting one export agree on
it.  A disk belongs to the pool whose target path contains its file or device;
a network disk (``<disk type='network'>``) is shared storage on its server.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from scanner.collectors.virt.common import (
    host_sighting,
    placement_links,
    unshared_macs,
    usable_ips,
    vm_sighting,
)
from scanner.inventory.model import Datastore, Hardware, VirtDisk, VirtInfo
from scanner.inventory.sighting import CollectorResult, Sighting

COLLECTOR = "libvirt"
SHARED_POOLS = frozenset({"netfs", "iscsi", "iscsi-direct", "rbd", "gluster", "sheepdog",
                          "vstorage"})
#: virDomainState: 1 running, 2 blocked, 3 paused, 4 shutdown, 5 shutoff, 6 crashed, 7 pmsuspended
_STATES = {1: "on", 2: "on", 3: "paused", 4: "on", 5: "off", 6: "crashed", 7: "suspended"}


def _text(node: ET.Element | None, path: str, attr: str | None = None) -> str:
    found = node.find(path) if node is not None else None
    if found is None:
        return ""
    return (found.get(attr) or "") if attr else (found.text or "").strip()


def pool(raw: dict[str, Any], host: str) -> tuple[Datastore, str]:
    """The pool as a Datastore, and its target path (to match disks against)."""
    root = ET.fromstring(raw["xml"])
    kind, name = root.get("type", ""), _text(root, "name")
    server = _text(root, "source/host", "name") or None
    source = _text(root, "source/dir", "path") or _text(root, "source/name") or \
        _text(root, "source/device", "path")
    shared = kind in SHARED_POOLS
    key = f"{'nfs' if kind == 'netfs' else kind}:{server}:{source}" if shared and server \
        else f"libvirt:{host}:{name}"
    return (Datastore(key=key, name=name, type=kind, capacity_bytes=raw.get("capacity"),
                      free_bytes=raw.get("available"), shared=shared, backing=server),
            _text(root, "target/path"))


def _disks(dom: ET.Element, pools: list[tuple[Datastore, str]],
           host: str) -> tuple[list[VirtDisk], list[Datastore]]:
    disks, extra = [], []
    for disk in dom.findall("devices/disk"):
        if disk.get("device", "disk") != "disk":
            continue
        label = _text(disk, "target", "dev")
        src = disk.find("source")
        path = (src.get("file") or src.get("dev") or src.get("name") or "") if src is not None \
            else ""
        if disk.get("type") == "volume" and src is not None:
            match = next((d for d, _ in pools if d.name == src.get("pool")), None)
        elif disk.get("type") == "network" and src is not None:
            server = _text(disk, "source/host", "name") or None
            match = Datastore(key=f"{src.get('protocol', 'net')}:{server}:{path}",
                              name=f"{src.get('protocol', 'network')} {path}",
                              type=src.get("protocol", ""), shared=True, backing=server)
            extra.append(match)
        else:
            match = max(((d, t) for d, t in pools if t and path.startswith(t.rstrip("/") + "/")),
                        key=lambda p: len(p[1]), default=(None, ""))[0]
        disks.append(VirtDisk(label=label, path=path, datastore=match.key if match else None))
    return disks, extra


def parse(snap: dict[str, Any], endpoint: str) -> CollectorResult:
    name = snap["hostname"]
    pools = [pool(p, name) for p in snap["pools"]]
    domains = [(ET.fromstring(d["xml"]), d) for d in snap["domains"]]
    # an address several domains report (NAT networks, the test driver) identifies none
    addresses = unshared_macs([usable_ips(d.get("addresses", [])) for _, d in domains])
    vms: list[Sighting] = []
    extra: list[Datastore] = []
    for (dom, raw), ips in zip(domains, addresses, strict=True):
        disks, more = _disks(dom, pools, name)
        extra += more
        mem = dom.find("memory")
        virt = VirtInfo(platform="libvirt", kind="vm", endpoint=endpoint, host=name,
                        power_state=_STATES.get(raw.get("state", 0), "unknown"),
                        vcpus=int(_text(dom, "vcpu") or 0) or None,
                        memory_bytes=_kib(mem.text or "", mem.get("unit")) if mem is not None
                        else None, disks=disks)
        macs = [m.get("address", "") for m in dom.findall("devices/interface/mac")]
        vms.append(vm_sighting(COLLECTOR, _text(dom, "name"), virt, macs=macs,
                               ips=ips))
    stores = {d.key: d for d in [*(d for d, _ in pools), *extra]}
    node = snap["node"]
    host_virt = VirtInfo(platform="libvirt", kind="host", endpoint=endpoint,
                         version=f"{snap.get('hypervisor', '')} {snap.get('version', '')}".strip(),
                         ha_enabled=False, power_state="on", connection_state="connected",
                         datastores=list(stores.values()))
    host = host_sighting(COLLECTOR, name, host_virt, os="Linux (libvirt)",
                         hardware=Hardware(cpu_count=node.get("cpus"),
                                           memory_bytes=node.get("memory_bytes")))
    links = [link for vm in vms for link in placement_links(COLLECTOR, vm, host, stores)]
    return CollectorResult(collector=COLLECTOR, target=endpoint, sightings=[host, *vms],
                           links=links,
                           tool_versions={"libvirt": str(snap.get("libvirt_version", ""))})


_UNITS = {"b": 1, "bytes": 1, "kib": 1024, "k": 1024, "kb": 1000, "mib": 1024 ** 2,
          "m": 1024 ** 2, "mb": 1000 ** 2, "gib": 1024 ** 3, "g": 1024 ** 3, "gb": 1000 ** 3}


def _kib(value: str, unit: str | None) -> int | None:
    try:
        return int(value) * _UNITS.get((unit or "KiB").lower(), 1024)
    except ValueError:
        return None
