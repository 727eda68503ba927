"""Run ``scanner.collectors.snmp.probe`` from a JSON request on stdin (used inside a netns).

Credentials travel on stdin, not argv, so they never show in a process list.
"""

from __future__ import annotations

import asyncio
import json
import sys

from scanner.collectors.snmp import probe
from scanner.credentials import SnmpCommunity, SnmpCredential, SnmpV3User
from scanner.options import SnmpOptions


def main() -> None:
    request = json.load(sys.stdin)
    creds: list[SnmpCredential] = [SnmpCommunity(c) for c in request.get("communities", [])]
    creds += [SnmpV3User(**user) for user in request.get("v3", [])]
    options = SnmpOptions(
        credentials=tuple(creds),
        port=request.get("port", 161),
        timeout=request.get("timeout", 1.0),
        retries=request.get("retries", 0),
    )
    result = asyncio.run(probe(request["host"], options))
    sys.stdout.write(result.model_dump_json())


if __name__ == "__main__":
    main()
