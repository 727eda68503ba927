"""The office's own DNS server, and the one safety rule for asking it anything.

Two collectors ask the LAN's DNS (the directory's ``_ldap._tcp`` SRV lookup, the mail
domain's MX/SPF/autodiscover records).  Both ask only a name server the scan itself learnt
(the scanning host's resolver configuration: ``NetworkContext.dns_servers``) that lies
inside the scan scope, or one the user named, never any other; and they ask about the
search domains of that same configuration.  dnspython is imported here only (in
:func:`resolver`), so a missing package is one gap naming the extra that installs it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scanner.collectors.virt.common import missing_extra
from scanner.inventory.model import NetworkContext
from scanner.targets import Network, in_scope


def lan_servers(network: NetworkContext | None, scope: Sequence[Network]) -> list[str]:
    """The resolver's name servers that lie inside the scan scope (none without a scope)."""
    if network is None or not scope:
        return []
    return [s for s in network.dns_servers if in_scope(s, scope)]


def search_domains(network: NetworkContext | None) -> list[str]:
    """The resolver's search domains with at least one dot, lower-case, no trailing dot."""
    if network is None:
        return []
    found = (d.strip(".").lower() for d in network.dns_search)
    return list(dict.fromkeys(d for d in found if "." in d))


def resolver(server: str, timeout: float, extra: str) -> Any:
    """A dnspython resolver that asks ``server`` only (no system configuration read)."""
    try:
        import dns.resolver
    except ImportError as exc:
        raise missing_extra(extra, "dnspython") from exc
    made = dns.resolver.Resolver(configure=False)
    made.nameservers = [server]
    made.lifetime = timeout
    return made
