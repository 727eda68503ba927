"""Vendor and type evidence from general sources: the IANA registry, names the device
states, standard MIBs and the weighing of all of them."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest

from scanner.collectors.snmp.identify import (
    agent_os,
    families,
    heuristics,
    type_evidence,
    type_vote,
)
from scanner.collectors.snmp.identify.claims import Claim
from scanner.collectors.snmp.identify.classify import classify
from scanner.collectors.snmp.identify.enterprises import lookup, registered_name, vendor_for_oid
from scanner.collectors.snmp.identify.vendor_evidence import (
    descr_claims,
    oui_claims,
    standard_object_claims,
)
from scanner.collectors.snmp.identify.vendor_names import short_name
from scanner.collectors.snmp.mibs import entity
from scanner.collectors.snmp.mibs.system import SystemInfo
from scanner.inventory.model import Interface

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("registered", "said"),
    [
        ("Cisco Systems, Inc.", "Cisco"),
        ("Hewlett Packard Enterprise", "HPE"),
        ("Brother Industries, Ltd.", "Brother"),
        ("ZyXEL Communications Corp.", "ZyXEL"),
        ("Check Point Software Technologies Ltd", "Check Point"),
        ("Peplink International Limited", "Peplink"),
        ("Grandstream Networks, Inc.", "Grandstream"),
        ("HUAWEI Technology Co.,Ltd", "HUAWEI"),
        ("Delta Electronics, Inc.", "Delta Electronics"),  # "Delta" alone is another firm
        ("Juniper Networks, Inc.", "Juniper"),
        ("Barracuda Networks AG (previous was 'phion Information Technologies')", "Barracuda"),
        ("IBM (https://w3.ibm.com/standards )", "IBM"),
    ],
)
def test_registry_names_become_what_people_say(registered: str, said: str) -> None:
    assert short_name(registered) == said


def test_full_registry_names_small_vendors_with_its_date_cited() -> None:
    assert registered_name(2356) == "LANCOM Systems"
    lancom = lookup(2356)
    assert lancom is not None and lancom.name == "LANCOM"
    assert "IANA" in lancom.source and "2356" in lancom.source
    assert vendor_for_oid("1.3.6.1.4.1.42397.1") == "Grandstream"
    assert vendor_for_oid("1.3.6.1.4.1.9.1.1208") == "Cisco"  # curated layer first
    assert vendor_for_oid("1.3.6.1.4.1.705.1") == "Eaton"  # Merlin Gerin -> Eaton
    assert vendor_for_oid("1.3.6.1.4.1.8072.3.2.10") is None  # net-snmp: an agent
    assert vendor_for_oid("1.3.6.1.4.1.4413.1") is None  # Broadcom FASTPATH: OEM firmware


def test_refresh_script_keeps_registry_facts_and_cites_source(tmp_path: Path) -> None:
    source = tmp_path / "enterprises.tsv"
    source.write_text(
        "# (last updated 2031-02-03)\n0\tReserved\n9\tciscoSystems\n"
        "95\tRockwell Automation, Inc.\t# formerly 'Allen-Bradley Company'\n"
    )
    out = tmp_path / "out.tsv.gz"
    subprocess.run([sys.executable, str(ROOT / "scripts/refresh-enterprises"), str(source),
                    str(out)], check=True, capture_output=True)
    text = gzip.decompress(out.read_bytes()).decode()
    assert "registry as of 2031-02-03" in text and str(source) in text
    rows = [line for line in text.splitlines() if not line.startswith("#")]
    assert rows == ["9\tciscoSystems", "95\tRockwell Automation, Inc."]


@pytest.mark.parametrize(
    ("descr", "vendor", "confidence"),
    [
        ("SHARP MX-2614N", "Sharp", 0.85),
        ("HP ETHERNET MULTI-ENVIRONMENT,ROM J.sp.00,JETDIRECT EX", "HP", 0.85),
        ("Linux 2.6.21.5-lvl7-dev, Cisco Small Business WAP121 (WAP121-E-K9)", "Cisco", 0.6),
        ("D-Link DAP-2230", "D-Link", 0.85),
    ],
)
def test_maker_named_in_sysdescr(descr: str, vendor: str, confidence: float) -> None:
    [(name, weight, evidence)] = list(descr_claims(descr, ""))
    assert (name, weight) == (vendor, confidence) and "sysDescr" in evidence


@pytest.mark.parametrize(
    "descr",
    [
        "Linux 2.6.32.68 #1 Sun May 15 21:20:37 EEST 2016 mips",  # a weekday, not Sun
        "Hardware: amd64 Intel(R) Core(TM) i5-4440 CPU Software: FreeBSD 10.3",  # a CPU
        "Linux some.host.local 3.12.40 #1 SMP x86_64",
    ],
)
def test_no_maker_from_dates_cpus_or_the_os(descr: str) -> None:
    assert list(descr_claims(descr, "")) == []


def test_linux_is_never_the_vendor() -> None:
    found = classify(SystemInfo(descr="Linux gw 5.4.0 #1 SMP armv7l",
                                object_id="1.3.6.1.4.1.8072.3.2.10"), [], None)
    assert found.vendor is None
    assert found.value("os") == "Linux"


def test_standard_objects_name_the_maker() -> None:
    walk = {"1.3.6.1.2.1.33.1.1.1.0": b"ORVALDI Power", "1.3.6.1.2.1.47.1.1.1.1.12.1": b"Linux"}
    assert [c[0] for c in standard_object_claims(walk)] == ["ORVALDI Power"]
    walk = {"1.3.6.1.2.1.47.1.1.1.1.12.2": b"Allied Telesis Inc."}
    assert [c[0] for c in standard_object_claims(walk)] == ["Allied Telesis"]


def test_oui_names_maker_but_never_a_chip_maker_or_local_address() -> None:
    ubnt = [Interface(name="eth0", mac="fc:ec:da:01:02:03")]
    assert [c[0] for c in oui_claims(ubnt)] == ["Ubiquiti"]
    intel = [Interface(name="eth0", mac="00:1b:21:00:00:01")]
    assert list(oui_claims(intel)) == []
    local = [Interface(name="br0", mac="02:00:00:00:00:01")]
    assert list(oui_claims(local)) == []


@pytest.mark.parametrize(
    ("caps", "kind"),
    [(b"\x10\x00", "wireless"), (b"\x20\x00", "switch"), (b"\x08\x00", "router"),
     (b"\x04\x00", "other"), (b"\x28\x00", "switch")],
)
def test_lldp_local_capabilities(caps: bytes, kind: str) -> None:
    hints = list(type_evidence.lldp_hints({type_evidence.LLDP_CAP_ENABLED: caps}))
    assert [h[0] for h in hints] == [kind]


def test_sysservices_layer2_and_layer3_only() -> None:
    assert [h[0] for h in type_evidence.services_hints(2)] == ["switch"]
    assert [h[0] for h in type_evidence.services_hints(4)] == ["router"]
    assert list(type_evidence.services_hints(72)) == []  # an end host: says nothing here


def test_bridge_ports_mean_switch_unless_there_are_radios() -> None:
    walk = {f"{type_evidence.BRIDGE_PORT}{n}": n for n in range(1, 9)}
    assert [h[0] for h in type_evidence.bridge_hints(walk, radios=0)] == ["switch"]
    assert list(type_evidence.bridge_hints(walk, radios=2)) == []


def test_radios_make_an_access_point_not_a_switch() -> None:
    ports = [Interface(name=f"eth{n}", type="ethernetCsmacd") for n in range(4)]
    radios = [Interface(name="wlan0", type="ieee80211"), Interface(name="br0", type="bridge")]
    kinds = [h[0] for h in heuristics.type_hints(ports + radios, None)]
    assert "wireless" in kinds and "switch" not in kinds


def test_port_count_in_sysdescr() -> None:
    assert [h[0] for h in type_evidence.descr_port_hints("48-Port Gigabit Smart Switch")] == [
        "switch"]
    assert list(type_evidence.descr_port_hints("Dual 2-port router")) == []


@pytest.mark.parametrize(
    ("oid", "kind"),
    [("1.3.6.1.4.1.12356.120.10.83112", "wireless"), ("1.3.6.1.4.1.12356.101.1.1", "firewall"),
     ("1.3.6.1.4.1.41112.1.5", "router"), ("1.3.6.1.4.1.674.10892.5", "other")],
)
def test_product_family_branch(oid: str, kind: str) -> None:
    found = families.family_of(oid)
    assert found is not None and found.type == kind


def test_net_snmp_agent_oid_names_the_os() -> None:
    claims = list(agent_os.claims("1.3.6.1.4.1.8072.3.2.8"))
    assert ("os", "FreeBSD") in [(c[0], c[1]) for c in claims]
    assert ("type", "server") in [(c[0], c[1]) for c in claims]
    assert list(agent_os.claims("1.3.6.1.4.1.8072.3.2.999")) == []


def test_generic_agent_serving_bmc_firmware_is_not_a_server() -> None:
    found = classify(SystemInfo(descr="Linux bmc 2.6.28 #1 armv5tejl",
                                object_id="1.3.6.1.4.1.8072.3.2.10"), [], None,
                     frozenset({"1.3.6.1.4.1.2021", "1.3.6.1.4.1.21317"}))
    assert found.value("type") == "other" and found.vendor is None


def test_generic_agent_serving_a_makers_mib_names_it() -> None:
    found = classify(SystemInfo(descr="Linux fw 3.10 #1 SMP armv7l",
                                object_id="1.3.6.1.4.1.8072.3.2.10"), [], None,
                     frozenset({"1.3.6.1.4.1.2021", "1.3.6.1.4.1.2620"}))
    assert (found.value("vendor"), found.value("type")) == ("Check Point", "firewall")


def test_agreeing_weak_hints_beat_a_lone_one_and_nothing_means_other() -> None:
    found = type_vote.decide([Claim("server", 0.6, "a"), Claim("switch", 0.55, "b"),
                              Claim("switch", 0.5, "c")])
    assert found.value == "switch" and "b" in found.evidence and "c" in found.evidence
    assert type_vote.decide([Claim("wireless", 0.9, "x"), Claim("switch", 0.6, "y"),
                             Claim("switch", 0.6, "z")]).value == "wireless"
    assert type_vote.decide([]).value == "other"


def test_unknown_agent_is_other_never_workstation() -> None:
    found = classify(SystemInfo(descr="Device", object_id=""), [], None)
    assert found.value("type") == "other" and found.type is not None
    assert "no type evidence" in found.type.evidence


def test_oem_agent_oid_embedding_the_brands_oid_names_the_brand() -> None:
    oid = "1.3.6.1.4.1.89.1.1.1.3.6.1.4.1.4526.100.4.25"
    found = classify(SystemInfo(descr="24-Port Gigabit Smart Switch", object_id=oid), [], None)
    assert (found.value("vendor"), found.value("type")) == ("Netgear", "switch")


def test_linux_access_point_radios_named_by_driver_are_radios() -> None:
    ifaces = [Interface(name=n, type="ethernetCsmacd") for n in ("eth0", "eth1", "ath0", "ath1")]
    ifaces.append(Interface(name="br0", type="ethernetCsmacd"))
    kinds = [h[0] for h in heuristics.type_hints(ifaces, None)]
    assert "wireless" in kinds and "switch" not in kinds


@pytest.mark.parametrize(
    ("descr", "kind"),
    [
        ("Cisco IOS Software, C3700 Software (AP3G2-K9W8-M), Version 15.3(3)JA", "wireless"),
        ("ReadyNAS OS 6.10", "nas"),
        ("TP-Link EAP245 v3", "wireless"),
        ("FRITZ!Box 7590", "router"),
        ("D-Link DAP-2230", "wireless"),
    ],
)
def test_product_line_named_in_sysdescr_gives_the_type(descr: str, kind: str) -> None:
    assert classify(SystemInfo(descr=descr, object_id=""), [], None).value("type") == kind


def test_chassis_description_names_the_kind_of_device() -> None:
    entry = "1.3.6.1.2.1.47.1.1.1.1"
    walk = {f"{entry}.2.1": b"Aruba AP-515 Access Point", f"{entry}.5.1": 3,
            f"{entry}.11.1": b"CNK1234567"}
    assert [h[0] for h in type_evidence.chassis_hints(entity.rows(walk))] == ["wireless"]


def test_only_a_factory_default_hostname_names_a_maker() -> None:
    from scanner.collectors.snmp.identify.vendor_evidence import hostname_claims

    assert [c[0] for c in hostname_claims("Linux UBNT 4.9.65 #0 mips", "")] == ["Ubiquiti"]
    assert list(hostname_claims("Linux cisco-lab 5.4.0 #1 SMP x86_64", "")) == []


@pytest.mark.parametrize(
    ("descr", "kind"),
    [("Linux wap-study 3.10.108-d8 #24797 Thu Jun 6 12:07:26 CEST 2019 mips", "router"),
     ("Linux gw 4.14.0 #0 SMP mipsel", "router"),
     ("Linux files 5.10.0-21-amd64 #1 SMP Debian 5.10.162-1 x86_64", "server")],
)
def test_net_snmp_linux_on_a_mips_cpu_is_network_gear_not_a_server(descr: str, kind: str) -> None:
    found = classify(SystemInfo(descr=descr, object_id="1.3.6.1.4.1.8072.3.2.10"), [], None)
    assert found.type is not None and found.type.value == kind
    assert found.os is not None and found.os.value == "Linux"


def test_eaton_ups_adapter_sysobjectid_branch_is_a_ups() -> None:
    """XUPS-MIB xupsObjectId (534.2) names Powerware/Eaton UPS network adapters, even on
    a Linux-based card."""
    found = classify(SystemInfo(descr="Linux PowerXpert-00-60-26-11-CD-77 2.6.32 #1 armv4tl",
                                object_id="1.3.6.1.4.1.534.2.12"), [], None)
    assert found.type is not None and found.type.value == "ups"
