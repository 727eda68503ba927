"""Small labs built as a star: a hub namespace whose bridge holds one veth per member.

The LDAP (Samba AD) and mail-DNS labs share this shape; each lab names its own
namespaces, addresses and MACs.  Every namespace's resolv.conf points at the lab's own
name server, so no lookup made inside the lab leaves it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.lab.netns import sh


class Member(NamedTuple):
    """One namespace on the hub's bridge: its interface, the hub-side port, address, MAC."""

    ns: str
    ifname: str
    port: str
    ip: str
    mac: str


def build_star(hub: str, hub_ip: str, members: Sequence[Member], resolver: str,
               search: str) -> None:
    """(Re)create the hub and members with their links, addresses and resolv.conf."""
    namespaces = [hub, *(m.ns for m in members)]
    for ns in namespaces:
        sh(["ip", "netns", "del", ns], check=False)
        sh(["ip", "netns", "add", ns])
        sh(["ip", "-n", ns, "link", "set", "lo", "up"])
    sh(["ip", "-n", hub, "link", "add", "br0", "type", "bridge"])
    sh(["ip", "-n", hub, "addr", "add", f"{hub_ip}/24", "dev", "br0"])
    sh(["ip", "-n", hub, "link", "set", "br0", "up"])
    for m in members:
        sh(["ip", "-n", m.ns, "link", "add", m.ifname, "address", m.mac, "type", "veth",
            "peer", "name", m.port, "netns", hub])
        sh(["ip", "-n", m.ns, "addr", "add", f"{m.ip}/24", "dev", m.ifname])
        sh(["ip", "-n", m.ns, "link", "set", m.ifname, "up"])
        sh(["ip", "-n", hub, "link", "set", m.port, "master", "br0"])
        sh(["ip", "-n", hub, "link", "set", m.port, "up"])
    for ns in namespaces:
        etc = Path("/etc/netns") / ns
        etc.mkdir(parents=True, exist_ok=True)
        (etc / "resolv.conf").write_text(f"nameserver {resolver}\nsearch {search}\n")


def require_lab(name: str, reason: str | None) -> None:
    """Skip (with ``reason``) when a lab cannot run; under CI, fail instead, as for the
    office lab, unless DRSCOUT_SKIP_LAB=1 asked for no labs at all."""
    if reason is None:
        return
    if os.environ.get("CI") == "true" and os.environ.get("DRSCOUT_SKIP_LAB") != "1":
        pytest.fail(f"CI must run the {name} tests, but the lab is unavailable: {reason}")
    pytest.skip(f"{name} lab unavailable: {reason}")
