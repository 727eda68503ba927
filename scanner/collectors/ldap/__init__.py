"""Active Directory over LDAP: computer objects, domain controllers, sites and subnets,
DNS zones.  Read-only.

``collect`` = the directory URL (``--ldap``, or the ``_ldap._tcp`` SRV records of the
LAN's DNS, :mod:`.discover`) + :func:`.api.fetch` (the only place ldap3 is imported) +
:func:`.parse.parse` (pure).  Client: ldap3 (pure Python, so no compiler or OpenLDAP
headers as python-ldap needs; paged search and StartTLS built in).  Install with
``pip install drscout[ldap]``.
"""

from __future__ import annotations

from collections.abc import Sequence

from scanner.collectors.virt.common import safe_address
from scanner.credentials import LdapOptions
from scanner.errors import CollectorError
from scanner.inventory.model import NetworkContext
from scanner.inventory.sighting import CollectorResult
from scanner.targets import Network

NAME = "ldap"


def target_label(options: LdapOptions) -> str:
    """What the gap report names when the read fails."""
    return safe_address(options.url) if options.url else "_ldap._tcp SRV"


def urls(options: LdapOptions, network: NetworkContext | None,
         scope: Sequence[Network]) -> list[str]:
    """The directory to read: the one given, else those the LAN's DNS names."""
    if options.url:
        return [options.url]
    from scanner.collectors.ldap.discover import discover

    found = discover(network, scope, min(options.timeout, 10.0))
    if not found:
        domains = ", ".join(network.dns_search) if network and network.dns_search else "none"
        servers = ", ".join(network.dns_servers) if network and network.dns_servers else "none"
        raise CollectorError(
            "no directory found: no _ldap._tcp SRV record for the search domain(s) "
            f"({domains}) on an in-scope DNS server ({servers}); name it with --ldap URL",
            "not-attempted")
    return found


def collect(options: LdapOptions, network: NetworkContext | None = None,
            scope: Sequence[Network] = ()) -> CollectorResult:
    """Read the first directory server that answers (SRV order); the last failure
    is raised when none does."""
    from scanner.collectors.ldap import api, parse

    error: CollectorError | None = None
    for url in urls(options, network, scope)[:3]:
        try:
            snapshot = api.fetch(url, options)
        except CollectorError as exc:
            if exc.reason == "auth":  # the same bind fails on every DC of the domain
                raise
            error = exc
            continue
        snapshot["endpoint"] = safe_address(url)
        return parse.parse(snapshot, safe_address(url))
    raise error or CollectorError("no directory URL to read", "not-attempted")
