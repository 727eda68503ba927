"""Roles from evidence: what each merged asset does for the office.

Each rule looks at one kind of evidence (an open port, a device type, the
scanner's default route, a DHCP answer) and returns the role with a sentence
saying why.  Rules run after identity resolution, so ports nmap saw and types
SNMP inferred are judged together; every role lands in the asset's provenance.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from scanner.inventory.model import Asset, Fact, NetworkContext, Service


def is_switch(asset: Asset) -> bool:
    """A switch by device type or by role: the one test topology and analysis share."""
    return asset.type == "switch" or "switch" in asset.roles


_GEAR = frozenset({"router", "firewall", "switch", "wireless", "ups", "printer", "hypervisor"})
_TYPE_ROLES = {"router": "router", "firewall": "firewall", "switch": "switch",
               "wireless": "wireless", "ups": "ups", "printer": "printer", "nas": "nas",
               "hypervisor": "hypervisor", "workstation": "workstation"}
_DB_PORTS = {5432: "PostgreSQL", 3306: "MySQL/MariaDB", 1433: "Microsoft SQL Server",
             1521: "Oracle", 27017: "MongoDB", 1583: "Pervasive/Actian PSQL",
             2638: "SAP SQL Anywhere", 50000: "IBM Db2", 9042: "Cassandra", 5984: "CouchDB"}
_BACKUP_PORTS = {9392: "Veeam Backup", 10000: "NDMP", 6106: "Backup Exec",
                 9101: "Bacula director", 9102: "Bacula file daemon", 9103: "Bacula storage",
                 8400: "Commvault"}
_HYPERVISOR_PORTS = {902: "VMware ESXi (vmware-auth 902)", 8006: "Proxmox VE (8006)",
                     16509: "libvirt (16509)", 16514: "libvirt TLS (16514)"}
_WEB_PORTS = frozenset({80, 443, 8000, 8080, 8443})
#: running program (lower case, ".exe" dropped; "*" = prefix) -> (role, confidence)
_PROGRAM_ROLES: dict[str, tuple[str, float]] = {
    "postgres": ("database", 0.9), "postmaster": ("database", 0.9),
    "mysqld": ("database", 0.9), "mariadbd": ("database", 0.9),
    "sqlservr": ("database", 0.9), "mongod": ("database", 0.9),
    "smbd": ("file", 0.9), "nfsd": ("file", 0.8),
    "named": ("dns", 0.9), "unbound": ("dns", 0.9), "pdns_server": ("dns", 0.9),
    "dnsmasq": ("dns", 0.8),
    # backup SERVERS only: every protected machine runs a client (bacula-fd, the Veeam
    # agent, urbackupclientbackend), which says nothing about where backups are kept
    "veeam.backup.*": ("backup", 0.9), "bacula-dir": ("backup", 0.8),
    "bacula-sd": ("backup", 0.8), "bareos-dir": ("backup", 0.8), "bareos-sd": ("backup", 0.8),
    "urbackupsrv": ("backup", 0.8),
}
#: programs that serve DHCP only when configured to: the role needs 67/udp open too
_DHCP_IF_OPEN = frozenset({"dnsmasq", "dhcpd", "kea-dhcp4"})
#: how the "offers nothing, so a workstation" fallback's evidence starts (a VM found later
#: loses that role: scanner.topology.guests)
FALLBACK_EVIDENCE = "no server role found"


@dataclass(frozen=True)
class RoleEvidence:
    role: str
    evidence: str
    confidence: float = 0.9
    collector: str = "drscout"


Rule = Callable[[Asset, NetworkContext], Iterable[RoleEvidence]]


def _open(asset: Asset, port: int, proto: str = "tcp") -> Service | None:
    return next((s for s in asset.services if s.port == port and s.protocol == proto), None)


def _describe(svc: Service) -> str:
    detail = " ".join(x for x in (svc.product, svc.version) if x)
    label = f"{svc.name or 'unknown'}: {detail}" if detail else svc.name or "unknown"
    return f"{svc.port}/{svc.protocol} open ({label})"


def _is_windows_client(asset: Asset) -> bool:
    os_text = f"{asset.os or ''} {asset.os_version or ''}".lower()
    return "windows" in os_text and "server" not in os_text


#: collectors that read a host from the inside (logged in, or its directory entry): their
#: facts outrank every guess from the outside, and evidence built on them says so
INSIDE_COLLECTORS = {"ssh": "SSH", "winrm": "WinRM", "ldap": "LDAP"}
INSIDE_CONFIDENCE = 0.95


def _type_fact(asset: Asset) -> Fact | None:
    """The strongest fact behind the asset's type (an inside read wins a tie)."""
    facts = [f for f in asset.provenance if f.field == "type" and f.value == asset.type]
    return max(facts, key=lambda f: (f.confidence, f.collector in INSIDE_COLLECTORS),
               default=None)


