"""DRS-011: hosts up for more than a year have not rebooted into any kernel or
firmware update in that time: one finding listing them."""

from __future__ import annotations

from analysis.context import Context
from analysis.model import Finding
from analysis.rules._evidence import client_assets, names_of, per_device, who

RULE_ID = "DRS-011"
YEAR_SECONDS = 365 * 24 * 3600


def check(ctx: Context) -> list[Finding]:
    hits = [(a, a.hardware.uptime_seconds) for a in client_assets(ctx.inventory.assets)
            if a.hardware and a.hardware.uptime_seconds is not None
            and a.hardware.uptime_seconds > YEAR_SECONDS]
    if not hits:
        return []
    longest = max(up for _, up in hits)
    effort, why = per_device("hours", len(hits))
    return [Finding(
        id=RULE_ID, rule="long-uptime", severity="low",
        title=(f"{names_of([a for a, _ in hits])} up for more than a year "
               f"(longest {longest // 86400} days)"),
        asset_ids=sorted(a.id for a, _ in hits),
        evidence=[f"{who(a)}: uptime {up} s ({up // 86400} days, {up / YEAR_SECONDS:.1f} years)"
                  for a, up in hits],
        recommendation=("Schedule maintenance: install pending updates and reboot; an "
                        "untested reboot is also an untested recovery."),
        reference="CIS Controls v8 safeguards 7.3 and 7.4; NIST SP 800-40 Rev. 4",
        effort=effort, cost="none",
        effort_cost_reason=f"a maintenance window per host; {why}")]
