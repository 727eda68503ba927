"""Pure classification: vendor, OS, version, model and device type, with evidence.

Every source of knowledge makes *claims* (field, value, confidence, evidence):
product rules on sysDescr/sysObjectID, standard MIBs the agent implements, the
IANA enterprise registry, makers named in sysDescr or in standard objects, the
interface-table shape, LLDP capabilities, sysServices and the bridge ports.

* vendor, os, version, model: the most confident claim wins (the first on a tie).
* type: claims for the same type add up (see :mod:`.type_vote`), so hints that
  agree beat a lone hint that does not, and no rule decides just by coming first.
  With no evidence at all the type is ``other``: an SNMP agent nobody recognised
  is a device, not somebody's workstation.

The winning claim's evidence travels with it to the inventory's provenance.  No
I/O here: the collector passes in what it read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from scanner.collectors.snmp.identify import (
    agent_os,
    families,
    heuristics,
    type_evidence,
    type_vote,
    vendor_evidence,
)
from scanner.collectors.snmp.identify.claims import Claim
from scanner.collectors.snmp.identify.enterprises import enterprise_for_oid, is_generic_agent
from scanner.collectors.snmp.identify.signatures import (
    KEYWORD_RULES,
    MIB_RULES,
    PRODUCT_RULES,
    Rule,
)
from scanner.collectors.snmp.mibs import entity
from scanner.collectors.snmp.mibs.iftypes import ETHERNET_TYPES
from scanner.collectors.snmp.mibs.system import SystemInfo
from scanner.collectors.snmp.oids import ENTERPRISES, IEEE80211_MIB, is_under
from scanner.collectors.snmp.values import Value
from scanner.inventory.model import ASSET_TYPES, Interface

FIELDS = ("vendor", "os", "os_version", "model", "type", "serial")
ENTERPRISE_VENDOR = 0.8
#: an enterprise's usual kind of device: a hint, since most makers make several kinds
ENTERPRISE_CATEGORY = 0.5
SUBTREE_VENDOR = 0.7
EMBEDDED_VENDOR = 0.75
#: a maker's own sysObjectID on a Linux/BSD sysDescr: firmware, so the kernel's
#: "general-purpose server" hint (0.35) must not decide
APPLIANCE = 0.4
_GENERAL_OS = re.compile(r"^(Linux|FreeBSD|NetBSD|OpenBSD)\b")
#: general-purpose hosts: their NICs are often add-in cards, so a MAC's OUI names the
#: card's maker, not the machine's
_HOST_TYPES = frozenset({"server", "hypervisor", "workstation"})

__all__ = ["FIELDS", "Claim", "Classification", "classify", "keyword_text"]


@dataclass(frozen=True)
class Classification:
    """The winning claim per field; ``None`` where nothing was claimed."""

    vendor: Claim | None = None
    os: Claim | None = None
    os_version: Claim | None = None
    model: Claim | None = None
    type: Claim | None = None
    serial: Claim | None = None

    def value(self, field: str) -> str | None:
        claim: Claim | None = getattr(self, field)
        return claim.value if claim else None


#: a Unix sysDescr's second word is the hostname, which must not count as a keyword
_UNIX_HOSTNAME = re.compile(r"^(Linux|FreeBSD|NetBSD|OpenBSD|Darwin|SunOS) \S+")


def keyword_text(descr: str) -> str:
    """sysDescr with a Unix hostname blanked out ("Linux nas 4.4" must not say NAS)."""
    return _UNIX_HOSTNAME.sub(r"\1 -", descr)


def _matches(rule: Rule, system: SystemInfo, present: frozenset[str]) -> dict[str, str] | None:
    """Named groups of a matching rule ({} when it has none), or None when it fails."""
    if rule.oid and not is_under(system.object_id, rule.oid):
        return None
    if rule.present and not any(is_under(p, rule.present) for p in present):
        return None
    if rule.descr is None:
        return {}
    found = rule.descr.search(system.descr)
    if found is None:
        return None
    return {k: v.strip() for k, v in found.groupdict().items() if v and v.strip()}


def _rule_claims(
    rules: Iterable[Rule], system: SystemInfo, present: frozenset[str]
) -> Iterable[tuple[str, Claim]]:
    for rule in rules:
        groups = _matches(rule, system, present)
        if groups is None:
            continue
        facts = {
            "vendor": rule.vendor,
            "os": rule.os,
            "type": rule.type,
            "model": groups.get("model"),
            "os_version": groups.get("version"),
        }
        for field, value in facts.items():
            if value:
                yield field, Claim(value[:128], rule.confidence, rule.evidence)


def _enterprise_claims(system: SystemInfo, present: frozenset[str]) -> Iterable[tuple[str, Claim]]:
    """The sysObjectID's enterprise, or for generic agents the vendor subtrees present."""
    found = enterprise_for_oid(system.object_id)
    if found and not is_generic_agent(system.object_id):
        why = f"sysObjectID {system.object_id} is enterprise {found.number} ({found.source})"
        yield "vendor", Claim(found.name, ENTERPRISE_VENDOR, why)
        if found.category in ASSET_TYPES:
            why = (f"sysObjectID enterprise {found.number} ({found.name}) mostly makes "
                   f"{found.category} devices")
            yield "type", Claim(found.category, ENTERPRISE_CATEGORY, why)
        elif _GENERAL_OS.match(system.descr):
            kernel = system.descr.split()[0]
            yield "type", Claim("other", APPLIANCE, f"sysObjectID {system.object_id} is "
                                f"{found.name}'s own product: an appliance on a {kernel} "
                                "kernel, not a general-purpose server")
        return
    yield from _embedded_claims(system.object_id)
    for root in sorted(present, key=_root_order):
        for field, value, confidence, why in families.claims(root, subtree=True):
            yield field, Claim(value, confidence, why)
    for root in sorted(present, key=_root_order):
        sub = enterprise_for_oid(root) if is_under(root, ENTERPRISES) else None
        if sub and sub.category != "agent":
            why = f"generic agent implements enterprise {sub.number} MIB ({sub.source})"
            yield "vendor", Claim(sub.name, SUBTREE_VENDOR, why)
            if sub.category in ASSET_TYPES:
                yield "type", Claim(sub.category, ENTERPRISE_CATEGORY, why)
            return


