"""A small session over pysnmp 7's asyncio hlapi that speaks plain Python.

Why a wrapper: parsers must never see pysnmp types, every request must honour
the scan's timeout/retries, and a broken agent (one that loops, or stops
answering half-way) must not hang or crash a scan.  So ``walk`` is bounded by a
varbind budget, stops at the subtree's end, and on failure raises
:class:`WalkInterrupted` carrying what was read so far.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
from collections.abc import AsyncIterator
from typing import Any

from pyasn1.type.univ import Null
from pysnmp.entity.rfc3413 import cmdgen
from pysnmp.hlapi.v3arch import asyncio as hlapi
from pysnmp.hlapi.v3arch.asyncio.cmdgen import LCD as _LCD
from pysnmp.proto import errind
from pysnmp.proto.rfc1902 import ObjectName

from scanner.collectors.snmp.oids import is_under
from scanner.collectors.snmp.transport import bulkwalk, wire
from scanner.collectors.snmp.transport.auth import auth_data, context_name, is_v1
from scanner.collectors.snmp.values import Value, plain
from scanner.credentials import SnmpCommunity, SnmpCredential
from scanner.errors import CollectorError
from scanner.inventory.model import GapReason
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
#: cap on GETBULK max-repetitions (the adaptive choice is in :mod:`bulkwalk`)
MAX_REPETITIONS = bulkwalk.MAX_REPETITIONS
_NULL = Null("")
_GENERATORS: dict[str, Any] = {
    "get": cmdgen.GetCommandGenerator(),
    "next": cmdgen.NextCommandGeneratorSingleRun(),
    "bulk": cmdgen.BulkCommandGeneratorSingleRun(),
}
_WIRE_KINDS = {"get": wire.GET, "next": wire.GETNEXT, "bulk": wire.GETBULK}
#: where a scan's shared v1/v2c socket lives in the pysnmp engine's cache
_WIRE_KEY = "drscout:wire-transport"


class SnmpError(CollectorError):
    """A request failed; ``reason`` is a Gap reason ("timeout", "auth", "error")."""


class WalkInterrupted(SnmpError):
    """A walk stopped early; ``partial`` holds the varbinds read before it did."""

    def __init__(self, message: str, reason: GapReason, partial: dict[str, Value]) -> None:
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
        shared = engine.cache.pop(_WIRE_KEY, None)
        if shared is not None:
            shared.close()
        engine.close_dispatcher()


async def _wire_transport(engine: Any) -> wire.Transport:
    """The scan's one v1/v2c socket, opened on first use and closed with the engine."""
    shared: wire.Transport | None = engine.cache.get(_WIRE_KEY)
    if shared is None:
        shared = engine.cache[_WIRE_KEY] = await wire.Transport.open()
    return shared


def _is_ipv4(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).version == 4
    except ValueError:
        return False


def _plain(value: Any) -> Value | None:
    """Values from :mod:`wire` are plain already; pysnmp's are converted."""
    return value if isinstance(value, str | int | bytes) else plain(value)