def rule_type(asset: Asset, _net: NetworkContext) -> Iterable[RoleEvidence]:
    role = _TYPE_ROLES.get(asset.type)
    if not role:
        return
    fact = _type_fact(asset)
    if fact is not None and fact.collector in INSIDE_COLLECTORS:
        label = INSIDE_COLLECTORS[fact.collector]
        said = fact.evidence if label.lower() in fact.evidence.lower() else (
            f"{fact.evidence or asset.type}, read over {label}")
        yield RoleEvidence(role, f"device type {asset.type} from the inside: {said}",
                           INSIDE_CONFIDENCE, fact.collector)
    else:
        yield RoleEvidence(role, f"device type {asset.type}", 0.8)


def rule_gateway(asset: Asset, net: NetworkContext) -> Iterable[RoleEvidence]:
    for route in net.default_gateways:
        if route.gateway in asset.ips:
            yield RoleEvidence("gateway", f"default route of the scanning host "
                                          f"({route.gateway} via {route.interface})", 1.0)
            yield RoleEvidence("router", "forwards the LAN's traffic as its default gateway", 0.9)
    if asset.ip_forwarding and asset.type not in ("switch", "wireless", "ups", "printer"):
        yield RoleEvidence("router", "SNMP ipForwarding = forwarding(1)", 0.8)


def rule_dns(asset: Asset, net: NetworkContext) -> Iterable[RoleEvidence]:
    for proto in ("tcp", "udp"):
        svc = _open(asset, 53, proto)
        if svc:
            yield RoleEvidence("dns", _describe(svc), 0.9)
    for ip in asset.ips:
        if ip in net.dns_servers:
            yield RoleEvidence("dns", f"{ip} is a name server in the scanning host's resolver "
                                      f"configuration", 0.9)


def rule_dhcp(asset: Asset, net: NetworkContext) -> Iterable[RoleEvidence]:
    svc = _open(asset, 67, "udp")
    if svc:
        yield RoleEvidence("dhcp", _describe(svc), 0.8)
    for ip in asset.ips:
        if ip in net.dhcp_servers:
            yield RoleEvidence("dhcp", f"{ip} answered a broadcast DHCPDISCOVER", 1.0)


def rule_directory(asset: Asset, _net: NetworkContext) -> Iterable[RoleEvidence]:
    kerberos, ldap = _open(asset, 88), _open(asset, 389) or _open(asset, 636)
    if kerberos and ldap:
        yield RoleEvidence("directory", f"Kerberos and LDAP: {_describe(kerberos)}, "
                                        f"{_describe(ldap)}", 0.9)


def rule_file(asset: Asset, _net: NetworkContext) -> Iterable[RoleEvidence]:
    if asset.type in _GEAR - {"hypervisor"}:
        return
    for port, label in ((445, "SMB"), (2049, "NFS"), (548, "AFP")):
        svc = _open(asset, port)
        if svc and not (port == 445 and _is_windows_client(asset)):
            yield RoleEvidence("file", f"{label} file sharing: {_describe(svc)}", 0.8)


def rule_web(asset: Asset, _net: NetworkContext) -> Iterable[RoleEvidence]:
    if asset.type in _GEAR | {"nas"}:
        return
    for svc in asset.services:
        if svc.protocol == "tcp" and (svc.name.startswith("http") or svc.port in _WEB_PORTS):
            if svc.port in (902, 8006, 5985, 5986, 16509, 16514):
                continue
            yield RoleEvidence("web", f"web server: {_describe(svc)}", 0.8)


def _listening(asset: Asset, role: str, ports: dict[int, str],
               confidence: float) -> Iterable[RoleEvidence]:
    """One piece of evidence per open port of ``ports`` (port -> what it says it is)."""
    for port, label in ports.items():
        svc = _open(asset, port)
        if svc:
            yield RoleEvidence(role, f"{label}: {_describe(svc)}", confidence)


def rule_database(asset: Asset, _net: NetworkContext) -> Iterable[RoleEvidence]:
    return _listening(asset, "database", _DB_PORTS, 0.9)


def rule_mail(asset: Asset, _net: NetworkContext) -> Iterable[RoleEvidence]:
    if asset.type in _GEAR:
        return
    smtp = _open(asset, 25) or _open(asset, 587) or _open(asset, 465)
    mailbox = next((s for p in (143, 993, 110, 995) if (s := _open(asset, p))), None)
    if smtp and mailbox:
        yield RoleEvidence("mail", f"mail server: {_describe(smtp)}, {_describe(mailbox)}", 0.9)
    elif smtp:
        yield RoleEvidence("mail", f"mail relay: {_describe(smtp)}", 0.6)


def rule_printer(asset: Asset, _net: NetworkContext) -> Iterable[RoleEvidence]:
    for port, label in ((9100, "raw printing (JetDirect 9100)"), (631, "IPP"), (515, "LPD")):
        svc = _open(asset, port)
        if svc and not (port == 631 and asset.type in ("server", "workstation")):
            yield RoleEvidence("printer", f"{label}: {_describe(svc)}", 0.8)


