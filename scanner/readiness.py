"""Is this machine ready to scan? What ``drscout doctor`` checks, as data.

A consultant arrives at an office with a laptop; before the first scan they want to know,
in one screen, what will work and what will not: nmap present, root (or what is lost
without it), which optional collectors have their client library, what the default scope
would be, and whether the report folder can be written.  Every check reads local state
only: no packet leaves the machine.
"""

from __future__ import annotations

import importlib.metadata as metadata
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from scanner.collectors.registry import REGISTRY, Entry
from scanner.errors import DrscoutError
from scanner.targets import Network, check_targets, default_targets

Status = Literal["ok", "warn", "missing"]
_CAP_NET_RAW = 13
_REQ_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_REQ_EXTRA = re.compile(r"""extra\s*==\s*['"]([^'"]+)['"]""")


@dataclass(frozen=True)
class Check:
    """One line of the doctor's answer: what, how it stands, and the command that fixes it."""

    name: str
    status: Status
    detail: str
    fix: str = ""


def nmap_check() -> Check:
    path = shutil.which("nmap")
    if path is None:
        return Check("nmap", "missing", "nmap is not on PATH: host discovery and port scans "
                     "cannot run", "apt-get install nmap (or your system's package manager)")
    out = subprocess.run([path, "-V"], capture_output=True, text=True, timeout=30,
                         check=False).stdout
    version = re.search(r"Nmap version (\S+)", out)
    return Check("nmap", "ok", f"{path} (version {version.group(1) if version else '?'})")


def _has_net_raw() -> bool:
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return False
    found = re.search(r"^CapEff:\s*([0-9a-f]+)", status, re.M)
    return found is not None and bool(int(found.group(1), 16) >> _CAP_NET_RAW & 1)


def privilege_check(entries: tuple[Entry, ...] = REGISTRY) -> Check:
    if os.geteuid() == 0:
        return Check("privileges", "ok", "running as root: OS detection, UDP, ARP discovery "
                     "and DHCP server discovery are available")
    wanting = [e.name for e in entries if e.load().needs.root != "no"]
    detail = ("not root: " + ", ".join(wanting) + " will see less (no OS detection, no UDP "
              "scan, no ARP sweep, no DHCP server discovery)")
    if _has_net_raw():
        detail += "; this process has CAP_NET_RAW, but nmap must hold it too"
    return Check("privileges", "warn", detail, "run as root: sudo drscout ... (or a root shell)")


def _extra_requirements() -> dict[str, list[str]]:
    """pyproject extra -> the distributions it installs, read from drscout's metadata."""
    found: dict[str, list[str]] = {}
    for requirement in metadata.requires("drscout") or []:
        extra, name = _REQ_EXTRA.search(requirement), _REQ_NAME.match(requirement)
        if extra and name:
            found.setdefault(extra.group(1), []).append(name.group(1))
    return found


def _installed(distribution: str) -> bool:
    try:
        metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return False
    return True


def extra_checks(entries: tuple[Entry, ...] = REGISTRY) -> list[Check]:
    """One line per collector that needs an optional client library."""
    requirements = _extra_requirements()
    checks = []
    for entry in entries:
        extra = entry.load().needs.extra
        if extra is None:
            continue
        if extra not in requirements:
            checks.append(Check(f"collector {entry.name}", "warn",
                                f"this install of drscout declares no '{extra}' extra "
                                "(installed from an older copy?)", "pip install --upgrade drscout"))
            continue
        missing = [d for d in requirements[extra] if not _installed(d)]
        if missing:
            checks.append(Check(f"collector {entry.name}", "warn",
                                f"needs {', '.join(missing)} (the '{extra}' extra)",
                                f"pip install 'drscout[{extra}]'"))
        else:
            checks.append(Check(f"collector {entry.name}", "ok", f"'{extra}' extra installed"))
    return checks


def scope_check(subnets: Callable[[], list[str]]) -> Check:
    """The networks a scan without targets would cover, and whether they pass the limits."""
    nets: list[Network] = default_targets(subnets())
    if not nets:
        return Check("default scope", "warn", "this machine has no private IPv4 subnet: name "
                     "the targets on the command line", "drscout run 192.168.1.0/24")
    sizes = ", ".join(f"{n} ({n.num_addresses - 2} addresses)" for n in nets)
    try:
        check_targets(nets, allow_public=False, force=False)
    except DrscoutError as exc:
        return Check("default scope", "warn", f"{sizes}: {exc}",
                     "name a smaller range: drscout run 192.168.1.0/24")
    return Check("default scope", "ok", f"without targets drscout scans {sizes}")


def output_check(folder: Path) -> Check:
    """Can the report folder be created and written?  Tries a temporary file there."""
    target = folder if folder.is_dir() else folder.parent
    try:
        target = target.resolve()
        with tempfile.NamedTemporaryFile(dir=target, prefix=".drscout-doctor-"):
            pass
    except OSError as exc:
        return Check("output folder", "missing", f"{folder}: cannot write ({exc.strerror})",
                     "choose another folder with -o DIR")
    return Check("output folder", "ok", f"{folder} is writable")


def python_check() -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    return Check("python", "ok", f"{version} ({sys.executable})")


def diagnose(output: Path, subnets: Callable[[], list[str]]) -> list[Check]:
    """Every check, in the order a person reads them."""
    return [python_check(), nmap_check(), privilege_check(), *extra_checks(),
            scope_check(subnets), output_check(output)]
