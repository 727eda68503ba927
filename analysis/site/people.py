"""What people wrote in the worksheet, as the analysis sees it.

The worksheet is for people (owners, MTD/RTO/RPO, approved tiers, how something is
backed up); the site file is for declarations (processes, dependencies, backups,
replicas).  A person's entry is evidence of a different kind from a scan fact: it
is never written into the Inventory, it travels beside it in the Assessment
(``Assessment.people``) and every output that shows it says it came from a person.

Reading the workbook is the reports layer's job (:mod:`reports.filled`); this
module holds only the plain result, matched to asset ids, so that the rules
(DRS-008 reads the recorded backups) and the renderers share one copy.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

#: what a person writes under "Backup method" to say there is none
NO_BACKUP_WORDS = frozenset({"none", "no", "n/a", "na", "-", "nothing", "no backup"})


class PersonEntry(BaseModel):
    """One asset's row of the worksheet as a person filled it (text as typed,
    trimmed; empty when left blank)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    asset_id: str
    owner: str = ""
    business_function: str = ""
    vendor_support: str = ""
    warranty_expiry: str = ""
    backup_method: str = ""
    backup_frequency: str = ""
    backup_offsite: str = ""
    business_process: str = ""
    mtd: str = ""
    rto: str = ""
    rpo: str = ""
    #: 1..4 when the person wrote a readable tier, else None
    approved_tier: int | None = None
    manual_workaround: str = ""
    #: where it was read, e.g. "worksheet.xlsx" (the file name only)
    source: str = "worksheet"

    @property
    def backup_recorded(self) -> bool:
        """A backup method written down that is not a way of saying "none"."""
        method = self.backup_method.strip().lower()
        return bool(method) and method not in NO_BACKUP_WORDS

    def backup_text(self) -> str:
        """"Veeam to NAS, daily, offsite: yes" from the three backup columns."""
        parts = [self.backup_method]
        if self.backup_frequency:
            parts.append(self.backup_frequency)
        if self.backup_offsite:
            parts.append(f"offsite: {self.backup_offsite}")
        return ", ".join(p for p in parts if p)

    @property
    def empty(self) -> bool:
        return not any(v for k, v in self.model_dump().items()
                       if k not in ("asset_id", "source"))


class ProcessEntry(BaseModel):
    """One row of the worksheet's Business processes sheet as a person filled it.
    ``criticality`` is what the sheet held when read back (drscout writes it; a person
    may have changed it): a change that disagrees with the site file is a plan check."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    criticality: str = ""
    owner: str = ""
    mtd: str = ""
    rto: str = ""
    rpo: str = ""
    manual_workaround: str = ""


class RecordedBackup(BaseModel):
    """A row a person added to the worksheet's Backups sheet for a backup no scan read
    (a NAS job, a cloud backup, a USB disk rotated by hand)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    backup_id: str
    host: str = ""
    tool: str = ""
    job: str = ""
    schedule: str = ""
    destination: str = ""
    retention: str = ""
    offsite: str = ""
    last_restore_test: str = ""

    def text(self) -> str:
        """"Veeam on files to NAS, daily, kept 30 days, offsite: no, restore tested 2026-05-02"."""
        what = " ".join(x for x in (self.tool or self.job or self.backup_id,
                                    f"on {self.host}" if self.host else "",
                                    f"to {self.destination}" if self.destination else "") if x)
        parts = [what, self.schedule,
                 f"kept {self.retention}" if self.retention else "",
                 f"offsite: {self.offsite}" if self.offsite else "",
                 f"restore tested {self.last_restore_test}" if self.last_restore_test else ""]
        return ", ".join(p for p in parts if p)


class People(BaseModel):
    """Everything people wrote in one worksheet, and which file it was."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str = ""
    assets: list[PersonEntry] = []
    processes: list[ProcessEntry] = []
    #: backups a person added to the Backups sheet (none a scan read)
    backups: list[RecordedBackup] = []

    def asset(self, asset_id: str) -> PersonEntry | None:
        return next((e for e in self.assets if e.asset_id == asset_id), None)

    def process(self, name: str) -> ProcessEntry | None:
        wanted = name.strip().lower()
        return next((e for e in self.processes if e.name.strip().lower() == wanted), None)


def by_asset(entries: list[PersonEntry]) -> dict[str, PersonEntry]:
    return {e.asset_id: e for e in entries}
