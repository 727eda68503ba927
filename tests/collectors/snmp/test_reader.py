"""The reader keeps partial data and records a Gap when an agent stops mid-walk.

Only the transport is replaced (a session that times out on one table); the
reader, parsers and sighting builder run for real.
"""

from __future__ import annotations

import asyncio

from scanner.collectors.snmp import oids
from scanner.collectors.snmp.collector import build_sighting
from scanner.collectors.snmp.engine import SnmpError, WalkInterrupted
from scanner.collectors.snmp.reader import basic_steps, read
from scanner.collectors.snmp.values import Value
from scanner.credentials import SnmpCommunity


class StopsAtIfType:
    """Answers the system group and ifDescr, then goes silent in the ifType column."""

    async def walk(self, root: str, limit: int | None = None) -> dict[str, Value]:
        if root == oids.SYSTEM:
            return {oids.SYS_NAME: b"edge", oids.SYS_OBJECT_ID: "1.3.6.1.4.1.9.1.1"}
        if root == oids.IF_DESCR:
            return {f"{oids.IF_DESCR}.1": b"Gi0/1", f"{oids.IF_DESCR}.2": b"Gi0/2"}
        if root == oids.IF_TYPE:
            raise WalkInterrupted("no SNMP answer", "timeout", {f"{oids.IF_TYPE}.1": 6})
        raise AssertionError(f"reader kept walking after a timeout: {root}")

    async def get(self, *oid: str) -> dict[str, Value]:
        raise SnmpError("no SNMP answer", reason="timeout")

    async def get_next(self, root: str) -> None:
        raise AssertionError("subtree probes after a timeout")


def test_timeout_mid_walk_keeps_partial_data_and_records_gap() -> None:
    reading = asyncio.run(read(StopsAtIfType(), basic_steps()))  # type: ignore[arg-type]
    assert reading.problems == [
        ("timeout", f"agent stopped answering during ifTable column {oids.IF_TYPE}")
    ]
    seen = build_sighting("192.0.2.10", reading, SnmpCommunity("secret-community"))
    assert seen.name == "edge"
    assert [i.name for i in seen.interfaces] == ["Gi0/1", "Gi0/2"]
    assert seen.interfaces[0].type == "ethernetCsmacd"
    assert seen.snmp_community_default is False
