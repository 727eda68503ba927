"""Which sightings are one device: a union-find over shared keys that refuses to join
two devices whose strong identity differs.

Keys are tried strongest first (serial, chassis id, base MAC; then MACs, then IPs, then
names).  Only keys that name one device count:

* addresses many devices carry at once (link-local, loopback, 0/8, multicast,
  unspecified; see :func:`scanner.inventory.identity.is_identifying_ip`) and first-hop
  redundancy MACs never identify;
* addresses outside the scan scope never identify;
* an address that two agents both claim identifies neither, unless one of them is
  the agent we polled at that address: the polled address is the strongest evidence;
* sightings learned from another device's tables (ARP) join a device that one
  unique key names, and never join two devices together.

A join whose two sides differ in serial, chassis id, base MAC or sysObjectID (or in
both sysName and sysObjectID), or whose agents were polled at two addresses neither of
which the other lists as its own, is refused and kept as a :class:`Conflict`, so the
report can show it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from scanner.inventory.identity import (
    IdentityKey,
    base_mac_key,
    chassis_key,
    clean_name,
    ip_key,
    is_identifying_ip,
    is_identifying_mac,
    mac_key,
    name_key,
    norm_mac,
    serial_key,
)
from scanner.inventory.sighting import Sighting
from scanner.targets import Network, in_scope


@dataclass(frozen=True)
class Conflict:
    """Two sightings that share ``key`` but cannot be one device, and why."""

    a: int
    b: int
    key: IdentityKey
    why: str


@dataclass(frozen=True)
class Grouping:
    """Sighting indices per device, refused joins, and addresses several agents claim."""

    groups: list[list[int]]
    conflicts: list[Conflict]
    #: an ip or mac key -> sighting indices that claim it but may not use it to identify
    shared: dict[IdentityKey, list[int]]


@dataclass
class _Identity:
    """What a group of sightings says about who it is; grows as groups join."""

    serials: set[str] = field(default_factory=set)
    chassis: set[str] = field(default_factory=set)
    base_macs: set[str] = field(default_factory=set)
    named: set[tuple[str, str]] = field(default_factory=set)
    #: every name the device goes by (sysName, DNS and API names), cleaned
    names: set[str] = field(default_factory=set)
    oids: set[str] = field(default_factory=set)
    macs: set[str] = field(default_factory=set)
    #: addresses agents of this group were polled at, and every address they claim
    polled: set[str] = field(default_factory=set)
    claimed: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, s: Sighting) -> _Identity:
        name = clean_name(s.name)
        base = base_mac_key(s.base_mac)
        return cls(
            serials={k.value for k in [serial_key(s.serial)] if k},
            chassis={k.value for k in [chassis_key(s.chassis_id)] if k},
            base_macs={base.value} if base and is_identifying_mac(base.value) else set(),
            named={(name, s.sys_object_id)} if name and s.sys_object_id else set(),
            names={n for n in (clean_name(x) for x in [s.name, *s.hostnames]) if n},
            oids={s.sys_object_id.strip(".")} if s.sys_object_id else set(),
            macs={m for m in (norm_mac(x) for x in s.macs) if m},
            polled={s.target} if s.target and not s.learned_from else set(),
            claimed=set(s.ips) if s.target and not s.learned_from else set(),
        )

    def clash(self, other: _Identity) -> str | None:
        """Why these cannot be one device, or None when nothing strong disagrees."""
        for label, mine, theirs in (("serial", self.serials, other.serials),
                                    ("chassis id", self.chassis, other.chassis),
                                    ("base MAC", self.base_macs, other.base_macs)):
            if mine and theirs and mine.isdisjoint(theirs):
                return f"{label} {_one(mine)} differs from {_one(theirs)}"
        for name, oid in self.named:
            for name2, oid2 in other.named:
                if name != name2 and oid != oid2:
                    return f"sysName {name} ({oid}) differs from {name2} ({oid2})"
        if self.oids and other.oids and self.oids.isdisjoint(other.oids):
            return f"sysObjectID {_one(self.oids)} differs from {_one(other.oids)}"
        return self._apart(other)

    def _apart(self, other: _Identity) -> str | None:
        """Agents polled at different addresses are one device only when one of them
        lists the other's address as its own: two boxes can share a cloned serial or
        MAC, but one box answers at an address it does not know it has only behind NAT."""
        if not self.polled or not other.polled or not self.polled.isdisjoint(other.polled):
            return None
        if self.claimed & other.polled or other.claimed & self.polled:
            return None
        return (f"agents polled at {_one(self.polled)} and {_one(other.polled)} "
                "do not list each other's address")

    def absorb(self, other: _Identity) -> None:
        self.serials |= other.serials
        self.chassis |= other.chassis
        self.base_macs |= other.base_macs
        self.named |= other.named
        self.names |= other.names
        self.oids |= other.oids
        self.macs |= other.macs
        self.polled |= other.polled
        self.claimed |= other.claimed


def _one(values: set[str]) -> str:
    return sorted(values)[0]


class _Forest:
    """Union-find whose roots carry an :class:`_Identity` checked before every join."""

    def __init__(self, sightings: Sequence[Sighting]) -> None:
        self.parent = list(range(len(sightings)))
        self.identity = [_Identity.of(s) for s in sightings]
        self.conflicts: list[Conflict] = []

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, members: Sequence[int], key: IdentityKey, *, record: bool = True,
             name_rule: bool = False) -> None:
        """Join each member to the first earlier member's group it does not clash with."""
        for pos, i in enumerate(members):
            roots = list(dict.fromkeys(self.find(j) for j in members[:pos]))
            if not roots or self.find(i) in roots:
                continue
            refusals = []
            for root in roots:
                why = self._refusal(self.find(i), root, name_rule, key)
                if why is None:
                    self._union(self.find(i), root)
                    break
                refusals.append((root, why))
            else:
                if record:
                    root, why = refusals[0]
                    self.conflicts.append(Conflict(i, root, key, why))

    def _refusal(self, a: int, b: int, name_rule: bool, key: IdentityKey) -> str | None:
        mine, theirs = self.identity[a], self.identity[b]
        if name_rule and mine.macs and theirs.macs and mine.macs.isdisjoint(theirs.macs):
            return "no MAC in common"
        if key.kind == "serial" and mine.names and theirs.names \
                and mine.names.isdisjoint(theirs.names):
            # a serial shared by differently named boxes is cloned or made up (nested and
            # simulated hypervisors, whitebox servers); only a MAC or address joins them
            return (f"serial {key.value} is shared by {_one(mine.names)} "
                    f"and {_one(theirs.names)}")
        return mine.clash(theirs)

    def _union(self, a: int, b: int) -> None:
        self.parent[a] = b
        self.identity[b].absorb(self.identity[a])


