"""The Inventory: the contract between the scanner and everything downstream.

It is also the file format other planning tools consume, so it is versioned
(``SCHEMA_VERSION``) and its JSON Schema is published (``scanner/inventory/schema/``); a
test fails when the two drift apart.  Every model is frozen: merging builds new
objects instead of mutating shared ones, which keeps identity resolution honest.

Values that describe an asset are plain (``vendor: str``) so that a hand-written
inventory stays easy to produce; where each value came from lives beside it in
``Asset.provenance`` as :class:`Fact` records.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal, cast, get_args

from pydantic import BaseModel, ConfigDict, Field

from scanner.inventory.cloud import (  # noqa: F401  (part of the Inventory contract)
    CloudService,
    DnsRecord,
    MailDomain,
)
from scanner.inventory.device_status import (  # noqa: F401  (part of the Inventory contract)
    BatteryStatus,
    PowerStatus,
    PrinterAlert,
    PrinterStatus,
    PrinterSupply,
    SupplyState,
)
from scanner.inventory.directory import (  # noqa: F401  (part of the Inventory contract)
    Directory,
    DirectoryComputer,
    DirectorySite,
)
from scanner.inventory.versions import VersionPrecision, text_precision

SCHEMA_VERSION = "1.0"

AssetType = Literal[
    "router",
    "firewall",
    "switch",
    "wireless",
    "ups",
    "printer",
    "nas",
    "hypervisor",
    "server",
    "workstation",
    "vm",
    "other",
]
ASSET_TYPES: tuple[str, ...] = get_args(AssetType)


def asset_type(value: str | None) -> AssetType | None:
    """``value`` as an AssetType when it is one (a classifier's answer), else None."""
    return cast(AssetType, value) if value in ASSET_TYPES else None


#: Roles an asset can play. Documented in README ("Roles").
ROLES: tuple[str, ...] = (
    "gateway",
    "router",
    "firewall",
    "switch",
    "wireless",
    "dns",
    "dhcp",
    "directory",
    "file",
    "web",
    "database",
    "mail",
    "hypervisor",
    "nas",
    "ups",
    "printer",
    "backup",
    "workstation",
    "remote-access",
    "scanner",
)

LinkKind = Literal["physical", "runs_on", "power", "storage", "route", "logical"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Fact(_Frozen):
    """Where one value of an asset came from.

    ``confidence`` is 1.0 for facts read directly (a MAC in an ARP reply) and
    lower for inferences (a device type guessed from sysObjectID), in which case
    ``evidence`` says what the inference rests on.
    """

    field: str
    value: str
    collector: str
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    evidence: str = ""


class Service(_Frozen):
    port: int = Field(ge=0, le=65535)
    protocol: Literal["tcp", "udp", "sctp"] = "tcp"
    name: str = ""
    product: str = ""
    version: str = ""
    extrainfo: str = ""
    tunnel: str = ""
    collector: str = ""
    #: exact, lower-bound ("9.6.0 or later"), guessed or unknown, set by the collector
    #: that knows how the version was read; None: not stated (read :meth:`precision`)
    version_precision: VersionPrecision | None = None

    def precision(self) -> VersionPrecision:
        """As stated, else what the version text says (a hand-written inventory).
        A method, not a validator: loading 100k assets must not pay for it."""
        return self.version_precision or text_precision(self.version)


class Interface(_Frozen):
    name: str
    index: int | None = None
    description: str = ""
    alias: str = ""
    type: str = ""
    mac: str | None = None
    ips: list[str] = Field(default_factory=list)
    speed_bps: int | None = None
    mtu: int | None = None
    admin_status: str = ""
    oper_status: str = ""


class Disk(_Frozen):
    mount: str
    total_bytes: int
    used_bytes: int
    fstype: str = ""


class Hardware(_Frozen):
    cpu_count: int | None = None
    memory_bytes: int | None = None
    disks: list[Disk] = Field(default_factory=list)
    uptime_seconds: int | None = None


class VirtDisk(_Frozen):
    """A virtual disk of a VM and the datastore (``Datastore.key``) it lives on."""

    label: str = ""
    datastore: str | None = None
    path: str = ""
    capacity_bytes: int | None = None


class Datastore(_Frozen):
    """Storage a hypervisor host mounts (a VMFS/NFS datastore, a libvirt pool, a
    Proxmox storage).  ``key`` is the same on every host that mounts it, so a
    shared datastore appears once per host with one key; ``backing`` is the
    device holding it (an NFS server, an iSCSI portal) as an IP or host name."""

    key: str
    name: str
    type: str = ""
    capacity_bytes: int | None = None
    free_bytes: int | None = None
    shared: bool | None = None
    backing: str | None = None


class VirtInfo(_Frozen):
    """What a hypervisor API says about a host (``kind="host"``) or a VM."""

    platform: str
    kind: Literal["host", "vm"]
    endpoint: str = ""
    tls_verified: bool | None = None
    version: str | None = None
    cluster: str | None = None
    ha_enabled: bool | None = None
    drs_enabled: bool | None = None
    ha_protected: bool | None = None
    host: str | None = None
    power_state: str | None = None
    connection_state: str | None = None
    vcpus: int | None = None
    memory_bytes: int | None = None
    guest_os: str | None = None
    tools_status: str | None = None
    template: bool = False
    disks: list[VirtDisk] = Field(default_factory=list)
    datastores: list[Datastore] = Field(default_factory=list)


class Module(_Frozen):
    """A physical part from ENTITY-MIB: a chassis (one per stack member), module or PSU."""

    kind: str
    name: str = ""
    description: str = ""
    model: str = ""
    serial: str = ""
    hardware_rev: str = ""
    firmware_rev: str = ""
    software_rev: str = ""
    vendor: str = ""


class SoftwareItem(_Frozen):
    """A program running on a host (HOST-RESOURCES-MIB hrSWRunTable), one per distinct
    name/path/type: twenty postgres workers are one item.  Never its command line."""

    name: str
    path: str = ""
    #: unknown, operating-system, device-driver or application (hrSWRunType)
    type: str = ""
    collector: str = ""
    #: package version, when the item is an installed package (SSH) rather than a process
    version: str = ""
    #: publisher, when the item is an installed program (WinRM: the Uninstall registry key)
    publisher: str = ""


class BackupJob(_Frozen):
    """A scheduled backup a host runs itself (a systemd timer or a cron entry naming a
    backup tool), read from the inside over SSH.  Never its command line: those carry
    repository passwords and keys."""

    #: restic, borg, duplicity, rsnapshot, ... ("backup" when only the job's name says so)
    tool: str
    #: the timer unit, or the cron file and line, that schedules it
    name: str
    #: systemd-timer or cron
    kind: str
    #: OnCalendar= / the five cron fields, as written
    schedule: str = ""
    #: when it last started (systemd's stamp file or list-timers); None: not known
    last_run: datetime | None = None
    #: when it last succeeded, where the tool says (Windows Server Backup, Veeam events)
    last_success: datetime | None = None
    collector: str = ""
    evidence: str = ""


class Asset(_Frozen):
    id: str
    name: str
    type: AssetType = "other"
    roles: list[str] = Field(default_factory=list)
    vendor: str | None = None
    model: str | None = None
    serial: str | None = None
    os: str | None = None
    os_version: str | None = None
    #: precision of os/os_version when a collector states it; None: read
    #: :meth:`os_version_precision`
    os_precision: VersionPrecision | None = None
    ips: list[str] = Field(default_factory=list)
    macs: list[str] = Field(default_factory=list)
    hostnames: list[str] = Field(default_factory=list)
    services: list[Service] = Field(default_factory=list)
    interfaces: list[Interface] = Field(default_factory=list)
    hardware: Hardware | None = None
    location: str | None = None
    contact: str | None = None
    description: str | None = None
    sys_object_id: str | None = None
    snmp_community_default: bool | None = None
    ip_forwarding: bool | None = None
    is_scanner: bool = False
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    sources: list[str] = Field(default_factory=list)
    provenance: list[Fact] = Field(default_factory=list)
    virtualization: VirtInfo | None = None
    #: chassis (every stack member), modules and power supplies, from ENTITY-MIB
    modules: list[Module] = Field(default_factory=list)
    #: UPS battery and load (UPS-MIB / APC PowerNet), from SNMP
    power: PowerStatus | None = None
    #: printer state, alerts and supply levels (Printer-MIB), from SNMP
    printer: PrinterStatus | None = None
    #: running programs (SNMP hrSWRunTable, read only when small); see provenance "software"
    software: list[SoftwareItem] = Field(default_factory=list)
    #: backup jobs the host schedules itself (SSH: systemd timers, cron)
    backups: list[BackupJob] = Field(default_factory=list)

    def os_version_precision(self) -> VersionPrecision:
        """As stated, else the OS text's, downgraded to "guessed" when the chosen value
        rests only on inferences (an nmap fingerprint below 100% accuracy)."""
        if self.os_precision:
            return self.os_precision
        field = "os_version" if self.os_version else "os"
        value = self.os_version or self.os
        precision = text_precision(value)
        confidences = [f.confidence for f in self.provenance
                       if f.field == field and f.value == value]
        if precision == "exact" and confidences and max(confidences) < 1.0:
            return "guessed"
        return precision


class Link(_Frozen):
    """A relation between two assets; for ``runs_on`` and ``power`` it points
    from the dependent (``source``) to what it depends on (``target``)."""

    source: str
    target: str
    kind: LinkKind
    source_port: str | None = None
    target_port: str | None = None
    collector: str
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    evidence: str = ""


#: why something could not be collected (``Gap.reason``, ``CollectorError.reason``)
GapReason = Literal[
    "unreachable",
    "timeout",
    "auth",
    "permission",
    "missing-tool",
    "missing-dependency",
    "error",
    "interrupted",
    "not-attempted",
]


class Gap(_Frozen):
    """Something that could not be collected. A failure is data: the gap report
    lists these so that "scan failed" never reads as "nothing found"."""

    target: str
    collector: str
    reason: GapReason
    detail: str = ""
    at: datetime | None = None


class Route(_Frozen):
    destination: str
    gateway: str | None = None
    interface: str | None = None
    collector: str


class NetworkContext(_Frozen):
    """Facts about the network itself rather than any one device."""

    default_gateways: list[Route] = Field(default_factory=list)
    dns_servers: list[str] = Field(default_factory=list)
    dhcp_servers: list[str] = Field(default_factory=list)
    subnets: list[str] = Field(default_factory=list)
    dns_search: list[str] = Field(default_factory=list)


class ScanMeta(_Frozen):
    targets: list[str] = Field(default_factory=list)
    excluded: list[str] = Field(default_factory=list)
    started: datetime | None = None
    finished: datetime | None = None
    profile: str = ""
    collectors: list[str] = Field(default_factory=list)
    tool_versions: dict[str, str] = Field(default_factory=dict)
    as_root: bool = False
    scanner_host: str = ""
    interrupted: bool = False
    generator: str = "drscout"


class Inventory(_Frozen):
    schema_version: str = SCHEMA_VERSION
    scan: ScanMeta = Field(default_factory=ScanMeta)
    assets: list[Asset] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    gaps: list[Gap] = Field(default_factory=list)
    network: NetworkContext = Field(default_factory=NetworkContext)
    #: what directories (Active Directory over LDAP) list, computers the scan did not
    #: see included (``scanner.inventory.directory``)
    directories: list[Directory] = Field(default_factory=list)
    #: what the office's DNS says holds its mail and accounts (``scanner.inventory.cloud``)
    mail_domains: list[MailDomain] = Field(default_factory=list)

    def asset(self, asset_id: str) -> Asset | None:
        return next((a for a in self.assets if a.id == asset_id), None)
