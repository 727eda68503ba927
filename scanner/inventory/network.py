"""The network context of a scan: what several collectors said about the LAN, merged.

Its own module (not ``build``) because collectors read it too (the directory collector
looks for the LAN's DNS servers), and a collector must not import the inventory builder,
which imports identity resolution, which reads the collector registry.
"""

from __future__ import annotations

from collections.abc import Iterable

from scanner.inventory.model import NetworkContext, Route


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def merge_network(parts: Iterable[NetworkContext | None]) -> NetworkContext:
    contexts = [p for p in parts if p is not None]
    routes: dict[tuple[str | None, str | None], Route] = {}
    for ctx in contexts:
        for r in ctx.default_gateways:
            routes.setdefault((r.gateway, r.interface), r)
    return NetworkContext(
        default_gateways=list(routes.values()),
        dns_servers=_unique(s for c in contexts for s in c.dns_servers),
        dhcp_servers=_unique(s for c in contexts for s in c.dhcp_servers),
        subnets=_unique(s for c in contexts for s in c.subnets),
        dns_search=_unique(s for c in contexts for s in c.dns_search),
    )
