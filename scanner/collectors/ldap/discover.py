"""Find the domain's directory servers: ``_ldap._tcp.<domain>`` SRV records.

Asked only of a name server the scan itself learnt that lies inside the scan scope, for
the search domains of that same configuration (the rule and the resolver live in
:mod:`scanner.collectors.lan_dns`, shared with the mail-domain lookup).  So drscout never
asks a server the user did not point it at, and an office whose DNS is its DC finds its
DCs without ``--ldap``.
"""

from __future__ import annotations

from collections.abc import Sequence

from scanner.collectors.lan_dns import lan_servers, resolver, search_domains
from scanner.inventory.model import NetworkContext
from scanner.targets import Network

#: search domains tried, at most (a resolver may list several)
MAX_DOMAINS = 3


def candidates(network: NetworkContext | None,
               scope: Sequence[Network]) -> list[tuple[str, str]]:
    """(name server, domain) pairs worth asking: servers in scope, dotted domains."""
    servers, domains = lan_servers(network, scope), search_domains(network)
    return [(s, d) for s in servers[:1] for d in domains[:MAX_DOMAINS]]


def srv_urls(server: str, domain: str, timeout: float) -> list[str]:
    """``ldap://host:port`` for each SRV target, by priority then weight (highest first)."""
    asker = resolver(server, timeout, "ldap")
    import dns.exception

    try:
        answer = asker.resolve(f"_ldap._tcp.{domain}", "SRV", search=False)
    except dns.exception.DNSException:
        return []
    records = sorted(answer, key=lambda r: (r.priority, -r.weight))
    return [f"ldap://{str(r.target).rstrip('.')}:{r.port}" for r in records
            if str(r.target).rstrip(".")]


def discover(network: NetworkContext | None, scope: Sequence[Network],
             timeout: float) -> list[str]:
    """Directory URLs found through the LAN's DNS, best first, without duplicates."""
    found: list[str] = []
    for server, domain in candidates(network, scope):
        found += [u for u in srv_urls(server, domain, timeout) if u not in found]
    return found
