"""Topology evidence from one agent: LinkHints for neighbours and forwarding entries,
and sightings for hosts its ARP cache knows.

The agent only knows its own side, so links name the far end by every key that
may identify it (chassis MAC, management address, port MAC, sysName), joined
with ``|``; ``scanner.topology`` picks the first that matches a known asset,
merges both sides' reports and turns forwarding entries into links.
"""

from __future__ import annotations

from scanner.collectors.snmp.mibs import arp, bridge, cdp, lldp
from scanner.collectors.snmp.values import Walk, mac
from scanner.inventory.identity import is_identifying_ip, norm_mac
from scanner.inventory.sighting import LinkHint, Sighting

COLLECTOR = "snmp"
LLDP_CONFIDENCE = 0.95
CDP_CONFIDENCE = 0.9
#: kind of the raw forwarding-table hints that scanner.topology turns into links
FDB_KIND = "fdb"


def _keys(*candidates: str | None) -> str:
    return "|".join(dict.fromkeys(c for c in candidates if c))


def _stp_note(port: str, info: bridge.BridgeInfo) -> str:
    state = info.stp_states.get(port)
    return f"; STP {state} on {port}" if state and state != "forwarding" else ""


def _lldp_hint(me: str, n: lldp.LldpNeighbour, br: bridge.BridgeInfo) -> LinkHint:
    chassis = n.chassis
    keys = [f"mac:{chassis.value}" if chassis.kind == "macAddress" else None,
            f"ip:{chassis.value}" if chassis.kind == "networkAddress" else None,
            *(f"ip:{a}" for a in n.mgmt_addresses),
            f"mac:{n.port.value}" if n.port.kind == "macAddress" else None,
            f"name:{n.sys_name}" if n.sys_name else None]
    named = n.port.kind in ("interfaceName", "interfaceAlias", "local")
    far_port = n.port.value if named and n.port.value else (n.port_descr or n.port.value)
    why = (f"LLDP on {n.local_port}: chassis {chassis.kind} {chassis.value}, "
           f"port {n.port.kind} {n.port.value}" + (f", sysName {n.sys_name}" if n.sys_name else "")
           + _stp_note(n.local_port, br))
    return LinkHint(source_key=me, target_key=_keys(*keys), kind="physical",
                    source_port=n.local_port, target_port=far_port or None,
                    collector=COLLECTOR, confidence=LLDP_CONFIDENCE, evidence=why)


def _cdp_hint(me: str, n: cdp.CdpNeighbour, names: dict[int, str],
              br: bridge.BridgeInfo) -> LinkHint:
    port = names.get(n.if_index, str(n.if_index))
    device_mac = norm_mac(n.device_id)
    keys = [f"ip:{n.address}" if n.address else None,
            f"mac:{device_mac}" if device_mac else None, f"name:{n.device_id}"]
    why = f"CDP on {port}: device {n.device_id} ({n.platform}) port {n.device_port}"
    return LinkHint(source_key=me, target_key=_keys(*keys), kind="physical", source_port=port,
                    target_port=n.device_port or None, collector=COLLECTOR,
                    confidence=CDP_CONFIDENCE, evidence=why + _stp_note(port, br))


def _fdb_hints(me: str, br: bridge.BridgeInfo) -> list[LinkHint]:
    out = []
    for port, macs in br.ports_of().items():
        state = br.stp_states.get(port, "")
        for address in macs:
            why = (f"forwarding table: {address} learned on {port} "
                   f"({len(macs)} MAC{'s' if len(macs) != 1 else ''} on that port"
                   + (f", STP {state}" if state else "") + ")")
            out.append(LinkHint(source_key=me, target_key=f"mac:{address}", kind=FDB_KIND,
                                source_port=port, collector=COLLECTOR, confidence=0.8,
                                evidence=why))
    return out


def link_hints(host: str, walk: Walk, if_names: dict[int, str]) -> list[LinkHint]:
    """Every link this agent can vouch for, from LLDP, CDP and its forwarding table."""
    me = f"ip:{host}"
    br = bridge.parse(walk, if_names)
    hints = [_lldp_hint(me, n, br) for n in lldp.parse(walk, if_names).neighbours]
    hints += [_cdp_hint(me, n, if_names, br) for n in cdp.parse(walk)]
    return hints + _fdb_hints(me, br)


def arp_sightings(host: str, walk: Walk) -> list[Sighting]:
    """One sighting per ARP entry, marked as learned from ``host``: identity resolution
    attaches it to the one device its address names and never merges two devices through
    it; ``scanner.inventory.build`` drops those outside the scan scope.  Entries for addresses that
    name no device (link-local, multicast, ...) are left out."""
    return [Sighting(collector=COLLECTOR, ips=[e.ip], macs=[e.mac], learned_from=host)
            for e in arp.parse(walk) if e.ip != host and is_identifying_ip(e.ip)]


def base_mac(walk: Walk) -> str | None:
    """BRIDGE-MIB dot1dBaseBridgeAddress, a bridge's own MAC (its strong identity)."""
    return norm_mac(mac(walk.get(bridge.BASE_BRIDGE_ADDRESS)))


def chassis_id(walk: Walk) -> str | None:
    """The LLDP local chassis id, which neighbours will report this device by."""
    info = lldp.parse(walk)
    return info.chassis.value if info.chassis and info.chassis.value else None
