"""Backup schedules from the inside: systemd timers and cron entries that run a backup tool.

Read-only sources (see :mod:`.commands`): ``systemctl list-timers --output=json`` where
systemd runs; otherwise the timer unit files under /etc/systemd/system (their service's
``ExecStart=`` says which tool runs) and the stamp files systemd touches in
/var/lib/systemd/timers each time a persistent timer fires (its mtime is the last run);
/etc/crontab, /etc/cron.d/*, the login user's crontab, and the names of the scripts in
/etc/cron.{hourly,daily,weekly,monthly}.  Command lines themselves are never kept: they
carry repository passwords and keys.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from scanner.collectors.snmp.values import text
from scanner.collectors.ssh.software import backup_tool
from scanner.inventory.model import BackupJob

COLLECTOR = "ssh"
_HEADER = re.compile(r"^==> (.+) <==$")
_CRON_NAMED = re.compile(r"^@(reboot|yearly|annually|monthly|weekly|daily|midnight|hourly)\b")
_ENV_LINE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*\s*=")
#: distribution housekeeping that only backs up the package manager's own database
_HOUSEKEEPING = frozenset({"dpkg-db-backup.timer"})
_WANTS = "/timers.target.wants/"


def files(head_output: str) -> dict[str, str]:
    """``head -v`` output split into {path: content}."""
    out: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in head_output.splitlines():
        m = _HEADER.match(line)
        if m:
            current = out.setdefault(m.group(1), [])
        elif current is not None:
            current.append(line)
    return {path: "\n".join(lines) for path, lines in out.items()}


def unit_values(content: str) -> dict[str, list[str]]:
    """``Key=value`` lines of a unit file, "Section.Key" -> values in order."""
    section, values = "", {}  # type: ignore[var-annotated]
    for raw in content.splitlines():
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
        elif "=" in line and not line.startswith(("#", ";")):
            key, _, value = line.partition("=")
            values.setdefault(f"{section}.{key.strip()}", []).append(value.strip())
    return values


def _epoch(value: object, scale: float = 1.0) -> datetime | None:
    if not isinstance(value, int | float) or value <= 0:
        return None
    return datetime.fromtimestamp(value / scale, UTC)


def stamps(stat_output: str) -> dict[str, datetime]:
    """{timer unit: last trigger} from ``stat -c '%Y %n'`` of stamp-*.timer files."""
    out = {}
    for line in stat_output.splitlines():
        mtime, _, path = line.strip().partition(" ")
        name = path.rsplit("/", 1)[-1]
        if mtime.isdigit() and name.startswith("stamp-"):
            when = _epoch(int(mtime))
            if when:
                out[name.removeprefix("stamp-")] = when
    return out


def listed_timers(json_output: str) -> dict[str, tuple[str, datetime | None]]:
    """{timer: (service, last trigger)} from ``systemctl list-timers --output=json``."""
    try:
        rows = json.loads(json_output) if json_output.strip() else []
    except ValueError:
        return {}
    out = {}
    for row in rows if isinstance(rows, list) else []:
        if isinstance(row, dict) and isinstance(row.get("unit"), str):
            out[row["unit"]] = (str(row.get("activates") or ""), _epoch(row.get("last"), 1e6))
    return out


def _schedule(timer: dict[str, list[str]]) -> str:
    parts = [f"{v}" for v in timer.get("Timer.OnCalendar", [])]
    for key in ("OnBootSec", "OnStartupSec", "OnUnitActiveSec", "OnUnitInactiveSec",
                "OnActiveSec"):
        parts += [f"{key}={v}" for v in timer.get(f"Timer.{key}", [])]
    return "; ".join(parts)


def timer_jobs(unit_output: str, stamp_output: str, json_output: str) -> list[BackupJob]:
    """A job per timer whose service (or own name) runs a backup tool."""
    read = files(unit_output)
    units = {path.rsplit("/", 1)[-1]: unit_values(body) for path, body in read.items()}
    enabled = {path.rsplit("/", 1)[-1] for path in read if _WANTS in path}
    last = stamps(stamp_output)
    listed = listed_timers(json_output)
    jobs = []
    for name in sorted(set(units) | set(listed)):
        if not name.endswith(".timer") or name.endswith("@.timer") or name in _HOUSEKEEPING:
            continue  # templates never fire themselves; their instances are listed
        timer = units.get(name, {})
        service = (listed.get(name, ("", None))[0] or (timer.get("Timer.Unit") or [""])[0]
                   or name.removesuffix(".timer") + ".service")
        runs = " ".join(units.get(service, {}).get("Service.ExecStart", []))
        tool = backup_tool(runs) or backup_tool(f"{name} {service}")
        if tool is None:
            continue
        when = listed.get(name, ("", None))[1] or last.get(name)
        jobs.append(BackupJob(
            tool=tool, name=text(name, 200), kind="systemd-timer",
            schedule=text(_schedule(timer), 200), last_run=when, collector=COLLECTOR,
            evidence=text(f"systemd timer {name} starts {service}"
                          + (f" running {tool}" if runs else "")
                          + ("" if name in enabled or name in listed
                             else " (not enabled in timers.target.wants)")
                          + ("; last run from " + ("systemctl list-timers" if name in listed
                                                   else f"/var/lib/systemd/timers/stamp-{name}")
                             if when else "; never run (no stamp)"), 400)))
    return jobs


def _cron_line(line: str, with_user: bool) -> tuple[str, str] | None:
    """(schedule, command) of one crontab line; None for comments and variables."""
    line = line.strip()
    if not line or line.startswith("#") or _ENV_LINE.match(line):
        return None
    named = _CRON_NAMED.match(line)
    want = (2 if named else 6) + (1 if with_user else 0)
    fields = line.split(None, want - 1)
    if len(fields) < want:
        return None
    schedule = fields[0] if named else " ".join(fields[:5])
    return schedule, fields[-1]


def cron_jobs(crontab_files: str, user_crontab: str, periodic: str) -> list[BackupJob]:
    """Jobs from system crontabs (with a user column), the login user's crontab, and
    scripts in /etc/cron.{hourly,daily,weekly,monthly}."""
    sources = [(path, body, True) for path, body in files(crontab_files).items()]
    sources.append(("crontab -l", user_crontab, False))
    jobs = []
    for path, body, with_user in sources:
        for n, line in enumerate(body.splitlines(), 1):
            entry = _cron_line(line, with_user)
            tool = backup_tool(entry[1]) if entry else None
            if entry and tool:
                jobs.append(BackupJob(tool=tool, name=text(f"{path} line {n}", 200),
                                      kind="cron", schedule=text(entry[0], 100),
                                      collector=COLLECTOR,
                                      evidence=text(f"cron entry {path} line {n} runs {tool}",
                                                    400)))
    return jobs + _periodic(periodic)


def _periodic(listing: str) -> list[BackupJob]:
    """``ls -1`` of /etc/cron.{hourly,daily,weekly,monthly}: a script named for a backup."""
    jobs, folder = [], ""
    for line in listing.splitlines():
        line = line.strip()
        if line.endswith(":"):
            folder = line[:-1]
        elif line and folder and (tool := backup_tool(line)):
            period = folder.rsplit(".", 1)[-1]
            jobs.append(BackupJob(tool=tool, name=text(f"{folder}/{line}", 200), kind="cron",
                                  schedule=period, collector=COLLECTOR,
                                  evidence=text(f"script {line} in {folder} (run {period} by "
                                                f"cron/anacron)", 400)))
    return jobs
