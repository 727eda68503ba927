"""How old a host's backup is: one answer for the RPO rule (DRS-012), the gap report
and the worksheet, so they cannot disagree about which stamp counts or the age.

The last *success* counts.  Where the tool does not say (a systemd timer's stamp
records when the job started, not how it ended) the last *run* stands in, and the
wording says so: a job that runs nightly and fails nightly looks fresh by its run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from scanner.inventory.model import BackupJob, Inventory


@dataclass(frozen=True)
class BackupAge:
    """The stamp a job is judged by, which stamp it is, and its age at the scan."""

    stamp: datetime | None
    #: "last success", "last run (success unknown)" or "never seen to run"
    basis: str
    hours: float | None


def scan_time(inventory: Inventory) -> datetime | None:
    """Ages are measured at the scan, not at report time: a report rendered a week
    later must not age every backup by a week."""
    return inventory.scan.finished or inventory.scan.started


def backup_age(job: BackupJob, at: datetime | None) -> BackupAge:
    stamp, basis = ((job.last_success, "last success") if job.last_success
                    else (job.last_run, "last run (success unknown)") if job.last_run
                    else (None, "never seen to run"))
    if stamp is None or at is None:
        return BackupAge(stamp, basis, None)
    if stamp.tzinfo is None or at.tzinfo is None:  # naive stamps: compare as written
        stamp, at = stamp.replace(tzinfo=None), at.replace(tzinfo=None)
    return BackupAge(stamp, basis, max((at - stamp).total_seconds() / 3600, 0.0))


def hours_text(hours: float | None) -> str:
    """"5.5 h", "50 h (2.1 days)": hours to compare with an RPO, days to read; "" when
    unknown."""
    if hours is None:
        return ""
    if hours < 48:
        return f"{hours:.1f} h"
    return f"{hours:.0f} h ({hours / 24:.1f} days)"


def stamp_text(stamp: datetime | None) -> str:
    return stamp.strftime("%Y-%m-%d %H:%M %Z").strip() if stamp else ""
