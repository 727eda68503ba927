"""DRS-V03: one storage device holds the shared storage of several VMs."""

from __future__ import annotations

from collections import defaultdict

from analysis.context import Context
from analysis.model import Finding
from analysis.rules._evidence import NIST_800_34, clean, who
from analysis.virtualization import find_asset, placements


def check(ctx: Context) -> list[Finding]:
    by_device: dict[str, set[str]] = defaultdict(set)
    stores: dict[str, set[str]] = defaultdict(set)
    for place in placements(ctx):
        for ds in place.datastores:
            if ds.shared and ds.backing:
                by_device[ds.backing].add(place.vm.id)
                stores[ds.backing].add(ds.name)
    if not by_device:
        return []
    labels, ids, evidence = [], [], []
    for backing, vm_ids in sorted(by_device.items()):
        device = find_asset(ctx, backing)
        label = who(device) if device else clean(backing, 60)
        names = sorted(clean(ctx.assets[v].name, 40) for v in vm_ids)
        labels.append(label)
        ids += [*([device.id] if device else []), *sorted(vm_ids)]
        evidence += [f"datastore(s) {', '.join(sorted(stores[backing]))} are held by {label}",
                     f"{label}: {len(names)} VM(s) have disks on it: {', '.join(names[:8])}"]
    evidence.append("HA restarts VMs on another host, never on another storage device")
    return [Finding(
        id="DRS-V03", rule="virt-single-storage",
        severity="high" if len(by_device) == 1 else "medium",
        title=f"Shared VM storage on a single device: {', '.join(labels)}",
        asset_ids=list(dict.fromkeys(ids)), evidence=evidence,
        recommendation=("Replicate the shared storage to a second device (or keep "
                        "restorable backups of the VMs elsewhere) and test a restore."),
        reference=NIST_800_34, effort="days", cost="high",
        effort_cost_reason="a second storage device and replication set up and tested")]
