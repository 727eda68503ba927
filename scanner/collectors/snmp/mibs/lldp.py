"""LLDP-MIB (IEEE 802.1AB): the local chassis and ports, and every remote neighbour.

Chassis and port ids come with a subtype that says how to read the bytes; all
subtypes of both are decoded (a MAC, a network address, an interface name or
alias, or an opaque local string).  Unknown subtypes fall back to safe text so
a neighbour is never lost for an odd encoding.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scanner.collectors.snmp.mibs.tables import index_ints, inet_address, table
from scanner.collectors.snmp.values import Value, Walk, integer, mac, text
from scanner.inventory.identity import norm_mac

LLDP = "1.0.8802.1.1.2.1"
LOC = LLDP + ".3"
REM = LLDP + ".4"
LOC_CHASSIS_SUBTYPE = LOC + ".1.0"
LOC_CHASSIS_ID = LOC + ".2.0"
LOC_SYS_NAME = LOC + ".3.0"
LOC_PORT_ENTRY = LOC + ".7.1"
REM_ENTRY = REM + ".1.1"
REM_MAN_ADDR_ENTRY = REM + ".2.1"
#: the subtrees the collector walks (statistics and configuration are skipped)
WALK_ROOTS: tuple[str, ...] = (LOC, REM)

CHASSIS_SUBTYPES = {1: "chassisComponent", 2: "interfaceAlias", 3: "portComponent",
                    4: "macAddress", 5: "networkAddress", 6: "interfaceName", 7: "local"}
PORT_SUBTYPES = {1: "interfaceAlias", 2: "portComponent", 3: "macAddress",
                 4: "networkAddress", 5: "interfaceName", 6: "agentCircuitId", 7: "local"}


@dataclass(frozen=True)
class LldpId:
    """A decoded chassis or port id: ``kind`` is the subtype's name."""

    kind: str
    value: str


@dataclass(frozen=True)
class LldpNeighbour:
    local_port_num: int
    local_port: str
    chassis: LldpId
    port: LldpId
    port_descr: str = ""
    sys_name: str = ""
    sys_descr: str = ""
    mgmt_addresses: tuple[str, ...] = ()


@dataclass(frozen=True)
class LldpInfo:
    chassis: LldpId | None = None
    sys_name: str = ""
    #: lldpLocPortNum -> readable port name
    local_ports: dict[int, str] = field(default_factory=dict)
    neighbours: tuple[LldpNeighbour, ...] = ()


def decode_id(subtype: int | None, raw: Value | None, names: dict[int, str],
              mac_kind: int, net_kind: int) -> LldpId:
    """Decode an id of any subtype; ``mac_kind``/``net_kind`` differ for chassis and port."""
    kind = names.get(subtype or 0, f"subtype-{subtype}")
    if subtype == mac_kind:
        found = mac(raw) or norm_mac(text(raw, limit=64))  # some agents send "AA:BB:..." text
        if found:
            return LldpId(kind, found)
    if subtype == net_kind and isinstance(raw, bytes) and len(raw) > 1:
        address = inet_address(raw[0], raw[1:])
        if address:
            return LldpId(kind, address)
    if isinstance(raw, bytes) and raw and not _printable(raw.rstrip(b"\x00")):
        return LldpId(kind, raw.hex(":"))
    return LldpId(kind, text(raw, limit=128))


def _printable(raw: bytes) -> bool:
    return all(32 <= b < 127 for b in raw)


def _local_ports(walk: Walk) -> dict[int, str]:
    ports: dict[int, str] = {}
    for index, row in table(walk, LOC_PORT_ENTRY).items():
        if not index.isdigit():
            continue
        port = decode_id(integer(row.get(2)), row.get(3), PORT_SUBTYPES, 3, 4)
        descr = text(row.get(4), limit=128)
        named = port.kind in ("interfaceName", "interfaceAlias", "local")
        ports[int(index)] = port.value if named and port.value else (descr or port.value)
    return ports


def _mgmt_addresses(walk: Walk) -> dict[tuple[int, int], list[str]]:
    """(localPortNum, remIndex) -> addresses, decoded from the table's index."""
    out: dict[tuple[int, int], list[str]] = {}
    for index in table(walk, REM_MAN_ADDR_ENTRY):
        parts = index_ints(index)
        if not parts or len(parts) < 6:
            continue
        family, length, raw = parts[3], parts[4], parts[5:]
        if len(raw) != length or any(p > 255 for p in raw):
            continue
        address = inet_address(family, raw)
        if address:
            found = out.setdefault((parts[1], parts[2]), [])
            if address not in found:
                found.append(address)
    return out


def parse(walk: Walk, if_names: dict[int, str] | None = None) -> LldpInfo:
    """Local identity and neighbours; ``if_names`` (ifIndex -> name) names local ports
    when the agent numbers LLDP ports by ifIndex, as lldpd and most vendors do."""
    local = _local_ports(walk)
    names = if_names or {}
    mgmt = _mgmt_addresses(walk)
    neighbours = []
    for index, row in sorted(table(walk, REM_ENTRY).items()):
        parts = index_ints(index)
        if not parts or len(parts) != 3:
            continue
        port_num, rem = parts[1], parts[2]
        neighbours.append(LldpNeighbour(
            local_port_num=port_num,
            local_port=names.get(port_num) or local.get(port_num) or str(port_num),
            chassis=decode_id(integer(row.get(4)), row.get(5), CHASSIS_SUBTYPES, 4, 5),
            port=decode_id(integer(row.get(6)), row.get(7), PORT_SUBTYPES, 3, 4),
            port_descr=text(row.get(8), limit=128),
            sys_name=text(row.get(9), limit=256),
            sys_descr=text(row.get(10), limit=256),
            mgmt_addresses=tuple(mgmt.get((port_num, rem), ())),
        ))
    chassis = None
    if LOC_CHASSIS_ID in walk:
        chassis = decode_id(integer(walk.get(LOC_CHASSIS_SUBTYPE)), walk.get(LOC_CHASSIS_ID),
                            CHASSIS_SUBTYPES, 4, 5)
    return LldpInfo(chassis, text(walk.get(LOC_SYS_NAME), limit=256), local, tuple(neighbours))
