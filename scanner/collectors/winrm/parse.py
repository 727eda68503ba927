"""A host's WinRM snapshot (:mod:`.api`) -> one sighting with facts read from the inside.

Pure: the same code runs on a live answer and on a recorded fixture.  Shapes follow
``ConvertTo-Json`` of Microsoft's documented objects: a one-element array printed as the
bare object, an empty one as null, numbers for enums.  Roles come from installed Windows
features (Server) and running services (any edition); they are role hints with
confidence 0.95, above every port guess (0.9 at most), and their evidence says they were
read over WinRM.  A part of the script that failed becomes a gap beside the rest: a
failure never reads as "nothing there".  Every device string goes through
:func:`~scanner.collectors.snmp.values.text` (control characters out, length capped).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from scanner.collectors.snmp.values import text
from scanner.collectors.winrm import backups
from scanner.inventory.model import AssetType, Disk, Gap, Hardware, SoftwareItem
from scanner.inventory.sighting import CollectorResult, Inference, RoleHint, Sighting

COLLECTOR = "winrm"
CONFIDENCE = 0.95
#: Get-WindowsFeature Name -> role
FEATURE_ROLES = {"AD-Domain-Services": "directory", "DNS": "dns", "DHCP": "dhcp",
                 "FS-FileServer": "file", "Hyper-V": "hypervisor", "Web-Server": "web",
                 "Print-Server": "printer", "RDS-Gateway": "remote-access"}
#: running Win32_Service Name (lower case; a prefix ends with "$") -> role
SERVICE_ROLES = {"ntds": "directory", "dns": "dns", "dhcpserver": "dhcp", "vmms": "hypervisor",
                 "mssqlserver": "database", "mssql$": "database", "mysql": "database",
                 "postgresql": "database", "w3svc": "web", "msexchangeis": "mail",
                 "veeambackupsvc": "backup"}
#: the parts whose failure leaves a hole worth a gap
ESSENTIAL = ("os", "software", "services", "disks")


def rows(value: Any) -> list[dict[str, Any]]:
    """ConvertTo-Json prints a one-element array as the element, an empty one as null."""
    items = value if isinstance(value, list) else [] if value is None else [value]
    return [i for i in items if isinstance(i, dict)]


def number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value)
    return int(value) if isinstance(value, str) and value.strip().isdigit() else None


def _service_role(name: str) -> str | None:
    low = name.lower()
    return SERVICE_ROLES.get(low) or next(
        (role for key, role in SERVICE_ROLES.items() if key.endswith("$")
         and low.startswith(key)), None)


#: services that run VMs on a client OS: a client hypervisor (software), not the role
CLIENT_HYPERVISOR_SERVICES = {"vmms": "Hyper-V"}


def roles(features: list[dict[str, Any]], services: list[dict[str, Any]],
          client: bool = False) -> list[RoleHint]:
    """Role hints from features and running services.  On a client OS (``client``) Hyper-V's
    vmms makes no "hypervisor" role: a desktop running VMs is a seat with a client
    hypervisor (see :func:`client_hypervisors`), not the office's virtualisation host."""
    hints: dict[str, RoleHint] = {}
    for feature in features:
        name = text(feature.get("Name"), 80)
        role = FEATURE_ROLES.get(name)
        if role and role not in hints:
            hints[role] = RoleHint(role=role, confidence=CONFIDENCE,
                                   evidence=f"WinRM: Windows feature {name} installed")
    for service in services:
        name = text(service.get("Name"), 80)
        role = _service_role(name)
        if client and name.lower() in CLIENT_HYPERVISOR_SERVICES:
            continue
        if role and role not in hints and text(service.get("State"), 20) == "Running":
            hints[role] = RoleHint(role=role, confidence=CONFIDENCE,
                                   evidence=f"WinRM: service {name} running")
    return list(hints.values())


def software(entries: list[dict[str, Any]]) -> list[SoftwareItem]:
    """One item per distinct name and version (the 64- and 32-bit hives overlap)."""
    seen: dict[tuple[str, str], SoftwareItem] = {}
    for row in entries:
        name = text(row.get("DisplayName"), 200)
        version = text(row.get("DisplayVersion"), 60)
        if name and (name, version) not in seen:
            seen[(name, version)] = SoftwareItem(
                name=name, version=version, type="application", collector=COLLECTOR,
                publisher=text(row.get("Publisher"), 120))
    return sorted(seen.values(), key=lambda i: i.name.lower())


