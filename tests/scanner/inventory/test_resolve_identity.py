"""One asset per device: sightings shaped like the merges seen on a real 124-device scan.

Each case is a class of evidence that several devices carry at once (FortiLink
link-local addresses, a factory-default management address, another device's ARP
table, a secondary address two agents report) and must not fuse them.
"""

from __future__ import annotations

import ipaddress

from scanner.collectors.snmp.collector import _ips
from scanner.inventory.identity import ip_key, key_list
from scanner.inventory.model import Asset, Interface
from scanner.inventory.resolve import resolve, resolve_links
from scanner.inventory.sighting import LinkHint, Sighting

SCOPE = [ipaddress.ip_network("10.0.0.0/24")]


def _agent(target: str, *extra: str, macs: tuple[str, ...] = (), **kw: object) -> Sighting:
    return Sighting(collector="snmp", target=target, ips=[target, *extra], macs=list(macs),
                    **kw)  # type: ignore[arg-type]


def _by_ip(assets: list[Asset]) -> dict[str, Asset]:
    return {a.ips[0]: a for a in assets}


def _facts(asset: Asset, field: str) -> list[str]:
    return sorted(f.value for f in asset.provenance if f.field == field)


def test_fortilink_link_local_addresses_never_merge_switches() -> None:
    switches = [_agent(f"10.0.0.{11 + n}", "169.254.1.1", f"169.254.1.{2 + n}", "fe80::1",
                       name="<private>", sys_object_id="1.3.6.1.4.1.12356.106.1.1")
                for n in range(4)]
    nmap = [Sighting(collector="nmap", ips=["169.254.1.1"], macs=["00:09:0f:00:00:01"])]
    assets = resolve([*switches, *nmap], scope=SCOPE)
    assert len(assets) == 5
    assert {a.ips[0] for a in assets} >= {f"10.0.0.{n}" for n in range(11, 15)}


def test_factory_default_address_on_four_devices_keeps_four_assets_and_says_so() -> None:
    devices = [_agent(f"10.0.0.{21 + n}", "192.168.1.1", macs=(f"02:00:00:00:01:{n:02x}",))
               for n in range(4)]
    stray = Sighting(collector="nmap", ips=["192.168.1.1"], macs=["02:99:00:00:00:01"])
    assets = resolve([*devices, stray])  # no scope: every address may identify
    assert len(assets) == 5
    by_ip = _by_ip(assets)
    for n in range(4):
        asset = by_ip[f"10.0.0.{21 + n}"]
        assert asset.macs == [f"02:00:00:00:01:{n:02x}"]
        assert _facts(asset, "shared_address") == ["192.168.1.1"]
    assert by_ip["192.168.1.1"].macs == ["02:99:00:00:00:01"]


def test_firewall_arp_table_names_devices_but_never_absorbs_them() -> None:
    fw_mac = "00:09:0f:aa:00:01"
    firewall = _agent("10.0.0.1", macs=(fw_mac,), name="fw1", serial="FGT60FTK2209A1B2",
                      sys_object_id="1.3.6.1.4.1.12356.101.1.1")
    # its ARP cache: three hosts with their own MACs, and proxy-ARP entries that map the
    # same three addresses to the firewall's MAC
    arp = [Sighting(collector="snmp", ips=[f"10.0.0.{30 + n}"], macs=[m], learned_from="10.0.0.1")
           for n, m in ((1, "02:00:00:00:00:31"), (2, "02:00:00:00:00:32"),
                        (3, "02:00:00:00:00:33"), (1, fw_mac), (2, fw_mac), (3, fw_mac))]
    devices = [_agent(f"10.0.0.{30 + n}", name=f"dev{n}", serial=f"SN-DEV-000{n}",
                      model=f"Model {n}", sys_object_id=f"1.3.6.1.4.1.9.1.{n}")
               for n in (1, 2, 3)]
    wire = [Sighting(collector="nmap", ips=[f"10.0.0.{30 + n}"], macs=[f"02:00:00:00:00:3{n}"])
            for n in (1, 2, 3)]
    assets = resolve([firewall, *arp, *devices, *wire], scope=SCOPE)
    by_ip = _by_ip(assets)
    assert len(assets) == 4
    assert by_ip["10.0.0.1"].serial == "FGT60FTK2209A1B2"
    assert by_ip["10.0.0.1"].ips == ["10.0.0.1"] and by_ip["10.0.0.1"].macs == [fw_mac]
    for n in (1, 2, 3):
        dev = by_ip[f"10.0.0.{30 + n}"]
        assert (dev.serial, dev.model) == (f"SN-DEV-000{n}", f"Model {n}")
        assert dev.id == f"mac-02000000003{n}"  # the MAC nmap saw on the wire
        assert dev.macs == [f"02:00:00:00:00:3{n}"]  # not the proxy-ARP MAC


