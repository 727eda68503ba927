"""What an inventory file must satisfy beyond its JSON Schema, checked once when it is loaded.

A file from another tool or a hand edit can pass the schema and still be wrong in ways
the analysis would silently get wrong: two assets with one id are counted twice, a link
to an id no asset has is dropped, an address such as ``999.1.1.1`` never matches
anything.  :func:`check_inventory` finds these and names the first by its path in the
file (``assets[3].ips[0]``); :func:`check_depth` says where JSON nests deeper than any
inventory does, for a file too deep to parse (a RecursionError, not a traceback).

Only fields that must name an asset or an address are checked.  Gap targets and scan
targets may be host names, URLs or ranges, and stay free text.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Callable, Iterator

from scanner.inventory.identity import norm_mac
from scanner.inventory.model import Asset, Inventory, NetworkContext

#: far beyond the model's own nesting (about 7 levels), far below Python's recursion limit
MAX_DEPTH = 64
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
#: dotted-quad IPv4, the common case, matched without building an ipaddress object
_IPV4 = re.compile(rf"(?:{_OCTET}\.){{3}}{_OCTET}")
#: a link-layer address of any length (tunnels and InfiniBand have no 6-byte MAC)
_HEX_OCTETS = re.compile(r"[0-9a-fA-F]{2}(?:[:-][0-9a-fA-F]{2})*")
_MAC = re.compile(r"[0-9a-f]{2}(?::[0-9a-f]{2}){5}")
#: a JSON string (skipped: brackets inside it do not nest) or a bracket
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


class InventoryProblem(ValueError):
    """The first problem found, with where it is (``assets[3].id``) and how many more."""


def _show(value: str) -> str:
    """A value from the file, quoted, with control characters escaped and cut short."""
    return json.dumps(value[:80])


def _is_ip(value: str) -> bool:
    if _IPV4.fullmatch(value):
        return True
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def _is_network(value: str) -> bool:
    try:
        ipaddress.ip_network(value, strict=False)
    except ValueError:
        return False
    return True


def _is_mac(value: str) -> bool:
    """A MAC in any common notation (``norm_mac`` reads it), the usual form fast."""
    return bool(_MAC.fullmatch(value)) or norm_mac(value) is not None


def _is_link_address(value: str | None) -> bool:
    return value is None or bool(_HEX_OCTETS.fullmatch(value)) or norm_mac(value) is not None


def _bad(where: str, values: list[str], ok: Callable[[str], bool], what: str) -> Iterator[str]:
    """One problem per value that is not ``what``."""
    for n, value in enumerate(values):
        yield from _bad_one(f"{where}[{n}]", value, ok, what)


def _bad_one(where: str, value: str, ok: Callable[[str], bool], what: str) -> Iterator[str]:
    if not ok(value):
        yield f"{where}: {_show(value)} is not {what}"


def _asset_problems(i: int, asset: Asset, first: dict[str, int]) -> Iterator[str]:
    where = f"assets[{i}]"
    seen = first.setdefault(asset.id, i)
    if seen != i:
        yield f"{where}.id: duplicate asset id {_show(asset.id)} (also assets[{seen}])"
    yield from _bad(f"{where}.ips", asset.ips, _is_ip, "an IP address")
    yield from _bad(f"{where}.macs", asset.macs, _is_mac, "a MAC address")
    for k, iface in enumerate(asset.interfaces):
        if not _is_link_address(iface.mac):
            yield f"{where}.interfaces[{k}].mac: {_show(str(iface.mac))} is not a MAC address"
        yield from _bad(f"{where}.interfaces[{k}].ips", iface.ips, _is_ip, "an IP address")


def _network_problems(net: NetworkContext) -> Iterator[str]:
    yield from _bad("network.dns_servers", net.dns_servers, _is_ip, "an IP address")
    yield from _bad("network.dhcp_servers", net.dhcp_servers, _is_ip, "an IP address")
    yield from _bad("network.subnets", net.subnets, _is_network, "a network")
    for n, route in enumerate(net.default_gateways):
        where = f"network.default_gateways[{n}]"
        yield from _bad_one(f"{where}.destination", route.destination, _is_network, "a network")
        if route.gateway is not None:
            yield from _bad_one(f"{where}.gateway", route.gateway, _is_ip, "an IP address")


def problems(inventory: Inventory) -> Iterator[str]:
    """Every problem, in file order: assets, then links, then the network context."""
    first: dict[str, int] = {}
    for i, asset in enumerate(inventory.assets):
        yield from _asset_problems(i, asset, first)
    for i, link in enumerate(inventory.links):
        for end in ("source", "target"):
            value = getattr(link, end)
            if value not in first:
                yield f"links[{i}].{end}: {_show(value)} is no asset's id"
    yield from _network_problems(inventory.network)


def _all(values: list[str], fast: re.Pattern[str], ok: Callable[[str], bool]) -> bool:
    """``ok`` for every value; the usual ones are decided by the C-level regex ``fast``."""
    if all(map(fast.fullmatch, values)):
        return True
    return all(ok(v) for v in values if not fast.fullmatch(v))


def _looks_clean(inventory: Inventory) -> bool:
    """No problem at all, decided in bulk: at 100k assets the per-field walk of
    :func:`problems` costs a second, this a tenth of that; it runs only when this fails."""
    assets = inventory.assets
    ids = {a.id for a in assets}
    if len(ids) != len(assets):
        return False
    if not (ids.issuperset(ln.source for ln in inventory.links)
            and ids.issuperset(ln.target for ln in inventory.links)):
        return False
    ips = [ip for a in assets for ip in a.ips]
    ips += [ip for a in assets for i in a.interfaces for ip in i.ips]
    macs = [m for a in assets for m in a.macs]
    link = [i.mac for a in assets for i in a.interfaces if i.mac is not None]
    return (_all(ips, _IPV4, _is_ip) and _all(macs, _MAC, _is_mac)
            and _all(link, _HEX_OCTETS, _is_link_address)
            and next(_network_problems(inventory.network), None) is None)


def check_inventory(inventory: Inventory) -> None:
    """Raise :class:`InventoryProblem` naming the first problem and counting the rest."""
    if _looks_clean(inventory):
        return
    found = problems(inventory)
    head = next(found, None)
    if head is not None:
        more = sum(1 for _ in found)
        raise InventoryProblem(head + (f" (and {more} more)" if more else ""))


def check_depth(text: str, limit: int = MAX_DEPTH) -> None:
    """Raise :class:`InventoryProblem` at the first bracket nested deeper than ``limit``."""
    depth = 0
    for token in _TOKENS.finditer(text):
        char = token.group()[0]
        if char in "[{":
            depth += 1
            if depth > limit:
                line = text.count("\n", 0, token.start()) + 1
                column = token.start() - text.rfind("\n", 0, token.start())
                raise InventoryProblem(f"line {line} column {column}: JSON nested deeper "
                                       f"than {limit} levels")
        elif char in "]}":
            depth -= 1


__all__ = ["MAX_DEPTH", "InventoryProblem", "check_depth", "check_inventory", "problems"]
