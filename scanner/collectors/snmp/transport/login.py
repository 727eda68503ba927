"""Finding the credential that works for an agent, and remembering it for the scan.

Why remember: a wrong SNMPv2c community is not refused, it is ignored, so each
failed credential costs a full timeout times (retries + 1).  Once one credential
has worked for an agent (address and port), later probes of that agent in the
same scan (a second probe of the same device, a re-read) start with it and never
retry the ones that failed.  The memory lives in the scan's shared pysnmp engine
(its ``cache`` dict), so it ends with the scan and is never written anywhere.
"""

from __future__ import annotations

from typing import Any

from scanner.collectors.snmp import oids
from scanner.collectors.snmp.transport.engine import SnmpError, SnmpSession
from scanner.credentials import SnmpCredential
from scanner.inventory.model import GapReason
from scanner.options import SnmpOptions

_MEMORY_KEY = "drscout:working-credential"
Failures = list[tuple[str, GapReason]]


def _memory(engine: Any) -> dict[tuple[str, int], SnmpCredential]:
    cache: dict[str, Any] = engine.cache
    memory: dict[tuple[str, int], SnmpCredential] = cache.setdefault(_MEMORY_KEY, {})
    return memory


def remembered(engine: Any, host: str, port: int) -> SnmpCredential | None:
    """The credential that last worked for ``host:port`` with this engine, if any."""
    return _memory(engine).get((host, port))


def _ordered(
    engine: Any, host: str, port: int, creds: tuple[SnmpCredential, ...]
) -> list[SnmpCredential]:
    known = remembered(engine, host, port)
    if known is None or known not in creds:
        return list(creds)
    return [known, *(c for c in creds if c != known)]


async def login(
    engine: Any, host: str, options: SnmpOptions, creds: tuple[SnmpCredential, ...]
) -> tuple[SnmpSession | None, SnmpCredential | None, Failures]:
    """The first credential whose GET of sysObjectID is answered (remembered one first).

    ``failures`` pairs each failed credential's safe label with the reason.
    """
    failures: Failures = []
    for cred in _ordered(engine, host, options.port, creds):
        session = await SnmpSession.open(engine, host, options, cred)
        try:
            await session.get(oids.SYS_OBJECT_ID)
        except SnmpError as failure:
            failures.append((cred.label, failure.reason))
            continue
        _memory(engine)[(host, options.port)] = cred
        return session, cred, failures
    return None, None, failures
