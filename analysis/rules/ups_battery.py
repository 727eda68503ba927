"""DRS-007: a UPS whose battery is not normal, or whose runtime is under 10 minutes.

Reads ``Asset.power`` (``battery_status``, ``minutes_remaining``), which the
topology work adds to the inventory from the UPS-MIB; read through ``getattr``
so that inventories written before that field existed still load and pass.
"""

from __future__ import annotations

from analysis.context import Context
from analysis.model import Finding
from analysis.rules._evidence import NIST_800_34, clean, who

RULE_ID = "DRS-007"
MIN_RUNTIME_MINUTES = 10
_NORMAL = {"normal", "batterynormal", "ok", "2"}


def check(ctx: Context) -> list[Finding]:
    findings = []
    for asset in ctx.inventory.assets:
        power = getattr(asset, "power", None)
        if power is None:
            continue
        status = getattr(power, "battery_status", None)
        minutes = getattr(power, "minutes_remaining", None)
        problems = []
        if status and str(status).lower().replace(" ", "") not in _NORMAL:
            problems.append(f"battery status {clean(str(status), 30)!r}")
        if isinstance(minutes, int | float) and minutes < MIN_RUNTIME_MINUTES:
            problems.append(f"estimated runtime {minutes:g} min (< {MIN_RUNTIME_MINUTES} min)")
        if problems:
            findings.append(Finding(
                id=f"{RULE_ID}:{asset.id}", rule="ups-battery", severity="high",
                title=f"UPS {who(asset)}: {'; '.join(problems)}", asset_ids=[asset.id],
                evidence=[f"{who(asset)} reports {p}" for p in problems],
                recommendation=("Replace the battery or reduce the load so that the UPS can "
                                "carry the equipment through a clean shutdown (10 minutes or "
                                "more); test it under load."),
                reference=f"{NIST_800_34}; NIST SP 800-53 Rev. 5 PE-11"))
    return findings
