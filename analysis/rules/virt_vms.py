"""DRS-V05 vCenter on the cluster it manages, DRS-V06 powered-off or orphaned VMs,
DRS-V07 hypervisor certificate not verified (--insecure)."""

from __future__ import annotations

from urllib.parse import urlsplit

from analysis.context import Context
from analysis.model import Finding
from analysis.rules._evidence import NIST_800_34, clean, names_of, per_device, who
from analysis.virtualization import Placement, hypervisors, placements
from scanner.inventory.identity import clean_name
from scanner.inventory.model import Asset

_BAD_CONNECTION = frozenset({"orphaned", "inaccessible", "invalid", "disconnected"})


def check(ctx: Context) -> list[Finding]:
    places = placements(ctx)
    return _manager(ctx, places) + _states(places) + _insecure(ctx)


def _manager(ctx: Context, places: list[Placement]) -> list[Finding]:
    evidence, ids = [], []
    for place in places:
        host = place.host.virtualization if place.host else None
        if host is None or not host.cluster or host.platform != "vmware":
            continue
        manager = urlsplit(host.endpoint).hostname or ""
        names = {clean_name(n) for n in [place.vm.name, *place.vm.hostnames]}
        if manager and (manager in place.vm.ips or clean_name(manager) in names):
            ids.append(place.vm.id)
            evidence += [
                f"{who(place.vm)} answers as the vSphere endpoint {clean(host.endpoint)}",
                f"{who(place.vm)} runs on {place.host.name if place.host else '?'} in cluster "
                f"{clean(host.cluster, 40)}"]
    if not ids:
        return []
    return [Finding(
        id="DRS-V05", rule="virt-manager-on-cluster", severity="medium",
        title=f"vCenter {names_of([ctx.assets[i] for i in ids])} runs on the cluster it manages",
        asset_ids=ids, evidence=evidence,
        recommendation=("Write down which host runs vCenter and how to reach the hosts "
                        "directly: when the cluster fails, its manager fails with it."),
        reference=NIST_800_34, effort="minutes", cost="none",
        effort_cost_reason="a page in the recovery plan (a DRS rule pinning it is optional)")]


def _states(places: list[Placement]) -> list[Finding]:
    orphaned: list[tuple[Asset, str]] = []
    off: list[tuple[Asset, str]] = []
    for place in places:
        virt = place.vm.virtualization
        if virt is None or virt.template:
            continue
        state = (virt.connection_state or "").lower()
        if state in _BAD_CONNECTION or place.host is None:
            orphaned.append((place.vm, f"{who(place.vm)}: {virt.platform} reports connection "
                                       f"state {state or 'unknown'}, host "
                                       f"{clean(virt.host or 'unknown', 40)}"))
        elif virt.power_state == "off":
            off.append((place.vm, f"{who(place.vm)}: {virt.platform} power state off on "
                                  f"{clean(place.host.name if place.host else '?', 40)}"))
    return _state_finding(orphaned, "orphaned") + _state_finding(off, "off")


def _state_finding(hits: list[tuple[Asset, str]], kind: str) -> list[Finding]:
    if not hits:
        return []
    vms = [vm for vm, _ in hits]
    effort, why = per_device("minutes", len(hits))
    orphaned = kind == "orphaned"
    return [Finding(
        id=f"DRS-V06:{kind}", rule="virt-orphaned-vm" if orphaned else "virt-powered-off-vm",
        severity="low" if orphaned else "info",
        title=(f"VM(s) {names_of(vms)} orphaned or on no known host" if orphaned
               else f"VM(s) {names_of(vms)} powered off"),
        asset_ids=[vm.id for vm in vms], evidence=[line for _, line in hits],
        recommendation=("Repair or remove each VM so the inventory reflects what runs."
                        if orphaned else "Confirm whether each is a cold standby (then test "
                        "it) or remove it."),
        reference=NIST_800_34, effort=effort, cost="none",
        effort_cost_reason=f"a check in the hypervisor's console; {why}")]


def _insecure(ctx: Context) -> list[Finding]:
    endpoints = sorted({h.virtualization.endpoint for h in hypervisors(ctx)
                        if h.virtualization and h.virtualization.tls_verified is False})
    if not endpoints:
        return []
    return [Finding(
        id="DRS-V07", rule="virt-tls-not-verified", severity="info",
        title="Hypervisor certificates were not verified (--insecure)",
        evidence=[f"read without verifying its certificate: {clean(e)}" for e in endpoints],
        recommendation=("Install certificates the scanning machine trusts, or record the "
                        "hosts' fingerprints, so that a later scan can verify them."),
        reference="CIS Controls v8 safeguard 3.10", effort="hours", cost="none",
        effort_cost_reason="installing trusted certificates on each host (free from an "
                           "internal CA or ACME)")]