def test_arp_only_hosts_become_assets_and_join_each_other() -> None:
    arp = [Sighting(collector="snmp", ips=["10.0.0.77"], macs=["02:00:00:00:00:77"],
                    learned_from=f"10.0.0.{n}") for n in (1, 2)]
    assets = resolve(arp, scope=SCOPE)
    assert [(a.ips, a.macs) for a in assets] == [(["10.0.0.77"], ["02:00:00:00:00:77"])]


def test_secondary_address_two_agents_report_identifies_neither() -> None:
    vip = "10.0.0.254"
    a = _agent("10.0.0.2", vip, macs=("02:00:00:00:00:02",), name="rtr-a")
    b = _agent("10.0.0.3", vip, macs=("02:00:00:00:00:03",), name="rtr-b")
    wire = Sighting(collector="nmap", ips=[vip], macs=["00:00:5e:00:01:01"])  # VRRP MAC
    assets = resolve([a, b, wire], scope=SCOPE)
    by_ip = _by_ip(assets)
    assert len(assets) == 3
    assert _facts(by_ip["10.0.0.2"], "shared_address") == [vip]
    assert _facts(by_ip["10.0.0.3"], "shared_address") == [vip]
    assert by_ip[vip].id == f"ip-{vip}"  # a VRRP MAC names no box


def test_the_polled_address_wins_over_another_agents_claim() -> None:
    owner = _agent("10.0.0.50", name="nas")
    claimant = _agent("10.0.0.51", "10.0.0.50", name="cam")
    wire = Sighting(collector="nmap", ips=["10.0.0.50"], macs=["02:00:00:00:00:50"])
    assets = resolve([owner, claimant, wire], scope=SCOPE)
    by_ip = _by_ip(assets)
    assert len(assets) == 2
    assert by_ip["10.0.0.50"].name == "nas" and by_ip["10.0.0.50"].sources == ["nmap", "snmp"]
    assert _facts(by_ip["10.0.0.51"], "shared_address") == ["10.0.0.50"]


def test_one_device_polled_at_two_addresses_is_one_asset() -> None:
    a = _agent("10.0.0.90", "10.0.0.91", macs=("02:00:00:00:00:90",), serial="SN-0090-XY")
    b = _agent("10.0.0.91", "10.0.0.90", macs=("02:00:00:00:00:90",), serial="SN-0090-XY")
    assets = resolve([a, b], scope=SCOPE)
    assert len(assets) == 1 and assets[0].ips == ["10.0.0.90", "10.0.0.91"]


def test_different_serials_behind_one_chassis_id_are_kept_apart_with_a_conflict() -> None:
    chassis = "00:11:22:33:44:55"
    a = _agent("10.0.0.60", chassis_id=chassis, serial="FOC1111A1AA")
    b = _agent("10.0.0.61", chassis_id=chassis, serial="FOC2222B2BB")
    assets = resolve([a, b], scope=SCOPE)
    assert len(assets) == 2
    x, y = assets
    assert _facts(x, "identity_conflict") == [y.id]
    assert _facts(y, "identity_conflict") == [x.id]
    why = next(f.evidence for f in x.provenance if f.field == "identity_conflict")
    assert f"chassis:{chassis}" in why and "serial" in why


def test_different_sysname_and_sysobjectid_never_merge_on_a_shared_serial() -> None:
    a = _agent("10.0.0.80", serial="ABC123456", name="core", sys_object_id="1.3.6.1.4.1.9.1.1")
    b = _agent("10.0.0.81", serial="ABC123456", name="edge",
               sys_object_id="1.3.6.1.4.1.2636.1.1")
    assets = resolve([a, b], scope=SCOPE)
    assert len(assets) == 2
    assert all(_facts(x, "identity_conflict") for x in assets)


