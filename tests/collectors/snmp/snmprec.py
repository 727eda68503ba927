"""Read an snmprec file (``OID|tag|value``) into the plain walk the parsers take."""

from __future__ import annotations

from pathlib import Path

from scanner.collectors.snmp.values import Value

_INTEGER_TAGS = {"2", "65", "66", "67", "70"}


def load(path: Path) -> dict[str, Value]:
    walk: dict[str, Value] = {}
    for line in path.read_text().splitlines():
        oid, _, rest = line.partition("|")
        tag, _, raw = rest.partition("|")
        if tag in _INTEGER_TAGS:
            walk[oid] = int(raw)
        elif tag == "4x":
            walk[oid] = bytes.fromhex(raw)
        elif tag == "4":
            walk[oid] = raw.encode()
        elif tag in {"6", "64"}:
            walk[oid] = raw.lstrip(".")
    return walk
