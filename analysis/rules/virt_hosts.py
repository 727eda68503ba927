"""DRS-V01 no HA, DRS-V02 VMs on local storage, DRS-V04 over-committed memory.

One finding per problem: hosts without failover are one finding listing every
such host and its VMs (evidence per host), and likewise for the other two.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.context import Context
from analysis.model import Cost, Effort, Finding, Severity
from analysis.rules._evidence import NIST_800_34, clean, names_of, per_device, who
from analysis.virtualization import Placement, hypervisors, placements, vms_on
from scanner.inventory.model import Asset

_GIB = 1024 ** 3
#: (host, its running VMs, evidence lines)
Hit = tuple[Asset, list[Placement], list[str]]


def _names(places: list[Placement], limit: int = 8) -> str:
    names = [clean(p.vm.name, 40) for p in places]
    return ", ".join(names[:limit]) + (f" and {len(names) - limit} more" if len(names) > limit
                                       else "")


def check(ctx: Context) -> list[Finding]:
    places = placements(ctx)
    no_ha: list[Hit] = []
    local: list[Hit] = []
    over: list[Hit] = []
    for host in sorted(hypervisors(ctx), key=lambda a: a.id):
        mine = [p for p in vms_on(places, host.id) if p.vm.virtualization
                and p.vm.virtualization.power_state != "off"]
        for found, judge in ((no_ha, _no_ha), (local, _local), (over, _overcommit)):
            hit = judge(host, mine)
            if hit:
                found.append(hit)
    return _finding(NO_HA, no_ha) + _finding(LOCAL, local) + _finding(OVERCOMMIT, over)


@dataclass(frozen=True)
class _Spec:
    """What one kind of host problem's finding says; the hits add hosts, VMs, evidence."""

    id: str
    rule: str
    severity: Severity
    title: str  # the hosts' names follow
    recommendation: str
    reference: str
    each: Effort  # per host
    cost: Cost
    cost_reason: str  # the effort's reason follows


NO_HA = _Spec(
    id="DRS-V01", rule="virt-no-ha", severity="high", title="No failover for the VMs on",
    recommendation=("Put the hosts in an HA cluster with shared storage (vSphere HA, "
                    "Proxmox HA, a Hyper-V failover cluster), or document how the VMs are "
                    "restored on other hardware and test it."),
    reference=f"{NIST_800_34} (alternate processing, 3.4.2)", each="days", cost="high",
    cost_reason="a second host, shared storage and the hypervisor's HA licence")
LOCAL = _Spec(
    id="DRS-V02", rule="virt-local-storage", severity="medium",
    title="VMs on local storage of",
    recommendation=("Move the VMs' disks to shared storage so another host can run them, "
                    "or keep tested backups that restore onto another host."),
    reference=NIST_800_34, each="hours", cost="high",
    cost_reason="moving disks needs shared storage (hardware)")
OVERCOMMIT = _Spec(
    id="DRS-V04", rule="virt-memory-overcommit", severity="medium",
    title="Memory over-committed on",
    recommendation=("Reduce the VMs' memory or add memory: an over-committed host swaps, "
                    "and cannot take over another host's VMs after a failure."),
    reference=NIST_800_34, each="hours", cost="low",
    cost_reason="resizing VMs costs nothing, memory modules cost a little")


def _finding(spec: _Spec, hits: list[Hit]) -> list[Finding]:
    """One finding for every host with this problem (none without any)."""
    if not hits:
        return []
    effort, why = per_device(spec.each, len(hits))
    return [Finding(
        id=spec.id, rule=spec.rule, severity=spec.severity,
        title=f"{spec.title} {names_of([h for h, _, _ in hits])}",
        asset_ids=_ids(hits), evidence=[line for _, _, lines in hits for line in lines],
        recommendation=spec.recommendation, reference=spec.reference, effort=effort,
        cost=spec.cost, effort_cost_reason=f"{spec.cost_reason}; {why}")]


def _ids(hits: list[Hit]) -> list[str]:
    return [*(h.id for h, _, _ in hits), *sorted({p.vm.id for _, vms, _ in hits for p in vms})]


def _no_ha(host: Asset, mine: list[Placement]) -> Hit | None:
    hv = host.virtualization
    if not mine or hv is None or any(p.failover for p in mine):
        return None
    where = (f"cluster {clean(hv.cluster, 40)} has HA disabled" if hv.cluster and not
             hv.ha_enabled else "standalone host, in no HA cluster" if not hv.cluster
             else "HA cannot restart these VMs elsewhere")
    return host, mine, [f"{who(host)}: {where} ({hv.platform} API {clean(hv.endpoint, 80)})",
                        f"{who(host)}: {len(mine)} running VM(s) stop with it: {_names(mine)}"]


def _local(host: Asset, mine: list[Placement]) -> Hit | None:
    pinned = [p for p in mine if p.local]
    if not pinned:
        return None
    stores = sorted({d.name for p in pinned for d in p.local})
    return host, pinned, [f"{who(host)}: local datastore(s) "
                          f"{', '.join(clean(s, 40) for s in stores)}; VMs pinned to this "
                          f"host: {_names(pinned)}"]


def _overcommit(host: Asset, mine: list[Placement]) -> Hit | None:
    total = host.hardware.memory_bytes if host.hardware else None
    used = sum(p.vm.virtualization.memory_bytes or 0 for p in mine if p.vm.virtualization)
    if not total or used <= total:
        return None
    return host, [], [f"{who(host)}: running VMs are given {used / _GIB:.1f} GiB; the host "
                      f"has {total / _GIB:.1f} GiB; VMs: {_names(mine)}"]
