"""BRIDGE-MIB and Q-BRIDGE-MIB: bridge ports, STP states, forwarding tables, VLANs.

Bridge port numbers are not ifIndexes; ``dot1dBasePortTable`` maps them, and
every port this module reports is already translated to the interface name.
Forwarding entries keep only learned (and "other") rows: ``self`` rows are the
switch's own MACs and ``invalid`` rows are stale.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scanner.collectors.snmp.mibs.tables import index_ints, mac_from_ints, table
from scanner.collectors.snmp.values import Walk, integer, mac, text

BRIDGE = "1.3.6.1.2.1.17"
BASE_BRIDGE_ADDRESS = BRIDGE + ".1.1.0"
BASE_PORT_ENTRY = BRIDGE + ".1.4.1"
STP_PORT_ENTRY = BRIDGE + ".2.15.1"
STP_PORT_STATE = STP_PORT_ENTRY + ".3"
TP_FDB_ENTRY = BRIDGE + ".4.3.1"
Q_TP_FDB_ENTRY = BRIDGE + ".7.1.2.2.1"
Q_VLAN_STATIC_NAME = BRIDGE + ".7.1.4.3.1.1"
Q_PVID = BRIDGE + ".7.1.4.5.1.1"
WALK_ROOTS: tuple[str, ...] = (
    BRIDGE + ".1", STP_PORT_STATE, TP_FDB_ENTRY + ".2", TP_FDB_ENTRY + ".3",
    Q_TP_FDB_ENTRY + ".2", Q_TP_FDB_ENTRY + ".3", Q_VLAN_STATIC_NAME, Q_PVID,
)
STP_STATES = {1: "disabled", 2: "blocking", 3: "listening", 4: "learning", 5: "forwarding",
              6: "broken"}
_KEEP_STATUS = {None, 1, 3}  # other, learned (self=4, invalid=2, mgmt=5 dropped)


@dataclass(frozen=True)
class FdbEntry:
    mac: str
    port: str
    vlan: int | None = None


@dataclass(frozen=True)
class BridgeInfo:
    bridge_mac: str | None = None
    #: bridge port number -> ifIndex
    port_if_index: dict[int, int] = field(default_factory=dict)
    #: interface name -> STP state name
    stp_states: dict[str, str] = field(default_factory=dict)
    fdb: tuple[FdbEntry, ...] = ()
    vlans: dict[int, str] = field(default_factory=dict)
    #: interface name -> port VLAN id
    pvids: dict[str, int] = field(default_factory=dict)

    def ports_of(self, entries: tuple[FdbEntry, ...] | None = None) -> dict[str, list[str]]:
        """port name -> MACs learned on it (each once)."""
        out: dict[str, list[str]] = {}
        for entry in self.fdb if entries is None else entries:
            macs = out.setdefault(entry.port, [])
            if entry.mac not in macs:
                macs.append(entry.mac)
        return out


def _port_name(port: int, mapping: dict[int, int], if_names: dict[int, str]) -> str:
    if_index = mapping.get(port)
    if if_index is not None and if_index in if_names:
        return if_names[if_index]
    return f"bridge-port-{port}"


def _fdb(walk: Walk, entry: str, q: bool, name: dict[int, str]) -> list[FdbEntry]:
    out = []
    for index, row in table(walk, entry).items():
        parts = index_ints(index)
        if not parts:
            continue
        vlan = parts[0] if q and len(parts) == 7 else None
        address = mac_from_ints(parts[1:] if q else parts)
        port, status = integer(row.get(2)), integer(row.get(3))
        if address is None or not port or status not in _KEEP_STATUS:
            continue
        if int(address[:2], 16) & 1:  # multicast/broadcast: not a device
            continue
        out.append(FdbEntry(address, name.get(port, f"bridge-port-{port}"), vlan))
    return out


def parse(walk: Walk, if_names: dict[int, str] | None = None) -> BridgeInfo:
    """Everything bridge-related in ``walk``; ``if_names`` is ifIndex -> interface name."""
    names = if_names or {}
    mapping = {int(i): n for i, row in table(walk, BASE_PORT_ENTRY).items()
               if i.isdigit() and (n := integer(row.get(2))) is not None}
    ports = set(mapping) | {int(i) for i in table(walk, STP_PORT_ENTRY) if i.isdigit()}
    name = {p: _port_name(p, mapping, names) for p in ports}
    states = {}
    for index, row in table(walk, STP_PORT_ENTRY).items():
        state = STP_STATES.get(integer(row.get(3)) or 0)
        if index.isdigit() and state:
            states[name[int(index)]] = state
    fdb = _fdb(walk, Q_TP_FDB_ENTRY, True, name)
    known = {e.mac for e in fdb}
    fdb += [e for e in _fdb(walk, TP_FDB_ENTRY, False, name) if e.mac not in known]
    vlans = {int(i): text(v, limit=64) for oid, v in walk.items()
             if (i := oid[len(Q_VLAN_STATIC_NAME) + 1:]).isdigit()
             and oid.startswith(Q_VLAN_STATIC_NAME + ".")}
    pvids = {}
    for oid, v in walk.items():
        index = oid[len(Q_PVID) + 1:]
        if oid.startswith(Q_PVID + ".") and index.isdigit() and (vid := integer(v)):
            pvids[_port_name(int(index), mapping, names)] = vid
    return BridgeInfo(mac(walk.get(BASE_BRIDGE_ADDRESS)), mapping, states,
                      tuple(sorted(fdb, key=lambda e: (e.port, e.mac))), vlans, pvids)
