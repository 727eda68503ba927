"""Which domains to ask about, and the one name server allowed to be asked.

The server rule is the one :mod:`scanner.collectors.lan_dns` shares with the directory's
SRV lookup, plus: a loopback name server (systemd-resolved's stub, a laptop's dnsmasq) is
the scanning machine's own and would forward the question beyond the office.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from scanner.collectors.lan_dns import lan_servers, search_domains
from scanner.collectors.maildns.options import MailDnsOptions
from scanner.credentials import LdapOptions
from scanner.inventory.model import NetworkContext
from scanner.targets import Network, in_scope

NAME = "maildns"
#: domains found by the scan that are asked, at most (explicit ones are all asked)
MAX_DOMAINS = 3
#: second-level labels under which a parent is a registry, not the office's domain
_REGISTRY_LABELS = frozenset({"co", "com", "net", "org", "ac", "gov", "edu", "or", "ne"})


def _loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return True


def server(options: MailDnsOptions, network: NetworkContext | None,
           scope: Sequence[Network], exclude: Sequence[Network] = ()) -> str | None:
    """The one name server to ask: the one given, else the LAN's first in scope; never
    one the user excluded (``--exclude`` means never touch, also for DNS)."""
    if options.server:
        return None if in_scope(options.server, exclude) else options.server
    return next((s for s in lan_servers(network, scope)
                 if not _loopback(s) and not in_scope(s, exclude)), None)


def _parent(domain: str) -> str | None:
    labels = domain.split(".")
    if len(labels) < 3 or (labels[1] in _REGISTRY_LABELS and len(labels) == 3):
        return None
    return ".".join(labels[1:])


def realm(ldap: LdapOptions) -> str | None:
    """The AD domain in the bind identity: ``user@ad.example.com`` or ``DC=`` parts."""
    user = (ldap.credential.user or "").strip()
    if "@" in user:
        return user.rsplit("@", 1)[1].strip(".").lower() or None
    parts = [p.split("=", 1)[1] for p in user.split(",")
             if p.strip().lower().startswith("dc=") and "=" in p]
    return ".".join(p.strip().lower() for p in parts) or None


def domains(options: MailDnsOptions, network: NetworkContext | None,
            ldap: LdapOptions) -> list[tuple[str, str]]:
    """(domain, where it came from): the given ones, then up to MAX_DOMAINS found."""
    given = [(d.strip(".").lower(), "--mail-domain") for d in options.domains if d.strip(".")]
    found: list[tuple[str, str]] = []
    named = realm(ldap)
    for domain in search_domains(network):
        found.append((domain, "resolver search list"))
        parent = _parent(domain)
        if parent:
            found.append((parent, f"parent of the search domain {domain}"))
    if named and "." in named:
        found.append((named, "realm of --ldap-user"))
    out: dict[str, str] = {}
    for domain, source in given + found[:MAX_DOMAINS]:
        out.setdefault(domain, source)
    return list(out.items())
