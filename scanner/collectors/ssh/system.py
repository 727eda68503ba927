"""Pure readers for one command's output each: os-release, /proc, df, lsblk, ss/netstat,
dpkg/rpm lists and ``docker ps``.  Every string a host sends is hostile: it goes
through :func:`scanner.collectors.snmp.values.text` (controls out, whitespace collapsed,
length capped), exactly as SNMP strings do.
"""

from __future__ import annotations

import json
import re
from typing import Literal

from scanner.collectors.snmp.values import text
from scanner.collectors.ssh.software import interest
from scanner.inventory.model import Disk, Module, Service, SoftwareItem

COLLECTOR = "ssh"
Proto = Literal["tcp", "udp"]
#: pseudo and in-memory filesystems: not storage anyone restores
_PSEUDO_FS = frozenset({"tmpfs", "devtmpfs", "proc", "sysfs", "devpts", "overlay", "squashfs",
                        "cgroup", "cgroup2", "efivarfs", "ramfs", "nsfs", "fuse.lxcfs",
                        "autofs", "debugfs", "tracefs", "securityfs", "pstore", "bpf",
                        "configfs", "mqueue", "hugetlbfs", "fusectl", "binfmt_misc"})
#: listening program -> service name as nmap would call it
_SERVICE_NAMES = {"sshd": "ssh", "nginx": "http", "apache2": "http", "httpd": "http",
                  "lighttpd": "http", "caddy": "http", "postgres": "postgresql",
                  "mysqld": "mysql", "mariadbd": "mysql", "smbd": "microsoft-ds",
                  "nmbd": "netbios-ns", "named": "domain", "unbound": "domain",
                  "dnsmasq": "domain", "snmpd": "snmp", "slapd": "ldap", "master": "smtp",
                  "exim4": "smtp", "dovecot": "imap", "redis-server": "redis",
                  "mongod": "mongodb", "rpcbind": "rpcbind", "nfsd": "nfs",
                  "libvirtd": "libvirt", "pveproxy": "https", "dhcpd": "dhcps"}
_USERS = re.compile(r'users:\(\("([^"]+)"')


def os_release(output: str) -> dict[str, str]:
    """KEY=value pairs of /etc/os-release, quotes removed, values sanitised."""
    out = {}
    for line in output.splitlines():
        key, sep, value = line.strip().partition("=")
        if sep and key.isidentifier():
            out[key] = text(value.strip().strip("'\""), 200)
    return out


def first_int(output: str, field: int = 0) -> int | None:
    parts = output.split()
    try:
        return int(float(parts[field]))
    except (IndexError, ValueError):
        return None


def memory_bytes(output: str) -> int | None:
    """``MemTotal:  16318468 kB`` -> bytes."""
    kb = first_int(output, 1)
    return kb * 1024 if kb is not None else None


def filesystems(output: str) -> list[Disk]:
    """``df -PT -k``: real filesystems with size and usage, one per mount point."""
    disks: dict[str, Disk] = {}
    for line in output.splitlines()[1:]:
        parts = line.split()
        if len(parts) < 7 or parts[1] in _PSEUDO_FS:
            continue
        try:
            total, used = int(parts[2]) * 1024, int(parts[3]) * 1024
        except ValueError:
            continue
        mount = text(" ".join(parts[6:]), 300)
        if total > 0 and mount not in disks:
            disks[mount] = Disk(mount=mount, total_bytes=total, used_bytes=used,
                                fstype=text(parts[1], 40))
    return list(disks.values())


def drives(output: str) -> list[Module]:
    """Physical disks from ``lsblk -J``: model, serial, size."""
    try:
        devices = json.loads(output).get("blockdevices", []) if output.strip() else []
    except (ValueError, AttributeError):
        return []
    out = []
    for dev in devices if isinstance(devices, list) else []:
        if not isinstance(dev, dict) or dev.get("type") != "disk" or \
                str(dev.get("name", "")).startswith(("zram", "ram")):
            continue  # compressed-RAM swap devices are no drives
        size = dev.get("size")
        out.append(Module(kind="disk", name=text(dev.get("name"), 80),
                          model=text(dev.get("model"), 120), serial=text(dev.get("serial"), 80),
                          description=f"{int(str(size)) / 1e9:.1f} GB"
                          if str(size).isdigit() else ""))
    return out


def _local(address: str) -> tuple[str, int] | None:
    host, _, port = address.rpartition(":")
    return (host.split("%")[0].strip("[]"), int(port)) if port.isdigit() else None


def _loopback(host: str) -> bool:
    return host.startswith("127.") or host == "::1"


def listening(output: str) -> list[tuple[Proto, int, str]]:
    """(protocol, port, program) of every socket listening beyond loopback, from
    ``ss -ltunpH`` or ``netstat -ltunp`` (the program is empty when not root)."""
    found: dict[tuple[Proto, int], str] = {}
    for line in output.splitlines():
        parts = line.split()
        if len(parts) < 4 or not parts[0].startswith(("tcp", "udp")):
            continue
        ss = parts[1] in ("LISTEN", "UNCONN")
        local = _local(parts[4] if ss else parts[3])
        if local is None or _loopback(local[0]):
            continue
        proto: Proto = "udp" if parts[0].startswith("udp") else "tcp"
        m = _USERS.search(line)
        program = m.group(1) if m else (parts[-1].split("/", 1)[-1] if "/" in parts[-1]
                                        else "")
        key = (proto, local[1])
        found[key] = found.get(key) or text(program, 60)
    return [(p, port, prog) for (p, port), prog in sorted(found.items())]


def services(sockets: list[tuple[Proto, int, str]]) -> list[Service]:
    return [Service(port=port, protocol=proto,
                    name=_SERVICE_NAMES.get(prog, ""), product=prog, collector=COLLECTOR,
                    extrainfo="listening (read on the host)")
            for proto, port, prog in sockets]


def packages(output: str) -> tuple[list[SoftwareItem], int]:
    """Installed packages of interest (and how many packages were listed in all)."""
    items, total = [], 0
    for line in output.splitlines():
        name, _, rest = line.partition("\t")
        version, _, status = rest.partition("\t")
        if not name or not status.startswith("ii"):
            continue
        total += 1
        kind = interest(name.strip())
        if kind:
            items.append(SoftwareItem(name=text(name, 100), version=text(version, 60),
                                      type=kind, collector=COLLECTOR))
    return items, total


def containers(output: str) -> list[SoftwareItem]:
    """``docker ps --format '{{json .}}'``: one item per container, its image and state."""
    items = []
    for line in output.splitlines():
        try:
            row = json.loads(line)
        except ValueError:
            continue
        if isinstance(row, dict) and row.get("Names"):
            items.append(SoftwareItem(
                name=text(row.get("Names"), 100), type="container", collector=COLLECTOR,
                path=text(f"{row.get('Image', '')} ({row.get('State') or row.get('Status')})",
                          200)))
    return items
