"""The allow-list: every command the SSH collector may run on a host, and nothing else.

Each entry is a constant string written here; no part of any command is ever built
from what a device said (a host name, a file name, a package name), so a hostile host
cannot make drscout run anything else.  Every command only reads: files under /etc,
/proc and /var/lib/systemd, and the listing commands of the tools themselves.  Globs
(``/etc/cron.d/*``) are constants the remote shell expands.  ``LC_ALL=C`` keeps the
output in the format the parsers know.  Alternatives are tried in order when the
first one is not installed (exit status 127).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    """A named read-only command; ``alternatives`` run when the one before is missing."""

    name: str
    alternatives: tuple[str, ...]
    #: what the report says when no alternative could run
    what: str


def _c(name: str, what: str, *alternatives: str) -> Command:
    return Command(name, tuple(f"LC_ALL=C {a}" for a in alternatives), what)


ALLOWED: tuple[Command, ...] = (
    _c("hostname", "host name", "hostname", "uname -n"),
    _c("os_release", "OS release", "cat /etc/os-release", "cat /usr/lib/os-release"),
    _c("kernel", "kernel", "uname -sr"),
    _c("uptime", "uptime", "cat /proc/uptime"),
    _c("cpus", "CPU count", "nproc"),
    _c("meminfo", "memory", "grep MemTotal /proc/meminfo"),
    _c("df", "filesystems", "df -PT -k"),
    _c("lsblk", "block devices", "lsblk -J -b -o NAME,TYPE,SIZE,MODEL,SERIAL"),
    _c("listening", "listening services", "ss -ltunpH", "netstat -ltunp"),
    _c("packages", "installed packages",
       r"dpkg-query -W -f='${Package}\t${Version}\t${db:Status-Abbrev}\n'",
       r"rpm -qa --qf '%{NAME}\t%{VERSION}-%{RELEASE}\tii\n'"),
    _c("crontab_files", "cron tables", "head -v -n 500 -- /etc/crontab /etc/cron.d/*"),
    _c("cron_periodic", "periodic cron scripts",
       "ls -1 /etc/cron.hourly /etc/cron.daily /etc/cron.weekly /etc/cron.monthly"),
    _c("user_crontab", "the login user's crontab", "crontab -l"),
    _c("timers_json", "systemd timers",
       "test -d /run/systemd/system && systemctl list-timers --all --output=json --no-pager"),
    _c("timer_units", "systemd timer units",
       "head -v -n 200 -- /etc/systemd/system/*.timer /etc/systemd/system/*.service "
       "/etc/systemd/system/timers.target.wants/*.timer"),
    _c("timer_stamps", "systemd timer stamps",
       "stat -c '%Y %n' /var/lib/systemd/timers/stamp-*.timer"),
    _c("docker", "docker containers", "docker ps --all --no-trunc --format '{{json .}}'"),
)

BY_NAME: dict[str, Command] = {c.name: c for c in ALLOWED}

#: exit status of a shell that could not find the program
NOT_FOUND = 127
