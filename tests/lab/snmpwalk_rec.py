"""Walk an SNMP agent and write the result in snmpsim's ``.snmprec`` format.

``snmpsim-record-commands`` (snmpsim 1.x) crashes against pysnmp 7, so we walk
with pysnmp's asyncio GETBULK and let snmpsim's own record formatter encode each
value: the file is then exactly what ``snmpsim-command-responder`` reads back.
Run inside the scanner namespace: ``python -m tests.lab.snmpwalk_rec IP COMMUNITY OUT``.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from pysnmp.hlapi.v3arch.asyncio import (
    CommunityData,
    ContextData,
    ObjectIdentity,
    ObjectType,
    SnmpEngine,
    UdpTransportTarget,
    bulk_walk_cmd,
)
from snmpsim.record.snmprec import SnmprecRecord


async def walk(ip: str, community: str) -> list[tuple[str, object]]:
    """Every (oid, value) the agent serves, starting below 1.0 so LLDP-MIB is included."""
    engine = SnmpEngine()
    target = await UdpTransportTarget.create((ip, 161), timeout=2, retries=2)
    rows: list[tuple[str, object]] = []
    async for err, status, _index, var_binds in bulk_walk_cmd(
        engine, CommunityData(community, mpModel=1), target, ContextData(), 0, 25,
        ObjectType(ObjectIdentity("1.0")), lexicographicMode=True, lookupMib=False,
    ):
        if err or status:
            raise RuntimeError(f"walk of {ip} failed: {err or status}")
        rows.extend((str(oid), value) for oid, value in var_binds)
    engine.close_dispatcher()
    return rows


def to_snmprec(rows: list[tuple[str, object]]) -> str:
    record = SnmprecRecord()
    lines = []
    for oid, value in rows:
        if value.__class__.__name__ == "EndOfMibView":
            continue
        lines.append(record.format(oid, value).decode("iso-8859-1").rstrip("\n"))
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    ip, community, out = argv
    rows = asyncio.run(walk(ip, community))
    Path(out).write_text(to_snmprec(rows), encoding="iso-8859-1")
    print(f"{len(rows)} varbinds from {ip} -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
