"""DRS-005: no UPS visible on the network."""

from __future__ import annotations

from analysis.context import Context
from analysis.model import Finding
from analysis.rules._evidence import NIST_800_34, client_assets

RULE_ID = "DRS-005"


def check(ctx: Context) -> list[Finding]:
    assets = client_assets(ctx.inventory.assets)
    if not assets or any(a.type == "ups" or "ups" in a.roles for a in assets):
        return []
    collectors = ", ".join(ctx.inventory.scan.collectors) or "unknown"
    evidence = [f"no asset of type 'ups' or role 'ups' among {len(assets)} assets",
                f"collectors run: {collectors}"]
    if ctx.inventory.gaps:
        evidence.append(f"{len(ctx.inventory.gaps)} collection gap(s): a UPS may have been missed")
    return [Finding(
        id=RULE_ID, rule="no-ups", severity="medium", title="No UPS found on the network",
        evidence=evidence,
        recommendation=("Put servers, storage and network gear on a UPS with a network card "
                        "so that it can signal a clean shutdown; test the batteries yearly."),
        reference=f"{NIST_800_34} (preventive controls); NIST SP 800-53 Rev. 5 PE-11",
        effort="hours", cost="high",
        effort_cost_reason=("installing a UPS with a network card and shutdown software; "
                            "the UPS is new hardware"))]
