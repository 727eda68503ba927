"""Run drscout's SNMP probe (stdin JSON as in ``run_probe.py``) and report every OID it
put in a request and every OID the agent sent back, beside the probe's result.

The recording wraps the session's one PDU method; the agent and the probe are real.
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

from scanner.collectors.snmp import probe
from scanner.collectors.snmp.transport.engine import SnmpSession
from scanner.credentials import SnmpCommunity
from scanner.options import SnmpOptions

REQUESTED: list[str] = []
RETURNED: list[str] = []
_original = SnmpSession._request


async def _recording(self: SnmpSession, kind: str, oids: list[str], reps: int = 0) -> Any:
    REQUESTED.extend(oids)
    answer = await _original(self, kind, oids, reps)
    RETURNED.extend(str(name) for name, _value in (answer[2] or ()))
    return answer


def main() -> None:
    request = json.load(sys.stdin)
    SnmpSession._request = _recording  # type: ignore[method-assign]
    options = SnmpOptions(credentials=tuple(SnmpCommunity(c) for c in request["communities"]),
                          timeout=request["timeout"], retries=request["retries"])
    result = asyncio.run(probe(request["host"], options))
    sys.stdout.write(json.dumps({"result": json.loads(result.model_dump_json()),
                                 "requested": REQUESTED, "returned": RETURNED}))


if __name__ == "__main__":
    main()
