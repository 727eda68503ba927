"""LLDP, CDP, BRIDGE/Q-BRIDGE and ARP parsers on recorded walks, plus hostile variants."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.collectors.snmp.mibs import arp, bridge, cdp, interfaces, lldp, neighbours
from scanner.collectors.snmp.values import Walk
from tests.collectors.snmp.snmprec import load

ROOT = Path(__file__).resolve().parents[3]
LAB_SWITCH = ROOT / "fixtures/lab/switch.snmprec"
CORPUS = Path("/work/shared/corpus/snmp/dev")
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus/snmp/dev absent")


def _names(walk: Walk) -> dict[int, str]:
    return {i.index: i.name for i in interfaces.parse(walk) if i.index is not None}


def test_lldp_lab_switch_neighbours_with_ports_and_mgmt_addresses() -> None:
    walk = load(LAB_SWITCH)
    info = lldp.parse(walk, _names(walk))
    assert info.chassis and info.chassis.kind == "macAddress"
    assert info.sys_name == "sw.office.lan"
    by_port = {n.local_port: n for n in info.neighbours}
    gw = by_port["p-gw"]
    assert gw.chassis.value == "02:77:00:00:00:01" and gw.port_descr == "lan0"
    assert gw.sys_name == "gw.office.lan" and gw.mgmt_addresses == ("10.77.0.1",)


def test_lldp_hint_names_every_key_and_far_port() -> None:
    walk = load(LAB_SWITCH)
    hints = neighbours.link_hints("10.77.0.2", walk, _names(walk))
    gw = next(h for h in hints if h.source_port == "p-gw")
    assert gw.kind == "physical" and gw.target_port == "lan0"
    assert [str(k) for k in gw.target_keys] == ["mac:02:77:00:00:00:01", "ip:10.77.0.1",
                                                "name:gw"]
    assert "LLDP on p-gw" in gw.evidence


@pytest.mark.parametrize(("subtype", "raw", "kind", "value"), [
    (4, b"\x02\x77\x00\x00\x00\x01", "macAddress", "02:77:00:00:00:01"),
    (4, b"B8:69:F4:7F:41:70", "macAddress", "b8:69:f4:7f:41:70"),  # MAC sent as text
    (4, b"\x02\x77\x00", "macAddress", "02:77:00"),  # short MAC: kept as hex, not dropped
    (5, b"\x01\x0a\x4d\x00\x01", "networkAddress", "10.77.0.1"),
    (5, b"\x09\x01", "networkAddress", "09:01"),  # unknown address family
    (6, b"Gi1/0/1", "interfaceName", "Gi1/0/1"),
    (7, b"<script>x</script>\x00", "local", "<script>x</script>"),
    (42, b"\xff\xfe", "subtype-42", "ff:fe"),  # unknown subtype, binary
    (None, None, "subtype-None", ""),
])
def test_chassis_id_every_subtype(subtype: int | None, raw: bytes | None, kind: str,
                                  value: str) -> None:
    found = lldp.decode_id(subtype, raw, lldp.CHASSIS_SUBTYPES, 4, 5)
    assert (found.kind, found.value) == (kind, value)


def test_port_id_subtypes_differ_from_chassis() -> None:
    assert lldp.decode_id(3, b"\x00\x11\x22\x33\x44\x55", lldp.PORT_SUBTYPES, 3, 4).value == \
        "00:11:22:33:44:55"
    assert lldp.decode_id(5, b"eth0", lldp.PORT_SUBTYPES, 3, 4).kind == "interfaceName"


def test_lldp_rows_with_malformed_indexes_are_skipped() -> None:
    walk = dict(load(LAB_SWITCH))
    walk[f"{lldp.REM_ENTRY}.9.x.1"] = b"junk"
    walk[f"{lldp.REM_ENTRY}.9.0.1"] = b"too short index"
    walk[f"{lldp.REM_MAN_ADDR_ENTRY}.3.0.3.1.1.4.300.1.2.3"] = 1  # octet > 255
    info = lldp.parse(walk)
    assert len(info.neighbours) == len(lldp.parse(load(LAB_SWITCH)).neighbours)


def test_arp_lab_switch_and_invalid_entries() -> None:
    walk = dict(load(LAB_SWITCH))
    entries = arp.parse(walk)
    assert ("10.77.0.250", "02:77:00:00:00:fa") in {(e.ip, e.mac) for e in entries}
    walk[f"{arp.NET_TO_MEDIA_ENTRY}.2.2.10.77.0.99"] = b"\x02\x00\x00\x00\x00\x99"
    walk[f"{arp.NET_TO_MEDIA_ENTRY}.4.2.10.77.0.99"] = 2  # invalid
    walk[f"{arp.NET_TO_MEDIA_ENTRY}.2.2.10.77.0.98"] = b"\x02\x00"  # short MAC
    assert arp.parse(walk) == entries


def test_fdb_huge_table_and_hostile_rows() -> None:
    walk: dict[str, object] = {f"{bridge.BASE_PORT_ENTRY}.2.1": 5}
    for n in range(30000):
        index = f"2.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}.0.1"
        walk[f"{bridge.TP_FDB_ENTRY}.2.{index}"] = 1
        walk[f"{bridge.TP_FDB_ENTRY}.3.{index}"] = 3
    walk[f"{bridge.TP_FDB_ENTRY}.2.1.0.94.0.0.1"] = 1  # multicast
    walk[f"{bridge.TP_FDB_ENTRY}.2.2.0.0.0.0.999"] = 1  # octet out of range
    walk[f"{bridge.TP_FDB_ENTRY}.2.2.0.0.0.1"] = 1  # 5-octet MAC
    info = bridge.parse(walk, {5: "ge-0/0/5"})  # type: ignore[arg-type]
    assert len(info.fdb) == 30000 and {e.port for e in info.fdb} == {"ge-0/0/5"}


@needs_corpus
def test_cdp_and_qbridge_on_a_real_cisco_sb_switch() -> None:
    walk = load(CORPUS / "ciscosb_sg550x-8f8t.snmprec")
    names = _names(walk)
    found = cdp.parse(walk)
    assert found[0].device_port == "te2" and found[0].address == "192.168.177.34"
    info = bridge.parse(walk, names)
    assert info.bridge_mac == "a0:f8:49:f0:eb:08"
    assert info.stp_states["te1/0/1"] == "forwarding"
    assert all(e.vlan is not None for e in info.fdb) and len(info.fdb) > 100


@needs_corpus
def test_stp_blocking_port_on_aruba_cx() -> None:
    walk = load(CORPUS / "arubaos-cx_10.10.snmprec")
    info = bridge.parse(walk, _names(walk))
    assert info.stp_states["1/1/3"] == "blocking"
