"""Thin helpers over ``ip netns`` / ``ip link`` for the lab.

Every name the lab creates starts with :data:`PREFIX` so a crashed run can be
cleaned up without touching anything else on the machine.  Veth pairs are
created with both ends directly inside lab namespaces, so no lab interface
ever exists in the root namespace, even for a moment.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

PREFIX = "drs-"
#: other throwaway networks built with these helpers, kept out of the office lab's
#: ``drs-*`` sweep (the corpus farm runs beside lab tests of other engineers)
OTHER_PREFIXES = ("drsf-", "drsv-")
NETNS_ETC = Path("/etc/netns")


class LabError(RuntimeError):
    """The lab could not be built or torn down; the message says which step failed."""


Completed = subprocess.CompletedProcess


def sh(argv: list[str], check: bool = True, timeout: float = 30.0) -> Completed[str]:
    """Run a root-namespace command, raising LabError with its stderr on failure."""
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)
    if check and proc.returncode != 0:
        raise LabError(f"command failed ({proc.returncode}): {' '.join(argv)}\n"
                       f"{proc.stderr.strip()}")
    return proc


def ns_argv(ns: str, argv: list[str]) -> list[str]:
    """Prefix ``argv`` so that it runs inside namespace ``ns``."""
    _check_name(ns)
    return ["ip", "netns", "exec", ns, *argv]


def in_ns(ns: str, argv: list[str], check: bool = True, timeout: float = 30.0) -> Completed[str]:
    """Run ``argv`` inside ``ns`` and capture its output."""
    return sh(ns_argv(ns, argv), check=check, timeout=timeout)


def _check_name(ns: str) -> None:
    if not ns.startswith((PREFIX, *OTHER_PREFIXES)):
        raise LabError(f"refusing to touch namespace {ns!r}: lab names start with {PREFIX!r}")


def list_lab_namespaces() -> list[str]:
    """Names of existing namespaces that belong to the lab (``drs-*``)."""
    out = sh(["ip", "-j", "netns", "list"], check=False).stdout.strip()
    entries: list[dict[str, Any]] = json.loads(out) if out else []
    return sorted(e["name"] for e in entries if str(e.get("name", "")).startswith(PREFIX))


def ns_pids(ns: str) -> list[int]:
    """PIDs of every process living in ``ns`` (used to clean up crashed runs)."""
    _check_name(ns)
    out = sh(["ip", "netns", "pids", ns], check=False).stdout.split()
    return [int(p) for p in out if p.isdigit()]


def add_ns(ns: str, resolver: str | None) -> None:
    """Create ``ns`` with loopback up and, optionally, its own resolv.conf.

    ``ip netns exec`` bind-mounts ``/etc/netns/<ns>/resolv.conf`` over
    ``/etc/resolv.conf``, which keeps every lab lookup (and every dhclient)
    away from the root namespace's resolver.
    """
    _check_name(ns)
    sh(["ip", "netns", "add", ns])
    sh(["ip", "-n", ns, "link", "set", "lo", "up"])
    etc = NETNS_ETC / ns
    etc.mkdir(parents=True, exist_ok=True)
    text = f"nameserver {resolver}\nsearch office.lan\n" if resolver else "# lab: no resolver\n"
    (etc / "resolv.conf").write_text(text)


def del_ns(ns: str) -> None:
    """Delete ``ns`` and its /etc/netns directory (missing ones are fine)."""
    _check_name(ns)
    sh(["ip", "netns", "del", ns], check=False)
    shutil.rmtree(NETNS_ETC / ns, ignore_errors=True)


def veth(ns_a: str, if_a: str, mac_a: str, ns_b: str, if_b: str, mac_b: str) -> None:
    """Create a veth pair with one end in each lab namespace and fixed MACs."""
    _check_name(ns_a)
    _check_name(ns_b)
    sh(["ip", "-n", ns_a, "link", "add", if_a, "address", mac_a, "type", "veth",
        "peer", "name", if_b, "address", mac_b, "netns", ns_b])
    sh(["ip", "-n", ns_a, "link", "set", if_a, "up"])
    sh(["ip", "-n", ns_b, "link", "set", if_b, "up"])


def add_addr(ns: str, ifname: str, cidr: str) -> None:
    sh(["ip", "-n", ns, "addr", "add", cidr, "dev", ifname])


def default_route(ns: str, via: str) -> None:
    sh(["ip", "-n", ns, "route", "replace", "default", "via", via])


def netns_usable() -> str | None:
    """Return why the lab cannot run here, or None when it can."""
    if os.geteuid() != 0:
        return "the lab needs root (network namespaces, veth, iptables)"
    if shutil.which("ip") is None:
        return "iproute2 ('ip') is not installed"
    probe = f"{PREFIX}probe{os.getpid()}"
    made = sh(["ip", "netns", "add", probe], check=False)
    if made.returncode != 0:
        return f"'ip netns add' is not permitted here: {made.stderr.strip()}"
    sh(["ip", "netns", "del", probe], check=False)
    return None
