"""ESXi's VM table over SNMP (VMWARE-VMINFO-MIB), read without vSphere credentials.

Why: an ESXi host that answers SNMP lists every registered VM (name, guest OS,
memory, vCPUs, power state, and in ``vmwVmNetTable`` the NIC MACs), which is
enough to say "these VMs stop when this host stops" before anyone hands over a
vCenter login.  Each row becomes a VM sighting plus a ``runs_on`` link hint to
the host; a guest that nmap also sees merges with it by MAC (or by name).

Only asked of agents whose sysObjectID is under VMware's enterprise (6876), and
bounded.  :func:`parse` is pure: a walk in, VM records out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from scanner.collectors.snmp import oids
from scanner.collectors.snmp.transport.engine import SnmpSession
from scanner.collectors.snmp.values import Value, Walk, integer, mac, oid_text, text
from scanner.inventory.identity import (
    clean_name,
    ip_key,
    is_usable_mac,
    key_list,
    mac_key,
    name_key,
)
from scanner.inventory.model import VirtInfo
from scanner.inventory.sighting import LinkHint, Sighting

VMWARE_ENTERPRISE = "1.3.6.1.4.1.6876"
VM_ENTRY = "1.3.6.1.4.1.6876.2.1.1"
NET_ENTRY = "1.3.6.1.4.1.6876.2.4.1"
#: vmwVmTable columns: DisplayName, GuestOS, MemSize (MB), State, Cpus, UUID
NAME, GUEST_OS, MEMORY_MB, STATE, CPUS, UUID = 2, 4, 5, 6, 9, 10
#: vmwVmNetTable column vmwVmMAC (index: vmwVmNetVmIdx.vmwVmNetIdx)
NET_MAC = 7
WALK_ROOTS: tuple[str, ...] = tuple(f"{VM_ENTRY}.{c}" for c in (NAME, GUEST_OS, MEMORY_MB,
                                                                 STATE, CPUS, UUID))
NET_ROOTS: tuple[str, ...] = (f"{NET_ENTRY}.{NET_MAC}",)
#: varbinds per walk: 6 columns of a host with ~1,000 registered VMs
WALK_LIMIT = 6000
_POWER = {"powered on": "on", "poweredon": "on", "powered off": "off", "poweredoff": "off",
          "suspended": "suspended"}
COLLECTOR = "snmp"

Run = Callable[[SnmpSession], Awaitable[dict[str, Value]]]
Step = tuple[str, Run]


@dataclass(frozen=True)
class VmRow:
    index: str
    name: str
    guest_os: str | None = None
    memory_mb: int | None = None
    power_state: str | None = None
    vcpus: int | None = None
    uuid: str | None = None
    macs: list[str] = field(default_factory=list)


def is_vmware(walk: Walk) -> bool:
    object_id = oid_text(walk.get(oids.SYS_OBJECT_ID))
    return object_id == VMWARE_ENTERPRISE or object_id.startswith(VMWARE_ENTERPRISE + ".")


def _columns(roots: tuple[str, ...]) -> Run:
    async def run(session: SnmpSession) -> dict[str, Value]:
        return await session.walk_columns(roots, WALK_LIMIT)

    return run


def steps(walk: Walk) -> list[Step]:
    """The VM table walks, for a VMware agent only (nothing for anything else)."""
    if not is_vmware(walk):
        return []
    return [("VMWARE-VMINFO-MIB vmwVmTable", _columns(WALK_ROOTS)),
            ("VMWARE-VMINFO-MIB vmwVmNetTable", _columns(NET_ROOTS))]


def _cell(walk: Walk, column: int, index: str) -> Value | None:
    return walk.get(f"{VM_ENTRY}.{column}.{index}")


def _guest_os(value: Value | None) -> str | None:
    """``E: tools not running`` / ``W: ...`` are the agent's error texts, not an OS."""
    found = text(value, 200)
    return None if not found or found[:2] in ("E:", "W:") else found


def _macs(walk: Walk) -> dict[str, list[str]]:
    prefix = f"{NET_ENTRY}.{NET_MAC}."
    out: dict[str, list[str]] = {}
    for oid, value in walk.items():
        if not oid.startswith(prefix):
            continue
        vm_index = oid[len(prefix):].split(".", 1)[0]
        found = mac(value)
        if found and is_usable_mac(found) and found not in out.get(vm_index, []):
            out.setdefault(vm_index, []).append(found)
    return out


def parse(walk: Walk) -> list[VmRow]:
    """One record per vmwVmTable row that has a display name, in index order."""
    prefix = f"{VM_ENTRY}.{NAME}."
    indexes = sorted((oid[len(prefix):] for oid in walk if oid.startswith(prefix)),
                     key=lambda i: [int(p) for p in i.split(".") if p.isdigit()])
    macs = _macs(walk)
    rows = []
    for index in indexes:
        name = text(_cell(walk, NAME, index), 200)
        if not name:
            continue
        state = text(_cell(walk, STATE, index), 40).lower()
        memory = integer(_cell(walk, MEMORY_MB, index))
        cpus = integer(_cell(walk, CPUS, index))
        rows.append(VmRow(
            index=index, name=name, guest_os=_guest_os(_cell(walk, GUEST_OS, index)),
            memory_mb=memory if memory and memory > 0 else None,
            power_state=_POWER.get(state, state or None),
            vcpus=cpus if cpus and cpus > 0 else None,
            uuid=text(_cell(walk, UUID, index), 72) or None, macs=macs.get(index, [])))
    return rows


def _names(rows: list[VmRow]) -> list[str]:
    """Display names need not be unique, and identity resolution compares short
    names ("app.corp" and "app.test" are both "app"); a name shared that way, or
    too generic to identify anything, would merge distinct VMs, so those get their
    UUID (or table index) appended."""
    keys = [clean_name(r.name) for r in rows]
    counts = Counter(keys)
    return [r.name if key is not None and counts[key] == 1
            else f"{r.name} [{r.uuid or r.index}]" for r, key in zip(rows, keys, strict=True)]


def vm_sightings(host: str, walk: Walk) -> tuple[list[Sighting], list[LinkHint]]:
    """VM sightings and their ``runs_on`` hints to the agent at ``host`` (its address)."""
    rows = parse(walk)
    sightings: list[Sighting] = []
    links: list[LinkHint] = []
    for row, name in zip(rows, _names(rows), strict=True):
        virt = VirtInfo(platform="vmware", kind="vm", endpoint=f"snmp://{host}", host=host,
                        power_state=row.power_state, vcpus=row.vcpus, guest_os=row.guest_os,
                        memory_bytes=row.memory_mb * 1024 * 1024 if row.memory_mb else None)
        sightings.append(Sighting(collector=COLLECTOR, name=name, type="vm", macs=row.macs,
                                  os=row.guest_os, virtualization=virt))
        keys = key_list(*map(mac_key, row.macs), name_key(name))
        links.append(LinkHint(source_keys=keys, target_keys=key_list(ip_key(host)),
                              kind="runs_on", collector=COLLECTOR,
                              evidence=f"VMWARE-VMINFO-MIB on {host}: VM {name} "
                                       f"(vmwVmIdx {row.index}) is registered there"))
    return sightings, links
