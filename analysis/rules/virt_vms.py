"""DRS-V05 vCenter on the cluster it manages, DRS-V06 powered-off or orphaned VMs,
DRS-V07 hypervisor certificate not verified (--insecure)."""

from __future__ import annotations

from urllib.parse import urlsplit

from analysis.context import Context
from analysis.model import Finding
from analysis.rules._evidence import NIST_800_34, clean, who
from analysis.virtualization import Placement, hypervisors, placements
from scanner.identity import clean_name

_BAD_CONNECTION = frozenset({"orphaned", "inaccessible", "invalid", "disconnected"})


def check(ctx: Context) -> list[Finding]:
    places = placements(ctx)
    return _manager(ctx, places) + _states(places) + _insecure(ctx)


def _manager(ctx: Context, places: list[Placement]) -> list[Finding]:
    findings = []
    for place in places:
        host = place.host.virtualization if place.host else None
        if host is None or not host.cluster or host.platform != "vmware":
            continue
        manager = urlsplit(host.endpoint).hostname or ""
        names = {clean_name(n) for n in [place.vm.name, *place.vm.hostnames]}
        if manager and (manager in place.vm.ips or clean_name(manager) in names):
            findings.append(Finding(
                id=f"DRS-V05:{place.vm.id}", rule="virt-manager-on-cluster", severity="medium",
                title=f"vCenter {who(place.vm)} runs on the cluster it manages",
                asset_ids=[place.vm.id], evidence=[
                    f"{who(place.vm)} answers as the vSphere endpoint {clean(host.endpoint)}",
                    f"it runs on {place.host.name if place.host else '?'} in cluster "
                    f"{clean(host.cluster, 40)}"],
                recommendation=("Write down which host runs vCenter and how to reach the hosts "
                                "directly: when the cluster fails, its manager fails with it."),
                reference=NIST_800_34))
    return findings


def _states(places: list[Placement]) -> list[Finding]:
    findings = []
    for place in places:
        virt = place.vm.virtualization
        if virt is None or virt.template:
            continue
        state = (virt.connection_state or "").lower()
        if state in _BAD_CONNECTION or place.host is None:
            findings.append(Finding(
                id=f"DRS-V06:orphaned:{place.vm.id}", rule="virt-orphaned-vm", severity="low",
                title=f"VM {who(place.vm)} is {state or 'on no known host'}",
                asset_ids=[place.vm.id],
                evidence=[f"{virt.platform} reports connection state {state or 'unknown'}, "
                          f"host {clean(virt.host or 'unknown', 40)}"],
                recommendation="Repair or remove the VM so the inventory reflects what runs.",
                reference=NIST_800_34))
        elif virt.power_state == "off":
            findings.append(Finding(
                id=f"DRS-V06:off:{place.vm.id}", rule="virt-powered-off-vm", severity="info",
                title=f"VM {who(place.vm)} is powered off", asset_ids=[place.vm.id],
                evidence=[f"{virt.platform} power state off on "
                          f"{clean(place.host.name if place.host else '?', 40)}"],
                recommendation="Confirm whether it is a cold standby (then test it) or remove it.",
                reference=NIST_800_34))
    return findings


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
        reference="CIS Controls v8 safeguard 3.10")]
