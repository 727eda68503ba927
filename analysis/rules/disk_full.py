"""DRS-010: disks, volumes or datastores more than 90% full: one finding listing them.

Disks come from ``Hardware.disks`` (local collector, SNMP hrStorage) and
datastores from a hypervisor API (``Asset.virtualization.datastores``).  A full
datastore stops every VM writing to it at once; a full volume stops the database
or file share on it.
"""

from __future__ import annotations

from analysis.context import Context
from analysis.model import Finding
from analysis.rules._evidence import clean, client_assets, names_of, per_device, who
from scanner.inventory.model import Asset

RULE_ID = "DRS-010"
LIMIT = 0.90


def _full(asset: Asset) -> list[str]:
    out = []
    disks = asset.hardware.disks if asset.hardware else []
    for disk in disks:
        if disk.total_bytes > 0 and disk.used_bytes / disk.total_bytes > LIMIT:
            out.append(f"{clean(disk.mount, 60)}: {disk.used_bytes / disk.total_bytes:.0%} used "
                       f"of {disk.total_bytes / 1e9:.1f} GB")
    virt = getattr(asset, "virtualization", None)
    for store in getattr(virt, "datastores", None) or []:
        cap, free = getattr(store, "capacity_bytes", None), getattr(store, "free_bytes", None)
        if cap and free is not None and (cap - free) / cap > LIMIT:
            out.append(f"datastore {clean(store.name, 60)}: {(cap - free) / cap:.0%} used "
                       f"of {cap / 1e9:.1f} GB")
    return out


def check(ctx: Context) -> list[Finding]:
    hits = [(asset, full) for asset in client_assets(ctx.inventory.assets)
            if (full := _full(asset))]
    if not hits:
        return []
    effort, why = per_device("hours", len(hits))
    return [Finding(
        id=RULE_ID, rule="disk-full", severity="medium",
        title=f"Storage over {LIMIT:.0%} full on {names_of([a for a, _ in hits])}",
        asset_ids=sorted(a.id for a, _ in hits),
        evidence=[f"{who(asset)}: {text}" for asset, full in hits for text in full],
        recommendation=("Free or add space before it fills: full volumes stop "
                        "databases, file shares and every VM on a datastore, and "
                        "break backups."),
        reference="CIS Controls v8 safeguard 1.1; NIST SP 800-53 Rev. 5 AU-5, CP-2(2)",
        effort=effort, cost="low",
        effort_cost_reason=f"cleaning up costs nothing, more disks cost a little; {why}")]
