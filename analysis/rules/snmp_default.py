"""DRS-004: SNMP v1/v2c agents answer to a default community string: one finding
listing every such agent, with evidence per agent."""

from __future__ import annotations

from analysis.context import Context
from analysis.model import Finding
from analysis.rules._evidence import clean, client_assets, names_of, per_device, service_text, who
from scanner.inventory.model import Asset

RULE_ID = "DRS-004"


def _evidence(asset: Asset) -> list[str]:
    facts = [f for f in asset.provenance if f.field == "snmp_community_default"]
    seen_by = sorted({f.collector for f in facts}) or [s for s in asset.sources
                                                       if "snmp" in s.lower()]
    lines = [f"{who(asset)} answered SNMP v1/v2c with a default community"
             + (f" (collector: {clean(', '.join(seen_by), 60)})" if seen_by else "")]
    return lines + [f"{who(asset)}: {service_text(s)}" for s in asset.services if s.port == 161]


def check(ctx: Context) -> list[Finding]:
    hits = [a for a in client_assets(ctx.inventory.assets) if a.snmp_community_default]
    if not hits:
        return []
    effort, why = per_device("minutes", len(hits))
    return [Finding(
        id=RULE_ID, rule="snmp-default-community", severity="high",
        title=f"SNMP default community accepted by {names_of(hits)}",
        asset_ids=sorted(a.id for a in hits),
        evidence=[line for asset in hits for line in _evidence(asset)],
        recommendation=("On each device listed, change the community string (or move to "
                        "SNMPv3 with authentication and privacy) and restrict SNMP to the "
                        "management network; update the monitoring that polls it."),
        reference="CIS Controls v8 safeguards 4.7 and 4.6",
        effort=effort, cost="none", effort_cost_reason=f"configuration only; {why}")]
