"""Links inferred from switches' forwarding tables, for ports no neighbour protocol covers.

Two classic rules, each with its evidence and a confidence below LLDP's:
* an edge port that learned exactly one MAC, of a device that is not a switch,
  has that device plugged into it;
* a port that learned another switch's MAC leads to that switch; when several
  switches are seen through it, the direct neighbour is the one whose port back
  towards us sees none of the others (they all hang beyond it);
* a port that learned one machine plus MACs from hypervisor vendors' blocks has that
  machine plugged into it, its VMs bridged behind it (:mod:`.guests` places the VMs).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from scanner.inventory.identity import IdentityKey
from scanner.inventory.model import Asset, Link
from scanner.inventory.roles import is_switch
from scanner.inventory.sighting import LinkHint
from scanner.topology.links import Lookup
from scanner.topology.ports import Ports, group_ports, port_guests

EDGE_CONFIDENCE = 0.8
UPLINK_CONFIDENCE = 0.7


def _covered(neighbours: Sequence[Link]) -> set[tuple[str, str]]:
    ends = set()
    for link in neighbours:
        if link.source_port:
            ends.add((link.source, link.source_port))
        if link.target_port:
            ends.add((link.target, link.target_port))
    return ends


def _port_towards(ports: Ports, switch: str, other: str) -> tuple[str, set[str]] | None:
    """The port of ``switch`` on which ``other`` was learned, and what else it sees."""
    for (sw, port), seen in ports.items():
        ids = {d for _k, d in seen if d}
        if sw == switch and other in ids:
            return port, ids
    return None


def _uplink(ports: Ports, src: str, port: str, switches: set[str]) -> Link | None:
    direct = []
    for other in sorted(switches):
        back = _port_towards(ports, other, src)
        if back is None or not (switches - {other}) & back[1]:
            direct.append((other, back[0] if back else None))
    if len(direct) != 1:
        return None
    other, far_port = direct[0]
    why = (f"forwarding tables: {src} port {port} learns switch {other}'s MAC"
           + (f"; {other} port {far_port} learns {src}'s" if far_port else ""))
    return Link(source=src, target=other, kind="physical", source_port=port,
                target_port=far_port, collector="snmp", confidence=UPLINK_CONFIDENCE,
                evidence=why)


def fdb_links(hints: Sequence[LinkHint], lookup: Lookup, assets: Mapping[str, Asset],
              neighbours: Sequence[Link]) -> list[Link]:
    """Links from forwarding-table hints on ports no neighbour link already explains."""
    ports = group_ports(hints, lookup)
    covered = _covered(neighbours)
    links = []
    for (src, port), seen in sorted(ports.items()):
        if (src, port) in covered:
            continue
        ids = {d for _k, d in seen if d and d != src}
        switches = {d for d in ids if d in assets and is_switch(assets[d])}
        if switches:
            link = _uplink(ports, src, port, switches)
        elif len(seen) == 1 and ids:
            (keys, target), = seen
            link = Link(source=src, target=str(target), kind="physical", source_port=port,
                        collector="snmp", confidence=EDGE_CONFIDENCE,
                        evidence=f"forwarding table: {keys[0].value} is the only MAC "
                                 f"learned on {src} port {port}")
        else:
            link = _host_of_guests(src, port, seen, assets)
        if link is not None:
            links.append(link)
    return links


def _host_of_guests(src: str, port: str, seen: list[tuple[tuple[IdentityKey, ...], str | None]],
                    assets: Mapping[str, Asset]) -> Link | None:
    """A port that learned one machine and the VMs bridged through it: that machine's cable
    (the VMs' own MACs do not make it a shared port)."""
    found = port_guests([(keys[0].value, d) for keys, d in seen if keys], assets)
    if found is None or not found[2]:
        return None
    host, host_mac, guests = found
    return Link(source=src, target=host, kind="physical", source_port=port, collector="snmp",
                confidence=EDGE_CONFIDENCE,
                evidence=f"forwarding table: {host_mac} is the only MAC learned on {src} port "
                         f"{port} besides {len(guests)} VM MAC(s) from a hypervisor vendor's "
                         f"block ({', '.join(m for m, _ in guests)}), bridged through it")
