from scanner.inventory.identity import ip_key, key_list, mac_key, name_key
from scanner.inventory.model import Interface, NetworkContext, Route, Service
from scanner.inventory.resolve import resolve, resolve_links
from scanner.inventory.roles import assign_roles
from scanner.inventory.sighting import Inference, LinkHint, RoleHint, Sighting


def _switch_sightings() -> list[Sighting]:
    nmap = Sighting(collector="nmap", ips=["10.77.0.2"], macs=["02:77:00:00:00:02"],
                    hostnames=["sw.office.lan"], vendor="Private",
                    inferred={"vendor": Inference(confidence=0.6, evidence="OUI lookup")})
    snmp = Sighting(collector="snmp", ips=["10.77.0.2", "192.168.50.2"],
                    macs=["02:77:00:00:00:02", "02:77:00:00:01:01"], name="sw",
                    type="switch", vendor="net-snmp",
                    inferred={"type": Inference(confidence=0.7, evidence="bridge with 8 ports")},
                    interfaces=[Interface(name="br0", index=3)])
    return [nmap, snmp]


def test_nmap_and_snmp_sightings_become_one_asset_with_provenance() -> None:
    assets = resolve(_switch_sightings())
    assert len(assets) == 1
    a = assets[0]
    assert a.id == "mac-027700000002"
    assert a.name == "sw"
    assert a.type == "switch"
    assert a.vendor == "net-snmp"  # direct SNMP fact beats the OUI inference
    assert a.ips == ["10.77.0.2", "192.168.50.2"]
    assert a.sources == ["nmap", "snmp"]
    vendors = {(f.collector, f.value, f.confidence) for f in a.provenance if f.field == "vendor"}
    assert vendors == {("nmap", "Private", 0.6), ("snmp", "net-snmp", 1.0)}


def test_snmp_address_table_joins_a_second_ip_seen_by_nmap() -> None:
    other = Sighting(collector="nmap", ips=["192.168.50.2"], services=[
        Service(port=22, name="ssh", collector="nmap")])
    assets = resolve([*_switch_sightings(), other])
    assert len(assets) == 1 and [s.port for s in assets[0].services] == [22]


def test_same_name_different_macs_stay_apart() -> None:
    a = Sighting(collector="nmap", ips=["10.0.0.5"], macs=["02:00:00:00:00:05"],
                 hostnames=["pc"])
    b = Sighting(collector="nmap", ips=["10.0.0.6"], macs=["02:00:00:00:00:06"],
                 hostnames=["pc"])
    c = Sighting(collector="snmp", ips=["10.9.9.9"], name="files")
    d = Sighting(collector="nmap", ips=["10.0.0.7"], macs=["02:00:00:00:00:07"],
                 hostnames=["files.office.lan"])
    assets = resolve([a, b, c, d])
    assert len(assets) == 3
    files = next(x for x in assets if x.name == "files")
    assert set(files.ips) == {"10.9.9.9", "10.0.0.7"}


def test_links_resolve_by_mac_ip_and_name() -> None:
    assets = resolve([*_switch_sightings(),
                      Sighting(collector="nmap", ips=["10.77.0.20"], macs=["02:77:00:00:00:14"])])
    hints = [LinkHint(source_keys=key_list(mac_key("02-77-00-00-00-14")),
                      target_keys=key_list(name_key("SW")), kind="physical",
                      target_port="eth3", collector="snmp", confidence=0.5, evidence="fdb"),
             LinkHint(source_keys=key_list(ip_key("10.1.1.1")),
                      target_keys=key_list(ip_key("10.77.0.2")), kind="physical",
                      collector="snmp")]
    links = resolve_links(hints, assets)
    assert [(lk.source, lk.target, lk.target_port) for lk in links] == [
        ("mac-027700000014", "mac-027700000002", "eth3")]


def test_roles_keep_their_evidence() -> None:
    net = NetworkContext(default_gateways=[Route(destination="0.0.0.0/0", gateway="10.77.0.1",
                                                 interface="eth0", collector="localhost")],
                         dns_servers=["10.77.0.10"])
    by_ip = {a.ips[0]: a for a in resolve([
        Sighting(collector="localhost", ips=["10.77.0.1"], role_hints=[
            RoleHint(role="gateway", evidence="default route")]),
        Sighting(collector="nmap", ips=["10.77.0.10"], services=[
            Service(port=53, name="domain", product="dnsmasq", version="2.89")]),
        Sighting(collector="nmap", ips=["10.77.0.40"], services=[
            Service(port=5432, name="postgresql", product="PostgreSQL DB")]),
        Sighting(collector="nmap", ips=["10.77.0.101"]),
        Sighting(collector="nmap", ips=["10.77.0.102"], os="Microsoft Windows 10",
                 services=[Service(port=445, name="microsoft-ds")]),
    ])}
    gw, dns, db, ws, win = (assign_roles(by_ip[f"10.77.0.{n}"], net)
                            for n in (1, 10, 40, 101, 102))
    assert gw.roles == ["gateway", "router"] and gw.type == "router"
    assert dns.roles == ["dns"] and dns.type == "server"
    assert db.roles == ["database"]
    assert ws.roles == ["workstation"] and ws.type == "workstation"
    assert win.roles == ["workstation"], "a Windows PC sharing files is not a file server"
    evidence = {f.value: f.evidence for f in dns.provenance if f.field == "role"}
    assert "53/tcp open (domain: dnsmasq 2.89)" in evidence["dns"]
    gw_ev = {f.value: f.collector for f in gw.provenance if f.field == "role"}
    assert gw_ev["gateway"] == "localhost"
