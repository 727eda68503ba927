"""The one table of collectors: their names, their trust ranks, and how to load them.

The orchestrator runs what this table lists, the CLI's ``--collectors`` accepts its names,
and identity resolution ranks conflicting values by its trust (higher wins a tie in
confidence).  Collectors load lazily, when a scan asks for them: reading the trust ranks
(as resolution does) imports no client library.

Trust, highest first: SSH and WinRM (the host read from the inside); the scanning machine about
itself; SNMP (the device's own agent); the hypervisor APIs and the directory (a manager's
view of hosts, VMs and computers, read with credentials) and the office's DNS (maildns: the
zone's own MX and autodiscover names); nmap (inference from the wire).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from scanner.collectors.base import Collector


@dataclass(frozen=True)
class Entry:
    name: str
    #: rank in resolution when two collectors report different values for one field
    trust: int
    load: Callable[[], Collector]


def _localhost() -> Collector:
    from scanner.collectors.localhost import LocalhostCollector

    return LocalhostCollector()


def _nmap() -> Collector:
    from scanner.collectors.nmap.adapter import NmapCollector

    return NmapCollector()


def _snmp() -> Collector:
    from scanner.collectors.snmp.adapter import SnmpCollector

    return SnmpCollector()


def _ssh() -> Collector:
    from scanner.collectors.ssh.adapter import SshCollector

    return SshCollector()


def _winrm() -> Collector:
    from scanner.collectors.winrm.adapter import WinrmCollector

    return WinrmCollector()


def _ldap() -> Collector:
    from scanner.collectors.ldap.adapter import LdapCollector

    return LdapCollector()


def _maildns() -> Collector:
    from scanner.collectors.maildns.adapter import collector

    return collector()


def _vmware() -> Collector:
    from scanner.collectors import vmware

    return vmware.collector()


def _libvirt() -> Collector:
    from scanner.collectors import libvirt

    return libvirt.collector()


def _proxmox() -> Collector:
    from scanner.collectors import proxmox

    return proxmox.collector()


def _hyperv() -> Collector:
    from scanner.collectors import hyperv

    return hyperv.collector()


REGISTRY: tuple[Entry, ...] = (
    Entry("localhost", 4, _localhost),
    Entry("nmap", 1, _nmap),
    Entry("snmp", 3, _snmp),
    Entry("ssh", 5, _ssh),
    Entry("winrm", 5, _winrm),
    Entry("ldap", 2, _ldap),
    Entry("maildns", 2, _maildns),
    Entry("vmware", 2, _vmware),
    Entry("libvirt", 2, _libvirt),
    Entry("proxmox", 2, _proxmox),
    Entry("hyperv", 2, _hyperv),
)

NAMES: tuple[str, ...] = tuple(e.name for e in REGISTRY)
TRUST: dict[str, int] = {e.name: e.trust for e in REGISTRY}


def load(entries: Sequence[Entry] = REGISTRY) -> list[Collector]:
    """The collectors of ``entries`` (the registry, or a test's own table), in order."""
    return [e.load() for e in entries]
