"""The mail-domain collector as the registry holds it (:class:`~scanner.collectors.base.Collector`):
one task per domain in the ``endpoint`` stage, each asking the one allowed name server.

It runs whenever it is selected (every scan by default): the questions are a few DNS
lookups to a server the user scans anyway.  Nothing to ask (no domain, or no name server
inside the scope) is one "not-attempted" gap saying which option would fix it, so an
empty Cloud and SaaS sheet never reads as "no cloud service".
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from scanner.collectors.base import Defaults, Needs, Run, Stage, Task
from scanner.collectors.localhost import parse_resolv_conf
from scanner.collectors.maildns.api import EXTRA, ask
from scanner.collectors.maildns.choose import NAME, domains, server
from scanner.collectors.maildns.parse import parse
from scanner.collectors.virt.endpoints import _daemon
from scanner.errors import CollectorError
from scanner.inventory.model import Gap, NetworkContext
from scanner.inventory.network import merge_network
from scanner.inventory.sighting import CollectorResult
from scanner.targets import Network

NEEDS = Needs(extra=EXTRA)
#: answers' worth of time one domain may take in all (16 questions at most, most instant)
DEADLINE_ANSWERS = 6
RESOLV_CONF = Path("/etc/resolv.conf")


def local_resolver(results: tuple[CollectorResult, ...]) -> NetworkContext | None:
    """The scan's network context; when the localhost collector did not run (``--collectors
    maildns``), this machine's resolv.conf read the same way."""
    merged = merge_network(r.network for r in results)
    if merged.dns_servers or merged.dns_search:
        return merged
    try:
        servers, search = parse_resolv_conf(RESOLV_CONF.read_text(errors="replace"))
    except OSError:
        return None
    return NetworkContext(dns_servers=servers, dns_search=search)


async def _nothing(detail: str) -> CollectorResult:
    raise CollectorError(detail, "not-attempted")


def read(name_server: str, wanted: list[tuple[str, str]], timeout: float,
         scope: tuple[Network, ...]) -> CollectorResult:
    """Every domain asked of ``name_server``.  A server that does not answer fails the
    task; a domain it knows nothing about is a gap when the user named it, and silent
    when another found domain answered (an AD domain rarely has an MX of its own)."""
    done: list[CollectorResult] = []
    empty: list[tuple[str, str, CollectorError]] = []
    for domain, source in wanted:
        try:
            done.append(parse(ask(name_server, domain, timeout), scope, source))
        except CollectorError as exc:
            if exc.reason != "error":
                raise
            empty.append((domain, source, exc))
    if not done:
        raise CollectorError("; ".join(str(e) for _, _, e in empty)[:900], "error")
    gaps = [Gap(target=f"{d} (DNS {name_server})", collector=NAME, reason="error",
                detail=str(e), at=datetime.now(UTC)) for d, src, e in empty
            if src == "--mail-domain"]
    return CollectorResult(collector=NAME, target=f"DNS {name_server}", gaps=gaps,
                           sightings=[s for r in done for s in r.sightings],
                           mail_domains=[m for r in done for m in r.mail_domains])


async def _bounded(call: Callable[[], CollectorResult], server: str,
                   deadline: float) -> CollectorResult:
    """The blocking lookups in a daemon thread under an overall deadline: a server that
    answers some questions and lets the others time out cannot hold the scan for long."""
    try:
        result: CollectorResult = await asyncio.wait_for(_daemon(call), deadline)
    except TimeoutError:
        raise CollectorError(f"the DNS server {server} did not finish answering within "
                             f"{deadline:g}s", "timeout") from None
    return result


@dataclass(frozen=True)
class MailDnsCollector(Defaults):
    name: str = NAME
    stages: tuple[Stage, ...] = ("endpoint",)
    needs: Needs = NEEDS

    async def tasks(self, run: Run) -> list[Task]:
        opts = run.options.maildns
        network = local_resolver(run.results)
        asked = server(opts, network, run.scope, run.options.exclude)
        wanted = domains(opts, network, run.options.ldap)
        if asked is None:
            known = ", ".join(network.dns_servers) if network and network.dns_servers else "none"
            return [Task("mail domain", partial(_nothing, (
                f"no DNS server of the office inside the scan scope (and not excluded) to "
                f"ask about the mail domain (resolver: {known}); name it with --dns-server")))]
        if not wanted:
            return [Task(f"DNS {asked}", partial(_nothing, (
                "no local domain to ask about (no search domain in the resolver "
                "configuration); name it with --mail-domain")))]
        call = partial(read, asked, wanted, opts.timeout, run.scope)
        return [Task(f"DNS {asked}", partial(_bounded, call, asked,
                                             opts.timeout * DEADLINE_ANSWERS * len(wanted)))]


def collector() -> MailDnsCollector:
    return MailDnsCollector()
