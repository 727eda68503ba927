"""A small session over pysnmp 7's asyncio hlapi that speaks plain Python.

Why a wrapper: parsers must never see pysnmp types, every request must honour
the scan's timeout/retries, and a broken agent (one that loops, or stops
answering half-way) must not hang or crash a scan.  So ``walk`` is bounded by a
varbind budget, stops at the subtree's end, and on failure raises
:class:`WalkInterrupted` carrying what was read so far.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncGenerator, AsyncIterator
from typing import Any

from pysnmp.hlapi.v3arch import asyncio as hlapi
from pysnmp.proto import errind

from scanner.collectors.snmp.auth import auth_data, context_name, is_v1
from scanner.collectors.snmp.oids import is_under
from scanner.collectors.snmp.values import Value, plain
from scanner.credentials import SnmpCredential
from scanner.errors import CollectorError
from scanner.options import SnmpOptions

#: error indications that mean "these credentials are wrong" rather than "no answer"
_AUTH_ERRORS: tuple[type[errind.ErrorIndication], ...] = (
    errind.UnknownUserName,
    errind.WrongDigest,
    errind.UnknownSecurityName,
    errind.UnsupportedSecurityLevel,
    errind.DecryptionError,
    errind.AuthenticationError,
    errind.AuthenticationFailure,
    errind.UnknownCommunityName,
)
DEFAULT_MAX_VARBINDS = 5000
MAX_REPETITIONS = 25


class SnmpError(CollectorError):
    """A request failed; ``reason`` is a Gap reason ("timeout", "auth", "error")."""


class WalkInterrupted(SnmpError):
    """A walk stopped early; ``partial`` holds the varbinds read before it did."""

    def __init__(self, message: str, reason: str, partial: dict[str, Value]) -> None:
        super().__init__(message, reason=reason)
        self.partial = partial


def _failure(indication: object, status: object, what: str) -> SnmpError:
    """Map a pysnmp error indication/status to an :class:`SnmpError` (no secrets inside)."""
    if isinstance(indication, errind.RequestTimedOut):
        return SnmpError(f"no SNMP answer to {what}", reason="timeout")
    if isinstance(indication, errind.EncryptionError | errind.NoEncryption):
        return SnmpError(
            "SNMPv3 privacy unavailable (pip install cryptography)", "missing-dependency"
        )
    if isinstance(indication, _AUTH_ERRORS):
        return SnmpError(f"SNMP authentication failed ({type(indication).__name__})", "auth")
    if indication:
        return SnmpError(f"SNMP error on {what}: {type(indication).__name__}", reason="error")
    return SnmpError(f"SNMP error status {status} on {what}", reason="error")


@contextlib.asynccontextmanager
async def snmp_engine() -> AsyncIterator[hlapi.SnmpEngine]:
    """An engine for a scan (or one probe), always closed, so sockets and timers never
    leak. Many probes may share one engine concurrently: each has its own target."""
    engine = hlapi.SnmpEngine()
    try:
        yield engine
    finally:
        engine.close_dispatcher()


class SnmpSession:
    """One agent, one credential: ``get``, ``get_next`` and bounded ``walk``."""

    def __init__(
        self,
        engine: hlapi.SnmpEngine,
        target: Any,
        cred: SnmpCredential,
        max_varbinds: int = DEFAULT_MAX_VARBINDS,
    ) -> None:
        self._engine = engine
        self._target = target
        self._auth = auth_data(cred)
        self._context = hlapi.ContextData(contextName=context_name(cred))
        self._v1 = is_v1(cred)
        self.max_varbinds = max_varbinds
        self.label = cred.label

    @classmethod
    async def open(
        cls, engine: hlapi.SnmpEngine, host: str, options: SnmpOptions, cred: SnmpCredential
    ) -> SnmpSession:
        target = await hlapi.UdpTransportTarget.create(
            (host, options.port), timeout=options.timeout, retries=options.retries
        )
        return cls(engine, target, cred)

    def _args(self) -> tuple[Any, ...]:
        return (self._engine, self._auth, self._target, self._context)

    async def get(self, *oids: str) -> dict[str, Value]:
        """Values of ``oids`` that exist; missing objects are simply absent."""
        indication, status, _idx, vbs = await hlapi.get_cmd(
            *self._args(), *_object_types(oids), lookupMib=False
        )
        if indication or (status and int(status) != 2):  # 2 = v1 noSuchName
            raise _failure(indication, status, "GET")
        return _plain_varbinds(vbs)

    async def get_next(self, root: str) -> tuple[str, Value] | None:
        """The first object under ``root``, or ``None`` when the subtree is empty."""
        indication, status, _idx, vbs = await hlapi.next_cmd(
            *self._args(), *_object_types((root,)), lookupMib=False
        )
        if indication or (status and int(status) != 2):
            raise _failure(indication, status, "GETNEXT")
        for oid, value in _plain_varbinds(vbs).items():
            if is_under(oid, root):
                return oid, value
        return None

    async def walk(self, root: str, max_varbinds: int | None = None) -> dict[str, Value]:
        """Every object under ``root`` (at most ``max_varbinds``), in agent order."""
        budget = max_varbinds or self.max_varbinds
        found: dict[str, Value] = {}
        async with contextlib.aclosing(self._walk_iter(root)) as responses:
            async for indication, status, vbs in responses:
                if indication or status:
                    raise _walk_failure(indication, status, root, found)
                for oid, value in _plain_varbinds(vbs).items():
                    if not is_under(oid, root) or len(found) >= budget:
                        return found
                    found[oid] = value
        return found

    async def _walk_iter(self, root: str) -> AsyncGenerator[tuple[Any, Any, Any], None]:
        common = {"lexicographicMode": False, "lookupMib": False}
        if self._v1:
            gen = hlapi.walk_cmd(*self._args(), *_object_types((root,)), **common)
        else:
            gen = hlapi.bulk_walk_cmd(
                *self._args(), 0, MAX_REPETITIONS, *_object_types((root,)), **common
            )
        async with contextlib.aclosing(gen) as items:
            async for indication, status, _idx, vbs in items:
                yield indication, status, vbs


def _walk_failure(
    indication: object, status: object, root: str, found: dict[str, Value]
) -> WalkInterrupted:
    base = _failure(indication, status, f"walk of {root}")
    return WalkInterrupted(str(base), base.reason, found)


def _object_types(oids: tuple[str, ...]) -> list[Any]:
    return [hlapi.ObjectType(hlapi.ObjectIdentity(oid)) for oid in oids]


def _plain_varbinds(varbinds: Any) -> dict[str, Value]:
    out: dict[str, Value] = {}
    for name, value in varbinds or ():
        converted = plain(value)
        if converted is not None:
            out[str(name)] = converted
    return out
