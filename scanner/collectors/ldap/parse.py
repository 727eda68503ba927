"""An LDAP snapshot of an Active Directory (see :mod:`.api`) -> sightings and a
:class:`~scanner.inventory.directory.Directory`.  Pure: runs the same on live and
recorded data.

* every computer object becomes a sighting named by its ``cn`` and ``dNSHostName``
  (identity resolution merges it with what the network scan saw by name), carrying the
  OS the machine wrote into its own account when it joined;
* a domain controller (``userAccountControl`` SERVER_TRUST_ACCOUNT or
  PARTIAL_SECRETS_ACCOUNT, or an object in ``OU=Domain Controllers``) gets the roles
  ``directory`` and ``dns`` as direct evidence, which outranks port guesses;
  ``dns`` comes from the NS records of the AD-integrated zones when they name it;
* the DC that answered also gets the address we reached it at, so it merges with the
  scan's asset for that address even when nothing resolves its name.

Every string from the directory is hostile text: it only ever lands in pydantic
string fields, which the reports escape.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from scanner.collectors.snmp.values import text
from scanner.inventory.directory import Directory, DirectoryComputer, DirectorySite
from scanner.inventory.model import AssetType
from scanner.inventory.sighting import CollectorResult, Inference, RoleHint, Sighting

COLLECTOR = "ldap"
Snapshot = dict[str, Any]
Entry = dict[str, Any]

ACCOUNTDISABLE = 0x0002
SERVER_TRUST_ACCOUNT = 0x2000
PARTIAL_SECRETS_ACCOUNT = 0x04000000  # a read-only DC
_FILETIME_EPOCH = datetime(1601, 1, 1, tzinfo=UTC)
_NEVER = {0, 0x7FFFFFFFFFFFFFFF}
_DNS_TYPE_NS = 2
#: zones every AD DNS server holds that say nothing about the office
_SYSTEM_ZONES = frozenset({"rootdnsservers", "..trustanchors", "..inprogress"})
_HOST_CHARS = re.compile(r"[^A-Za-z0-9._-]")


def values(entry: Entry, attr: str) -> list[str]:
    """The values of ``attr`` (attribute names are case-insensitive in LDAP), as safe
    single-line text: the same cleaning as SNMP strings (no control characters, capped)."""
    attrs = entry.get("attributes") or {}
    for key, found in attrs.items():
        if key.lower() == attr.lower():
            return [text(v) for v in (found if isinstance(found, list) else [found])]
    return []


def dn_of(entry: Entry) -> str:
    return text(entry.get("dn"), limit=2048)


def first(entry: Entry, attr: str) -> str | None:
    found = [v.strip() for v in values(entry, attr) if v.strip()]
    return found[0] if found else None


def filetime(text: str | None) -> datetime | None:
    """A Windows FILETIME (100 ns ticks since 1601), None for never or garbage."""
    try:
        ticks = int(str(text))
    except (TypeError, ValueError):
        return None
    if ticks in _NEVER or ticks < 0:
        return None
    try:
        return _FILETIME_EPOCH + timedelta(microseconds=ticks // 10)
    except OverflowError:
        return None


def _int(text: str | None) -> int:
    try:
        return int(str(text))
    except (TypeError, ValueError):
        return 0


def domain_of(naming_context: str) -> str:
    """``DC=ad,DC=example,DC=com`` -> ``ad.example.com``."""
    parts = [p.split("=", 1)[1] for p in naming_context.split(",")
             if p.strip().lower().startswith("dc=") and "=" in p]
    return ".".join(p.strip() for p in parts).lower()


def _rdn(dn: str) -> str:
    """The value of the first RDN (``CN=DC1,OU=x`` -> ``DC1``)."""
    head = dn.split(",", 1)[0]
    return head.split("=", 1)[1] if "=" in head else head


def is_dc(entry: Entry) -> bool:
    uac = _int(first(entry, "userAccountControl"))
    dn = dn_of(entry).lower()
    return bool(uac & (SERVER_TRUST_ACCOUNT | PARTIAL_SECRETS_ACCOUNT)) \
        or ",ou=domain controllers," in dn


def computer(entry: Entry) -> DirectoryComputer | None:
    name = first(entry, "cn") or (first(entry, "sAMAccountName") or "").rstrip("$") or None
    if not name:
        return None
    uac = _int(first(entry, "userAccountControl"))
    host = first(entry, "dNSHostName")
    return DirectoryComputer(
        name=name, dns_host_name=host.lower().rstrip(".") if host else None,
        os=first(entry, "operatingSystem"), os_version=first(entry, "operatingSystemVersion"),
        last_logon=filetime(first(entry, "lastLogonTimestamp")),
        enabled=not uac & ACCOUNTDISABLE, domain_controller=is_dc(entry),
        dn=dn_of(entry))


def dns_names(record: bytes) -> str | None:
    """The target name of an NS ``dnsRecord`` (MS-DNSP DNS_RPC_RECORD with a
    DNS_COUNT_NAME payload), or None for other record types or garbage."""
    if len(record) < 24 or int.from_bytes(record[2:4], "little") != _DNS_TYPE_NS:
        return None
    data = record[24:24 + int.from_bytes(record[0:2], "little")]
    if len(data) < 2:
        return None
    labels, pos = [], 2
    for _ in range(data[1]):
        if pos >= len(data):
            return None
        size = data[pos]
        label = data[pos + 1:pos + 1 + size]
        if len(label) != size:
            return None
        labels.append(label.decode("ascii", "replace"))
        pos += 1 + size
    name = ".".join(labels).lower().rstrip(".")
    return name if name and not _HOST_CHARS.search(name) else None


def name_servers(zone_heads: Iterable[Entry]) -> dict[str, list[str]]:
    """NS target host -> the zones whose apex names it."""
    found: dict[str, list[str]] = {}
    for entry in zone_heads:
        zone = _rdn(dn_of(entry).split(",", 1)[-1]).lower()
        for blob in values(entry, "dnsRecord"):
            try:
                raw = base64.b64decode(blob, validate=True)
            except ValueError:
                continue
            host = dns_names(raw)
            if host and zone not in found.setdefault(host, []):
                found[host].append(zone)
    return found


def sites(entries: Sequence[Entry]) -> list[DirectorySite]:
    """Sites with their subnets (``siteObject``) and servers (``CN=Servers,CN=<site>``)."""
    by_dn: dict[str, DirectorySite] = {}
    for e in entries:
        if "site" in (c.lower() for c in values(e, "objectClass")):
            by_dn[dn_of(e).lower()] = DirectorySite(name=_rdn(dn_of(e)))
    subnets: dict[str, list[str]] = {}
    servers: dict[str, list[str]] = {}
    for e in entries:
        classes = {c.lower() for c in values(e, "objectClass")}
        dn = dn_of(e)
        if "subnet" in classes and first(e, "siteObject"):
            subnets.setdefault(str(first(e, "siteObject")).lower(), []).append(_rdn(dn))
        elif "server" in classes and ",cn=servers," in dn.lower():
            site_dn = dn.lower().split(",cn=servers,", 1)[1]
            servers.setdefault(site_dn, []).append(
                (first(e, "dNSHostName") or _rdn(dn)).lower())
    return sorted((s.model_copy(update={"subnets": sorted(subnets.get(dn, [])),
                                        "servers": sorted(servers.get(dn, []))})
                   for dn, s in by_dn.items()), key=lambda s: s.name)


def zones(entries: Iterable[Entry]) -> list[str]:
    names = {(first(e, "name") or _rdn(dn_of(e))).lower() for e in entries}
    return sorted(n for n in names if n and n not in _SYSTEM_ZONES)


def directory(snap: Snapshot) -> Directory:
    """The domain as one Directory record (computers not yet matched to assets)."""
    dse = snap.get("root_dse") or {}
    context = first(dse, "defaultNamingContext") or ""
    found = [c for c in (computer(e) for e in snap.get("computers") or []) if c]
    found.sort(key=lambda c: c.name.lower())
    return Directory(
        domain=domain_of(context) or "unknown", naming_context=context,
        endpoint=str(snap.get("endpoint") or ""),
        server=(first(dse, "dnsHostName") or "").lower() or None,
        vendor=first(dse, "vendorName"), transport=snap.get("transport") or None,
        domain_controllers=sorted(c.dns_host_name or c.name.lower()
                                  for c in found if c.domain_controller),
        sites=sites(snap.get("sites") or []), dns_zones=zones(snap.get("zones") or []),
        computers=found)


def _type(c: DirectoryComputer) -> tuple[AssetType, Inference] | None:
    os_text = (c.os or "").lower()
    if c.domain_controller:
        return "server", Inference(confidence=0.9, evidence="LDAP: domain controller object")
    if "server" in os_text:
        return "server", Inference(confidence=0.7, evidence=f"LDAP: operatingSystem {c.os}")
    if "windows" in os_text:
        return "workstation", Inference(confidence=0.7,
                                        evidence=f"LDAP: operatingSystem {c.os}")
    return None


def _roles(c: DirectoryComputer, d: Directory, ns: dict[str, list[str]]) -> list[RoleHint]:
    if not c.domain_controller:
        return []
    hints = [RoleHint(role="directory", confidence=1.0,
                      evidence=f"LDAP: domain controller object {c.dn} of {d.domain}")]
    named = ns.get(c.dns_host_name or "", [])
    if named:
        hints.append(RoleHint(role="dns", confidence=1.0,
                              evidence=f"LDAP: domain controller object; NS record of the "
                                       f"AD-integrated zone(s) {', '.join(sorted(named))}"))
    elif d.dns_zones:
        hints.append(RoleHint(role="dns", confidence=0.8,
                              evidence=f"LDAP: domain controller object of a domain with "
                                       f"AD-integrated DNS zones ({', '.join(d.dns_zones[:3])})"))
    return hints


def sighting(c: DirectoryComputer, d: Directory, ns: dict[str, list[str]],
             address: str | None) -> Sighting:
    """``address``: where we reached the directory, given only to the DC that answered."""
    typed = _type(c)
    answered = bool(address) and c.dns_host_name is not None and c.dns_host_name == d.server
    return Sighting(
        collector=COLLECTOR, name=c.name,
        hostnames=[h for h in (c.dns_host_name,) if h],
        ips=[str(address)] if answered else [], target=str(address) if answered else None,
        os=c.os, os_version=c.os_version, type=typed[0] if typed else None,
        inferred={"type": typed[1]} if typed else {}, role_hints=_roles(c, d, ns))


def parse(snap: Snapshot, target: str) -> CollectorResult:
    """Sightings of every computer object, and the directory they came from."""
    found = directory(snap)
    ns = name_servers(snap.get("zone_heads") or [])
    address = snap.get("address")
    sightings = [sighting(c, found, ns, address) for c in found.computers]
    return CollectorResult(collector=COLLECTOR, target=target, sightings=sightings,
                           directory=found)
