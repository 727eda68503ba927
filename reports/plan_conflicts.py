"""Plan check ``site-vs-worksheet``: where the site file and the worksheet disagree.

The worksheet is for people (owners, MTD/RTO/RPO, approved tiers); the site file is
for declarations (processes, their criticality and rpo_hours, asset overrides).
Where both speak of one thing and differ, drscout does not pick one silently: the
analysis uses the site file's declaration, the worksheet keeps the person's words,
and this check names both so that someone corrects one of them.
"""

from __future__ import annotations

from analysis.model import Assessment, ProcessStatus
from analysis.site.people import People
from reports.durations import hours, show
from reports.filled import FilledWorksheet
from reports.people import people as read_people
from reports.people import tier

CHECK = "site-vs-worksheet"


def site_conflicts(assessment: Assessment, filled: FilledWorksheet) -> list[tuple[str, str]]:
    """(asset or process id, message) for every disagreement."""
    people = read_people(filled, assessment.inventory)
    return [*_asset_conflicts(assessment, people), *_process_conflicts(assessment, people)]


def site_owners(assessment: Assessment) -> dict[str, str]:
    """asset id -> the owner an ``[assets."…"]`` override names (its provenance fact)."""
    return {a.id: f.value for a in assessment.inventory.assets for f in a.provenance
            if f.field == "owner" and f.collector == "site"}


def _asset_conflicts(assessment: Assessment, people: People) -> list[tuple[str, str]]:
    site_tier = {p.asset_id: p.site_tier for p in assessment.priorities if p.site_tier}
    site_owner = site_owners(assessment)
    out = []
    for entry in people.assets:
        declared = site_tier.get(entry.asset_id)
        if declared and entry.approved_tier and declared != entry.approved_tier:
            out.append((entry.asset_id, f"the site file sets tier {declared}, the worksheet's "
                        f"Approved tier says {entry.approved_tier}: recovery is ordered by "
                        "the site file's; correct one of them."))
        owner = site_owner.get(entry.asset_id, "")
        if owner and entry.owner and owner.strip().lower() != entry.owner.strip().lower():
            out.append((entry.asset_id, f"the site file names owner '{owner}', the "
                        f"worksheet's Owner says '{entry.owner}'."))
    return out


def _process_conflicts(assessment: Assessment, people: People) -> list[tuple[str, str]]:
    out = []
    declared = [p for p in assessment.processes if not p.assumed]
    for status in declared:
        entry = people.process(status.name)
        if entry is not None:
            written = tier(entry.criticality)
            if written and written != status.criticality:
                out.append((status.id, f"the site file gives {status.name} criticality "
                            f"{status.criticality}, the worksheet says {written}: the "
                            "analysis uses the site file's; correct one of them."))
            out += _rpo(status, entry.rpo, "the worksheet's Business processes sheet")
        for asset in people.assets:
            if asset.business_process.strip().lower() == status.name.strip().lower():
                out += [(asset.asset_id, text) for _, text in _rpo(
                    status, asset.rpo, f"the worksheet's RPO for an asset of {status.name}")]
    return out


def _rpo(status: ProcessStatus, written: str, where: str) -> list[tuple[str, str]]:
    """A person's RPO looser than the site file's rpo_hours for the same process."""
    value = hours(written)
    if status.rpo_hours is None or value is None or value <= status.rpo_hours:
        return []
    return [(status.id, f"the site file says {status.name} may lose at most "
             f"{show(status.rpo_hours)} of data (rpo_hours), {where} says RPO {written}: "
             "backups are checked against the site file's (DRS-012).")]
