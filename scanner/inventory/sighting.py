"""What one collector saw of one device: the unit identity resolution merges.

Collectors never build :class:`~scanner.inventory.model.Asset` records themselves.  They
report sightings (one per device per collector), and ``scanner.inventory.resolve`` decides
which sightings are the same device and merges them, recording per field which
collector said what.  This keeps every collector ignorant of every other.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from scanner.inventory.cloud import MailDomain
from scanner.inventory.directory import Directory
from scanner.inventory.identity import IdentityKey
from scanner.inventory.model import (
    AssetType,
    BackupJob,
    Gap,
    Hardware,
    Interface,
    Link,
    LinkKind,
    Module,
    NetworkContext,
    PowerStatus,
    PrinterStatus,
    Service,
    SoftwareItem,
    VirtInfo,
)


class Inference(BaseModel):
    """Confidence and evidence for an inferred (not directly read) value."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    confidence: float = Field(ge=0.0, le=1.0)
    evidence: str


class RoleHint(BaseModel):
    """A role a collector has direct evidence for (e.g. 'this is my default
    gateway', 'answers DHCP'). Port-based roles are derived later in
    ``scanner.inventory.roles`` from the merged services, not hinted."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    role: str
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    evidence: str


class Sighting(BaseModel):
    """One device as one collector saw it. Empty fields mean "not seen"."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    collector: str
    ips: list[str] = Field(default_factory=list)
    macs: list[str] = Field(default_factory=list)
    hostnames: list[str] = Field(default_factory=list)
    #: the address the collector reached this device at (an SNMP agent it polled): the
    #: strongest evidence an address is this device's own
    target: str | None = None
    #: the agent whose table (ARP cache) named this device: its addresses are hints,
    #: attached to a device found otherwise, never a reason to merge two devices
    learned_from: str | None = None
    name: str | None = None
    type: AssetType | None = None
    vendor: str | None = None
    model: str | None = None
    serial: str | None = None
    os: str | None = None
    os_version: str | None = None
    location: str | None = None
    contact: str | None = None
    description: str | None = None
    sys_object_id: str | None = None
    chassis_id: str | None = None
    #: BRIDGE-MIB dot1dBaseBridgeAddress: a switch's own base MAC
    base_mac: str | None = None
    services: list[Service] = Field(default_factory=list)
    interfaces: list[Interface] = Field(default_factory=list)
    hardware: Hardware | None = None
    snmp_community_default: bool | None = None
    ip_forwarding: bool | None = None
    is_scanner: bool = False
    role_hints: list[RoleHint] = Field(default_factory=list)
    #: field name -> why we believe it, for inferred fields (type, vendor, ...)
    inferred: dict[str, Inference] = Field(default_factory=dict)
    #: what a hypervisor API said of this host or VM
    virtualization: VirtInfo | None = None
    #: ENTITY-MIB chassis/modules (SNMP)
    modules: list[Module] = Field(default_factory=list)
    #: UPS-MIB / APC PowerNet battery and load (SNMP)
    power: PowerStatus | None = None
    #: Printer-MIB state and supplies (SNMP)
    printer: PrinterStatus | None = None
    #: running programs (SNMP hrSWRunTable), and what was read or why not
    software: list[SoftwareItem] = Field(default_factory=list)
    software_note: str | None = None
    #: scheduled backup jobs read from the inside (SSH)
    backups: list[BackupJob] = Field(default_factory=list)


#: a hint becomes a :class:`Link` of its kind, except ``fdb``: a forwarding-table entry
#: that ``scanner.topology`` turns into ``physical`` links
LinkHintKind = Literal[LinkKind, "fdb"]


class LinkHint(BaseModel):
    """A link whose ends are named by what the collector knows (an IP, a MAC, a name),
    resolved to asset ids after merging.  Each end lists alternatives, best first (see
    :func:`scanner.inventory.identity.key_list`): the first that names a known asset wins."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source_keys: tuple[IdentityKey, ...]
    target_keys: tuple[IdentityKey, ...]
    kind: LinkHintKind
    source_port: str | None = None
    target_port: str | None = None
    collector: str
    confidence: float = 1.0
    evidence: str = ""


class CollectorResult(BaseModel):
    """Everything one collector run produced for one target."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    collector: str
    target: str
    sightings: list[Sighting] = Field(default_factory=list)
    gaps: list[Gap] = Field(default_factory=list)
    links: list[LinkHint] = Field(default_factory=list)
    network: NetworkContext | None = None
    tool_versions: dict[str, str] = Field(default_factory=dict)
    #: what a directory (LDAP) lists: its computers, sites, DNS zones
    directory: Directory | None = None
    #: what the office's DNS says about the mail domains it was asked about (maildns)
    mail_domains: list[MailDomain] = Field(default_factory=list)


__all__ = [
    "CollectorResult",
    "Inference",
    "Link",
    "LinkHint",
    "LinkHintKind",
    "RoleHint",
    "Sighting",
]
