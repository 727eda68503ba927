"""DRS-012: a host a site-file process needs (``rpo_hours``) whose last backup is
older than that RPO, or on which no backup job was found at all.

Process needs resolve as the analysis resolves them: an asset, ``role:NAME`` (its
providers), ``service:NAME`` (the assets offering it) and another process's needs,
recursively.  A host counts as covered by a backup job read on it (SSH, WinRM) or by
a ``[[backup]]`` the site file declares for it; a host not read from the inside
could not be checked, and the evidence says so rather than calling it unprotected.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from analysis.backups import backup_age, hours_text, scan_time, stamp_text
from analysis.context import Context
from analysis.model import Finding, Severity
from analysis.processes import ProcessSpec
from analysis.rules._evidence import NIST_800_34, clean, names_of, who
from analysis.virtualization import find_asset, placements
from scanner.inventory.model import Asset, BackupJob

RULE_ID = "DRS-012"
REFERENCE = f"{NIST_800_34}; NIST SP 800-53 Rev. 5 CP-9 (system backup)"
_INSIDE = ("ssh", "winrm")


@dataclass(frozen=True)
class _Need:
    """The strictest RPO among the processes that need one host."""

    hours: float
    process: str
    criticality: int


def check(ctx: Context) -> list[Finding]:
    needs = _rpo_needs(ctx)
    if not needs or ctx.site is None:
        return []
    at = scan_time(ctx.inventory)
    declared = {s for b in ctx.site.backups for s in b.sources}
    carriers = _carriers(ctx)
    stale: list[Asset] = []
    missing: list[Asset] = []
    evidence: list[str] = []
    for asset_id, need in sorted(needs.items(), key=lambda kv: ctx.assets[kv[0]].name):
        asset = ctx.assets[asset_id]
        under = carriers.get(asset_id, [])
        kind, lines = _judge(ctx, asset, under, need, at, declared)
        if kind == "stale":
            stale.append(asset)
        elif kind == "missing":
            missing.append(asset)
        evidence += lines
    if not stale and not missing:
        return []
    return [_finding(ctx, needs, stale, missing, evidence)]


def _judge(ctx: Context, asset: Asset, under: list[tuple[Asset, str]], need: _Need,
           at: datetime | None, declared: set[str]) -> tuple[str | None, list[str]]:
    """("stale" | "missing" | None, evidence) for one needed host.  A VM with no job of
    its own is judged by the jobs of what holds it (its hypervisor host, the device under
    its datastore): an image-level backup there protects it too, and says so."""
    rpo = f"{need.process} needs it with an RPO of {need.hours:g} h"
    if asset.backups:
        lines = [_job_line(asset, j, need, at) for j in asset.backups]
        late = [f"{text}; {rpo}" for is_late, text in lines if is_late]
        return ("stale" if late else None), late
    held = [(c, how) for c, how in under if c.backups]
    if held:
        lines = [(is_late, f"{who(asset)} has no job of its own; {how} {text}")
                 for c, how in held for is_late, text in (_job_line(c, j, need, at)
                                                          for j in c.backups)]
        if all(is_late for is_late, _ in lines):
            return "stale", [f"{text}; {rpo}" for _, text in lines]
        return None, []
    if asset.id in declared or any(c.id in declared for c, _ in under):
        return None, []
    also = "".join(f"; {how} {_who_checked(c)}" for c, how in under)
    return "missing", [f"{who(asset)}: {_why_missing(asset)}{_recorded(ctx, asset.id)}{also}; "
                       f"{rpo}"]


def _who_checked(carrier: Asset) -> str:
    return f"{who(carrier)}: {_why_missing(carrier)}"


def _carriers(ctx: Context) -> dict[str, list[tuple[Asset, str]]]:
    """VM id -> [(host or storage device holding it, how to say so)], from the placements
    the dependency graph uses (runs_on, datastores)."""
    out: dict[str, list[tuple[Asset, str]]] = {}
    for place in placements(ctx):
        held: list[tuple[Asset, str]] = []
        if place.host is not None:
            held.append((place.host, "its host"))
        for ds in place.datastores:
            device = find_asset(ctx, ds.backing)
            if device is not None and device.id not in {c.id for c, _ in held}:
                held.append((device, f"the device under its datastore {clean(ds.name, 40)},"))
        if held:
            out[place.vm.id] = held
    return out


def _finding(ctx: Context, needs: dict[str, _Need], stale: list[Asset],
             missing: list[Asset], evidence: list[str]) -> Finding:
    if stale:
        top = min(needs[a.id].criticality for a in stale)
        title = f"Last backup older than the RPO on {names_of(stale)}"
        severity: Severity = "high" if top == 1 else "medium"
    else:
        title = f"No backup job found for {names_of(missing)}, which a process with an RPO needs"
        severity = "low"
    if stale and missing:
        title += f"; none found for {names_of(missing)}"
    return Finding(
        id=RULE_ID, rule="backup-rpo", severity=severity, title=title,
        asset_ids=sorted(a.id for a in stale + missing), evidence=evidence,
        recommendation=("Make the backup of each listed host succeed at least as often as "
                        "the RPO of the processes that need it, and alert when it fails; a "
                        "host backed up from elsewhere (a NAS or backup server pulling it) "
                        "goes under [[backup]] in site.toml."),
        reference=REFERENCE, effort="hours", cost="none",
        effort_cost_reason="a schedule change and a failure alert on the existing backup")


def _job_line(asset: Asset, job: BackupJob, need: _Need,
              at: datetime | None) -> tuple[bool, str]:
    """(older than the RPO, evidence); a job never seen to run counts as late."""
    age = backup_age(job, at)
    label = f"{who(asset)}: {clean(job.tool, 30)} job {clean(job.name, 60)}"
    if age.stamp is None:
        return True, f"{label}: {age.basis}"
    if age.hours is None:  # no scan time to measure against: not judged
        return False, f"{label}: {age.basis} {stamp_text(age.stamp)}"
    return age.hours > need.hours, (f"{label}: {age.basis} {stamp_text(age.stamp)}, "
                                    f"{hours_text(age.hours)} before the scan")


def _recorded(ctx: Context, asset_id: str) -> str:
    """What a person wrote under Backup method, said as theirs: it is not a job read."""
    entry = ctx.people.get(asset_id)
    if entry is None or not entry.backup_recorded:
        return ""
    return (f"; a person wrote '{clean(entry.backup_text(), 120)}' under Backup method in "
            f"{clean(entry.source, 60)}, not verified by a scan")


def _why_missing(asset: Asset) -> str:
    read = [c for c in _INSIDE if c in asset.sources]
    if read:
        return (f"no backup job found (read over {' and '.join(c.upper() for c in read)}) "
                "and none declared under [[backup]]")
    return ("not read from the inside (SSH, WinRM), so its backups could not be checked, "
            "and none declared under [[backup]]")


def _rpo_needs(ctx: Context) -> dict[str, _Need]:
    """host id -> the strictest RPO of the processes needing it."""
    specs = (ctx.site.processes if ctx.site else None) or []
    by_node = {s.node_id: s for s in specs}
    out: dict[str, _Need] = {}
    for spec in specs:
        if spec.rpo_hours is None:
            continue
        for asset_id in _assets_of(ctx, spec, by_node, set()):
            asset = ctx.assets.get(asset_id)
            if asset is None or asset.is_scanner:
                continue
            old = out.get(asset_id)
            if old is None or spec.rpo_hours < old.hours:
                out[asset_id] = _Need(spec.rpo_hours, spec.name, spec.criticality)
    return out


def _assets_of(ctx: Context, spec: ProcessSpec, by_node: dict[str, ProcessSpec],
               seen: set[str]) -> set[str]:
    seen.add(spec.node_id)
    services = ctx.site.services if ctx.site else {}
    found: set[str] = set()
    for node in spec.needs:
        if node in ctx.assets:
            found.add(node)
        elif node.startswith("role:"):
            found.update(ctx.providers.get(node[5:], []))
        elif node.startswith("service:"):
            found.update(services.get(node, []))
        elif node in by_node and node not in seen:
            found |= _assets_of(ctx, by_node[node], by_node, seen)
    return found
