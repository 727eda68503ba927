"""Topology evidence from one agent: LinkHints for neighbours and forwarding entries,
and sightings for hosts its ARP cache knows.

The agent only knows its own side, so links name the far end by every key that
may identify it (chassis MAC, management address, port MAC, sysName), best
first; ``scanner.topology`` picks the first that matches a known asset,
merges both sides' reports and turns forwarding entries into links.
"""

from __future__ import annotations

from typing import Final

from scanner.collectors.snmp.mibs import arp, bridge, cdp, lldp
from scanner.collectors.snmp.values import Walk, mac
from scanner.inventory.identity import (
    IdentityKey,
    ip_key,
    is_identifying_ip,
    key_list,
    mac_key,
    name_key,
    norm_mac,
)
from scanner.inventory.sighting import LinkHint, Sighting

COLLECTOR = "snmp"
LLDP_CONFIDENCE = 0.95
CDP_CONFIDENCE = 0.9
#: kind of the raw forwarding-table hints that scanner.topology turns into links
FDB_KIND: Final = "fdb"


def _stp_note(port: str, info: bridge.BridgeInfo) -> str:
    state = info.stp_states.get(port)
    return f"; STP {state} on {port}" if state and state != "forwarding" else ""


def _lldp_hint(me: tuple[IdentityKey, ...], n: lldp.LldpNeighbour,
               br: bridge.BridgeInfo) -> LinkHint:
    chassis = n.chassis
    keys = key_list(mac_key(chassis.value) if chassis.kind == "macAddress" else None,
                    ip_key(chassis.value) if chassis.kind == "networkAddress" else None,
                    *map(ip_key, n.mgmt_addresses),
                    mac_key(n.port.value) if n.port.kind == "macAddress" else None,
                    name_key(n.sys_name))
    named = n.port.kind in ("interfaceName", "interfaceAlias", "local")
    far_port = n.port.value if named and n.port.value else (n.port_descr or n.port.value)
    why = (f"LLDP on {n.local_port}: chassis {chassis.kind} {chassis.value}, "
           f"port {n.port.kind} {n.port.value}" + (f", sysName {n.sys_name}" if n.sys_name else "")
           + _stp_note(n.local_port, br))
    return LinkHint(source_keys=me, target_keys=keys, kind="physical",
                    source_port=n.local_port, target_port=far_port or None,
                    collector=COLLECTOR, confidence=LLDP_CONFIDENCE, evidence=why)


def _cdp_hint(me: tuple[IdentityKey, ...], n: cdp.CdpNeighbour, names: dict[int, str],
              br: bridge.BridgeInfo) -> LinkHint:
    port = names.get(n.if_index, str(n.if_index))
    keys = key_list(ip_key(n.address), mac_key(n.device_id), name_key(n.device_id))
    why = f"CDP on {port}: device {n.device_id} ({n.platform}) port {n.device_port}"
    return LinkHint(source_keys=me, target_keys=keys, kind="physical", source_port=port,
                    target_port=n.device_port or None, collector=COLLECTOR,
                    confidence=CDP_CONFIDENCE, evidence=why + _stp_note(port, br))


def _fdb_hints(me: tuple[IdentityKey, ...], br: bridge.BridgeInfo) -> list[LinkHint]:
    out = []
    for port, macs in br.ports_of().items():
        state = br.stp_states.get(port, "")
        for address in macs:
            why = (f"forwarding table: {address} learned on {port} "
                   f"({len(macs)} MAC{'s' if len(macs) != 1 else ''} on that port"
                   + (f", STP {state}" if state else "") + ")")
            out.append(LinkHint(source_keys=me, target_keys=key_list(mac_key(address)),
                                kind=FDB_KIND, source_port=port, collector=COLLECTOR,
                                confidence=0.8, evidence=why))
    return out


def link_hints(host: str, walk: Walk, if_names: dict[int, str]) -> list[LinkHint]:
    """Every link this agent can vouch for, from LLDP, CDP and its forwarding table."""
    me = key_list(ip_key(host))
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
