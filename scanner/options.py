"""Scan options: everything a scan needs to know, built once by the CLI.

Targets and exclusions are parsed here, at the edge (``parse_targets``), and travel as
``ipaddress`` networks: nothing downstream re-reads the user's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from scanner.collectors.maildns.options import MailDnsOptions
from scanner.collectors.nmap.probes import ServiceTiming
from scanner.collectors.ssh.options import SshOptions
from scanner.collectors.winrm.options import WinrmOptions
from scanner.credentials import LdapOptions, SnmpCommunity, SnmpCredential, VirtOptions
from scanner.targets import Network

Profile = Literal["quick", "standard", "deep"]


@dataclass(frozen=True)
class SnmpOptions:
    credentials: tuple[SnmpCredential, ...] = ()
    port: int = 161
    timeout: float = 2.0
    retries: int = 1
    max_in_flight: int = 64


@dataclass(frozen=True)
class ScanOptions:
    #: what to scan; empty: this machine's private subnets (found by the local collectors)
    targets: tuple[Network, ...] = ()
    exclude: tuple[Network, ...] = ()
    profile: Profile = "standard"
    #: -sV answer waits: "lan" (capped), "nmap" (nmap's own); None: the profile's
    service_timing: ServiceTiming | None = None
    #: names from ``scanner.collectors.registry``; None: every registered collector
    collectors: tuple[str, ...] | None = None
    snmp: SnmpOptions = field(default_factory=SnmpOptions)
    as_root: bool = False
    #: how many per-host nmap port scans run at once
    port_scan_parallelism: int = 4
    #: the most hosts one nmap port-scan process takes (small offices use fewer processes:
    #: ``scanner.collectors.nmap.adapter.batch_size``)
    port_scan_batch: int = 64
    #: hypervisor APIs to read (vCenter/ESXi, libvirt, Proxmox, Hyper-V)
    virt: VirtOptions = field(default_factory=VirtOptions)
    #: the Active Directory to read over LDAP (``--ldap``/``--ldap-user``)
    ldap: LdapOptions = field(default_factory=LdapOptions)
    #: Linux hosts to read over SSH (``--ssh-user``, ``--ssh-host``)
    ssh: SshOptions = field(default_factory=SshOptions)
    #: Windows hosts to read over WinRM (``--winrm-user``, ``--winrm-host``)
    winrm: WinrmOptions = field(default_factory=WinrmOptions)
    #: the mail domains and the name server to ask about them (``--mail-domain``,
    #: ``--dns-server``)
    maildns: MailDnsOptions = field(default_factory=MailDnsOptions)

    def wants(self, collector: str) -> bool:
        """Whether ``--collectors`` asked for this collector."""
        return self.collectors is None or collector in self.collectors

    def secrets(self) -> list[str]:
        """Every configured secret (communities, SNMPv3 keys, hypervisor passwords and
        tokens): what must never appear in a gap, a log line or the inventory."""
        found: list[str] = []
        for cred in self.snmp.credentials:
            found += ([cred.community] if isinstance(cred, SnmpCommunity)
                      else [cred.auth_key or "", cred.priv_key or ""])
        return [s for s in found + self.virt.secrets() + self.ldap.secrets()
                + self.ssh.secrets() + self.winrm.secrets() if s]
