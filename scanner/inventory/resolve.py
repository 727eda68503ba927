"""Identity resolution: many sightings of one device become one asset.

nmap, SNMP and the local collector each see part of a device (nmap the MAC on the
wire, SNMP every interface's MAC and address, the local machine its ARP cache).
``scanner.inventory.grouping`` decides which sightings are one device (never two devices whose
strong identity differs), then each group is merged field by field; every value any
collector reported is kept as a :class:`~scanner.inventory.model.Fact`, so disagreements stay
visible in the reports.  Joins that were refused become ``identity_conflict`` facts on
both assets, and addresses several devices claim become ``shared_address`` facts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime

from scanner.collectors.registry import TRUST
from scanner.inventory.grouping import Grouping, group
from scanner.inventory.identity import (
    IdentityKey,
    asset_id,
    asset_key,
    clean_name,
    ip_key,
    is_identifying_ip,
    is_identifying_mac,
    is_usable_mac,
    mac_key,
    name_key,
    norm_mac,
)
from scanner.inventory.model import Asset, AssetType, Fact, Hardware, Interface, Link, Service
from scanner.inventory.sighting import LinkHint, Sighting
from scanner.targets import Network
from scanner.topology import PHYSICAL_HINT_KINDS, guest_links, physical_links

#: the "collector" of facts identity resolution itself derives
RESOLVER = "drscout"

#: Collectors in order of trust when two report different values for one field.
#: ssh reads a host from the inside after logging in: it outranks every outside guess
_TRUST = TRUST
_SCALARS = ("type", "vendor", "model", "serial", "os", "os_version", "location", "contact",
            "description", "sys_object_id")


def _ordered(group: Iterable[Sighting]) -> list[Sighting]:
    return sorted(group, key=lambda s: -_TRUST.get(s.collector, 0))


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _facts(group: Sequence[Sighting]) -> list[Fact]:
    facts: list[Fact] = []
    for s in group:
        for field in _SCALARS:
            value = getattr(s, field)
            if value in (None, ""):
                continue
            inf = s.inferred.get(field)
            facts.append(Fact(field=field, value=str(value), collector=s.collector,
                              confidence=inf.confidence if inf else 1.0,
                              evidence=inf.evidence if inf else ""))
        facts += [Fact(field="ip", value=ip, collector=s.collector) for ip in s.ips]
        facts += [Fact(field="mac", value=m, collector=s.collector)
                  for m in _unique(norm_mac(x) or "" for x in s.macs)]
        facts += [Fact(field="role", value=h.role, collector=s.collector,
                       confidence=h.confidence, evidence=h.evidence) for h in s.role_hints]
        if s.software_note:  # what was read, or why the process table was not
            facts.append(Fact(field="software", value=s.software_note, collector=s.collector))
    return facts


def _pick(facts: Sequence[Fact], field: str) -> str | None:
    """The value with the highest confidence, ties broken by collector trust."""
    candidates = [f for f in facts if f.field == field]
    if not candidates:
        return None
    best = max(candidates, key=lambda f: (f.confidence, _TRUST.get(f.collector, 0)))
    return best.value


def _type(group: Sequence[Sighting], picked: str | None) -> AssetType:
    """The picked type as the sighting that said it typed it ("other" when none did)."""
    return next((s.type for s in group if s.type is not None and s.type == picked), "other")


def _services(group: Sequence[Sighting]) -> list[Service]:
    """One service per (protocol, port); the most detailed report wins."""
    best: dict[tuple[str, int], Service] = {}
    for s in group:
        for svc in s.services:
            key = (svc.protocol, svc.port)
            old = best.get(key)
            if old is None or len(svc.product + svc.version) > len(old.product + old.version):
                best[key] = svc
    return sorted(best.values(), key=lambda s: (s.protocol, s.port))


def _interfaces(group: Sequence[Sighting]) -> list[Interface]:
    for s in _ordered(group):
        if s.interfaces:
            return list(s.interfaces)
    return []


def _hardware(group: Sequence[Sighting]) -> Hardware | None:
    return next((s.hardware for s in _ordered(group) if s.hardware), None)


def _bool(group: Sequence[Sighting], field: str) -> bool | None:
    values = [getattr(s, field) for s in _ordered(group) if getattr(s, field) is not None]
    return values[0] if values else None


def _ips(group: Sequence[Sighting]) -> list[str]:
    """IPs, those nmap or the local machine saw on the wire first."""
    wire = [ip for s in group if s.collector != "snmp" for ip in s.ips]
    return _unique([*wire, *(ip for s in group for ip in s.ips)])


def _wire_macs(group: Sequence[Sighting]) -> list[str]:
    return _unique(norm_mac(m) or "" for s in group if s.collector != "snmp" for m in s.macs)


def _name(group: Sequence[Sighting], ips: list[str]) -> str:
    for s in _ordered(group):
        if s.name and clean_name(s.name):
            return s.name
    for s in group:
        for host in s.hostnames:
            if clean_name(host):
                return host
    return ips[0] if ips else "unknown"


def merge_group(group: Sequence[Sighting], seen: datetime | None,
                shared_macs: frozenset[str] = frozenset()) -> Asset:
    """One asset from the sightings of one device; ``shared_macs`` (claimed by other
    devices too) are kept on the asset but never make its id."""
    facts = _facts(group)
    ips = _ips(group)
    all_macs = _unique(norm_mac(m) or "" for s in group for m in s.macs)
    macs = [m for m in all_macs if is_usable_mac(m)]
    own = [m for m in _wire_macs(group) or macs if m not in shared_macs
           and is_identifying_mac(m)]
    name = _name(group, ips)
    serial = _pick(facts, "serial")
    chassis = next((s.chassis_id for s in group if s.chassis_id), None)
    hostnames = _unique(h for s in group for h in s.hostnames)
    return Asset(
        id=asset_id(own, serial, chassis, hostnames or [name], ips),
        name=name,
        type=_type(group, _pick(facts, "type")),
        vendor=_pick(facts, "vendor"),
        model=_pick(facts, "model"),
        serial=serial,
        os=_pick(facts, "os"),
        os_version=_pick(facts, "os_version"),
        location=_pick(facts, "location"),
        contact=_pick(facts, "contact"),
        description=_pick(facts, "description"),
        sys_object_id=_pick(facts, "sys_object_id"),
        ips=ips,
        macs=macs,
        hostnames=hostnames,
        services=_services(group),
        interfaces=_interfaces(group),
        hardware=_hardware(group),
        modules=next((list(s.modules) for s in _ordered(group) if s.modules), []),
        snmp_community_default=_bool(group, "snmp_community_default"),
        ip_forwarding=_bool(group, "ip_forwarding"),
        is_scanner=any(s.is_scanner for s in group),
        first_seen=seen,
        last_seen=seen,
        sources=sorted({s.collector for s in group}),
        provenance=facts,
        virtualization=next((s.virtualization for s in group if s.virtualization), None),
        power=next((s.power for s in _ordered(group) if s.power), None),
        printer=next((s.printer for s in _ordered(group) if s.printer), None),
        software=next((list(s.software) for s in _ordered(group) if s.software), []),
        backups=[b for s in group for b in s.backups],
    )


def _dedupe_ids(assets: list[Asset]) -> list[Asset]:
    """Two devices that derive the same id (same hostname, no MAC) get a suffix; the
    list keeps its order."""
    order = sorted(range(len(assets)), key=lambda i: (assets[i].id, assets[i].ips))
    seen: dict[str, int] = {}
    out = list(assets)
    for i in order:
        n = seen.get(assets[i].id, 0)
        seen[assets[i].id] = n + 1
        if n:
            out[i] = assets[i].model_copy(update={"id": f"{assets[i].id}-{n + 1}"})
    return out


def _notes(found: Grouping, owner: dict[int, int], ids: list[str]) -> dict[int, list[Fact]]:
    """Facts for refused joins (on both assets) and for addresses others claim too."""
    notes: dict[int, list[Fact]] = defaultdict(list)
    done: set[tuple[int, int]] = set()
    for c in found.conflicts:
        a, b = owner[c.a], owner[c.b]
        if a == b or (min(a, b), max(a, b)) in done:
            continue
        done.add((min(a, b), max(a, b)))
        why = f"both show {c.key}, but {c.why}: kept as two devices"
        notes[a].append(Fact(field="identity_conflict", value=ids[b], collector=RESOLVER,
                             evidence=why))
        notes[b].append(Fact(field="identity_conflict", value=ids[a], collector=RESOLVER,
                             evidence=why))
    for key, members in found.shared.items():
        holders = sorted({owner[i] for i in members if i in owner})
        for a in holders:
            others = [ids[b] for b in holders if b != a]
            why = ("claimed by other devices too" + (f" ({', '.join(others[:5])})" if others
                                                     else "") + ": not used to identify")
            notes[a].append(Fact(field="shared_address", value=key.value,
                                 collector=RESOLVER, evidence=why))
    return notes


def resolve(sightings: Sequence[Sighting], seen: datetime | None = None,
            scope: Sequence[Network] = (), exclude: Sequence[Network] = ()) -> list[Asset]:
    """Assets from sightings, one per device, sorted by id.  ``scope``: addresses
    outside it never identify a device (empty: every address may)."""
    found = group(sightings, scope, exclude)
    shared_macs = frozenset(k.value for k in found.shared if k.kind == "mac")
    assets = _dedupe_ids([merge_group([sightings[i] for i in g], seen, shared_macs)
                          for g in found.groups])
    owner = {i: n for n, g in enumerate(found.groups) for i in g}
    notes = _notes(found, owner, [a.id for a in assets])
    assets = [a.model_copy(update={"provenance": [*a.provenance, *notes[n]]}) if notes.get(n)
              else a for n, a in enumerate(assets)]
    return sorted(assets, key=lambda a: a.id)


def _asset_keys(a: Asset) -> list[IdentityKey]:
    return [*filter(None, (mac_key(m) for m in a.macs if is_identifying_mac(m))),
            *filter(None, (ip_key(ip) for ip in a.ips if is_identifying_ip(ip, polled=True))),
            *filter(None, map(name_key, [a.name, *a.hostnames])),
            asset_key(a.id)]


def _link_index(assets: Sequence[Asset]) -> dict[IdentityKey, str]:
    """Keys that name exactly one asset: shared or non-identifying addresses are left out,
    so a link to 192.168.1.1 never lands on whichever of four devices came first.  A name
    may name several (two boxes called ``files``): the first one wins."""
    keyed = [(a.id, _asset_keys(a)) for a in assets]
    counts = Counter(k for _, keys in keyed for k in set(keys))
    index: dict[IdentityKey, str] = {}
    for asset, keys in keyed:
        for key in keys:
            if counts[key] == 1 or key.kind == "name":
                index.setdefault(key, asset)
    return index


def resolve_links(hints: Sequence[LinkHint], assets: Sequence[Asset]) -> list[Link]:
    """Links whose ends name an IP, MAC or name, mapped onto asset ids; unknown ends dropped.

    Physical hints (LLDP/CDP/forwarding tables) go through ``scanner.topology``, which
    also places VMs a switch learned behind another machine's port (``runs_on``)."""
    index = _link_index(assets)

    def lookup(keys: Sequence[IdentityKey]) -> str | None:  # the first alternative known
        return next((index[k] for k in keys if k in index), None)

    links = physical_links([h for h in hints if h.kind in PHYSICAL_HINT_KINDS], lookup, assets)
    for h in hints:
        if h.kind == "physical" or h.kind == "fdb":  # LinkKind left: mypy narrows the Literal
            continue
        src, dst = lookup(h.source_keys), lookup(h.target_keys)
        if src and dst and src != dst:
            links.append(Link(source=src, target=dst, kind=h.kind,
                              source_port=h.source_port, target_port=h.target_port,
                              collector=h.collector, confidence=h.confidence,
                              evidence=h.evidence))
    return links + guest_links([h for h in hints if h.kind == "fdb"], lookup, assets, links)


__all__ = ["merge_group", "resolve", "resolve_links"]
