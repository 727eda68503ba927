"""DRS-001: a critical role (DNS, DHCP, directory, files, databases, mail) has one provider."""

from __future__ import annotations

from analysis.context import Context
from analysis.model import Cost, Effort, Finding, Severity
from analysis.rules._evidence import NIST_800_34, role_facts, service_text, who

RULE_ID = "DRS-001"
CRITICAL_ROLES: dict[str, Severity] = {
    "dns": "high", "dhcp": "medium", "directory": "high", "file": "high",
    "database": "high", "mail": "high",
}
_PORTS: dict[str, set[int]] = {
    "dns": {53}, "dhcp": {67}, "directory": {88, 389, 636, 3268}, "file": {139, 445, 2049},
    "database": {1433, 1521, 3306, 5432}, "mail": {25, 110, 143, 465, 587, 993, 995},
}
#: role -> (effort, cost, why): a second DNS/DHCP server is an afternoon on a box the
#: office already has; a replicated database or file server is a project
_BANDS: dict[str, tuple[Effort, Cost, str]] = {
    "dns": ("hours", "none", "a secondary DNS on an existing server, handed out by DHCP"),
    "dhcp": ("hours", "none", "a failover DHCP scope on an existing server"),
    "directory": ("days", "low", "a second domain controller: a server licence and a VM"),
    "file": ("days", "high", "a second file server or NAS with replication"),
    "database": ("days", "high", "a replica server, and often database licences"),
    "mail": ("days", "high", "a second mail server, or a hosted service"),
}


def check(ctx: Context) -> list[Finding]:
    findings = []
    for role, severity in CRITICAL_ROLES.items():
        providers = ctx.providers.get(role, [])
        if len(providers) != 1:
            continue
        asset = ctx.assets[providers[0]]
        evidence = [f"{who(asset)} is the only asset with role {role}"]
        evidence += role_facts(asset, role)
        evidence += [service_text(s) for s in asset.services if s.port in _PORTS[role]]
        findings.append(Finding(
            id=f"{RULE_ID}:{role}", rule="single-provider", severity=severity,
            title=f"Only one {role} provider: {who(asset)}",
            asset_ids=[asset.id], evidence=evidence,
            recommendation=(f"Add a second {role} provider (a secondary server or a replica) "
                            "or document and test how to restore this one quickly."),
            reference=f"{NIST_800_34}; CIS Controls v8 safeguard 12.2",
            effort=_BANDS[role][0], cost=_BANDS[role][1], effort_cost_reason=_BANDS[role][2]))
    return findings
