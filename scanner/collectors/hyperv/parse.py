"""Hyper-V JSON (see :mod:`.api`) -> sightings of the host and its VMs.

Shapes follow Microsoft's documented objects as ``ConvertTo-Json`` prints them:
enums (``State``) as numbers in Windows PowerShell 5.1 or names in PowerShell 7,
a one-element array unwrapped to an object, MAC addresses as 12 hex digits.
A disk under ``C:\\ClusterStorage\\`` (a Cluster Shared Volume) or on an SMB
share (``\\\\server\\share``) is shared; any other path is local to the host.
"""

from __future__ import annotations

import re
from typing import Any

from scanner.collectors.virt.common import host_sighting, placement_links, vm_sighting
from scanner.inventory.model import Datastore, Hardware, VirtDisk, VirtInfo
from scanner.inventory.sighting import CollectorResult, Sighting

COLLECTOR = "hyperv"
#: Microsoft.HyperV.PowerShell.VMState
_STATES = {2: "on", 3: "off", 6: "saved", 9: "paused", 10: "on", 4: "on", 32773: "on",
           32776: "on", 32777: "on", 32779: "saved", "Running": "on", "Off": "off",
           "Saved": "saved", "Paused": "paused", "Starting": "on", "Stopping": "on"}


def _list(value: Any) -> list[Any]:
    """ConvertTo-Json prints a one-element array as the element, an empty one as null."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def datastore_of(path: str, host: str) -> Datastore:
    smb = re.match(r"^\\\\([^\\]+)\\([^\\]+)", path)
    if smb:
        return Datastore(key=f"smb:{smb.group(1).lower()}:{smb.group(2).lower()}",
                         name=f"\\\\{smb.group(1)}\\{smb.group(2)}", type="smb", shared=True,
                         backing=smb.group(1))
    csv = re.match(r"^[A-Za-z]:\\ClusterStorage\\([^\\]+)", path, re.IGNORECASE)
    if csv:
        return Datastore(key=f"csv:{csv.group(1).lower()}", name=f"CSV {csv.group(1)}",
                         type="csv", shared=True)
    drive = path[:2].upper() if re.match(r"^[A-Za-z]:", path) else "?"
    return Datastore(key=f"hyperv:{host.lower()}:{drive}", name=f"{drive} on {host}",
                     type="local", shared=False)


def parse(snap: dict[str, Any], endpoint: str) -> CollectorResult:
    host_row = snap.get("host") or {}
    name = host_row.get("ComputerName") or endpoint
    nodes = _list(snap.get("nodes"))
    cluster = (snap.get("cluster") or {}).get("Name")
    ha = bool(cluster) and sum(1 for n in nodes if n.get("State") in (0, "Up")) > 1
    disks_by_vm: dict[str, list[dict[str, Any]]] = {}
    for disk in _list(snap.get("disks")):
        disks_by_vm.setdefault(str(disk.get("VMId")), []).append(disk)
    nics_by_vm: dict[str, list[dict[str, Any]]] = {}
    for nic in _list(snap.get("nics")):
        nics_by_vm.setdefault(str(nic.get("VMId")), []).append(nic)
    stores: dict[str, Datastore] = {}
    vms: list[Sighting] = []
    for vm in _list(snap.get("vms")):
        vm_id = str(vm.get("Id"))
        disks = []
        for d in disks_by_vm.get(vm_id, []):
            store = datastore_of(str(d.get("Path") or ""), name)
            stores.setdefault(store.key, store)
            disks.append(VirtDisk(label=f"{d.get('ControllerType')} {d.get('ControllerNumber')}"
                                        f":{d.get('ControllerLocation')}",
                                  path=str(d.get("Path") or ""), datastore=store.key))
        virt = VirtInfo(platform="hyperv", kind="vm", endpoint=endpoint, cluster=cluster,
                        ha_enabled=ha, ha_protected=bool(vm.get("IsClustered")), host=name,
                        power_state=_STATES.get(vm.get("State"), str(vm.get("State"))),
                        vcpus=vm.get("ProcessorCount"),
                        memory_bytes=vm.get("MemoryStartup"), disks=disks)
        nics = nics_by_vm.get(vm_id, [])
        vms.append(vm_sighting(COLLECTOR, str(vm.get("Name")), virt,
                               macs=[str(n.get("MacAddress") or "") for n in nics],
                               ips=[ip for n in nics for ip in _list(n.get("IPAddresses"))]))
    os_row, system = snap.get("os") or {}, snap.get("system") or {}
    host_virt = VirtInfo(platform="hyperv", kind="host", endpoint=endpoint, cluster=cluster,
                         ha_enabled=ha, version=os_row.get("Version"), power_state="on",
                         connection_state="connected", datastores=list(stores.values()))
    host = host_sighting(COLLECTOR, name, host_virt, vendor=system.get("Manufacturer"),
                         model=system.get("Model"),
                         serial=(snap.get("bios") or {}).get("SerialNumber"),
                         os=os_row.get("Caption"), os_version=os_row.get("Version"),
                         hardware=Hardware(cpu_count=host_row.get("LogicalProcessorCount"),
                                           memory_bytes=host_row.get("MemoryCapacity")))
    links = [link for vm in vms for link in placement_links(COLLECTOR, vm, host, stores)]
    return CollectorResult(collector=COLLECTOR, target=endpoint, sightings=[host, *vms],
                           links=links)
