"""DRS-V01 no HA, DRS-V02 VMs on local storage, DRS-V04 over-committed memory."""

from __future__ import annotations

from analysis.context import Context
from analysis.model import Finding
from analysis.rules._evidence import NIST_800_34, clean, who
from analysis.virtualization import Placement, hypervisors, placements, vms_on

_GIB = 1024 ** 3


def _names(places: list[Placement], limit: int = 8) -> str:
    names = [clean(p.vm.name, 40) for p in places]
    return ", ".join(names[:limit]) + (f" and {len(names) - limit} more" if len(names) > limit
                                       else "")


def check(ctx: Context) -> list[Finding]:
    places = placements(ctx)
    findings: list[Finding] = []
    for host in sorted(hypervisors(ctx), key=lambda a: a.id):
        mine = [p for p in vms_on(places, host.id) if p.vm.virtualization
                and p.vm.virtualization.power_state != "off"]
        findings += _no_ha(host.id, ctx, mine) + _local(host.id, ctx, mine)
        findings += _overcommit(host.id, ctx, mine)
    return findings


def _no_ha(host_id: str, ctx: Context, mine: list[Placement]) -> list[Finding]:
    host = ctx.assets[host_id]
    hv = host.virtualization
    if not mine or hv is None or any(p.failover for p in mine):
        return []
    where = (f"cluster {clean(hv.cluster, 40)} has HA disabled" if hv.cluster and not
             hv.ha_enabled else "standalone host, in no HA cluster" if not hv.cluster
             else "HA cannot restart these VMs elsewhere")
    return [Finding(
        id=f"DRS-V01:{host_id}", rule="virt-no-ha", severity="high",
        title=f"No failover for the VMs on {who(host)}",
        asset_ids=[host_id, *(p.vm.id for p in mine)],
        evidence=[f"{who(host)}: {where} ({hv.platform} API {clean(hv.endpoint, 80)})",
                  f"{len(mine)} running VM(s) stop with it: {_names(mine)}"],
        recommendation=("Put the host in an HA cluster with shared storage (vSphere HA, "
                        "Proxmox HA, a Hyper-V failover cluster), or document how the VMs are "
                        "restored on other hardware and test it."),
        reference=f"{NIST_800_34} (alternate processing, 3.4.2)")]


def _local(host_id: str, ctx: Context, mine: list[Placement]) -> list[Finding]:
    pinned = [p for p in mine if p.local]
    if not pinned:
        return []
    host = ctx.assets[host_id]
    stores = sorted({d.name for p in pinned for d in p.local})
    return [Finding(
        id=f"DRS-V02:{host_id}", rule="virt-local-storage", severity="medium",
        title=f"VMs on local storage of {who(host)}",
        asset_ids=[host_id, *(p.vm.id for p in pinned)],
        evidence=[f"local datastore(s) {', '.join(clean(s, 40) for s in stores)} of "
                  f"{who(host)}", f"VMs pinned to this host: {_names(pinned)}"],
        recommendation=("Move the VMs' disks to shared storage so another host can run them, "
                        "or keep tested backups that restore onto another host."),
        reference=NIST_800_34)]


def _overcommit(host_id: str, ctx: Context, mine: list[Placement]) -> list[Finding]:
    host = ctx.assets[host_id]
    total = host.hardware.memory_bytes if host.hardware else None
    used = sum(p.vm.virtualization.memory_bytes or 0 for p in mine if p.vm.virtualization)
    if not total or used <= total:
        return []
    return [Finding(
        id=f"DRS-V04:{host_id}", rule="virt-memory-overcommit", severity="medium",
        title=f"Memory over-committed on {who(host)}", asset_ids=[host_id],
        evidence=[f"running VMs are given {used / _GIB:.1f} GiB; the host has "
                  f"{total / _GIB:.1f} GiB", f"VMs: {_names(mine)}"],
        recommendation=("Reduce the VMs' memory or add memory: an over-committed host swaps, "
                        "and cannot take over another host's VMs after a failure."),
        reference=NIST_800_34)]
