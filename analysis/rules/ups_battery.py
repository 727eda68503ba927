"""DRS-007: UPSes whose battery is not normal, or whose runtime is under 10 minutes:
one finding listing them.

Reads ``Asset.power`` (``battery_status``, ``minutes_remaining``), which the
topology work adds to the inventory from the UPS-MIB; read through ``getattr``
so that inventories written before that field existed still load and pass.
"""

from __future__ import annotations

from analysis.context import Context
from analysis.model import Finding
from analysis.rules._evidence import NIST_800_34, clean, client_assets, names_of, per_device, who
from scanner.inventory.model import Asset

RULE_ID = "DRS-007"
MIN_RUNTIME_MINUTES = 10
_NORMAL = {"normal", "batterynormal", "ok", "2"}


def _problems(asset: Asset) -> list[str]:
    power = getattr(asset, "power", None)
    if power is None:
        return []
    status = getattr(power, "battery_status", None)
    minutes = getattr(power, "minutes_remaining", None)
    problems = []
    if status and str(status).lower().replace(" ", "") not in _NORMAL:
        problems.append(f"battery status {clean(str(status), 30)!r}")
    if isinstance(minutes, int | float) and minutes < MIN_RUNTIME_MINUTES:
        problems.append(f"estimated runtime {minutes:g} min (< {MIN_RUNTIME_MINUTES} min)")
    return problems


def check(ctx: Context) -> list[Finding]:
    hits = [(a, found) for a in client_assets(ctx.inventory.assets) if (found := _problems(a))]
    if not hits:
        return []
    effort, why = per_device("hours", len(hits))
    what = "; ".join(hits[0][1]) if len(hits) == 1 else "battery or runtime not normal"
    return [Finding(
        id=RULE_ID, rule="ups-battery", severity="high",
        title=f"UPS {names_of([a for a, _ in hits])}: {what}",
        asset_ids=sorted(a.id for a, _ in hits),
        evidence=[f"{who(a)} reports {p}" for a, found in hits for p in found],
        recommendation=("Replace the battery or reduce the load so that the UPS can "
                        "carry the equipment through a clean shutdown (10 minutes or "
                        "more); test it under load."),
        reference=f"{NIST_800_34}; NIST SP 800-53 Rev. 5 PE-11",
        effort=effort, cost="low",
        effort_cost_reason=f"a replacement battery pack per UPS; {why}")]
