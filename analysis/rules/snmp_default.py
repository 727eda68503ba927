"""DRS-004: an SNMP v1/v2c agent answers to a default community string."""

from __future__ import annotations

from analysis.context import Context
from analysis.model import Finding
from analysis.rules._evidence import clean, service_text, who

RULE_ID = "DRS-004"


def check(ctx: Context) -> list[Finding]:
    findings = []
    for asset in ctx.inventory.assets:
        if not asset.snmp_community_default:
            continue
        facts = [f for f in asset.provenance if f.field == "snmp_community_default"]
        seen_by = sorted({f.collector for f in facts}) or [s for s in asset.sources
                                                           if "snmp" in s.lower()]
        evidence = [f"{who(asset)} answered SNMP v1/v2c with a default community"
                    + (f" (collector: {clean(', '.join(seen_by), 60)})" if seen_by else "")]
        evidence += [service_text(s) for s in asset.services if s.port == 161]
        findings.append(Finding(
            id=f"{RULE_ID}:{asset.id}", rule="snmp-default-community", severity="high",
            title=f"SNMP default community accepted by {who(asset)}",
            asset_ids=[asset.id], evidence=evidence,
            recommendation=("Change the community string (or move to SNMPv3 with "
                            "authentication and privacy) and restrict SNMP to the "
                            "management network."),
            reference="CIS Controls v8 safeguards 4.7 and 4.6"))
    return findings
