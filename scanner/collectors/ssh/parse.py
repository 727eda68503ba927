"""A host's SSH snapshot (:mod:`.api`) -> one sighting with facts read from the inside.

Pure: the same code runs on a live snapshot and on a recorded fixture.  Roles found
here (a database listening, a hypervisor installed) are role hints with confidence
0.95, above every port guess (0.9 at most), and their evidence says they were read on
the host over SSH.  A command that timed out, or an essential one that failed, becomes
a gap beside the partial result: a failure never reads as "nothing there".
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from scanner.collectors.snmp.values import text
from scanner.collectors.ssh import backups, system
from scanner.collectors.ssh.commands import BY_NAME
from scanner.inventory.model import AssetType, Gap, Hardware, SoftwareItem
from scanner.inventory.sighting import CollectorResult, Inference, RoleHint, Sighting

COLLECTOR = "ssh"
#: commands whose failure leaves a hole worth a gap (the others are often simply absent)
ESSENTIAL = ("os_release", "df", "listening", "packages")
#: listening program -> role it proves
_PROGRAM_ROLES = {"postgres": "database", "mysqld": "database", "mariadbd": "database",
                  "mongod": "database", "sqlservr": "database", "smbd": "file",
                  "nfsd": "file", "named": "dns", "unbound": "dns", "pdns_server": "dns",
                  "dnsmasq": "dns", "slapd": "directory", "samba": "directory",
                  "nginx": "web", "apache2": "web", "httpd": "web", "lighttpd": "web",
                  "caddy": "web", "master": "mail", "exim4": "mail", "dhcpd": "dhcp",
                  "kea-dhcp4": "dhcp", "bacula-dir": "backup", "bacula-sd": "backup",
                  "bareos-dir": "backup", "bareos-sd": "backup", "urbackupsrv": "backup",
                  "proxmox-backup-proxy": "backup", "libvirtd": "hypervisor",
                  "pveproxy": "hypervisor"}
#: programs whose role needs their well-known port (dnsmasq often serves DHCP only)
_ROLE_PORTS = {"dnsmasq": 53, "samba": 389, "dhcpd": 67, "kea-dhcp4": 67}
#: packages that make a machine a hypervisor host (VirtualBox or VMware Workstation on a
#: desktop are client hypervisors, and libvirt's libraries alone run no VM)
_HYPERVISOR_PACKAGES = frozenset({"pve-manager", "proxmox-ve", "qemu-kvm", "qemu-system-x86",
                                  "qemu-system-x86_64", "libvirt-daemon-system"})
_NAS_IDS = ("truenas", "openmediavault", "unraid", "synology", "qnap", "omv")


def out(snapshot: dict[str, Any], name: str) -> str:
    """A command's stdout when it ran (any exit status: ``head`` of a missing glob still
    prints the rest), else ""."""
    entry = snapshot.get("outputs", {}).get(name) or {}
    return str(entry.get("stdout") or "") if entry.get("exit_status") is not None else ""


def _gaps(snapshot: dict[str, Any], host: str) -> list[Gap]:
    gaps = []
    for name, entry in (snapshot.get("outputs") or {}).items():
        what = BY_NAME[name].what if name in BY_NAME else name
        if entry.get("error") == "timeout":
            gaps.append(Gap(target=host, collector=COLLECTOR, reason="timeout",
                            at=datetime.now(UTC),
                            detail=f"{what}: '{entry.get('command')}' did not finish in time"))
        elif name in ESSENTIAL and (entry.get("error") or
                                    (entry.get("exit_status") and not entry.get("stdout"))):
            why = entry.get("error") or text(entry.get("stderr"), 200) or \
                f"exit status {entry.get('exit_status')}"
            gaps.append(Gap(target=host, collector=COLLECTOR, reason="error", at=datetime.now(UTC),
                            detail=f"{what} not read: {why}"))
    return gaps


def _roles(sockets: list[tuple[system.Proto, int, str]], software: list[SoftwareItem],
           host: str) -> list[RoleHint]:
    hints: dict[str, RoleHint] = {}
    for proto, port, prog in sockets:
        role = _PROGRAM_ROLES.get(prog)
        if role and _ROLE_PORTS.get(prog, port) == port and role not in hints:
            hints[role] = RoleHint(role=role, confidence=0.95,
                                   evidence=f"{prog} listens on {port}/{proto} "
                                            f"(read on {host} over SSH)")
    desktop = any(i.type == "desktop" for i in software)
    for item in software:
        # on a graphical desktop, QEMU/libvirt are a client hypervisor (virt-manager, Boxes):
        # the package stays in the software list, the machine stays a seat
        if item.name in _HYPERVISOR_PACKAGES and "hypervisor" not in hints and not desktop:
            hints["hypervisor"] = RoleHint(role="hypervisor", confidence=0.95,
                                           evidence=f"package {item.name} {item.version} "
                                                    f"installed (read on {host} over SSH)")
    return list(hints.values())


def _type(release: dict[str, str], roles: list[RoleHint], software: list[SoftwareItem],
          read_packages: bool) -> tuple[AssetType | None, dict[str, Inference]]:
    """NAS system, hypervisor host, desktop (a seat) or server (a Linux host without a
    graphical desktop: a workload, even when it offers nothing but SSH)."""
    ident = f"{release.get('ID', '')} {release.get('NAME', '')}".lower()
    if any(n in ident for n in _NAS_IDS):
        return "nas", {"type": Inference(confidence=0.9,
                                         evidence=f"NAS system {release.get('NAME')}")}
    hyper = next((r for r in roles if r.role == "hypervisor"), None)
    if hyper:
        return "hypervisor", {"type": Inference(confidence=0.9, evidence=hyper.evidence)}
    desktop = next((i for i in software if i.type == "desktop"), None)
    if desktop:
        return "workstation", {"type": Inference(
            confidence=0.7, evidence=f"graphical desktop package {desktop.name} installed "
                                     f"(read over SSH)")}
    if read_packages and release:
        return "server", {"type": Inference(
            confidence=0.6, evidence=f"{release.get('NAME', 'Linux')} without a graphical "
                                     "desktop (package list read over SSH)")}
    return None, {}


def parse(snapshot: dict[str, Any]) -> CollectorResult:
    host = str(snapshot.get("host", ""))
    release = system.os_release(out(snapshot, "os_release"))
    sockets = system.listening(out(snapshot, "listening"))
    software, total = system.packages(out(snapshot, "packages"))
    software += system.containers(out(snapshot, "docker"))
    roles = _roles(sockets, software, host)
    kind, inferred = _type(release, roles, software, total > 0)
    kernel = text(out(snapshot, "kernel"), 120)
    name = text(out(snapshot, "hostname"), 120) or None
    jobs = backups.timer_jobs(out(snapshot, "timer_units"), out(snapshot, "timer_stamps"),
                              out(snapshot, "timers_json")) + \
        backups.cron_jobs(out(snapshot, "crontab_files"), out(snapshot, "user_crontab"),
                          out(snapshot, "cron_periodic"))
    sighting = Sighting(
        collector=COLLECTOR, ips=[host], target=host, name=name,
        hostnames=[name] if name else [], type=kind,
        os=release.get("NAME") or (kernel.split()[0] if kernel else None),
        os_version=release.get("VERSION_ID") or release.get("VERSION") or None,
        description=", ".join(x for x in (release.get("PRETTY_NAME"), kernel) if x) or None,
        services=system.services(sockets), role_hints=roles, inferred=inferred,
        hardware=Hardware(cpu_count=system.first_int(out(snapshot, "cpus")),
                          memory_bytes=system.memory_bytes(out(snapshot, "meminfo")),
                          uptime_seconds=system.first_int(out(snapshot, "uptime")),
                          disks=system.filesystems(out(snapshot, "df"))),
        modules=system.drives(out(snapshot, "lsblk")),
        software=software, backups=jobs,
        software_note=(f"{len(software)} of interest among {total} installed packages "
                       f"(backup, database, hypervisor, containers), read over SSH"
                       if total else None))
    return CollectorResult(collector=COLLECTOR, target=host, sightings=[sighting],
                           gaps=_gaps(snapshot, host))