def _embedded_claims(object_id: str) -> Iterable[tuple[str, Claim]]:
    """OEM firmware (RND/Radlan, for one) may append the brand's own sysObjectID to its
    agent's: ``89.1.1.1.3.6.1.4.1.4526.100.4.25`` is a Netgear (4526) product."""
    head, marker, tail = object_id.lstrip(".").partition("." + ENTERPRISES + ".")
    inner = enterprise_for_oid(ENTERPRISES + "." + tail) if marker and head else None
    if inner and inner.category != "agent":
        why = f"sysObjectID {object_id} embeds enterprise {inner.number} ({inner.source})"
        yield "vendor", Claim(inner.name, EMBEDDED_VENDOR, why)


def _root_order(root: str) -> tuple[int, ...]:
    return tuple(int(p) for p in root.split(".") if p.isdigit())


def _said_vendor_claims(
    system: SystemInfo, walk: Mapping[str, Value], rows: list[entity.Entity], radio: bool
) -> Iterable[tuple[str, Claim]]:
    """Makers the device names: in sysDescr, upsIdentManufacturer, entPhysicalMfgName;
    and the kind of device a product line it names stands for."""
    descr = keyword_text(system.descr)
    said = [
        *vendor_evidence.descr_claims(descr, system.object_id),
        *vendor_evidence.standard_object_claims(walk, rows, radio),
        *vendor_evidence.hostname_claims(system.descr, system.object_id),
    ]
    for name, confidence, why in said:
        yield "vendor", Claim(name, confidence, why)
    for kind, confidence, why in [
        *vendor_evidence.descr_type_claims(descr, system.object_id),
        *vendor_evidence.hostname_type_claims(system.descr, system.object_id),
    ]:
        yield "type", Claim(kind, confidence, why)
    for kind, confidence, why in type_evidence.descr_port_hints(descr):
        yield "type", Claim(kind, confidence, why)
    for name, confidence, why in vendor_evidence.descr_os_claims(descr, system.object_id):
        yield "os", Claim(name, confidence, why)


def _oid_claims(system: SystemInfo) -> Iterable[tuple[str, Claim]]:
    """What the sysObjectID's branch says: a product family, or net-snmp's build OS."""
    for field, value, confidence, why in [
        *families.claims(system.object_id),
        *agent_os.claims(system.object_id, system.descr),
    ]:
        yield field, Claim(value, confidence, why)


def _type_hints(
    system: SystemInfo,
    interfaces: Sequence[Interface],
    forwarding: bool | None,
    walk: Mapping[str, Value],
    rows: list[entity.Entity],
) -> Iterable[tuple[str, Claim]]:
    """The interface-table shape plus the standard-MIB hints (LLDP, sysServices, ...)."""
    radios = heuristics.radio_count(interfaces)
    ethernet = sum(1 for i in interfaces if i.type in ETHERNET_TYPES)
    hints = heuristics.type_hints(interfaces, forwarding)
    hints += type_evidence.hints(walk, system.services, radios, ethernet, rows)
    for kind, confidence, evidence in hints:
        yield "type", Claim(kind, confidence, evidence)


def _best(claims: Iterable[tuple[str, Claim]]) -> dict[str, Claim]:
    best: dict[str, Claim] = {}
    for field, claim in claims:
        if field == "vendor" and not vendor_evidence.is_vendor(claim.value):
            continue  # "Linux" is the OS, never the maker
        if field not in best or claim.confidence > best[field].confidence:
            best[field] = claim
    return best


def classify(
    system: SystemInfo,
    interfaces: list[Interface],
    forwarding: bool | None,
    present: frozenset[str] = frozenset(),
    walk: Mapping[str, Value] | None = None,
) -> Classification:
    """Identify a device from what its agent said.

    ``present`` holds the roots of the optional MIB subtrees the agent was seen
    to implement (see ``signatures.PROBE_SUBTREES``) and ``walk`` everything read
    (LLDP, BRIDGE, ENTITY, UPS-MIB objects); leaving them empty just means fewer
    clues.
    """
    walk = walk or {}
    claims: list[tuple[str, Claim]] = []
    claims.extend(_rule_claims(PRODUCT_RULES, system, present))
    claims.extend(_rule_claims(MIB_RULES, system, present))
    keywords = replace(system, descr=keyword_text(system.descr))
    claims.extend(_rule_claims(KEYWORD_RULES, keywords, present))
    claims.extend(_enterprise_claims(system, present))
    rows = entity.rows(walk) if walk else []  # parsed once: several hints read them
    claims.extend(_said_vendor_claims(system, walk, rows, IEEE80211_MIB in present))
    claims.extend(_oid_claims(system))
    claims.extend(_type_hints(system, interfaces, forwarding, walk, rows))
    best = _best(c for c in claims if c[0] != "type")
    best["type"] = type_vote.decide([c for f, c in claims if f == "type"])
    if "vendor" not in best and best["type"].value not in _HOST_TYPES:
        best.update(_best(("vendor", Claim(*c)) for c in vendor_evidence.oui_claims(interfaces)))
    return Classification(**{field: best.get(field) for field in FIELDS})
