"""Pure classification: vendor, OS, version, model and device type, with evidence.

Every source of knowledge makes *claims* (field, value, confidence, evidence):
product rules on sysDescr/sysObjectID, standard MIBs the agent implements, the
IANA enterprise table, and the interface-table shape.  Per field the most
confident claim wins (the first on a tie), and its evidence travels with it to
the inventory's provenance.  No I/O here: the collector passes in what it read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from scanner.collectors.snmp import heuristics
from scanner.collectors.snmp.enterprises import enterprise_for_oid, is_generic_agent
from scanner.collectors.snmp.oids import ENTERPRISES, is_under
from scanner.collectors.snmp.signatures import KEYWORD_RULES, MIB_RULES, PRODUCT_RULES, Rule
from scanner.collectors.snmp.system import SystemInfo
from scanner.model import ASSET_TYPES, Interface

FIELDS = ("vendor", "os", "os_version", "model", "type", "serial")
ENTERPRISE_VENDOR = 0.8
ENTERPRISE_CATEGORY = 0.5
SUBTREE_VENDOR = 0.7


@dataclass(frozen=True)
class Claim:
    value: str
    confidence: float
    evidence: str


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
        why = f"sysObjectID {system.object_id} is enterprise {found.number} ({found.name})"
        yield "vendor", Claim(found.name, ENTERPRISE_VENDOR, why)
        if found.category in ASSET_TYPES:
            yield (
                "type",
                Claim(found.category, ENTERPRISE_CATEGORY, why + f", a {found.category} maker"),
            )
        return
    for root in sorted(present):
        sub = enterprise_for_oid(root) if is_under(root, ENTERPRISES) else None
        if sub and sub.category != "agent":
            why = f"generic agent implements enterprise {sub.number} ({sub.name}) MIB"
            yield "vendor", Claim(sub.name, SUBTREE_VENDOR, why)
            if sub.category in ASSET_TYPES:
                yield "type", Claim(sub.category, ENTERPRISE_CATEGORY, why)


def _interface_claims(
    interfaces: Sequence[Interface], forwarding: bool | None
) -> Iterable[tuple[str, Claim]]:
    for kind, confidence, evidence in heuristics.type_hints(interfaces, forwarding):
        yield "type", Claim(kind, confidence, evidence)


def _best(claims: Iterable[tuple[str, Claim]]) -> dict[str, Claim]:
    best: dict[str, Claim] = {}
    for field, claim in claims:
        if field not in best or claim.confidence > best[field].confidence:
            best[field] = claim
    return best


def classify(
    system: SystemInfo,
    interfaces: list[Interface],
    forwarding: bool | None,
    present: frozenset[str] = frozenset(),
) -> Classification:
    """Identify a device from what its agent said.

    ``present`` holds the roots of the optional MIB subtrees the agent was seen
    to implement (see ``signatures.PROBE_SUBTREES``); leaving it empty just
    means fewer clues.
    """
    claims: list[tuple[str, Claim]] = []
    claims.extend(_rule_claims(PRODUCT_RULES, system, present))
    claims.extend(_rule_claims(MIB_RULES, system, present))
    keywords = replace(system, descr=keyword_text(system.descr))
    claims.extend(_rule_claims(KEYWORD_RULES, keywords, present))
    claims.extend(_enterprise_claims(system, present))
    claims.extend(_interface_claims(interfaces, forwarding))
    best = _best(claims)
    return Classification(**{field: best.get(field) for field in FIELDS})
