"""The worksheet's read-only sheets: Backups, Dependencies, Findings, SPOFs, Recovery
order, Coverage and Plan checks.  Columns and rows as plain values; the writer escapes."""

from __future__ import annotations

from analysis.model import SEVERITIES, Assessment
from reports.backups import checked_lines, job_rows
from reports.columns import Column
from reports.coverage import collector_coverage, group_gaps
from reports.plan_checks import PlanCheck
from reports.rows import Cell, names, ordered_priorities

FINDING_COLUMNS = (
    Column("Severity", 9, ", ".join(SEVERITIES[:-1]) + f" or {SEVERITIES[-1]}."),
    Column("Finding", 30, "What drscout found."),
    Column("Assets", 20, "Assets concerned."),
    Column("Evidence", 36, "What the finding rests on."),
    Column("Recommendation", 36, "What to do about it."),
    Column("Effort", 8, "The work to fix it: minutes (a setting), hours (an install), "
                         "days (a project)."),
    Column("Cost", 6, "What the fix costs to buy: none, low (a part, a licence), high "
                      "(hardware, a line, a contract)."),
    Column("Effort and cost: why", 22, "What the bands rest on."),
)
SPOF_COLUMNS = (
    Column("Single point of failure", 22, "Asset, link, role or datastore with no alternative."),
    Column("Reason", 32, "Why nothing else can take over."),
    Column("Processes stopped", 10, "How many business processes stop when it fails."),
    Column("Workloads stopped", 10, "How many servers, VMs, NAS and service appliances stop."),
    Column("Seats cut off", 12, "Workstations, phones and printers cut off, and their share "
           "of all seats."),
    Column("Processes", 20, "Business processes it takes down."),
    Column("Workloads", 24, "The workloads that stop with it."),
    Column("Blast radius", 30, "Everything that stops when it stops."),
)
DEPENDENCY_COLUMNS = (
    Column("Needs", 26, "The thing that needs something (asset, process, role)."),
    Column("Needed", 26, "What it needs to work."),
    Column("Kind", 12, "power, network, compute, storage, service or process."),
    Column("Evidence", 50, "What the dependency rests on."),
    Column("Confidence", 10, "1 = observed directly; lower = inferred."),
)
RECOVERY_COLUMNS = (
    Column("Wave", 8, "Assets in one wave can be restored in parallel, after the wave before."),
    Column("Order", 8, "Position within the wave."),
    Column("Asset", 26, "What to restore."),
    Column("Needs first", 40, "What must run before it."),
    Column("Suggested tier", 10, "drscout's suggestion: 1 = recover first."),
)
COVERAGE_COLUMNS = (
    Column("Item", 26, "What this row describes."),
    Column("Value", 60, "What was (or was not) scanned."),
    Column("Targets", 60, "Targets concerned, in address order."),
)
CHECK_COLUMNS = (
    Column("Asset", 26, "Asset (or business process) whose plan entry does not hold."),
    Column("Check", 22, "Which plan check fired."),
    Column("Problem", 80, "What no longer holds, in words."),
)


def finding_rows(assessment: Assessment) -> list[list[Cell]]:
    table = names(assessment)
    return [[f.severity, f.title, ", ".join(table.get(i, i) for i in f.asset_ids),
             "\n".join(f.evidence), f.recommendation, f.effort, f.cost, f.effort_cost_reason]
            for f in assessment.findings]


def spof_rows(assessment: Assessment) -> list[list[Cell]]:
    table = names(assessment)
    return [[s.label, s.reason, s.impact.processes, s.impact.workloads, s.impact.seats_text(),
             ", ".join(s.processes), ", ".join(table.get(i, i) for i in s.workloads),
             ", ".join(table.get(i, i) for i in s.blast_radius)] for s in assessment.spofs]


def dependency_rows(assessment: Assessment) -> list[list[Cell]]:
    table = names(assessment)
    return [[table.get(e.source, e.source), table.get(e.target, e.target), e.kind, e.evidence,
             f"{e.confidence:g}"] for e in assessment.graph.edges]


def recovery_rows(assessment: Assessment) -> list[list[Cell]]:
    table = names(assessment)
    return [[p.recovery_wave, p.recovery_order, p.name,
             ", ".join(table.get(i, i) for i in p.depends_on), p.suggested_tier]
            for p in ordered_priorities(assessment)]


def coverage_rows(assessment: Assessment) -> list[list[Cell]]:
    inv = assessment.inventory
    scan = inv.scan
    rows: list[list[Cell]] = [
        ["Targets scanned", ", ".join(scan.targets) or "none", ""],
        ["Excluded", ", ".join(scan.excluded) or "none", ""],
        ["Profile", scan.profile, ""],
        ["Ran as root", "yes" if scan.as_root else "no (some detection needs root)", ""],
        ["Interrupted", "yes: results are incomplete" if scan.interrupted else "no", ""],
    ]
    rows += [[f"Collector {c.collector}", f"contributed to {c.assets} assets; "
              f"{c.gaps} targets it could not read", ""] for c in collector_coverage(inv)]
    rows += [[f"Gap: {g.collector} {g.reason}", f"{g.detail} ({g.count} targets)",
              g.targets_text(1_000)] for g in group_gaps(inv.gaps)]
    if not inv.gaps:
        rows.append(["Gaps", "none: every collector reached every target it tried", ""])
    return rows


def check_rows(assessment: Assessment, checks: list[PlanCheck]) -> list[list[Cell]]:
    table = names(assessment)
    return [[table.get(c.asset_id, c.asset_id), c.check, c.message] for c in checks]


def backup_rows(assessment: Assessment) -> list[tuple[str, list[Cell]]]:
    """(Backup ID, row) per job found; none found: one row per thing checked (no
    Backup ID), so an empty sheet is never read as "nothing to worry about"."""
    jobs = job_rows(assessment)
    if jobs:
        return [(j.key, [j.key, j.host, j.tool, j.kind, j.name, j.schedule, j.last_run,
                         j.last_success, j.age, j.collector, j.evidence, "", "", "", ""])
                for j in jobs]
    return [("", ["", "(no backup job found)", "", "", "", "", "", "", "", "", line,
                  "", "", "", ""]) for line in checked_lines(assessment)]
