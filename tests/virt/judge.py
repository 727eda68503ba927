"""Shared checks for the hypervisor tests: build the inventory from collector
results the way a scan does, declare one process per VM (a site file would say
"the ERP runs on vm X"), assess, and answer the questions the issue asks."""

from __future__ import annotations

from collections.abc import Sequence

from analysis import ProcessSpec, assess
from analysis.model import Assessment
from scanner.build import build_inventory
from scanner.model import Inventory, ScanMeta
from scanner.sighting import CollectorResult, Sighting


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
