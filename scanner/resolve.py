"""Identity resolution: many sightings of one device become one asset.

nmap, SNMP and the local collector each see part of a device (nmap the MAC on the
wire, SNMP every interface's MAC and address, the local machine its ARP cache).
Sightings are grouped with a union-find over shared keys (MAC, IP, name), then
each group is merged field by field; every value any collector reported is kept
as a :class:`~scanner.model.Fact`, so conflicts stay visible in the reports.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime

from scanner.identity import asset_id, clean_name, is_usable_mac, norm_mac
from scanner.model import Asset, Fact, Hardware, Interface, Link, Service
from scanner.sighting import LinkHint, Sighting
from scanner.topology import PHYSICAL_HINT_KINDS, physical_links

#: Collectors in order of trust when two report different values for one field.
_TRUST = {"localhost": 3, "snmp": 2, "nmap": 1}
_SCALARS = ("type", "vendor", "model", "serial", "os", "os_version", "location", "contact",
            "description", "sys_object_id")


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def sighting_keys(s: Sighting) -> list[str]:
    """Keys that identify a device: usable MACs, IPs, chassis id, then names."""
    keys = [f"mac:{m}" for m in (norm_mac(x) for x in s.macs) if m and is_usable_mac(m)]
    keys += [f"ip:{ip}" for ip in s.ips]
    if s.chassis_id:
        keys.append(f"chassis:{s.chassis_id.lower()}")
    return keys


def _name_keys(s: Sighting) -> list[str]:
    names = [s.name, *s.hostnames]
    return sorted({f"name:{n}" for n in (clean_name(x) for x in names if x) if n})


def group_sightings(sightings: Sequence[Sighting]) -> list[list[Sighting]]:
    """Union sightings that share a MAC, IP or chassis id, then a name (when MACs agree)."""
    uf = _UnionFind(len(sightings))
    owner: dict[str, int] = {}
    for i, s in enumerate(sightings):
        for key in sighting_keys(s):
            if key in owner:
                uf.union(i, owner[key])
            else:
                owner[key] = i
    macs = _macs_by_root(sightings, uf)
    for i, s in enumerate(sightings):
        for key in _name_keys(s):
            j = owner.setdefault(key, i)
            a, b = uf.find(i), uf.find(j)
            if a != b and not (macs[a] and macs[b] and macs[a].isdisjoint(macs[b])):
                uf.union(a, b)
                macs[uf.find(a)] = macs[a] | macs[b]
    groups: dict[int, list[Sighting]] = defaultdict(list)
    for i, s in enumerate(sightings):
        groups[uf.find(i)].append(s)
    return list(groups.values())


def _macs_by_root(sightings: Sequence[Sighting], uf: _UnionFind) -> dict[int, set[str]]:
    macs: dict[int, set[str]] = defaultdict(set)
    for i, s in enumerate(sightings):
        macs[uf.find(i)].update(m for m in (norm_mac(x) for x in s.macs) if m)
    return macs


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


def merge_group(group: Sequence[Sighting], seen: datetime | None) -> Asset:
    """One asset from the sightings of one device."""
    facts = _facts(group)
    ips = _ips(group)
    all_macs = _unique(norm_mac(m) or "" for s in group for m in s.macs)
    macs = [m for m in all_macs if is_usable_mac(m)]
    name = _name(group, ips)
    serial = _pick(facts, "serial")
    chassis = next((s.chassis_id for s in group if s.chassis_id), None)
    hostnames = _unique(h for s in group for h in s.hostnames)
    return Asset(
        id=asset_id(_wire_macs(group) or macs, serial, chassis, hostnames or [name], ips),
        name=name,
        type=_pick(facts, "type") or "other",
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
    )


def _dedupe_ids(assets: list[Asset]) -> list[Asset]:
    """Two devices that derive the same id (same hostname, no MAC) get a suffix."""
    seen: dict[str, int] = {}
    out = []
    for a in sorted(assets, key=lambda a: (a.id, a.ips)):
        n = seen.get(a.id, 0)
        seen[a.id] = n + 1
        out.append(a if n == 0 else a.model_copy(update={"id": f"{a.id}-{n + 1}"}))
    return out


def resolve(sightings: Sequence[Sighting], seen: datetime | None = None) -> list[Asset]:
    """Assets from sightings, one per device, sorted by id."""
    assets = [merge_group(g, seen) for g in group_sightings(sightings)]
    return _dedupe_ids(assets)


def resolve_links(hints: Sequence[LinkHint], assets: Sequence[Asset]) -> list[Link]:
    """Links whose ends name an IP, MAC or name, mapped onto asset ids; unknown ends dropped.

    Physical hints (LLDP/CDP/forwarding tables) go through ``scanner.topology``."""
    index: dict[str, str] = {}
    for a in assets:
        for key in [*(f"mac:{m}" for m in a.macs), *(f"ip:{ip}" for ip in a.ips),
                    *(f"name:{clean_name(n)}" for n in [a.name, *a.hostnames]), f"id:{a.id}"]:
            index.setdefault(key, a.id)
    def lookup(key: str) -> str | None:  # "a|b|c": the first alternative that is known
        return next((index[k] for k in map(_norm_key, key.split("|")) if k in index), None)

    links = physical_links([h for h in hints if h.kind in PHYSICAL_HINT_KINDS], lookup, assets)
    for h in (h for h in hints if h.kind not in PHYSICAL_HINT_KINDS):
        src, dst = lookup(h.source_key), lookup(h.target_key)
        if src and dst and src != dst:
            links.append(Link(source=src, target=dst, kind=h.kind,
                              source_port=h.source_port, target_port=h.target_port,
                              collector=h.collector, confidence=h.confidence,
                              evidence=h.evidence))
    return links


def _norm_key(key: str) -> str:
    kind, _, value = key.partition(":")
    if kind == "mac":
        return f"mac:{norm_mac(value)}"
    if kind == "name":
        return f"name:{clean_name(value)}"
    return key


__all__ = ["group_sightings", "merge_group", "resolve", "resolve_links"]
