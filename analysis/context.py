"""Facts about an inventory that every analysis step asks for, computed once.

Which assets provide which role, which are gateways, which IPv4 segments exist
and who sits on them.  The graph builder and the risk rules both read this, so
they can never disagree about, say, who the DNS servers are.
"""

from __future__ import annotations

import ipaddress
import socket
from collections import defaultdict
from dataclasses import dataclass, field

from analysis.site.apply import SiteFacts
from analysis.site.people import PersonEntry, RecordedBackup
from scanner.inventory.model import Asset, Inventory, Link
from scanner.inventory.roles import is_switch

Network = ipaddress.IPv4Network


@dataclass(frozen=True)
class Context:
    inventory: Inventory
    assets: dict[str, Asset]
    #: role -> sorted ids of the assets providing it (the scanner's machine excluded)
    providers: dict[str, list[str]]
    gateways: list[str]
    #: asset id -> CIDRs of its IPv4 segments; and CIDR -> member asset ids
    segments_of: dict[str, list[str]]
    members: dict[str, list[str]]
    switches: frozenset[str]
    physical: list[Link] = field(default_factory=list)
    #: what the site file adds (processes, backups, suppressions); None without one
    site: SiteFacts | None = None
    #: asset id -> what a person wrote about it in the worksheet (empty without one)
    people: dict[str, PersonEntry] = field(default_factory=dict)
    #: backups a person added to the worksheet's Backups sheet
    recorded_backups: list[RecordedBackup] = field(default_factory=list)


def build_context(inventory: Inventory, site: SiteFacts | None = None,
                  people: dict[str, PersonEntry] | None = None,
                  recorded: list[RecordedBackup] | None = None) -> Context:
    assets = {a.id: a for a in inventory.assets}
    segments_of = _segments(inventory)
    members: dict[str, list[str]] = defaultdict(list)
    for asset_id, cidrs in segments_of.items():
        for cidr in cidrs:
            members[cidr].append(asset_id)
    physical = [ln for ln in inventory.links if ln.kind == "physical"
                and ln.source in assets and ln.target in assets and ln.source != ln.target]
    return Context(
        inventory=inventory, assets=assets, providers=_providers(inventory),
        gateways=_gateways(inventory), segments_of=segments_of, members=dict(members),
        switches=frozenset(a.id for a in inventory.assets if is_switch(a)), physical=physical,
        site=site, people=people or {}, recorded_backups=recorded or [])


def is_client(asset: Asset) -> bool:
    """Workstations: the machines people sit at, which need DNS and DHCP."""
    return not asset.is_scanner and (asset.type == "workstation" or "workstation" in asset.roles)


def _providers(inventory: Inventory) -> dict[str, list[str]]:
    """The consultant's own laptop is kept out: the office does not depend on it."""
    providers: dict[str, list[str]] = defaultdict(list)
    for asset in inventory.assets:
        if asset.is_scanner:
            continue
        for role in sorted(set(asset.roles)):
            providers[role].append(asset.id)
    return {role: sorted(ids) for role, ids in providers.items()}


def _gateways(inventory: Inventory) -> list[str]:
    gateway_ips = {r.gateway for r in inventory.network.default_gateways if r.gateway}
    return sorted(a.id for a in inventory.assets if not a.is_scanner
                  and ("gateway" in a.roles or gateway_ips.intersection(a.ips)))


#: prefix length -> {network address as int: CIDR}, longest prefixes first
Subnets = dict[int, dict[int, str]]


def _subnets(inventory: Inventory) -> Subnets:
    """Indexed by prefix length so that finding an address's subnet is a few
    dict look-ups rather than a scan over every subnet (20,000-asset offices)."""
    table: dict[int, dict[int, str]] = defaultdict(dict)
    for text in inventory.network.subnets:
        try:
            net = ipaddress.ip_network(text, strict=False)
        except ValueError:
            continue
        if isinstance(net, Network) and net.prefixlen > 0:
            table[net.prefixlen][int(net.network_address)] = str(net)
    return {plen: table[plen] for plen in sorted(table, reverse=True)}


def _segments(inventory: Inventory) -> dict[str, list[str]]:
    """Each IPv4 address goes to the most specific known subnet, else to its /24."""
    known = _subnets(inventory)
    out: dict[str, list[str]] = {}
    for asset in inventory.assets:
        cidrs: list[str] = []
        for text in asset.ips:
            cidr = segment_of(text, known)
            if cidr and cidr not in cidrs:
                cidrs.append(cidr)
        out[asset.id] = sorted(cidrs)
    return out


def segment_of(ip_text: str, known: Subnets) -> str | None:
    """The IPv4 segment of an address (plain dotted quads parsed without
    :mod:`ipaddress`, which dominated context building at 100k assets)."""
    try:
        packed = socket.inet_pton(socket.AF_INET, ip_text)
    except (OSError, ValueError):
        return _segment_slow(ip_text, known)
    ip = int.from_bytes(packed, "big")
    if packed[0] == 127 or ip == 0:
        return None
    for plen, nets in known.items():
        cidr = nets.get(ip >> (32 - plen) << (32 - plen))
        if cidr:
            return cidr
    return f"{packed[0]}.{packed[1]}.{packed[2]}.0/24"


def _segment_slow(ip_text: str, known: Subnets) -> str | None:
    try:
        ip = ipaddress.ip_address(ip_text.split("%")[0])
    except ValueError:
        return None
    if not isinstance(ip, ipaddress.IPv4Address):
        return None
    return segment_of(str(ip), known)
