"""HOST-RESOURCES-MIB (RFC 2790) -> :class:`Hardware` (disks, memory, CPUs, uptime).

hrStorageTable sizes are Integer32 counts of allocation units, so a volume over
8 TiB with 4 KiB units wraps negative on many agents (Synology, Windows): a
negative size is read back as the unsigned value it overflowed from.  Only
disk-like rows become :class:`Disk` (RAM, swap, cache and Linux pseudo
filesystems would drown the real volumes and trip the disk-full rule).
"""

from __future__ import annotations

import re

from scanner.collectors.snmp.mibs.tables import table
from scanner.collectors.snmp.values import Value, Walk, oid_text, text
from scanner.inventory.model import Disk, Hardware

HR_SYSTEM_UPTIME = "1.3.6.1.2.1.25.1.1.0"
HR_MEMORY_SIZE = "1.3.6.1.2.1.25.2.2.0"
HR_STORAGE_ENTRY = "1.3.6.1.2.1.25.2.3.1"
HR_STORAGE_TYPE = HR_STORAGE_ENTRY + ".2"
#: the columns read for a disk row: descr, allocation units, size, used
HR_STORAGE_DISK_COLUMNS: tuple[int, ...] = (3, 4, 5, 6)
HR_DEVICE_TYPE = "1.3.6.1.2.1.25.3.2.1.2"
_STORAGE_TYPES = "1.3.6.1.2.1.25.2.1."
#: hrStorageFixedDisk, RemovableDisk, NetworkDisk (not floppy, CD, RAM, flash cache)
DISK_TYPES = frozenset(_STORAGE_TYPES + n for n in ("4", "5", "10"))
#: bsnmpd reports a file system's hrFSType (berkeleyFFS, ...) as its storage type
_FS_TYPES = "1.3.6.1.2.1.25.3.9."
_FS_OTHER = _FS_TYPES + "1"
_PSEUDO_FS = frozenset({"devfs", "procfs", "fdescfs", "linprocfs", "linsysfs"})
_PROCESSOR = "1.3.6.1.2.1.25.3.1.3"
_PSEUDO_MOUNTS = re.compile(r"^/(proc|sys|dev|run)(/|$)")
#: bsnmpd (FreeBSD, pfSense, TrueNAS CORE) writes "/, type: ufs, dev: /dev/ada0p2"
_BSD_DESCR = re.compile(r"^(?P<mount>.*?), type: (?P<fs>[\w.-]+)(, dev: .*)?$")
#: Windows writes "C:\\ Label:Data  Serial Number 10f82425"
_WINDOWS_DESCR = re.compile(r"^(?P<mount>[A-Za-z]:\\)\s*Label:")
MAX_DISKS = 64


def _unsigned(value: Value | None) -> int | None:
    if not isinstance(value, int):
        return None
    return value + 2**32 if -(2**31) <= value < 0 else value


def _disk(row: dict[int, Value]) -> Disk | None:
    units, size, used = (_unsigned(row.get(c)) for c in (4, 5, 6))
    if not units or not size or used is None or units <= 0:
        return None
    mount = text(row.get(3), limit=200)
    fstype = ""
    bsd = _BSD_DESCR.match(mount)
    if bsd:
        mount, fstype = bsd.group("mount"), bsd.group("fs")
    windows = _WINDOWS_DESCR.match(mount)
    if windows:
        mount = windows.group("mount")
    if not mount or _PSEUDO_MOUNTS.match(mount) or fstype in _PSEUDO_FS:
        return None
    total = size * units
    return Disk(mount=mount, total_bytes=total, used_bytes=min(used * units, total),
                fstype=fstype)


def disk_rows(walk: Walk) -> list[str]:
    """hrStorage indexes whose type is a disk: the rows worth reading further."""
    prefix = HR_STORAGE_TYPE + "."
    return [o[len(prefix):] for o, v in walk.items()
            if o.startswith(prefix) and _disk_type(oid_text(v))][:MAX_DISKS]


def _disk_type(kind: str) -> bool:
    return kind in DISK_TYPES or (kind.startswith(_FS_TYPES) and kind != _FS_OTHER)


def disks(walk: Walk) -> list[Disk]:
    rows = table(walk, HR_STORAGE_ENTRY)
    wanted = set(disk_rows(walk))
    found = [_disk(rows[i]) for i in sorted(wanted, key=_num) if i in rows]
    return [d for d in found if d is not None]


def _num(index: str) -> int:
    return int(index) if index.isdigit() else -1


def parse(walk: Walk) -> Hardware | None:
    """Disks, memory, processor count and host uptime; None when the MIB is absent."""
    ticks = walk.get(HR_SYSTEM_UPTIME)
    memory_kb = walk.get(HR_MEMORY_SIZE)
    cpus = sum(1 for o, v in walk.items()
               if o.startswith(HR_DEVICE_TYPE + ".") and oid_text(v) == _PROCESSOR)
    found = disks(walk)
    if not (found or cpus or isinstance(ticks, int) or isinstance(memory_kb, int)):
        return None
    return Hardware(
        cpu_count=cpus or None,
        memory_bytes=memory_kb * 1024 if isinstance(memory_kb, int) and memory_kb > 0 else None,
        disks=found,
        uptime_seconds=ticks // 100 if isinstance(ticks, int) and ticks >= 0 else None,
    )


def hardware(walk: Walk, agent_uptime: int | None) -> Hardware:
    """What HOST-RESOURCES says, falling back to the agent's sysUpTime for uptime."""
    found = parse(walk)
    if found is None:
        return Hardware(uptime_seconds=agent_uptime)
    if found.uptime_seconds is None:
        return found.model_copy(update={"uptime_seconds": agent_uptime})
    return found
