"""Which installed packages matter for a DR plan: backup tools, databases, hypervisors,
container runtimes, and a graphical desktop (a seat, not a server).  Everything else a
host has installed is left out (a Debian server has ~500 packages; the workbook needs the
dozen that hold or protect data).

Patterns are matched against the package NAME only, in Python: no device text ever
reaches a command line.
"""

from __future__ import annotations

import re

#: (package-name pattern, what it is); first match wins
INTEREST: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), kind) for p, kind in (
        (r"^(restic|borgbackup|borgmatic|duplicity|duplicati|rsnapshot|rdiff-backup|kopia|"
         r"burp|burp-server|duplicacy|backuppc|timeshift|amanda-(server|client))$", "backup"),
        (r"^(bacula|bareos)(-(director|sd|fd|client|storage|filedaemon|server|common))?"
         r"(-[a-z]+)?$", "backup"),
        (r"^urbackup-(server|client)$|^urbackup$", "backup"),
        (r"^veeam(snap)?$|^blksnap$|^veeam-release", "backup"),
        (r"^proxmox-backup-(server|client)$", "backup"),
        (r"^postgresql(-\d+)?$|^postgresql-server$", "database"),
        (r"^(mysql|mariadb|percona-server)-server(-[\d.]+)?$|^mariadb$|^mysql$", "database"),
        (r"^(mongodb-org-server|mongodb-server|mongodb|redis-server|redis|couchdb|"
         r"influxdb2?|elasticsearch|opensearch|mssql-server|firebird[\d.]*-server|"
         r"clickhouse-server|cassandra)$", "database"),
        (r"^(qemu-kvm|qemu-system-x86|qemu-system-x86_64|qemu-system-arm|libvirt-daemon|"
         r"libvirt-daemon-system|libvirt|pve-manager|proxmox-ve|xen-hypervisor[\w.-]*|"
         r"xen|virtualbox(-[\d.]+)?|VirtualBox(-[\d.]+)?|vmware-workstation|"
         r"vmware-player)$", "hypervisor"),
        (r"^(docker-ce|docker\.io|docker-engine|docker|podman|containerd\.io|lxc|lxd|"
         r"incus)$", "container-runtime"),
        (r"^(xserver-xorg-core|xorg-x11-server-Xorg|xwayland|gnome-shell|plasma-desktop|"
         r"plasma-workspace|xfce4-session|cinnamon|mate-session-manager|lxqt-session)$",
         "desktop"),
    ))


def interest(package: str) -> str | None:
    """What kind of package of interest ``package`` is, or None."""
    return next((kind for pattern, kind in INTEREST if pattern.match(package)), None)


#: backup tool names as they appear in a command line or a unit name, most specific first
TOOLS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"(?<![\w-]){p}(?![\w])", re.IGNORECASE), tool) for p, tool in (
        (r"borgmatic", "borgmatic"), (r"borg", "borg"), (r"restic", "restic"),
        (r"duplicity", "duplicity"), (r"duplicati(-cli)?", "duplicati"),
        (r"rsnapshot", "rsnapshot"), (r"rdiff-backup", "rdiff-backup"), (r"kopia", "kopia"),
        (r"bacula(-fd|-dir)?|bconsole", "bacula"), (r"bareos(-fd|-dir)?", "bareos"),
        (r"urbackup\w*", "urbackup"), (r"veeamconfig|veeam", "veeam"),
        (r"proxmox-backup-client|vzdump", "proxmox-backup"), (r"duplicacy", "duplicacy"),
        (r"burp", "burp"), (r"pg_dump(all)?|mysqldump|mariadb-dump", "database dump"),
    ))
_GENERIC = re.compile(r"backup", re.IGNORECASE)


def backup_tool(text: str) -> str | None:
    """The backup tool a command line, unit or file name runs; "backup" when only a name
    says so (``nightly-backup.sh``); None when nothing does."""
    found = next((tool for pattern, tool in TOOLS if pattern.search(text)), None)
    if found:
        return found
    return "backup" if _GENERIC.search(text) else None