class SnmpSession:
    """One agent, one credential: ``get``, ``get_next`` and bounded ``walk``.

    Communities over IPv4 go through :mod:`wire` (BER straight to plain values, one
    socket per scan): pysnmp's message stack cost most of a large scan's CPU.
    SNMPv3 requests go through pysnmp's command generators (``rfc3413.cmdgen``) with
    plain ``ObjectName`` varbinds: the hlapi ``*_cmd`` wrappers resolve every
    request's OID through the MIB view and configure the target anew on each
    call, which profiling showed to be pure overhead for numeric OIDs.
    """

    def __init__(
        self,
        engine: hlapi.SnmpEngine,
        target: Any,
        cred: SnmpCredential,
        max_varbinds: int = DEFAULT_MAX_VARBINDS,
    ) -> None:
        self._engine = engine
        self._context = context_name(cred)
        self._v1 = is_v1(cred)
        self._wire: tuple[wire.Transport, tuple[str, int], bytes, float, int] | None = None
        self._addr = None
        if not isinstance(target, tuple):
            self._addr, _params = _LCD.configure(engine, auth_data(cred), target, self._context)
        self._rows: dict[str, int] = {}
        self.max_varbinds = max_varbinds
        self.label = cred.label

    @classmethod
    async def open(
        cls, engine: hlapi.SnmpEngine, host: str, options: SnmpOptions, cred: SnmpCredential
    ) -> SnmpSession:
        if isinstance(cred, SnmpCommunity) and _is_ipv4(host):
            session = cls(engine, (host, options.port), cred)
            session._wire = (await _wire_transport(engine), (host, options.port),
                             cred.community.encode(), options.timeout, options.retries)
            return session
        target = await hlapi.UdpTransportTarget.create(
            (host, options.port), timeout=options.timeout, retries=options.retries
        )
        return cls(engine, target, cred)

    def name(self, oid: str) -> Any:
        """A cursor for ``oid`` in the representation this session's requests return."""
        return wire.Oid.parse(oid) if self._wire else ObjectName(oid)

    async def _request(self, kind: str, oids: list[str], reps: int = 0) -> Any:
        """One PDU; resolves to ``(indication, status, varbinds)``."""
        if self._wire is not None:
            return await self._wire_request(kind, oids, reps)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        varbinds = [(ObjectName(oid), _NULL) for oid in oids]
        args: tuple[Any, ...] = (self._engine, self._addr, None, self._context)
        if kind == "bulk":
            args += (0, reps)
        _GENERATORS[kind].send_varbinds(*args, varbinds, _done, future)
        return await future

    async def _wire_request(self, kind: str, oids: list[str], reps: int) -> Any:
        assert self._wire is not None
        transport, address, community, timeout, retries = self._wire
        names = [wire.Oid.parse(oid) for oid in oids]
        version = 0 if self._v1 else 1

        def build(request_id: int) -> bytes:
            return wire.encode(version, community, _WIRE_KINDS[kind], request_id, names, 0, reps)

        try:
            response = await transport.request(address, build, timeout, retries)
        except wire.RequestTimedOut:
            return errind.requestTimedOut, 0, []
        return None, response.error_status, response.varbinds

    async def get(self, *oids: str) -> dict[str, Value]:
        """Values of ``oids`` that exist; missing objects are simply absent."""
        indication, status, vbs = await self._request("get", list(oids))
        if indication or (status and int(status) != 2):  # 2 = v1 noSuchName
            raise _failure(indication, status, "GET")
        return _plain_varbinds(vbs)

    async def get_next(self, root: str) -> tuple[str, Value] | None:
        """The first object under ``root``, or ``None`` when the subtree is empty."""
        return (await self.get_next_many((root,)))[root]

    async def get_next_after(self, oid: str, within: str) -> tuple[str, Value] | None:
        """The first object after ``oid`` that still lies under ``within``: a GETNEXT that
        may leave ``oid``'s own subtree (how one finds the next enterprise MIB served)."""
        indication, status, vbs = await self._request("next", [oid])
        if indication or (status and int(status) != 2):
            raise _failure(indication, status, "GETNEXT")
        for name, value in vbs or ():
            found, converted = str(name), _plain(value)
            if converted is not None and is_under(found, within):
                return found, converted
        return None

    async def get_next_many(self, roots: tuple[str, ...]) -> dict[str, tuple[str, Value] | None]:
        """The first object under each of ``roots`` in one GETNEXT (one per root on v1,
        where a single exhausted root fails the whole PDU)."""
        if self._v1 and len(roots) > 1:
            return {root: await self.get_next(root) for root in roots}
        indication, status, vbs = await self._request("next", list(roots))
        if indication or (status and int(status) != 2):
            raise _failure(indication, status, "GETNEXT")
        found: dict[str, tuple[str, Value] | None] = dict.fromkeys(roots)
        for root, (name, value) in zip(roots, vbs or (), strict=False):
            oid, converted = str(name), _plain(value)
            if converted is not None and is_under(oid, root):
                found[root] = (oid, converted)
        return found

    async def walk(self, root: str, max_varbinds: int | None = None) -> dict[str, Value]:
        """Every object under ``root`` (at most ``max_varbinds``), in agent order."""
        return await self.walk_columns((root,), max_varbinds)

    async def walk_columns(
        self, roots: tuple[str, ...], max_varbinds: int | None = None
    ) -> dict[str, Value]:
        """Every object under each of ``roots`` (table columns, usually of one table),
        walked side by side: one GETBULK carries a repeater per unfinished column.
        On failure :class:`WalkInterrupted` carries what every column had read."""
        budget = max_varbinds or self.max_varbinds
        found: dict[str, Value] = {}
        if self._v1 and len(roots) > 1:  # v1 GETNEXT fails whole when one column ends
            for root in roots:
                if len(found) >= budget:
                    break
                try:
                    found.update(await self.walk(root, budget - len(found)))
                except WalkInterrupted as stop:
                    raise WalkInterrupted(str(stop), stop.reason, found | stop.partial) from None
            return found
        cursors: dict[str, Any] = {root: self.name(root) for root in roots}
        reps = bulkwalk.first_repetitions(list(roots), self._rows)
        while cursors and len(found) < budget:
            await self._walk_step(cursors, reps, found, budget)
            reps = min(bulkwalk.cap(len(cursors)), reps * 2)
        for entry, rows in bulkwalk.row_counts(list(roots), found).items():
            self._rows[entry] = max(rows, self._rows.get(entry, 0))
        return found

    async def _walk_step(
        self, cursors: dict[str, Any], reps: int, found: dict[str, Value], budget: int
    ) -> None:
        what = f"walk of {', '.join(cursors)}"
        request = [str(cursor) for cursor in cursors.values()]
        indication, status, vbs = await self._request("next" if self._v1 else "bulk",
                                                      request, reps)
        if self._v1 and status and int(status) == 2 and not indication:
            cursors.clear()  # v1 noSuchName: the column ended at the end of the MIB
            return
        if indication or status:
            base = _failure(indication, status, what)
            raise WalkInterrupted(str(base), base.reason, found)
        try:
            moved = bulkwalk.advance(vbs, cursors, found, budget)
        except bulkwalk.AgentLooped:
            raise WalkInterrupted(f"agent returned a non-increasing OID in {what}", "error",
                                  found) from None
        if not moved:
            cursors.clear()


def _done(
    _engine: Any, _handle: Any, indication: Any, status: Any, _index: Any, varbinds: Any,
    future: asyncio.Future[Any],
) -> None:
    if not future.done():
        future.set_result((indication, status, varbinds))


def _plain_varbinds(varbinds: Any) -> dict[str, Value]:
    out: dict[str, Value] = {}
    for name, value in varbinds or ():
        converted = _plain(value)
        if converted is not None:
            out[str(name)] = converted
    return out