class _Claims:
    """Which agents claim which addresses, so shared ones are not used as keys."""

    def __init__(self, sightings: Sequence[Sighting], scope: Sequence[Network],
                 exclude: Sequence[Network]) -> None:
        self.scope, self.exclude = scope, exclude
        self.polled: dict[str, str] = {}
        claimants: dict[IdentityKey, set[str]] = defaultdict(set)
        for s in sightings:
            if s.target is None or s.learned_from:
                continue
            self.polled.setdefault(s.target, s.target)
            for key in filter(None, [*map(ip_key, s.ips), *map(mac_key, s.macs)]):
                claimants[key].add(s.target)
        self.shared = {k for k, who in claimants.items() if len(who) > 1}

    def ip_keys(self, s: Sighting) -> tuple[list[IdentityKey], list[IdentityKey]]:
        """(keys this sighting may identify by, shared addresses it claims)."""
        keys: list[IdentityKey] = []
        shared: list[IdentityKey] = []
        for ip in dict.fromkeys(s.ips):
            polled = ip == s.target
            key = ip_key(ip)
            if key is None or not is_identifying_ip(ip, polled=polled):
                continue
            if not polled and self.scope and not in_scope(ip, self.scope, self.exclude):
                continue
            owner = self.polled.get(ip)
            if owner is not None and s.target is not None and s.target != owner:
                shared.append(key)  # another agent was polled there: its claim wins
            elif owner is None and key in self.shared:
                shared.append(key)
            else:
                keys.append(key)
        return keys, shared

    def mac_keys(self, s: Sighting) -> tuple[list[IdentityKey], list[IdentityKey]]:
        keys: list[IdentityKey] = []
        shared: list[IdentityKey] = []
        for key in dict.fromkeys(filter(None, map(mac_key, s.macs))):
            if is_identifying_mac(key.value):
                (shared if key in self.shared else keys).append(key)
        return keys, shared


