"""Backup jobs read from the inside (SSH, WinRM), as rows every report shares: the
worksheet's Backups sheet and the gap report's "Backups found" list show the same
jobs with the same ages (:mod:`analysis.backups` decides which stamp counts).

Plain values only; each renderer escapes for its format.  When no job was found,
:func:`checked_lines` says what was looked at, so "none" is not read as "not checked".
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.backups import backup_age, hours_text, scan_time, stamp_text
from analysis.model import Assessment
from scanner.inventory.model import Asset

#: BackupJob.kind -> the words a person knows it by
KIND_TEXT = {"systemd-timer": "timer", "cron": "cron",
             "windows-server-backup": "Windows Server Backup", "veeam": "Veeam"}
#: collector -> where it looks for backup jobs on a host
INSIDE = {"ssh": ("SSH", "systemd timers and cron tables"),
          "winrm": ("WinRM", "Windows Server Backup and the Veeam event logs")}
#: the kinds of host whose backups matter and that an inside read could check
_HOSTS = frozenset({"server", "vm", "nas", "hypervisor"})


@dataclass(frozen=True)
class JobRow:
    #: asset id and job name: matches a person's row in the next worksheet
    key: str
    host: str
    tool: str
    kind: str
    name: str
    schedule: str
    last_run: str
    last_success: str
    #: age of the stamp the job is judged by, with that stamp named when it is not a success
    age: str
    collector: str
    evidence: str


def job_rows(assessment: Assessment) -> list[JobRow]:
    """Every job on every client asset, by host name then job name."""
    at = scan_time(assessment.inventory)
    rows = []
    for asset in _clients(assessment):
        for job in asset.backups:
            age = backup_age(job, at)
            age_text = hours_text(age.hours)
            if age_text and age.basis != "last success":
                age_text += f" since the {age.basis}"
            rows.append(JobRow(
                key=f"{asset.id}: {job.name}", host=asset.name, tool=job.tool,
                kind=KIND_TEXT.get(job.kind, job.kind),
                name=job.name, schedule=job.schedule, last_run=stamp_text(job.last_run),
                last_success=stamp_text(job.last_success) or "not reported",
                age=age_text or age.basis, collector=job.collector, evidence=job.evidence))
    return sorted(rows, key=lambda r: (r.host.lower(), r.name.lower()))


def checked_lines(assessment: Assessment) -> list[str]:
    """What the inside reads covered: per collector the hosts read, then the servers,
    VMs, NAS and hypervisors no one read, whose backups could not be checked."""
    clients = _clients(assessment)
    lines = []
    for collector, (label, where) in INSIDE.items():
        read = [a.name for a in clients if collector in a.sources]
        if read:
            lines.append(f"read over {label} ({where}): {', '.join(sorted(read))}")
    if not lines:
        lines.append("no host was read from the inside (--ssh-user looks for backup timers "
                     "and cron jobs, --winrm-user for Windows Server Backup and Veeam)")
    unread = sorted(a.name for a in clients if a.type in _HOSTS
                    and not any(c in a.sources for c in INSIDE))
    if unread:
        lines.append(f"not read from the inside, so their backups could not be checked: "
                     f"{', '.join(unread)}")
    return lines


def _clients(assessment: Assessment) -> list[Asset]:
    return sorted((a for a in assessment.inventory.assets if not a.is_scanner),
                  key=lambda a: (a.name.lower(), a.id))
