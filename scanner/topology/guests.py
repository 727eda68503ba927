"""VMs seen from the outside: a hypervisor vendor's MAC behind another machine's switch port.

A VM on a bridged virtual NIC sends from its own MAC through its host's cable, so the
switch learns both on one port.  When a port learned exactly one ordinary device and one
or more MACs from a hypervisor vendor's block (VirtualBox 08:00:27, VMware 00:0C:29 and
00:50:56, Hyper-V 00:15:5D, QEMU/KVM 52:54:00, Parallels 00:1C:42), those VMs run on that
device: a ``runs_on`` link from the VM to it.  The host may be a desktop (a client
hypervisor: the case analysis flags) or a server hypervisor no API was read for; which
one it is, is the analysis's call.  Ports that lead to another switch, or that learned a
second ordinary device or one nobody identified (a desk switch, a phone with a PC behind
it), prove nothing and give no link.  A VM a hypervisor API already placed keeps that
placement.
"""

from __future__ import annotations

from collections.abc import Sequence

from scanner.inventory.model import Asset, Fact, Link, VirtInfo
from scanner.inventory.roles import FALLBACK_EVIDENCE
from scanner.inventory.sighting import LinkHint
from scanner.topology.links import Lookup
from scanner.topology.ports import GUEST_CONFIDENCE, group_ports, guest_oui, port_guests


def guest_links(hints: Sequence[LinkHint], lookup: Lookup, assets: Sequence[Asset],
                placed: Sequence[Link] = ()) -> list[Link]:
    """``runs_on`` links for VMs whose MAC a switch learned on another device's port."""
    by_id = {a.id: a for a in assets}
    known = {ln.source for ln in placed if ln.kind == "runs_on"}
    found: dict[str, list[Link]] = {}
    for (switch, port), entries in sorted(group_ports(hints, lookup).items()):
        seen = [(keys[0].value, d) for keys, d in entries if keys]
        hit = port_guests(seen, by_id)
        if hit is None:
            continue
        host, host_mac, guests = hit
        for vm_mac, vm in guests:
            if vm in known or by_id[vm].virtualization is not None:
                continue
            why = (f"forwarding table: {by_id[switch].name} port {port} learns "
                   f"{by_id[vm].name}'s MAC {vm_mac} ({_vendor(vm_mac)}) beside "
                   f"{by_id[host].name}'s {host_mac} and no other device: a VM bridged "
                   f"through {by_id[host].name}")
            found.setdefault(vm, []).append(Link(
                source=vm, target=host, kind="runs_on", source_port=None, target_port=None,
                collector="snmp", confidence=GUEST_CONFIDENCE, evidence=why[:1000]))
    # a VM learned beside two different hosts (it moved, or the picture is unclear): no link
    return [links[0] for links in found.values() if len({ln.target for ln in links}) == 1]


def _vendor(mac: str) -> str:
    found = guest_oui(mac)
    return found[1] if found else "?"


def mark_guests(assets: Sequence[Asset], links: Sequence[Link]) -> list[Asset]:
    """VMs placed by :func:`guest_links` (no hypervisor API described them) get a
    :class:`VirtInfo` from their MAC's vendor block, type ``vm``, and lose the
    "nothing listens, so a workstation" fallback role: a VM is a workload, not a seat."""
    by_id = {a.id: a for a in assets}
    placed = {ln.source: ln for ln in links if ln.kind == "runs_on"}
    out = []
    for asset in assets:
        link = placed.get(asset.id)
        oui = next((o for m in asset.macs if (o := guest_oui(m))), None)
        if link is None or asset.virtualization is not None or oui is None \
                or link.target not in by_id:
            out.append(asset)
            continue
        out.append(_as_guest(asset, by_id[link.target], oui[0], link))
    return out


def _as_guest(vm: Asset, host: Asset, platform: str, link: Link) -> Asset:
    fallback = [f for f in vm.provenance if f.field == "role" and f.value == "workstation"
                and f.evidence.startswith(FALLBACK_EVIDENCE)]
    facts = [f for f in vm.provenance if f not in fallback]
    roles = [r for r in vm.roles if not (fallback and r == "workstation")]
    facts.append(Fact(field="virtualization", value=f"{platform} VM on {host.name}",
                      collector=link.collector, confidence=link.confidence,
                      evidence=link.evidence))
    update: dict[str, object] = {
        "virtualization": VirtInfo(platform=platform, kind="vm", host=host.name),
        "roles": roles, "provenance": facts}
    if vm.type in ("other", "workstation", "server"):
        update["type"] = "vm"
        facts.append(Fact(field="type", value="vm", collector="drscout",
                          confidence=link.confidence, evidence=link.evidence))
    return vm.model_copy(update=update)
