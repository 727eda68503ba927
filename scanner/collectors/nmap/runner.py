"""Running nmap: finding it, validating what we pass it, and turning failures into data.

python-nmap is used for the process (one ``PortScanner`` per call: it holds per-scan state,
so sharing one across threads would mix results).  We locate nmap on PATH ourselves,
because python-nmap silently falls back to ``/usr/bin/nmap`` and we must say "not
installed" exactly when the user's PATH has no nmap.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import nmap

from scanner.errors import MissingToolError, UsageError
from scanner.inventory.model import Gap, GapReason

COLLECTOR = "nmap"
MISSING = "nmap is not installed: apt-get install nmap"

# Targets and interface names reach nmap's argv; anything looking like an option
# ("-iL /etc/shadow") or containing shell/space characters is refused.
_TARGET_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.:/_,*\-\[\]]*$")
_IFACE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:@\-]{0,30}$")
_VERSION_RE = re.compile(r"Nmap version (\S+)")
# stderr lines that are progress chatter, not failures.
_BENIGN_RE = re.compile(
    r"^(warning|rttvar|increasing send delay|stats:|nmap done|quitting!|mass_dns: warning)", re.I)
_PERMISSION_HINTS = ("requires root", "root privileges", "operation not permitted", "dnet")


def nmap_path() -> str:
    """The nmap executable on PATH, or MissingToolError."""
    path = shutil.which("nmap")
    if path is None:
        raise MissingToolError(MISSING)
    return path


def _scanner() -> nmap.PortScanner:
    try:
        return nmap.PortScanner(nmap_search_path=(nmap_path(),))
    except nmap.PortScannerError as exc:
        raise MissingToolError(MISSING) from exc


def _version_of(scanner: nmap.PortScanner) -> str:
    # Read the text of `nmap -V` (python-nmap keeps it) rather than its int tuple,
    # which turns "7.01" into (7, 1).
    match = _VERSION_RE.search(str(scanner.get_nmap_last_output()))
    return match.group(1) if match else "{}.{}".format(*scanner.nmap_version())


def nmap_version() -> str:
    """nmap's version as it prints it (e.g. "7.93")."""
    return _version_of(_scanner())


def safe_targets(values: Sequence[str], what: str = "target") -> list[str]:
    """Refuse anything nmap would read as an option; return the values stripped."""
    cleaned = [v.strip() for v in values if v.strip()]
    for value in cleaned:
        if not _TARGET_RE.match(value):
            raise UsageError(f"invalid {what} for nmap: {value[:80]!r}")
    return cleaned


def check_interface(name: str) -> str:
    if not _IFACE_RE.match(name):
        raise UsageError(f"invalid interface name: {name[:40]!r}")
    return name


@dataclass(frozen=True)
class NmapRun:
    """One finished nmap process: its XML, python-nmap's parse of it, and its failures."""

    xml: str
    parsed: dict[str, Any]
    gaps: list[Gap] = field(default_factory=list)
    version: str = ""


def _reason(message: str) -> GapReason:
    lowered = message.lower()
    return "permission" if any(h in lowered for h in _PERMISSION_HINTS) else "error"


def _gap(target: str, message: str, reason: GapReason | None = None) -> Gap:
    detail = " ".join(message.split())[:300]
    return Gap(
        target=target,
        collector=COLLECTOR,
        reason=reason or _reason(detail),
        detail=detail,
    )


def run(targets: str, arguments: str, timeout: int) -> NmapRun:
    """Run nmap once; failures come back as gaps (MissingToolError only if nmap is absent)."""
    scanner = _scanner()
    version = _version_of(scanner)
    label = targets or "(broadcast)"
    try:
        parsed = scanner.scan(hosts=targets, arguments=arguments, timeout=timeout)
    except nmap.PortScannerTimeout:
        return NmapRun("", {}, [_gap(label, f"nmap exceeded {timeout}s", "timeout")], version)
    except nmap.PortScannerError as exc:
        # its str() is a repr of nmap's stderr; keep the lines that say what went wrong
        lines = [ln.strip() for ln in str(exc.value).splitlines()]
        message = "; ".join(ln for ln in lines if ln and not _BENIGN_RE.match(ln))
        return NmapRun("", {}, [_gap(label, message or "nmap failed")], version)
    except AttributeError:
        # python-nmap dereferences <runstats> unchecked: XML cut short (nmap killed) lands here.
        return NmapRun("", {}, [_gap(label, "nmap output was cut short")], version)
    raw = scanner.get_nmap_last_output()
    xml = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    return NmapRun(xml, parsed, _stderr_gaps(label, parsed), version)


def _stderr_gaps(label: str, parsed: dict[str, Any]) -> list[Gap]:
    """One gap per distinct failure line nmap wrote to stderr (python-nmap repeats the
    whole stderr once per line, hence the de-duplication)."""
    errors = parsed.get("nmap", {}).get("scaninfo", {}).get("error", [])
    lines = [line.strip() for text in errors for line in str(text).splitlines()]
    failures = [line for line in lines if line and not _BENIGN_RE.match(line)]
    return [_gap(label, line) for line in dict.fromkeys(failures)]
