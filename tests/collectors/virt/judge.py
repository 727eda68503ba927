"""Shared checks for the hypervisor tests: build the inventory from collector
results the way a scan does, declare one process per VM (a site file would say
"the ERP runs on vm X"), assess, and answer the questions the issue asks."""

from __future__ import annotations

from collections.abc import Sequence

from analysis import ProcessSpec, assess
from analysis.model import Assessment
from scanner.inventory.build import build_inventory
from scanner.inventory.model import Inventory, ScanMeta
from scanner.inventory.sighting import CollectorResult, Sighting


def inventory(results: Sequence[CollectorResult], extra: Sequence[Sighting] = ()) -> Inventory:
    parts = list(results)
    if extra:
        parts.append(CollectorResult(collector="nmap", target="test", sightings=list(extra)))
    return build_inventory(parts, ScanMeta(targets=["10.9.0.0/24"]))


def by_name(inv: Inventory) -> dict[str, str]:
    return {a.name: a.id for a in inv.assets}


def runs_on(inv: Inventory) -> dict[str, str]:
    """VM name -> host name, from the runs_on links."""
    names = {a.id: a.name for a in inv.assets}
    return {names[ln.source]: names[ln.target] for ln in inv.links if ln.kind == "runs_on"}


def assess_with_vm_processes(inv: Inventory) -> Assessment:
    specs = [ProcessSpec(f"app on {a.name}", 1, (a.id,)) for a in inv.assets if a.type == "vm"
             and a.virtualization and a.virtualization.power_state != "off"]
    return assess(inv, specs)


def spof_blast(assessment: Assessment) -> dict[str, set[str]]:
    """SPOF asset name -> names of the assets in its blast radius."""
    names = {a.id: a.name for a in assessment.inventory.assets}
    out: dict[str, set[str]] = {}
    for spof in assessment.spofs:
        if spof.kind == "link":
            continue
        for asset_id in spof.asset_ids:
            out.setdefault(names[asset_id], set()).update(
                names[x] for x in spof.blast_radius if x in names)
    return out


def finding_ids(assessment: Assessment) -> set[str]:
    """Each finding's id, plus ``id:name`` for every asset it lists (one finding per
    problem names all its assets: "DRS-V01:kvm1" reads "no HA, on kvm1")."""
    names = {a.id: a.name for a in assessment.inventory.assets}
    out = set()
    for f in assessment.findings:
        out.add(f.id)
        out.update(f"{f.id}:{names.get(i, i)}" for i in f.asset_ids)
    return out


def pinned_vms(inv: Inventory) -> dict[str, set[str]]:
    """Host id -> ids of the VMs running on it that no HA would restart elsewhere:
    the host is in no HA cluster, or the VM is not HA-protected (from the
    inventory alone, independently of the analysis)."""
    hosts = {a.id: a.virtualization for a in inv.assets
             if a.virtualization and a.virtualization.kind == "host"}
    vms = {a.id: a.virtualization for a in inv.assets if a.virtualization}
    out: dict[str, set[str]] = {}
    for link in inv.links:
        host, vm = hosts.get(link.target), vms.get(link.source)
        if link.kind != "runs_on" or host is None:
            continue
        if not (host.cluster and host.ha_enabled) or (vm and vm.ha_protected is False):
            out.setdefault(link.target, set()).add(link.source)
    return out


def assert_hosts_without_failover_are_spofs(inv: Inventory) -> Assessment:
    """The issue's rule, with no process declared: every host running VMs without
    HA is a SPOF, and its VMs are in its blast radius and counted as workloads."""
    result = assess(inv)
    pinned = pinned_vms(inv)
    assert pinned, "the office has hosts without HA"
    spofs = {s.asset_ids[0]: s for s in result.spofs if s.kind == "asset"}
    for host, vms in pinned.items():
        assert host in spofs, host
        assert vms <= set(spofs[host].blast_radius), host
        assert spofs[host].impact.workloads >= len(vms)
    return result