def _strong_keys(s: Sighting) -> list[IdentityKey]:
    ident = _Identity.of(s)
    return ([IdentityKey("serial", x) for x in ident.serials]
            + [IdentityKey("chassis", x) for x in ident.chassis]
            + [IdentityKey("basemac", x) for x in ident.base_macs])


def _name_keys(s: Sighting) -> list[IdentityKey]:
    return sorted(set(filter(None, map(name_key, [s.name, *s.hostnames]))))


def _owners(indices: Iterable[int], keys: Callable[[int], Iterable[IdentityKey]]
            ) -> dict[IdentityKey, list[int]]:
    owners: dict[IdentityKey, list[int]] = defaultdict(list)
    for i in indices:
        for key in keys(i):
            owners[key].append(i)
    return owners


def group(sightings: Sequence[Sighting], scope: Sequence[Network] = (),
          exclude: Sequence[Network] = ()) -> Grouping:
    """Group sightings into devices; see the module docstring for the rules."""
    claims = _Claims(sightings, scope, exclude)
    direct = [i for i, s in enumerate(sightings) if not s.learned_from]
    learned = [i for i, s in enumerate(sightings) if s.learned_from]
    shared: dict[IdentityKey, list[int]] = defaultdict(list)
    ips, macs = {}, {}
    for i in range(len(sightings)):
        ips[i], shared_ips = claims.ip_keys(sightings[i])
        macs[i], shared_macs = claims.mac_keys(sightings[i])
        for key in shared_ips + shared_macs:
            shared[key].append(i)
    forest = _Forest(sightings)
    for stage in (lambda i: _strong_keys(sightings[i]), macs.__getitem__, ips.__getitem__):
        for key, members in _owners(direct, stage).items():
            forest.join(members, key)
    for key, members in _owners(direct, lambda i: _name_keys(sightings[i])).items():
        forest.join(members, key, record=False, name_rule=True)
    dropped = _attach_learned(forest, direct, learned, ips, macs)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(sightings)):
        if i not in dropped:
            groups[forest.find(i)].append(i)
    conflicts = [Conflict(c.a, forest.find(c.b), c.key, c.why) for c in forest.conflicts]
    return Grouping(list(groups.values()), conflicts, dict(shared))


def _attach_learned(forest: _Forest, direct: list[int], learned: list[int],
                    ips: dict[int, list[IdentityKey]],
                    macs: dict[int, list[IdentityKey]]) -> set[int]:
    """A learned sighting joins the one device its IP names when its MAC names no other;
    one whose MAC belongs to another device seen directly (proxy ARP, a second address)
    is dropped; the rest are devices only other devices' tables know, joined among
    themselves."""
    by_ip = _owners(direct, ips.__getitem__)
    by_mac = _owners(direct, macs.__getitem__)
    alone, dropped = [], set()
    for i in learned:
        roots = {forest.find(j) for key in ips[i] for j in by_ip.get(key, [])}
        roots |= {forest.find(j) for key in macs[i] for j in by_mac.get(key, [])}
        named_by_ip = any(key in by_ip for key in ips[i])
        if len(roots) == 1 and named_by_ip:
            forest.parent[i] = roots.pop()
        elif roots:
            dropped.add(i)  # names two devices, or is another address of a known one
        else:
            alone.append(i)
    for key, members in _owners(alone, lambda i: ips[i] + macs[i]).items():
        forest.join(members, key, record=False)
    return dropped


__all__ = ["Conflict", "Grouping", "group"]