def rule_hypervisor(asset: Asset, _net: NetworkContext) -> Iterable[RoleEvidence]:
    return _listening(asset, "hypervisor", _HYPERVISOR_PORTS, 0.8)


def rule_backup(asset: Asset, _net: NetworkContext) -> Iterable[RoleEvidence]:
    return _listening(asset, "backup", _BACKUP_PORTS, 0.6)


def _program_role(name: str) -> tuple[str, float] | None:
    key = name.lower().removesuffix(".exe")
    if key in _PROGRAM_ROLES:
        return _PROGRAM_ROLES[key]
    return next((v for k, v in _PROGRAM_ROLES.items()
                 if k.endswith("*") and key.startswith(k[:-1])), None)


def rule_software(asset: Asset, _net: NetworkContext) -> Iterable[RoleEvidence]:
    """Roles from programs the host itself says it runs (hrSWRunTable)."""
    dhcp_port = _open(asset, 67, "udp")
    for item in asset.software:
        found = _program_role(item.name)
        key = item.name.lower().removesuffix(".exe")
        where = f" ({item.path})" if item.path and item.path != item.name else ""
        said = f"running process {item.name}{where} seen by {item.collector or 'a collector'}"
        if found:
            yield RoleEvidence(found[0], said, found[1], item.collector or "drscout")
        if key in _DHCP_IF_OPEN and dhcp_port:
            yield RoleEvidence("dhcp", f"{said}, and {_describe(dhcp_port)}", 0.95,
                               item.collector or "drscout")


def rule_workstation(asset: Asset, _net: NetworkContext) -> Iterable[RoleEvidence]:
    """A Windows caption without "Server" reads as a client, unless a read from the inside
    typed the host otherwise (WinRM's ProductType says server whatever the caption says)."""
    fact = _type_fact(asset)
    if fact is not None and fact.collector in INSIDE_COLLECTORS and asset.type != "workstation":
        return
    if _is_windows_client(asset):
        yield RoleEvidence("workstation", f"client operating system {asset.os}", 0.8)


RULES: tuple[Rule, ...] = (rule_type, rule_gateway, rule_dns, rule_dhcp, rule_directory,
                           rule_file, rule_web, rule_database, rule_mail, rule_printer,
                           rule_hypervisor, rule_backup, rule_software, rule_workstation)
_SERVER_ROLES = frozenset({"dns", "dhcp", "directory", "file", "web", "database", "mail",
                           "backup"})


def _hinted(asset: Asset) -> list[RoleEvidence]:
    return [RoleEvidence(f.value, f.evidence, f.confidence, f.collector)
            for f in asset.provenance if f.field == "role"]


def _fallback(asset: Asset, roles: dict[str, RoleEvidence]) -> RoleEvidence | None:
    """A host that offers nothing and routes nothing is somebody's workstation; but not
    a device whose SNMP agent answered without saying what it is (a camera, a sensor, a
    phone): that stays ``other``, since SNMP classification had its say."""
    if roles.keys() - {"scanner"} or asset.type not in ("other", "workstation"):
        return None
    if asset.is_scanner or (asset.type == "other" and "snmp" in asset.sources):
        return None
    listening = ", ".join(f"{s.port}/{s.protocol}" for s in asset.services) or "none"
    return RoleEvidence("workstation", f"{FALLBACK_EVIDENCE} (open ports: {listening})", 0.5)


def infer_type(asset: Asset, roles: dict[str, RoleEvidence]) -> tuple[str, str] | None:
    """A type from roles, for assets no collector could classify."""
    if asset.type not in ("other",):
        return None
    for role in ("gateway", "router"):
        if role in roles:
            return "router", f"routes traffic ({roles[role].evidence})"
    for role in ("printer", "hypervisor", "switch"):
        if role in roles:
            return role, roles[role].evidence
    server = sorted(roles.keys() & _SERVER_ROLES)
    if server:
        return "server", "provides " + ", ".join(server)
    if "workstation" in roles:
        return "workstation", roles["workstation"].evidence
    return None


def assign_roles(asset: Asset, net: NetworkContext) -> Asset:
    """The asset with roles (and a type, when it had none) from every rule's evidence."""
    found: dict[str, RoleEvidence] = {}
    for ev in [*_hinted(asset), *(e for rule in RULES for e in rule(asset, net))]:
        if ev.role not in found or ev.confidence > found[ev.role].confidence:
            found[ev.role] = ev
    fallback = _fallback(asset, found)
    if fallback:
        found[fallback.role] = fallback
    facts = [Fact(field="role", value=e.role, collector=e.collector, confidence=e.confidence,
                  evidence=e.evidence) for e in found.values()]
    provenance = [f for f in asset.provenance if f.field != "role"] + facts
    update: dict[str, object] = {"roles": sorted(found), "provenance": provenance}
    inferred = infer_type(asset, found)
    if inferred:
        update["type"] = inferred[0]
        provenance.append(Fact(field="type", value=inferred[0], collector="drscout",
                               confidence=0.6, evidence=inferred[1]))
    return asset.model_copy(update=update)
