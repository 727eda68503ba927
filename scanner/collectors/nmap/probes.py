"""LAN timing for nmap's service probes (``-sV``), derived from the machine's own nmap.

Why: nmap's version detection is tuned for the internet. It waits 6 s for a banner on
every open TCP port (the NULL probe) and up to 5 s for each later probe's answer, so on a
LAN, where a service that answers does so in milliseconds, almost all of a ``-sV`` scan
is spent waiting: on the lab office 11 of nmap's 14.6 s are the NULL probe's and
GetRequest's waits on Samba's 139/tcp.  With ``lan`` timing drscout hands nmap a copy
of nmap's own probe file whose waits are capped (2 s for a banner, 3 s for any other
answer); the probes, their order, their rarity and the match lines stay exactly nmap's,
so the same services are found.  A service slower than the cap is not lost: nmap goes on
to its next probe on that port, and every answer is still matched against the NULL
probe's banner lines as nmap always does.

``nmap`` timing keeps nmap's file untouched (``--service-timing nmap``): use it across
slow WAN or VPN links.  The derived file is written at run time from the local nmap
installation into drscout's cache folder; drscout ships none of nmap's data.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shlex
import shutil
import tempfile
from pathlib import Path
from typing import Literal

from scanner.files import write_atomic

ServiceTiming = Literal["lan", "nmap"]

#: the longest wait for a banner (nmap: 6000 ms)
LAN_BANNER_WAIT_MS = 2000
#: the longest wait for the answer to any other probe (nmap: 5000 ms, some 7500-11000)
LAN_PROBE_WAIT_MS = 3000
PROBES_FILE = "nmap-service-probes"

_WAIT_RE = re.compile(r"^(totalwaitms|tcpwrappedms)\s+(\d+)\s*$")


def _candidate_dirs(nmap_binary: str | None) -> list[Path]:
    dirs = [Path(os.environ["NMAPDIR"])] if os.environ.get("NMAPDIR") else []
    if nmap_binary:
        dirs.append(Path(nmap_binary).resolve().parent.parent / "share" / "nmap")
    return [*dirs, Path("/usr/share/nmap"), Path("/usr/local/share/nmap")]


def find_probes_file() -> Path | None:
    """nmap's ``nmap-service-probes`` as nmap itself would find it, or None."""
    for folder in _candidate_dirs(shutil.which("nmap")):
        if (folder / PROBES_FILE).is_file():
            return folder / PROBES_FILE
    return None


def lan_timed(text: str, banner_ms: int = LAN_BANNER_WAIT_MS,
              probe_ms: int = LAN_PROBE_WAIT_MS) -> str:
    """``text`` (an nmap-service-probes file) with every probe's wait capped.

    A probe with no ``totalwaitms`` line waits nmap's default 5 s, so each probe gets its
    wait right after its ``Probe`` line; nmap's own waits are only ever lowered, never
    raised.  ``tcpwrappedms`` (a close before it means "tcpwrapped") is capped to the
    banner wait, which it must not exceed to keep its meaning."""
    blocks = re.split(r"\n(?=Probe )", text)
    return "\n".join([blocks[0], *(_capped(b, banner_ms, probe_ms) for b in blocks[1:])])


def _capped(block: str, banner_ms: int, probe_ms: int) -> str:
    head, *rest = block.split("\n")
    cap = banner_ms if head.startswith("Probe TCP NULL ") else probe_ms
    kept: list[str] = []
    for line in rest:
        found = _WAIT_RE.match(line)
        if found and found.group(1) == "totalwaitms":
            cap = min(cap, int(found.group(2)))
        elif found:
            kept.append(f"tcpwrappedms {min(int(found.group(2)), banner_ms)}")
        else:
            kept.append(line)
    return "\n".join([head, f"totalwaitms {cap}", *kept])


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "drscout"


@functools.cache
def lan_probes_file() -> Path | None:
    """The LAN-timed copy of the local nmap's probe file (written once per content), or
    None when nmap's file cannot be found or the copy cannot be written."""
    source = find_probes_file()
    if source is None:
        return None
    text = source.read_bytes().decode("latin-1")
    derived = lan_timed(text)
    digest = hashlib.sha256(derived.encode("latin-1")).hexdigest()[:16]
    for folder in (_cache_dir(), Path(tempfile.gettempdir()) / f"drscout-{os.getuid()}"):
        target = folder / f"{PROBES_FILE}.lan-{digest}"
        try:
            if not target.is_file():
                write_atomic(target, derived.encode("latin-1"))
            return target
        except OSError:
            continue
    return None


def versiondb_arguments(timing: ServiceTiming) -> str:
    """The nmap arguments that select the probe file for ``timing`` ("" = nmap's own)."""
    if timing == "nmap":
        return ""
    path = lan_probes_file()
    return f"--versiondb {shlex.quote(str(path))}" if path else ""
