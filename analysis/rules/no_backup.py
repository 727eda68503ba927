"""DRS-008: no backup system seen, no backup job read on any host, and none declared in
the site file (its evidence says what was read from the inside).  When a person wrote a
backup method in the worksheet (or added a row to its Backups sheet), DRS-008 says
"backup recorded by a person, not verified by a scan" instead, at medium: their word is
evidence, but of another kind than a scan, and an unverified backup is still a risk until
someone restores from it.
DRS-009: backups declared, but no copy leaves the building."""

from __future__ import annotations

from analysis.context import Context
from analysis.model import Finding
from analysis.rules._evidence import NIST_800_34, clean, client_assets, names_of, who
from analysis.site.apply import Resolver
from analysis.site.people import PersonEntry
from scanner.inventory.model import Asset

REFERENCE = f"{NIST_800_34}; NIST SP 800-53 Rev. 5 CP-9 (system backup)"


def check(ctx: Context) -> list[Finding]:
    assets = client_assets(ctx.inventory.assets)
    if not assets:
        return []
    declared = ctx.site.backups if ctx.site else []
    seen = [a for a in assets if "backup" in a.roles]
    jobs = [a for a in assets if a.backups]  # a host's own backup job (SSH, WinRM)
    recorded = [(a, ctx.people[a.id]) for a in assets
                if a.id in ctx.people and ctx.people[a.id].backup_recorded]
    if not declared and not seen and not jobs and (recorded or ctx.recorded_backups):
        return [_recorded_only(ctx, assets, recorded)]
    if not declared and not seen and not jobs:
        return [Finding(
            id="DRS-008", rule="no-backup", severity="high", title="No backup system found",
            evidence=[f"no asset with role 'backup' among {len(assets)} assets",
                      "no [[backup]] declared in the site file", _inside(assets)],
            recommendation=("Back up servers and shared files daily to a separate device, keep "
                            "one copy offsite or offline (3-2-1), and test a restore; declare "
                            "it under [[backup]] in site.toml."),
            reference=REFERENCE, effort="days", cost="high",
            effort_cost_reason=("choosing, installing and testing a backup system: "
                                "backup storage and software"))]
    if declared and not any(b.offsite for b in declared):
        return [Finding(
            id="DRS-009", rule="no-offsite-backup", severity="medium",
            title="No backup copy is kept offsite",
            asset_ids=sorted({b.target for b in declared if b.target}),
            evidence=[b.evidence for b in declared]
            + [f"{who(a)} has role backup" for a in seen],
            recommendation=("Keep one backup copy offsite or offline (cloud, rotated disk) so "
                            "that fire, theft or ransomware cannot reach every copy."),
            reference=REFERENCE, effort="hours", cost="low",
            effort_cost_reason="a cloud backup target or rotated disks added to the backup job")]
    return []


#: collector -> where it looked for backup jobs on a host it read from the inside
_INSIDE = {"ssh": "the systemd timers or cron tables",
           "winrm": "Windows Server Backup (Get-WBSummary) or the Veeam event logs"}


def _inside(assets: list[Asset]) -> str:
    """What was looked at from the inside, so "none found" is not read as "not checked"."""
    said = []
    for collector, where in _INSIDE.items():
        read = [a for a in assets if collector in a.sources]
        if read:
            said.append(f"no backup job in {where} of {len(read)} host(s) read over "
                        f"{collector.upper() if collector == 'ssh' else 'WinRM'} "
                        f"({names_of(read)})")
    return "; ".join(said) or ("no host was read from the inside (--ssh-user would look for "
                               "backup timers and cron jobs on Linux hosts, --winrm-user for "
                               "Windows Server Backup and Veeam on Windows hosts)")


def _recorded_only(ctx: Context, assets: list[Asset],
                   recorded: list[tuple[Asset, PersonEntry]]) -> Finding:
    """A person says there is a backup; no scan saw one.  Neither is dismissed."""
    lines = [f"{who(a)}: '{clean(p.backup_text(), 160)}' written under Backup method in "
             f"{clean(p.source, 60)} by a person; no scan verified it" for a, p in recorded]
    lines += [f"Backups sheet row '{clean(b.backup_id, 60)}': '{clean(b.text(), 200)}' added "
              "by a person; no scan verified it" for b in ctx.recorded_backups]
    hosts = _hosts(ctx, [b.host for b in ctx.recorded_backups])
    return Finding(
        id="DRS-008", rule="no-backup", severity="medium",
        title="Backup recorded by a person, not verified by a scan",
        asset_ids=sorted({a.id for a, _ in recorded} | hosts),
        evidence=[*lines, f"no asset with role 'backup' among {len(assets)} assets",
                  "no [[backup]] declared in the site file", _inside(assets)],
        recommendation=("Test a restore from it and write the date under Last restore test; "
                        "let drscout read the backup host (--ssh-user, --winrm-user) or "
                        "declare it under [[backup]] in site.toml so the next scan checks it; "
                        "make sure every server, not only the ones listed, is covered."),
        reference=REFERENCE, effort="hours", cost="none",
        effort_cost_reason="a test restore and a line in site.toml; no purchase")


def _hosts(ctx: Context, refs: list[str]) -> set[str]:
    """Asset ids of the hosts a person named on their Backups rows (name, host name or
    address, as the site file's references resolve); unknown names are left out."""
    resolve = Resolver(list(ctx.assets.values())).asset
    return {x for ref in refs if ref and (x := resolve(ref)) is not None}
