"""The lab's three switches, recorded (fixtures/snmp/lab-topology), resolved offline.

Same pipeline as a scan (collector sighting + link hints, identity resolution,
scanner.topology), but from the recorded walks, so the physical layer of the
lab is checked without building the lab.  Hosts are the lab's ground truth as
nmap would report them (IP + MAC).
"""

from __future__ import annotations

from pathlib import Path

from scanner.collectors.snmp.collector import build_sighting
from scanner.collectors.snmp.mibs import neighbours
from scanner.collectors.snmp.transport import reader
from scanner.credentials import SnmpCommunity
from scanner.inventory.model import Link
from scanner.inventory.resolve import resolve, resolve_links
from scanner.inventory.sighting import LinkHint, Sighting
from tests.collectors.snmp.snmprec import load
from tests.lab import expected as E

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures/snmp/lab-topology"


def _scan() -> tuple[list[Sighting], list[LinkHint]]:
    sightings: list[Sighting] = []
    hints: list[LinkHint] = []
    for key in E.SWITCHES:
        host = E.BY_KEY[key]
        walk = load(FIXTURES / f"{key}.snmprec")
        seen = build_sighting(str(host.ip), reader.Reading(walk=walk), SnmpCommunity("public"))
        names = {i.index: i.name for i in seen.interfaces if i.index is not None}
        sightings += [seen, *neighbours.arp_sightings(str(host.ip), walk)]
        hints += neighbours.link_hints(str(host.ip), walk, names)
    for host in E.HOSTS:
        ip = host.ip or f"10.77.0.{int(host.mac[-2:], 16)}"  # leases vary; the MAC decides
        sightings.append(Sighting(collector="nmap", ips=[ip], macs=[host.mac]))
    return sightings, hints


def _links() -> tuple[dict[str, str], set[frozenset[tuple[str, str | None]]], list[Link]]:
    sightings, hints = _scan()
    assets = resolve(sightings)
    ids = {h.key: next(a.id for a in assets if h.mac in a.macs) for h in E.HOSTS}
    links = [ln for ln in resolve_links(hints, assets) if ln.kind == "physical"]
    ends = {frozenset({(ln.source, ln.source_port), (ln.target, ln.target_port)})
            for ln in links}
    return ids, ends, links


def test_uplinks_from_lldp_both_sides_merged() -> None:
    ids, ends, links = _links()
    for u in E.UPLINKS:
        assert frozenset({(ids[u.access], u.access_port), (ids[u.core], u.core_port)}) in ends
    blocked = [ln for ln in links if "STP blocking" in ln.evidence]
    assert len(blocked) == 1 and "up2" in blocked[0].evidence


#: hosts added to the lab after fixtures/snmp/lab-topology was recorded; the live lab
#: test (tests/lab/test_end_to_end.py) checks their cables
NOT_IN_RECORDING = frozenset({"hv"})


def test_hosts_on_their_switch_ports_from_lldp_or_fdb() -> None:
    ids, ends, links = _links()
    for host in E.HOSTS:
        if host.key in E.SWITCHES or host.key in NOT_IN_RECORDING:
            continue
        own = ("lan0" if host.key == "gw" else "eth0") if host.key in E.LLDP_HOSTS else None
        cable = frozenset({(ids[host.switch], host.switch_port), (ids[host.key], own)})
        assert cable in ends, host.key
    fdb = [ln for ln in links if ln.evidence.startswith("forwarding table")]
    assert fdb and all(ln.confidence < 0.95 for ln in fdb)


def test_no_cable_twice_and_no_phantom_links() -> None:
    _ids, ends, links = _links()
    assert len(ends) == len(links)
    switch_ports = [(ln.source, ln.source_port) for ln in links]
    assert len(switch_ports) == len(set(switch_ports)), "a switch port has one cable"
