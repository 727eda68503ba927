"""DRS-011: a host up for more than a year has not rebooted into any kernel or
firmware update in that time."""

from __future__ import annotations

from analysis.context import Context
from analysis.model import Finding
from analysis.rules._evidence import who

RULE_ID = "DRS-011"
YEAR_SECONDS = 365 * 24 * 3600


def check(ctx: Context) -> list[Finding]:
    findings = []
    for asset in ctx.inventory.assets:
        uptime = asset.hardware.uptime_seconds if asset.hardware else None
        if uptime is None or uptime <= YEAR_SECONDS:
            continue
        findings.append(Finding(
            id=f"{RULE_ID}:{asset.id}", rule="long-uptime", severity="low",
            title=f"{who(asset)} has been up {uptime // 86400} days", asset_ids=[asset.id],
            evidence=[f"{who(asset)}: uptime {uptime} s ({uptime / YEAR_SECONDS:.1f} years)"],
            recommendation=("Schedule maintenance: install pending updates and reboot; an "
                            "untested reboot is also an untested recovery."),
            reference="CIS Controls v8 safeguards 7.3 and 7.4; NIST SP 800-40 Rev. 4"))
    return findings
