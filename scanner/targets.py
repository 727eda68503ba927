"""Scan targets: parsing, the safety limits, and the default (this machine's subnets).

Scanning is intrusive, so the defaults are conservative: only private address
space (RFC 1918, RFC 4193 and link-local) unless the user says ``--allow-public``,
and nothing larger than a /16 unless ``--force``.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence

from scanner.errors import UsageError

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
_MAX_PREFIX_V4 = 16
_MAX_PREFIX_V6 = 112


def parse_target(text: str) -> Network:
    """A CIDR, a single address, or an IPv4 range ``10.0.0.10-20`` (first network only)."""
    value = text.strip()
    try:
        if "-" in value and "/" not in value:
            return _parse_range(value)
        return ipaddress.ip_network(value, strict=False)
    except ValueError:
        raise UsageError(f"not an IP address, CIDR or range: {text!r}") from None


def parse_targets(texts: Iterable[str]) -> tuple[Network, ...]:
    """Every target (or exclusion) the user gave, parsed once at the edge."""
    return tuple(parse_target(t) for t in texts)


def _parse_range(value: str) -> Network:
    start_text, end_text = value.split("-", 1)
    start = ipaddress.IPv4Address(start_text)
    end = (ipaddress.IPv4Address(end_text) if "." in end_text
           else ipaddress.IPv4Address(f"{start_text.rsplit('.', 1)[0]}.{end_text}"))
    if end < start:
        raise ValueError(value)
    nets = list(ipaddress.summarize_address_range(start, end))
    supernet = nets[0]
    while not all(n.subnet_of(supernet) for n in nets):
        supernet = supernet.supernet()
    return supernet


def is_private(net: Network) -> bool:
    """RFC 1918 / RFC 4193 / link-local / loopback space, not the public internet."""
    return net.is_private and not net.is_global


def check_targets(nets: Sequence[Network], *, allow_public: bool, force: bool) -> None:
    """Raise UsageError for public targets without --allow-public or huge ranges without --force."""
    for net in nets:
        if not allow_public and not is_private(net):
            raise UsageError(f"{net} is public address space; scan it only with --allow-public "
                             "and the owner's permission")
        limit = _MAX_PREFIX_V4 if net.version == 4 else _MAX_PREFIX_V6
        if not force and net.prefixlen < limit:
            raise UsageError(f"{net} is larger than a /{limit}; narrow it or pass --force")


def in_scope(ip: str, nets: Iterable[Network], exclude: Iterable[Network] = ()) -> bool:
    try:
        addr = ipaddress.ip_address(ip)
    except ValueError:
        return False
    if any(addr in n for n in exclude):
        return False
    return any(addr in n for n in nets)


def default_targets(subnets: Iterable[str]) -> list[Network]:
    """This machine's private IPv4 subnets (from the local collector), wider than /31."""
    nets: list[Network] = []
    for text in subnets:
        net = ipaddress.ip_network(text, strict=False)
        if net.version == 4 and is_private(net) and not net.is_loopback and net.prefixlen <= 30:
            nets.append(net)
    return nets
