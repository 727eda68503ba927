"""The plan as people wrote it, for the gap report (HTML and Markdown share these rows).

Owners, MTD/RTO/RPO, approved tiers and recorded backups come from the worksheet a
person filled (``Assessment.people``); they are shown as written, labelled as a
person's entries, beside drscout's suggestion where there is one, never mixed
into the scan's facts.  Rows hold raw text; each renderer escapes.
"""

from __future__ import annotations

from analysis.model import Assessment
from analysis.site.people import PersonEntry
from reports.rows import names, ordered_priorities

ASSET_HEADERS: tuple[str, ...] = ("Asset", "Owner", "What it is for", "Tier (approved / "
                                  "suggested)", "MTD", "RTO (suggested)", "RPO (suggested)",
                                  "Backup, as a person wrote it")
BACKUP_HEADERS: tuple[str, ...] = ("Backup a person added", "Host", "Tool or job", "Destination",
                                   "Schedule", "Retention", "Offsite copy",
                                   "Last restore test")
PROCESS_HEADERS: tuple[str, ...] = ("Process", "Criticality", "Owner", "MTD", "RTO", "RPO",
                                    "Manual workaround")


def intro(assessment: Assessment) -> str:
    """Where the entries come from, or why there are none."""
    people = assessment.people
    if not people.assets and not people.processes and not people.backups:
        return ("No filled worksheet was given: owners, MTD, RTO, RPO and approved tiers are "
                "for a person to write in worksheet.xlsx, then `drscout report "
                "inventory.json --worksheet worksheet.xlsx` brings them here.")
    return (f"What people wrote in {people.source or 'the worksheet'}, as written. These are "
            "a person's entries, not scan facts: drscout shows them and checks them against "
            "the scan (see Plan checks in the worksheet), but did not verify them.")


def _purpose(entry: PersonEntry) -> str:
    return "; ".join(x for x in (entry.business_function, entry.business_process) if x)


def _tier(entry: PersonEntry, suggested: int) -> str:
    approved = str(entry.approved_tier) if entry.approved_tier else "not approved"
    return f"{approved} / {suggested}"


def _with(value: str, suggestion: str) -> str:
    return f"{value or '-'} ({suggestion})" if suggestion else value


def asset_rows(assessment: Assessment) -> list[list[str]]:
    """Assets a person wrote something about, in recovery order."""
    entries = {e.asset_id: e for e in assessment.people.assets}
    table = names(assessment)
    rows = []
    for p in ordered_priorities(assessment):
        entry = entries.get(p.asset_id)
        if entry is None:
            continue
        rows.append([table.get(p.asset_id, p.name), entry.owner, _purpose(entry),
                     _tier(entry, p.suggested_tier), entry.mtd,
                     _with(entry.rto, p.suggested_rto), _with(entry.rpo, p.suggested_rpo),
                     entry.backup_text()])
    return rows


def process_rows(assessment: Assessment) -> list[list[str]]:
    """Each business process with what a person wrote about it on the Business processes
    sheet; the criticality is the analysis's (site file, or assumed)."""
    out = []
    for status in assessment.processes:
        entry = assessment.people.process(status.name)
        if entry is None:
            continue
        out.append([status.name, str(status.criticality), entry.owner, entry.mtd, entry.rto,
                    entry.rpo, entry.manual_workaround])
    return [r for r in out if any(r[2:])]


def backup_rows(assessment: Assessment) -> list[list[str]]:
    """Rows a person added to the Backups sheet for backups no scan read."""
    return [[b.backup_id, b.host, b.tool or b.job, b.destination, b.schedule, b.retention,
             b.offsite, b.last_restore_test] for b in assessment.people.backups]


def html_context(assessment: Assessment, limit: int) -> dict[str, object]:
    """What the gap report's template needs, each table cut at ``limit`` rows."""
    rows = asset_rows(assessment)
    more = len(rows) - limit
    return {"people_intro": intro(assessment), "people_asset_headers": ASSET_HEADERS,
            "people_assets": rows[:limit], "people_process_headers": PROCESS_HEADERS,
            "people_processes": process_rows(assessment),
            "people_backup_headers": BACKUP_HEADERS,
            "people_backups": backup_rows(assessment)[:limit],
            "people_more": (f"{more:,} more in priorities.csv and the workbook's Priorities "
                            "sheet") if more > 0 else ""}