def test_placeholder_serials_and_shared_macs_do_not_join_agents() -> None:
    placeholders = ("FFFFFFFFFFFF", "CZxxxxxxxx", "2019-03-01", "<private>")
    agents = [_agent(f"10.0.0.{100 + n}", macs=("00:11:22:33:44:55",), serial=serial)
              for n, serial in enumerate(placeholders)]
    assets = resolve(agents, scope=SCOPE)
    assert len(assets) == len(placeholders)
    assert len({a.id for a in assets}) == len(placeholders)
    assert not any(a.id.startswith("serial-") for a in assets)
    assert not any(_facts(a, "identity_conflict") for a in assets)  # nothing strong to clash


def test_addresses_outside_the_scope_never_identify() -> None:
    gateway = Sighting(collector="localhost", ips=["172.16.0.1"], macs=["02:00:00:00:ff:01"])
    agent = _agent("10.0.0.5", "172.16.0.1", macs=("02:00:00:00:00:05",))
    assert len(resolve([gateway, agent], scope=SCOPE)) == 2
    assert len(resolve([gateway, agent])) == 1  # no scope given: the address may identify


def test_links_never_land_on_a_shared_address() -> None:
    devices = [_agent(f"10.0.0.{21 + n}", "192.168.1.1", macs=(f"02:00:00:00:01:{n:02x}",))
               for n in range(2)]
    assets = resolve(devices)
    me, shared = key_list(ip_key("10.0.0.21")), key_list(ip_key("192.168.1.1"))
    hints = [LinkHint(source_keys=me, target_keys=shared, kind="physical",
                      source_port="ge1", collector="snmp"),
             LinkHint(source_keys=me, target_keys=key_list(*shared, ip_key("10.0.0.22")),
                      kind="logical", collector="snmp")]
    links = resolve_links(hints, assets)
    by_ip = _by_ip(assets)
    assert [(lk.source, lk.target) for lk in links] == [
        (by_ip["10.0.0.21"].id, by_ip["10.0.0.22"].id)]


def test_an_agent_claims_only_addresses_that_can_name_it() -> None:
    interfaces = [Interface(name="fortilink", ips=["169.254.1.1"]),
                  Interface(name="lo", ips=["127.0.0.1"]),
                  Interface(name="mgmt", ips=["192.0.2.10", "0.0.0.0", "fe80::1", "ff02::1"])]
    assert _ips("10.0.0.9", interfaces) == ["10.0.0.9", "192.0.2.10"]
    assert _ips("127.0.0.1", interfaces) == ["127.0.0.1", "192.0.2.10"]


def test_a_cloned_serial_at_two_unrelated_addresses_is_two_devices() -> None:
    # an iLO and a Windows host that both report the vendor's sample serial
    ilo = _agent("10.0.0.110", serial="AB123456CD", sys_object_id="1.3.6.1.4.1.232.9.4.10")
    win = _agent("10.0.0.111", serial="AB123456CD", sys_object_id="1.3.6.1.4.1.311.1.1.3.1.2")
    # two recordings of one UPS model through two network cards: same serial and model
    ups = [_agent(f"10.0.0.{112 + n}", serial="GA10K33096", macs=(f"00:20:85:00:00:0{n}",),
                  sys_object_id="1.3.6.1.4.1.705.1") for n in range(2)]
    assets = resolve([ilo, win, *ups], scope=SCOPE)
    assert len(assets) == 4
    by_ip = _by_ip(assets)
    assert "sysObjectID" in next(f.evidence for f in by_ip["10.0.0.110"].provenance
                                 if f.field == "identity_conflict")
    assert "do not list each other's address" in next(
        f.evidence for f in by_ip["10.0.0.112"].provenance if f.field == "identity_conflict")


def test_serial_shared_by_differently_named_hosts_joins_nothing() -> None:
    """vCenter lists five hosts with one made-up serial (vcsim, nested ESXi): five hosts."""
    serial = "VMware-56 4d 2f 12 80 41 63 9b-50 18 05 a8 35 b7 2e af"
    hosts = [Sighting(collector="vmware", name=f"esx{n}", serial=serial, type="hypervisor")
             for n in range(5)]
    same_box = Sighting(collector="vmware", name="esx0", serial=serial, model="PowerEdge")
    assets = resolve([*hosts, same_box])
    assert sorted(a.name for a in assets) == [f"esx{n}" for n in range(5)]
    assert next(a for a in assets if a.name == "esx0").model == "PowerEdge"
    assert any(f.field == "identity_conflict" for a in assets for f in a.provenance)
