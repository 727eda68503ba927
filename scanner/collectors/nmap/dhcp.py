"""broadcast-dhcp-discover results -> NetworkContext and one Sighting per DHCP server."""

from __future__ import annotations

from dataclasses import dataclass

from scanner.collectors.nmap.text import clean
from scanner.collectors.nmap.xmlextras import prescript_tables
from scanner.inventory.model import NetworkContext, Route
from scanner.inventory.sighting import RoleHint, Sighting

SCRIPT = "broadcast-dhcp-discover"


@dataclass(frozen=True)
class Offer:
    """One DHCPOFFER, reduced to what an inventory needs."""

    interface: str
    server: str
    offered: str
    routers: tuple[str, ...]
    dns: tuple[str, ...]


def _values(table: dict[str, list[str]], key: str) -> tuple[str, ...]:
    parts = [p for value in table.get(key, []) for p in value.replace(",", " ").split()]
    return tuple(dict.fromkeys(clean(p, 64) for p in parts if p))


def offers(xml: str, default_interface: str) -> list[Offer]:
    """The offers in the XML; responses without a Server Identifier are unusable."""
    found = []
    for table in prescript_tables(xml, SCRIPT):
        server = _values(table, "Server Identifier")
        if not server:
            continue
        found.append(
            Offer(
                interface=(_values(table, "Interface") or (default_interface,))[0],
                server=server[0],
                offered=(_values(table, "IP Offered") or ("?",))[0],
                routers=_values(table, "Router"),
                dns=_values(table, "Domain Name Server"),
            )
        )
    return found


def _evidence(offer: Offer) -> str:
    return (
        f"answered DHCPDISCOVER on {offer.interface}: offered {offer.offered}, "
        f"router {', '.join(offer.routers) or 'none'}, DNS {', '.join(offer.dns) or 'none'}"
    )


def network(found: list[Offer]) -> NetworkContext:
    """What the offers say about the network: who serves DHCP, which DNS servers and
    default gateways clients are told to use."""
    routes = {
        (router, o.interface): Route(
            destination="0.0.0.0/0", gateway=router, interface=o.interface, collector="nmap"
        )
        for o in found
        for router in o.routers
    }
    return NetworkContext(
        dhcp_servers=list(dict.fromkeys(o.server for o in found)),
        dns_servers=list(dict.fromkeys(d for o in found for d in o.dns)),
        default_gateways=list(routes.values()),
    )


def sightings(found: list[Offer]) -> list[Sighting]:
    """One Sighting per server (a server answering on two interfaces keeps both hints)."""
    by_server: dict[str, list[RoleHint]] = {}
    for offer in found:
        by_server.setdefault(offer.server, []).append(
            RoleHint(role="dhcp", evidence=_evidence(offer))
        )
    return [
        Sighting(collector="nmap", ips=[server], role_hints=hints)
        for server, hints in by_server.items()
    ]
