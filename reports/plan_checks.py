"""Plan checks: where what people wrote in the worksheet no longer holds after a rescan.

Each check is one small function over the assessment and the filled worksheet,
returning :class:`PlanCheck` records; the worksheet shows them next to the
person's entries (never instead of them).  Tiers: 1 = recover first.  An
asset's effective tier is the person's approved tier, or drscout's suggestion
when none was approved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from analysis.backups import backup_age, hours_text, scan_time
from analysis.model import Assessment, Priority
from reports.durations import hours, show
from reports.filled import FilledWorksheet
from reports.plan_conflicts import CHECK, site_conflicts, site_owners
from reports.rows import names
from scanner.inventory.model import BackupJob


@dataclass(frozen=True)
class PlanCheck:
    asset_id: str
    check: str
    message: str


@dataclass(frozen=True)
class _Context:
    assessment: Assessment
    filled: FilledWorksheet
    names: dict[str, str]

    def person(self, sheet: str, asset_id: str, header: str) -> str:
        row = self.filled.row(sheet, asset_id)
        return row.text(header) if row else ""

    @cached_property
    def site_owners(self) -> dict[str, str]:
        """asset id -> the owner the site file names (computed once per worksheet)."""
        return site_owners(self.assessment)

    @cached_property
    def dependents(self) -> dict[str, list[Priority]]:
        """asset id -> the priorities that depend on it, built once: asking every
        priority per approved tier was quadratic (10k approved tiers: minutes)."""
        out: dict[str, list[Priority]] = {}
        for other in self.assessment.priorities:
            for need in dict.fromkeys(other.depends_on):
                out.setdefault(need, []).append(other)
        return out

    def approved(self, asset_id: str) -> int | None:
        text = self.person("Priorities", asset_id, "Approved tier")
        try:
            tier = int(float(text))
        except ValueError:
            return None
        return tier if 1 <= tier <= 4 else None

    def tier(self, priority: Priority) -> int:
        return self.approved(priority.asset_id) or priority.suggested_tier

    def backup_detected(self) -> bool:
        return self._any_backup

    @cached_property
    def _any_backup(self) -> bool:
        """Asked once per priority with an RPO: computed once, not once per row."""
        return any("backup" in a.roles or a.backups for a in self.assessment.inventory.assets)

    @cached_property
    def _jobs(self) -> dict[str, list[BackupJob]]:
        return {a.id: a.backups for a in self.assessment.inventory.assets if a.backups}

    def newest_backup(self, asset_id: str) -> tuple[float, str] | None:
        """(age in hours at the scan, which job and stamp) of the freshest backup job
        read on the asset; None when it has none with a known stamp."""
        at = scan_time(self.assessment.inventory)
        ages = []
        for job in self._jobs.get(asset_id, ()):
            age = backup_age(job, at)
            if age.hours is not None:
                ages.append((age.hours, f"{job.tool} job {job.name}, {age.basis}"))
        return min(ages) if ages else None


def _rto_above_mtd(ctx: _Context, p: Priority) -> list[str]:
    return rto_mtd(ctx.person("Priorities", p.asset_id, "RTO"),
                   ctx.person("Priorities", p.asset_id, "MTD"))


def rto_mtd(rto_text: str, mtd_text: str) -> list[str]:
    """An RTO longer than the MTD, or either unreadable as a duration."""
    rto, mtd = hours(rto_text), hours(mtd_text)
    if rto is not None and mtd is not None and rto > mtd:
        return [f"RTO {rto_text} is longer than the MTD {mtd_text}: the plan accepts an outage "
                f"the business said it cannot survive."]
    return [f"cannot read {label} '{text}' as a duration (e.g. 4h, 2d)"
            for label, text, value in (("RTO", rto_text, rto), ("MTD", mtd_text, mtd))
            if text and value is None]


def _rpo_unmet(ctx: _Context, p: Priority) -> list[str]:
    rpo_text = ctx.person("Priorities", p.asset_id, "RPO")
    rpo = hours(rpo_text)
    if rpo is None:
        return [f"cannot read RPO '{rpo_text}' as a duration"] if rpo_text else []
    method = ctx.person("Assets", p.asset_id, "Backup method").lower()
    frequency_text = ctx.person("Assets", p.asset_id, "Backup frequency")
    frequency = hours(frequency_text)
    if method in ("", "none", "no") and not ctx.backup_detected():
        return [f"RPO {rpo_text} but no backup was detected on the network and none is "
                f"written under Backup method."]
    if frequency is not None and frequency > rpo:
        return [f"RPO {rpo_text} but backups run every {show(frequency)} "
                f"({frequency_text}): up to {show(frequency)} of data can be lost."]
    newest = ctx.newest_backup(p.asset_id)
    if newest is not None and newest[0] > rpo:
        return [f"RPO {rpo_text} but its newest backup ({newest[1]}) is {hours_text(newest[0])} "
                "old at the scan."]
    return []


def _tier1_spof(ctx: _Context, p: Priority) -> list[str]:
    if ctx.tier(p) != 1 or not p.spofs_on_path:
        return []
    spofs = ", ".join(ctx.names.get(s, s) for s in p.spofs_on_path)
    return [f"tier 1 but single points of failure lie on its path: {spofs}."]


def _tier1_owner(ctx: _Context, p: Priority) -> list[str]:
    if ctx.tier(p) != 1 or ctx.person("Assets", p.asset_id, "Owner") \
            or p.asset_id in ctx.site_owners:
        return []
    return ["tier 1 but nobody is named under Owner."]


def _tier_below_dependents(ctx: _Context, p: Priority) -> list[str]:
    mine = ctx.approved(p.asset_id)
    if mine is None:
        return []
    higher = [(ctx.tier(other), other.name) for other in ctx.dependents.get(p.asset_id, ())
              if ctx.tier(other) < mine]
    return [f"approved tier {mine} but {name} (tier {tier}) depends on it: it must be "
            f"recovered first." for tier, name in sorted(higher)]


CHECKS: tuple[tuple[str, Callable[[_Context, Priority], list[str]]], ...] = (
    ("rto-above-mtd", _rto_above_mtd),
    ("rpo-unmet", _rpo_unmet),
    ("tier1-spof", _tier1_spof),
    ("tier1-no-owner", _tier1_owner),
    ("tier-below-dependents", _tier_below_dependents),
)


def plan_checks(assessment: Assessment, filled: FilledWorksheet | None) -> list[PlanCheck]:
    """Every check on every priority row.  Without a filled worksheet (the first one)
    the checks run against empty person columns: the first worksheet already shows
    what an unchanged copy fed back would say (a tier-1 asset with no owner, or with a
    SPOF on its path), so feeding it back adds nothing."""
    ctx = _Context(assessment, filled or FilledWorksheet({}), names(assessment))
    return [PlanCheck(p.asset_id, check, message)
            for p in assessment.priorities
            for check, func in CHECKS
            for message in func(ctx, p)] + process_checks(assessment, filled) \
        + _conflicts(assessment, ctx.filled)


def _conflicts(assessment: Assessment, filled: FilledWorksheet) -> list[PlanCheck]:
    """Where the site file and the worksheet disagree (reports.plan_conflicts)."""
    return [PlanCheck(subject, CHECK, text) for subject, text in site_conflicts(assessment,
                                                                              filled)]


def process_checks(assessment: Assessment, filled: FilledWorksheet | None) -> list[PlanCheck]:
    """The Business processes sheet's RTO against its MTD (keyed on the process id, which
    the Plan checks sheet shows by name)."""
    if filled is None:
        return []
    out = []
    for process in assessment.processes:
        row = filled.row("Business processes", process.name)
        if row is None:
            continue
        out += [PlanCheck(process.id, "process-rto-above-mtd", message)
                for message in rto_mtd(row.text("RTO"), row.text("MTD"))]
    return out


def by_asset(checks: list[PlanCheck]) -> dict[str, str]:
    """asset id -> the checks' messages as one cell of text."""
    table: dict[str, list[str]] = {}
    for check in checks:
        table.setdefault(check.asset_id, []).append(check.message)
    return {asset_id: "\n".join(lines) for asset_id, lines in table.items()}
