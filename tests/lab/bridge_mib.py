"""BRIDGE-MIB for net-snmp's ``pass_persist``, served from a live Linux bridge.

net-snmp has no BRIDGE-MIB for Linux bridges, so the lab switches run this
script: ``pass_persist .1.3.6.1.2.1.17 python -m tests.lab.bridge_mib br0``.
It reads the bridge as the kernel has it right now: ports from
``/sys/class/net/<br>/brif/*``, STP states from ``brport/state``, the
forwarding table from ``bridge -j fdb show``.  The table is rebuilt at most
once a second, so a walk sees one consistent snapshot.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = (1, 3, 6, 1, 2, 1, 17)
#: Linux brport/state -> dot1dStpPortState
STP_STATE = {0: 1, 1: 3, 2: 4, 3: 5, 4: 2}
Entry = tuple[tuple[int, ...], str, str]


def _read(path: Path) -> str:
    return path.read_text().strip()


def _ports(bridge: str) -> dict[str, int]:
    """Port interface name -> bridge port number."""
    brif = Path(f"/sys/class/net/{bridge}/brif")
    return {p.name: int(_read(p / "port_no"), 0) for p in sorted(brif.iterdir())}


def _fdb(bridge: str) -> list[dict[str, object]]:
    out = subprocess.run(["bridge", "-j", "fdb", "show", "br", bridge], capture_output=True,
                         text=True, check=False, timeout=5).stdout
    return list(json.loads(out)) if out.strip() else []


def _octets(mac: str) -> str:
    return " ".join(mac.split(":"))


def snapshot(bridge: str) -> list[Entry]:
    """Every object this agent serves, sorted by OID."""
    net = Path("/sys/class/net")
    ports = _ports(bridge)
    base_mac = _read(net / bridge / "address")
    rows: list[Entry] = [((1, 1, 0), "octet", _octets(base_mac)),
                         ((1, 2, 0), "integer", str(len(ports))), ((1, 3, 0), "integer", "2"),
                         ((2, 1, 0), "integer", "3")]
    for name, num in ports.items():
        rows.append(((1, 4, 1, 1, num), "integer", str(num)))
        rows.append(((1, 4, 1, 2, num), "integer", _read(net / name / "ifindex")))
        state = STP_STATE.get(int(_read(net / name / "brport" / "state")), 6)
        rows.append(((2, 15, 1, 1, num), "integer", str(num)))
        rows.append(((2, 15, 1, 3, num), "integer", str(state)))
    seen: set[str] = set()
    for entry in _fdb(bridge):
        mac, dev = str(entry.get("mac", "")), str(entry.get("ifname", ""))
        if dev not in ports or mac in seen or int(mac[:2], 16) & 1:
            continue
        seen.add(mac)
        index = tuple(int(b, 16) for b in mac.split(":"))
        status = "4" if entry.get("state") == "permanent" else "3"
        rows.append(((4, 3, 1, 1, *index), "octet", _octets(mac)))
        rows.append(((4, 3, 1, 2, *index), "integer", str(ports[dev])))
        rows.append(((4, 3, 1, 3, *index), "integer", status))
    return sorted((ROOT + oid, kind, value) for oid, kind, value in rows)


def _oid(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.strip().strip(".").split(".") if p.isdigit())


def answer(entries: list[Entry], command: str, oid: tuple[int, ...]) -> str:
    if command == "get":
        found = next((e for e in entries if e[0] == oid), None)
    else:
        found = next((e for e in entries if e[0] > oid), None)
    if found is None:
        return "NONE\n"
    return "." + ".".join(map(str, found[0])) + f"\n{found[1]}\n{found[2]}\n"


def main(bridge: str) -> None:
    entries: list[Entry] = []
    built = 0.0
    for line in sys.stdin:
        command = line.strip().lower()
        if command == "ping":
            reply = "PONG\n"
        elif command in ("get", "getnext"):
            oid = _oid(sys.stdin.readline())
            if time.monotonic() - built > 1.0:
                entries, built = snapshot(bridge), time.monotonic()
            reply = answer(entries, command, oid)
        elif command == "set":
            sys.stdin.readline()
            sys.stdin.readline()
            reply = "not-writable\n"
        else:
            continue
        sys.stdout.write(reply)
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "br0")
