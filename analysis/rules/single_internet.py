"""DRS-002: the office reaches the internet through exactly one gateway."""

from __future__ import annotations

from analysis.context import Context
from analysis.model import Finding
from analysis.rules._evidence import NIST_800_34, clean, role_facts, who

RULE_ID = "DRS-002"


def check(ctx: Context) -> list[Finding]:
    if len(ctx.gateways) != 1:
        return []
    asset = ctx.assets[ctx.gateways[0]]
    evidence = [f"{who(asset)} is the only gateway found"]
    evidence += [clean(f"default route via {r.gateway} reported by {r.collector}", 200)
                 for r in ctx.inventory.network.default_gateways if r.gateway in asset.ips]
    evidence += role_facts(asset, "gateway")
    return [Finding(
        id=RULE_ID, rule="single-internet-path", severity="medium",
        title=f"Single internet path through {who(asset)}",
        asset_ids=[asset.id], evidence=evidence,
        recommendation=("Add a second internet line or a failover gateway (e.g. a 4G/5G "
                        "backup link), and keep the router's configuration backed up."),
        reference=f"{NIST_800_34}; NIST SP 800-53 Rev. 5 CP-8 (telecommunications services)",
        effort="days", cost="low",
        effort_cost_reason=("ordering and setting up a backup line; a 4G/5G backup costs "
                            "little, a second fixed line is a monthly fee"))]
