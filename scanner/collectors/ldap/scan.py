"""The directory read as the orchestrator runs it, and the DCs nobody read.

:func:`read` is the one task of the ``endpoint`` stage (see :mod:`.adapter`): the DC
named by ``--ldap``, or the ones the LAN's DNS names (which needs the local collector's
resolver configuration, collected by then).  The blocking read runs in a daemon thread
under an overall deadline, so a DC that stops answering mid-search is a ``timeout`` gap
and the run completes.  Afterwards, a domain controller the network scan found by its
ports (Kerberos and LDAP) while no directory was read gets a "not-attempted" gap saying
what would read it (:func:`unread_dcs`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import partial

from scanner.collectors.ldap import collect, target_label
from scanner.collectors.virt.common import fail
from scanner.collectors.virt.endpoints import _daemon
from scanner.credentials import LdapOptions
from scanner.errors import DrscoutError
from scanner.inventory.model import Gap, NetworkContext
from scanner.inventory.sighting import CollectorResult
from scanner.targets import Network

#: searches one read makes at most (root DSE, computers, sites, 2 x 3 DNS bases), each
#: bounded by the per-operation timeout; the overall deadline allows a few of them
_DEADLINE_OPERATIONS = 4


async def read(options: LdapOptions, network: NetworkContext | None,
               scope: Sequence[Network]) -> CollectorResult:
    """The whole directory read, bounded; failures raised scrubbed of the password."""
    call = partial(collect, options, network, scope)
    deadline = options.timeout * _DEADLINE_OPERATIONS + 5
    try:
        result: CollectorResult = await asyncio.wait_for(_daemon(call), deadline)
    except TimeoutError as exc:
        raise fail(f"{target_label(options)} did not finish within {deadline:g}s",
                   "timeout") from exc
    except DrscoutError:
        raise
    except Exception as exc:  # re-raised scrubbed: ldap3 and pyasn1 echo what they decoded
        raise fail(f"{type(exc).__name__}: {exc}", "error", options.secrets()) from exc
    return result


def unread_dcs(results: Sequence[CollectorResult]) -> list[Gap]:
    """A "not-attempted" gap per address with Kerberos (88) and LDAP (389/636) open."""
    gaps: dict[str, Gap] = {}
    for r in results:
        if r.collector != "nmap":
            continue
        for s in r.sightings:
            ports = {svc.port for svc in s.services if svc.protocol == "tcp"}
            if 88 not in ports or not ports & {389, 636}:
                continue
            for ip in s.ips[:1]:
                gaps.setdefault(ip, Gap(
                    target=ip, collector="ldap", reason="not-attempted", at=datetime.now(UTC),
                    detail="Kerberos and LDAP are open: an Active Directory domain "
                           "controller. Reading it would list every computer of the "
                           "domain (the ones this scan did not see too), its DCs, sites "
                           f"and DNS zones: --ldap ldap://{ip} --ldap-user USER@DOMAIN "
                           "with DRSCOUT_LDAP_PASSWORD"))
    return list(gaps.values())
