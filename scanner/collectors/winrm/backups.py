"""Backup jobs a Windows host runs itself: Windows Server Backup and Veeam.

Windows Server Backup: ``Get-WBSummary`` (``LastSuccessfulBackupTime``,
``LastBackupTime``, ``LastBackupResultHR``, ``NextBackupTime``) and the times of day of
``Get-WBSchedule`` on the ``Get-WBPolicy`` policy.  Veeam (Agent for Windows or Backup &
Replication): the "job finished" events (event ID 190) of the ``Veeam Agent`` and
``Veeam Backup`` event logs, whose message names the job and its result (Success,
Warning, Failed).  The event log was chosen over the Veeam PowerShell module because it
exists for the Agent too (which has no job cmdlets) and needs no module loaded.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from scanner.collectors.snmp.values import text
from scanner.inventory.model import BackupJob

COLLECTOR = "winrm"
_MS_DATE = re.compile(r"^/Date\((-?\d+)([+-]\d{4})?\)/$")
_VEEAM_JOB = re.compile(r"""['"\u2018\u2019\u201c\u201d]([^'"\u2018\u2019\u201c\u201d]{1,200})"""
                        r"""['"\u2018\u2019\u201c\u201d]""")
_VEEAM_RESULT = re.compile(r"\b(Success|Warning|Failed|Error)\b", re.IGNORECASE)
#: event Level (Windows: 2 error, 3 warning, 4 information) when the message names none
_LEVELS = {2: "failed", 3: "warning", 4: "success"}
#: Veeam results after which a restore point exists
_OK = ("success", "warning")


def when(value: Any) -> datetime | None:
    """A time as the script prints it (ISO 8601), or as ConvertTo-Json of PowerShell 5.1
    prints a raw DateTime (``/Date(ms)/``, or an object whose ``value`` is that)."""
    if isinstance(value, dict):
        value = value.get("value")
    if not isinstance(value, str) or not value.strip():
        return None
    raw = value.strip()
    ms = _MS_DATE.match(raw)
    try:
        if ms:
            stamp = datetime.fromtimestamp(int(ms.group(1)) / 1000, UTC)
        else:
            stamp = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except (ValueError, OverflowError, OSError):
        return None
    if stamp.year < 1980:  # Windows Server Backup says 1/1/0001 for "never"
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def seconds_since(then: datetime | None, snapshot: dict[str, Any]) -> int | None:
    now = when(snapshot.get("read_at")) or datetime.now(UTC)
    return int((now - then).total_seconds()) if then and then <= now else None


def _level(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _rows(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def server_backup(summary: Any, schedule: Any) -> list[BackupJob]:
    """One job for the Windows Server Backup policy, when a policy or a backup exists."""
    row = summary if isinstance(summary, dict) else {}
    times = [text(t, 10) for t in _rows(schedule) if isinstance(t, str) and text(t, 10)]
    last, ok = when(row.get("LastBackupTime")), when(row.get("LastSuccessfulBackupTime"))
    if not (times or last or ok):
        return []
    nxt = when(row.get("NextBackupTime"))
    result = row.get("LastBackupResultHR")
    parts = ["Get-WBSummary/Get-WBPolicy read over WinRM",
             f"last result HRESULT {result}" + (" (success)" if result == 0 else "")
             if isinstance(result, int) else "",
             f"next backup {nxt:%Y-%m-%d %H:%M} UTC" if nxt else "",
             "" if times else "no schedule in the backup policy"]
    return [BackupJob(tool="windows-server-backup", name="Windows Server Backup policy",
                      kind="windows-server-backup",
                      schedule=f"daily at {', '.join(times)}" if times else "",
                      last_run=last, last_success=ok, collector=COLLECTOR,
                      evidence=text("; ".join(p for p in parts if p), 400))]


def veeam(events: Any) -> list[BackupJob]:
    """One job per Veeam job name seen in the "job finished" events."""
    by_job: dict[str, list[tuple[datetime, str, str]]] = {}
    for event in _rows(events):
        if not isinstance(event, dict) or event.get("Id") != 190:
            continue
        message = text(event.get("Message"), 600)
        at = when(event.get("TimeCreated"))
        name = _VEEAM_JOB.search(message)
        result = _VEEAM_RESULT.search(message)
        if at and name:
            outcome = (result.group(1).lower() if result
                       else _LEVELS.get(_level(event.get("Level")), "unknown"))
            by_job.setdefault(text(name.group(1), 200), []).append(
                (at, outcome, text(event.get("LogName"), 40)))
    jobs = []
    for job, seen in sorted(by_job.items()):
        seen.sort(reverse=True)
        ok = next((at for at, outcome, _ in seen if outcome in _OK), None)
        log = seen[0][2] or "Veeam"
        jobs.append(BackupJob(
            tool="veeam", name=job, kind="veeam", last_run=seen[0][0], last_success=ok,
            collector=COLLECTOR,
            evidence=text(f"{len(seen)} 'job finished' event(s) (ID 190) in the {log} event "
                          f"log read over WinRM; last result {seen[0][1]}", 400)))
    return jobs


def jobs(snapshot: dict[str, Any], host: str) -> list[BackupJob]:
    return server_backup(snapshot.get("wbsummary"), snapshot.get("wbschedule")) + \
        veeam(snapshot.get("veeam"))
