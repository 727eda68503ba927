"""A snapshot of one domain's answers (see :mod:`.api`) -> a CollectorResult.  Pure.

Every answer is hostile text (whoever edits the zone chooses it): cleaned as device
strings are (no control characters, capped) before anything keeps it.  The result holds
the :class:`~scanner.inventory.cloud.MailDomain` and, as sightings, what the answers say
about hosts inside the scope: the server that answered serves DNS, and an MX or
autodiscover name that resolves to an address in scope is the office's mail server.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scanner.collectors.maildns.classify import Answers, classify
from scanner.collectors.snmp.values import text
from scanner.errors import CollectorError
from scanner.inventory.cloud import CloudService, DnsRecord, MailDomain
from scanner.inventory.sighting import CollectorResult, RoleHint, Sighting
from scanner.targets import Network, in_scope

COLLECTOR = "maildns"
Snapshot = dict[str, Any]


def records(snapshot: Snapshot) -> list[DnsRecord]:
    return [DnsRecord(name=text(r.get("name"), 255).lower(), type=text(r.get("type"), 10),
                      value=text(r.get("value"), 512))
            for r in snapshot.get("records") or []]


def addresses(snapshot: Snapshot) -> dict[str, list[str]]:
    return {text(k, 255).lower(): [text(ip, 64) for ip in v]
            for k, v in (snapshot.get("addresses") or {}).items()}


def _mail_hosts(services: Sequence[CloudService], domain: str) -> list[Sighting]:
    sightings = []
    for s in services:
        if s.kind != "on-premises":
            continue
        for ip in s.addresses:
            why = "; ".join(e for e in s.evidence if ip in e or not s.hosts)[:300]
            sightings.append(Sighting(
                collector=COLLECTOR, ips=[ip], hostnames=[h for h in s.hosts][:3],
                role_hints=[RoleHint(role="mail", confidence=0.9,
                                     evidence=f"the mail of {domain} goes here: {why}")]))
    return sightings


def _server(server: str, domain: str, scope: Sequence[Network]) -> list[Sighting]:
    if not in_scope(server, scope):
        return []
    return [Sighting(collector=COLLECTOR, ips=[server], role_hints=[RoleHint(
        role="dns", confidence=1.0, evidence=f"answered DNS questions about {domain}")])]


def parse(snapshot: Snapshot, scope: Sequence[Network], source: str) -> CollectorResult:
    """The domain's services; a server that answered nothing useful raises a gap."""
    domain, server = text(snapshot.get("domain"), 255), text(snapshot.get("server"), 64)
    found = records(snapshot)
    services = classify(Answers(domain, found, addresses(snapshot), scope))
    if not services:
        asked = f"{len(found)} record(s), none about mail" if found else "no record"
        raise CollectorError(
            f"the DNS server {server} holds no MX, SPF or autodiscover record for {domain} "
            f"({asked}); the mail domain may differ from the local one: name it with "
            "--mail-domain", "error")
    mail = MailDomain(domain=domain, server=server, source=source, collector=COLLECTOR,
                      records=found, services=services)
    return CollectorResult(collector=COLLECTOR, target=f"{domain} (DNS {server})",
                           sightings=_server(server, domain, scope)
                           + _mail_hosts(services, domain),
                           mail_domains=[mail])
