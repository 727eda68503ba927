"""Scan options: everything a scan needs to know, built once by the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from scanner.collectors.ssh.options import SshOptions
from scanner.credentials import LdapOptions, SnmpCredential, VirtOptions

Profile = Literal["quick", "standard", "deep"]
ALL_COLLECTORS: tuple[str, ...] = ("localhost", "nmap", "snmp")


@dataclass(frozen=True)
class SnmpOptions:
    credentials: tuple[SnmpCredential, ...] = ()
    port: int = 161
    timeout: float = 2.0
    retries: int = 1
    max_in_flight: int = 64


@dataclass(frozen=True)
class ScanOptions:
    targets: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    profile: Profile = "standard"
    collectors: tuple[str, ...] = ALL_COLLECTORS
    snmp: SnmpOptions = field(default_factory=SnmpOptions)
    as_root: bool = False
    #: how many per-host nmap port scans run at once
    port_scan_parallelism: int = 4
    #: hosts per nmap port-scan batch
    port_scan_batch: int = 8
    #: hypervisor APIs to read (vCenter/ESXi, libvirt, Proxmox, Hyper-V)
    virt: VirtOptions = field(default_factory=VirtOptions)
    #: the Active Directory to read over LDAP (``--ldap``/``--ldap-user``)
    ldap: LdapOptions = field(default_factory=LdapOptions)
    #: Linux hosts to read over SSH (``--ssh-user``, ``--ssh-host``)
    ssh: SshOptions = field(default_factory=SshOptions)