def client_hypervisors(services: list[dict[str, Any]]) -> list[SoftwareItem]:
    """A client OS's running VM service (Hyper-V's vmms) as a software item of type
    hypervisor, so the analysis sees the client hypervisor beside VirtualBox or VMware."""
    out = []
    for service in services:
        name = text(service.get("Name"), 80)
        product = CLIENT_HYPERVISOR_SERVICES.get(name.lower())
        if product and text(service.get("State"), 20) == "Running":
            out.append(SoftwareItem(name=product, type="hypervisor", collector=COLLECTOR,
                                    path=f"service {name} running",
                                    publisher="Microsoft Corporation"))
    return out


def disks(entries: list[dict[str, Any]]) -> list[Disk]:
    out = []
    for row in entries:
        size, free = number(row.get("Size")), number(row.get("FreeSpace"))
        if size and free is not None and 0 <= free <= size:
            out.append(Disk(mount=text(row.get("DeviceID"), 40), total_bytes=size,
                            used_bytes=size - free, fstype=text(row.get("FileSystem"), 20)))
    return out


def _type(os_row: dict[str, Any], hints: list[RoleHint]
          ) -> tuple[AssetType | None, dict[str, Inference]]:
    """Win32_OperatingSystem.ProductType: 1 workstation, 2 domain controller, 3 server."""
    product = number(os_row.get("ProductType"))
    caption = text(os_row.get("Caption"), 120)
    if product in (2, 3) and any(h.role == "hypervisor" for h in hints):
        return "hypervisor", {"type": Inference(
            confidence=0.9, evidence=f"WinRM: Hyper-V role on {caption}")}
    kinds: dict[int, AssetType] = {1: "workstation", 2: "server", 3: "server"}
    kind = kinds.get(product or 0)
    if kind is None:
        return None, {}
    return kind, {"type": Inference(
        confidence=0.9, evidence=f"WinRM: {caption} (ProductType {product})")}


def _gaps(snapshot: dict[str, Any], host: str) -> list[Gap]:
    found = snapshot.get("errors")
    errors: dict[str, Any] = found if isinstance(found, dict) else {}
    return [Gap(target=host, collector=COLLECTOR, reason="error", at=datetime.now(UTC),
                detail=text(f"{part} not read over WinRM: {errors[part]}", 300))
            for part in ESSENTIAL if part in errors]


def parse(snapshot: dict[str, Any], host: str) -> CollectorResult:
    os_row = (rows(snapshot.get("os")) or [{}])[0]
    system = (rows(snapshot.get("system")) or [{}])[0]
    services = rows(snapshot.get("services"))
    client = number(os_row.get("ProductType")) == 1
    hints = roles(rows(snapshot.get("features")), services, client)
    kind, inferred = _type(os_row, hints)
    items = software(rows(snapshot.get("software")))
    installed = len(items)
    if client:
        items += client_hypervisors(services)
    name = text(os_row.get("CSName"), 120) or None
    domain = text(system.get("Domain"), 200)
    boot = backups.when(os_row.get("LastBootUpTime"))
    sighting = Sighting(
        collector=COLLECTOR, ips=[host], target=host, name=name,
        hostnames=[f"{name}.{domain}".lower()] if name and "." in domain else [],
        type=kind, inferred=inferred, role_hints=hints,
        os=text(os_row.get("Caption"), 120) or None,
        os_version=text(os_row.get("Version"), 40) or None,
        vendor=text(system.get("Manufacturer"), 80) or None,
        model=text(system.get("Model"), 80) or None,
        hardware=Hardware(cpu_count=number(system.get("NumberOfLogicalProcessors")),
                          memory_bytes=number(system.get("TotalPhysicalMemory")),
                          uptime_seconds=backups.seconds_since(boot, snapshot),
                          disks=disks(rows(snapshot.get("disks")))),
        software=items, backups=backups.jobs(snapshot, host),
        software_note=(f"{installed} installed programs from the Uninstall registry keys "
                       f"(64- and 32-bit), read over WinRM"
                       + (", and Hyper-V's vmms service running on this client"
                          if len(items) > installed else "") if items else None))
    return CollectorResult(collector=COLLECTOR, target=host, sightings=[sighting],
                           gaps=_gaps(snapshot, host))
