"""Offline tests: the recorded lab-switch walk through the real parsers and classifier."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.collectors.snmp import vendor_for_oid
from scanner.collectors.snmp.collector import build_sighting
from scanner.collectors.snmp.identify.classify import classify
from scanner.collectors.snmp.identify.enterprises import table
from scanner.collectors.snmp.mibs import interfaces, ipaddr, system
from scanner.collectors.snmp.transport.reader import Reading
from scanner.collectors.snmp.values import mac, text
from scanner.credentials import SnmpCommunity
from tests.collectors.snmp.snmprec import load

FIXTURE = Path(__file__).resolve().parents[3] / "fixtures/snmp/lab-switch/walk.snmprec"


@pytest.fixture(scope="module")
def walk() -> dict[str, object]:
    return load(FIXTURE)  # type: ignore[return-value]


def test_system_group(walk: dict) -> None:
    info = system.parse(walk)
    assert info.name == "drss-lab-switch"
    assert info.location == "drscout lab rack 1"
    assert info.object_id == "1.3.6.1.4.1.8072.3.2.10"
    assert info.descr.startswith("Linux ")
    assert info.services == 72
    assert info.uptime_seconds is not None


def test_interfaces_and_addresses(walk: dict) -> None:
    by_index = ipaddr.parse(walk)
    found = interfaces.parse(walk, by_index)
    names = {i.name: i for i in found}
    assert {"lo", "br0", "port1", "port2", "drss-up0"} <= set(names)
    assert names["lo"].type == "softwareLoopback"
    assert names["port1"].type == "ethernetCsmacd"
    assert names["drss-up0"].ips == ["10.213.77.1"]
    assert names["br0"].ips == ["10.213.78.1"]
    assert names["port1"].mac and len(names["port1"].mac.split(":")) == 6
    assert names["port1"].admin_status == "up"
    assert names["drss-up0"].mtu == 1500
    assert ipaddr.forwarding(walk) is False


def test_lab_switch_classifies_as_switch(walk: dict) -> None:
    info = system.parse(walk)
    found = classify(info, interfaces.parse(walk), ipaddr.forwarding(walk))
    assert found.value("type") == "switch"
    assert found.type and "bridge" in found.type.evidence
    assert found.value("os") == "Linux"


def test_sighting_from_recording(walk: dict) -> None:
    reading = Reading(walk=dict(walk))
    seen = build_sighting("10.213.77.1", reading, SnmpCommunity("public"))
    assert seen.ips[0] == "10.213.77.1"
    assert "10.213.78.1" in seen.ips
    assert not any(ip.startswith("127.") for ip in seen.ips)
    assert len(seen.macs) == len(set(seen.macs)) >= 4
    assert seen.type == "switch" and "type" in seen.inferred
    assert seen.snmp_community_default is True
    assert seen.hardware and seen.hardware.uptime_seconds is not None


def test_hostile_strings_are_flattened() -> None:
    assert text(b"=cmd|' /C calc'!A0\x00\x1b[31m\r\nx") == "=cmd|' /C calc'!A0 [31m x"
    assert mac(b"\x00" * 6) is None and mac(b"\x01\x02") is None
    assert mac(b"\xaa\xbb\xcc\x00\x11\x22") == "aa:bb:cc:00:11:22"


def test_enterprise_table() -> None:
    rows = table()
    assert len(rows) >= 80
    assert all(row.source for row in rows.values())
    assert vendor_for_oid("1.3.6.1.4.1.9.1.1208") == "Cisco"
    assert vendor_for_oid(".1.3.6.1.4.1.41112.1.5") == "Ubiquiti"
    assert vendor_for_oid("1.3.6.1.4.1.8072.3.2.10") is None  # net-snmp: generic agent
    assert vendor_for_oid("1.3.6.1.2.1.33") is None


@pytest.mark.parametrize(
    ("descr", "oid", "forwarding", "expected"),
    [
        (
            "Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version 15.2(7)E2",
            "1.3.6.1.4.1.9.1.1208",
            None,
            ("Cisco", "switch", "Cisco IOS", "15.2(7)E2"),
        ),
        (
            "pfSense fw.lan 2.7.2-RELEASE pfSense FreeBSD 14.0-CURRENT amd64",
            "1.3.6.1.4.1.12325.1.1.2.1.1",
            True,
            ("Netgate", "firewall", "pfSense", "2.7.2-RELEASE"),
        ),
        (
            "Linux nas 4.4.302+ #69057 SMP x86_64",
            "1.3.6.1.4.1.8072.3.2.10",
            False,
            (None, "server", "Linux", "4.4.302+"),  # Linux is the OS, not a vendor
        ),
        (
            "VMware ESXi 8.0.2 build-22380479 VMware, Inc. x86_64",
            "1.3.6.1.4.1.6876.4.1",
            None,
            ("VMware", "hypervisor", "ESXi", "8.0.2"),
        ),
    ],
)
def test_classify_rules(descr: str, oid: str, forwarding: bool | None, expected: tuple) -> None:
    found = classify(system.SystemInfo(descr=descr, object_id=oid), [], forwarding)
    got = tuple(found.value(f) for f in ("vendor", "type", "os", "os_version"))
    assert got == expected


def test_ups_mib_presence_makes_a_generic_linux_agent_a_ups() -> None:
    info = system.SystemInfo(
        descr="Linux card 2.6.37 armv5tejl", object_id="1.3.6.1.4.1.8072.3.2.10"
    )
    found = classify(info, [], None, frozenset({"1.3.6.1.2.1.33", "1.3.6.1.4.1.4555"}))
    assert found.value("type") == "ups"
    assert found.value("vendor") == "Socomec"
