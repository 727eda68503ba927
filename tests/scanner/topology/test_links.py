"""Physical links from neighbour reports and forwarding tables (scanner.topology)."""

from __future__ import annotations

from scanner.inventory.identity import chassis_key, ip_key, key_list, mac_key, name_key
from scanner.inventory.model import Asset, Interface
from scanner.inventory.resolve import resolve_links
from scanner.inventory.sighting import LinkHint


def _asset(key: str, ip: str, kind: str = "server", ports: tuple[str, ...] = ()) -> Asset:
    ifaces = [Interface(name=p, mac=f"02:00:00:00:{int(ip.split('.')[-1]):02x}:{n:02x}")
              for n, p in enumerate(ports, start=1)]
    return Asset(id=key, name=key, type=kind, ips=[ip], interfaces=ifaces,
                 macs=[f"02:00:00:00:00:{int(ip.split('.')[-1]):02x}"])


A = _asset("core", "10.0.0.1", "switch", ("g1", "g2", "g3"))
B = _asset("access", "10.0.0.2", "switch", ("up1", "up2", "e1"))
C = _asset("edge", "10.0.0.3", "switch", ("up1", "e1"))
H = _asset("host", "10.0.0.9")
ASSETS = [A, B, C, H]


def _lldp(src: str, sport: str, dst: str, dport: str | None) -> LinkHint:
    return LinkHint(source_keys=key_list(ip_key(src)),
                    target_keys=key_list(chassis_key("x"), name_key("nope"), ip_key(dst)),
                    kind="physical", source_port=sport, target_port=dport, collector="snmp",
                    confidence=0.95, evidence=f"LLDP on {sport}")


def _fdb(src: str, port: str, mac_of: Asset | str) -> LinkHint:
    mac = mac_of if isinstance(mac_of, str) else mac_of.macs[0]
    return LinkHint(source_keys=key_list(ip_key(src)), target_keys=key_list(mac_key(mac)),
                    kind="fdb",
                    source_port=port, collector="snmp", confidence=0.8, evidence="fdb")


def test_both_sides_merge_into_one_link_citing_both() -> None:
    links = resolve_links([_lldp("10.0.0.1", "g1", "10.0.0.2", "up1"),
                           _lldp("10.0.0.2", "up1", "10.0.0.1", "g1")], ASSETS)
    assert len(links) == 1
    (link,) = links
    assert {(link.source, link.source_port), (link.target, link.target_port)} == {
        ("core", "g1"), ("access", "up1")}
    assert link.evidence.count("LLDP on") == 2


def test_one_sided_report_is_kept_and_mac_port_named() -> None:
    port_mac = B.interfaces[0].mac
    (link,) = resolve_links([_lldp("10.0.0.1", "g1", "10.0.0.2", port_mac)], ASSETS)
    assert link.target == "access" and link.target_port == "up1"


def test_parallel_uplinks_stay_two_links() -> None:
    hints = [_lldp("10.0.0.1", "g1", "10.0.0.2", "up1"), _lldp("10.0.0.1", "g2", "10.0.0.2", "up2"),
             _lldp("10.0.0.2", "up1", "10.0.0.1", "g1"), _lldp("10.0.0.2", "up2", "10.0.0.1", "g2")]
    links = resolve_links(hints, ASSETS)
    assert sorted((ln.source_port, ln.target_port) for ln in links) == [("g1", "up1"),
                                                                         ("g2", "up2")]


def test_unknown_far_end_is_dropped() -> None:
    assert resolve_links([_lldp("10.0.0.1", "g1", "192.0.2.1", "x")], ASSETS) == []


def test_fdb_edge_port_and_direct_uplink_in_a_chain() -> None:
    """core g1 -> access up1; access e1 -> edge up1; edge e1 -> host (no LLDP anywhere)."""
    hints = [_fdb("10.0.0.1", "g1", B), _fdb("10.0.0.1", "g1", C), _fdb("10.0.0.1", "g1", H),
             _fdb("10.0.0.2", "up1", A), _fdb("10.0.0.2", "e1", C), _fdb("10.0.0.2", "e1", H),
             _fdb("10.0.0.3", "up1", A), _fdb("10.0.0.3", "up1", B), _fdb("10.0.0.3", "e1", H)]
    links = {frozenset({(ln.source, ln.source_port), (ln.target, ln.target_port)}): ln
             for ln in resolve_links(hints, ASSETS)}
    assert set(links) == {
        frozenset({("core", "g1"), ("access", "up1")}),
        frozenset({("access", "e1"), ("edge", "up1")}),
        frozenset({("edge", "e1"), ("host", None)}),
    }
    assert all(ln.confidence < 0.95 and "forwarding table" in ln.evidence
               for ln in links.values())


def test_fdb_port_with_many_unknown_macs_gives_no_link() -> None:
    hints = [_fdb("10.0.0.2", "e1", "02:aa:00:00:00:01"), _fdb("10.0.0.2", "e1", H)]
    assert resolve_links(hints, ASSETS) == []


def test_neighbour_protocol_wins_over_fdb_on_the_same_port() -> None:
    hints = [_lldp("10.0.0.2", "e1", "10.0.0.9", "eth0"), _fdb("10.0.0.2", "e1", H)]
    (link,) = resolve_links(hints, ASSETS)
    assert link.target_port == "eth0" and link.confidence == 0.95
