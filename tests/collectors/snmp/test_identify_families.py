"""OS families and firmware builds named by general evidence: a kernel build flavour, a
product branch of an enterprise, a firmware named in a net-snmp extend, the SoC at the
end of a kernel banner, and a hypervisor's own bridges.  Each rule is checked on a
device it must name and on a near miss it must leave alone."""

from __future__ import annotations

import pytest

from scanner.collectors.snmp.identify import agent_os, heuristics
from scanner.collectors.snmp.identify.classify import classify
from scanner.collectors.snmp.identify.vendor_evidence import firmware_named
from scanner.collectors.snmp.identify.vendors import servers
from scanner.collectors.snmp.mibs.system import SystemInfo
from scanner.inventory.model import Interface

NET_SNMP_LINUX = "1.3.6.1.4.1.8072.3.2.10"


def _found(descr: str, oid: str = NET_SNMP_LINUX) -> tuple[str | None, ...]:
    got = classify(SystemInfo(descr=descr, object_id=oid), [], None)
    return got.value("vendor"), got.value("os"), got.value("type")


def test_sophos_utm_kernel_build_names_the_firewall() -> None:
    # uname -a of a Sophos UTM 9.208 (published in https://www.anquanke.com/post/id/222277)
    descr = ("Linux test 3.8.13.27-0.176377654.gd7350fc-smp64 #1 SMP Wed Sep 17 10:45:23 "
             "UTC 2014 x86_64")
    assert _found(descr) == ("Sophos", "Sophos UTM", "firewall")


@pytest.mark.parametrize(
    "descr",
    [
        "Linux web1 3.12.49-11-default #1 SMP Wed Nov 11 20:52:43 UTC 2015 x86_64",  # SUSE
        "Linux db 5.15.0-91-generic #101-Ubuntu SMP Tue Nov 14 13:30:08 UTC 2023 x86_64",
        "Linux old 2.6.5-smp64 #1 SMP x86_64",  # a smp64 flavour without Astaro's git release
    ],
)
def test_other_linux_kernels_stay_general_purpose_hosts(descr: str) -> None:
    assert _found(descr) == (None, "Linux", "server")


def test_firepower_threat_defense_is_its_own_os_not_asa() -> None:
    descr = ("Cisco Firepower Threat Defense, Version 7.4.1.1 (Build 12), "
             "ASA Version 9.20(2)201")
    got = classify(SystemInfo(descr=descr, object_id="1.3.6.1.4.1.9.1.2409"), [], None)
    assert (got.value("os"), got.value("type")) == ("Cisco FTD", "firewall")
    assert got.value("os_version") == "7.4.1.1 (Build 12)"
    asa = classify(SystemInfo(descr="Cisco Adaptive Security Appliance Version 9.12(2)",
                              object_id="1.3.6.1.4.1.9.1.2114"), [], None)
    assert asa.value("os") == "Cisco ASA"


@pytest.mark.parametrize("oid", ["1.3.6.1.4.1.9.1.1279", "1.3.6.1.4.1.14179.1.1.4.3"])
def test_aireos_controller_under_cisco_or_airespace(oid: str) -> None:
    assert _found("Cisco Controller", oid) == ("Cisco", "Cisco WLC", "wireless")


def test_juniper_product_branch_and_kernel_name_junos() -> None:
    got = classify(SystemInfo(descr="hostname.example.org",
                              object_id="1.3.6.1.4.1.2636.1.1.1.4.63.9"), [], None)
    assert got.value("os") == "Junos"
    broken_oid = classify(SystemInfo(
        descr="Juniper Networks, Inc. qfx5200-32c-32q Ethernet Switch, kernel JUNOS "
              "15.1X53-D30.5, Build date: 2015-12-21", object_id=".0.0.0"), [], None)
    assert (broken_oid.value("vendor"), broken_oid.value("os")) == ("Juniper", "Junos")
    assert broken_oid.value("os_version") == "15.1X53-D30.5"


def test_dell_os10_is_not_the_older_networking_os() -> None:
    os10 = "Dell SmartFabric OS10 Enterprise.\nSystem Description: OS10 Enterprise."
    assert _found(os10, "1.3.6.1.4.1.674.11000.5000.100.2.1.9")[1:] == ("OS10", "switch")
    dnos = ("Dell Networking OS Operating System Version: 2.0 Application Software "
            "Version: 9.9(0.0P9) Series: S4048-ON")
    assert _found(dnos, "1.3.6.1.4.1.6027.1.3.23")[1] == "DNOS"


def test_product_lines_that_run_one_os() -> None:
    assert _found("GS1900-8", "1.3.6.1.4.1.890.1.15")[1:] == ("ZyNOS", "switch")
    assert _found("48-Port 10/100/1000 Gigabit Switch with WebView",
                  "1.3.6.1.4.1.3955.6.1.2048.1")[1:] == ("Cisco Small Business", "switch")
    aerohive = "Aerohive SR2348P: 48 GE POE  ports, 4 XE SFP  ports, 1.0.1.22, Linux 3.6.5"
    assert _found(aerohive, "1.3.6.1.4.1.4413")[:2] == ("Aerohive", "HiveOS")


def test_meraki_catalyst_wireless_ap() -> None:
    got = classify(SystemInfo(descr="Meraki CW9166I Cloud Managed AP",
                              object_id="1.3.6.1.4.1.29671.2.53"), [], None)
    assert (got.value("model"), got.value("type")) == ("Meraki CW9166I", "wireless")


def test_unifi_switch_with_ubnt_prefix() -> None:
    got = classify(SystemInfo(descr="UBNT US48PRO - 48 GE POE + 4 XE, 4.0.19.9951, Linux 3.6.5",
                              object_id="1.3.6.1.4.1.4413"), [], None)
    assert (got.value("os"), got.value("model"), got.value("os_version")) == (
        "EdgeSwitch", "US48PRO", "4.0.19.9951")


def test_external_jetdirect_box_is_a_print_server_whatever_its_oid() -> None:
    descr = "HP ETHERNET MULTI-ENVIRONMENT,ROM J.sp.00,JETDIRECT EX,JD28 EEPROM 5.58"
    assert _found(descr, "1.3.6.1.4.1.1347.41") == ("HP", "JetDirect", "printer")


@pytest.mark.parametrize(
    ("descr", "kind"),
    [
        ("Ubiquiti UniFi UCG-Fiber 5.0.12 Linux 5.4.213 ipq9574", "router"),
        ("Linux gw 4.14.0 #0 SMP mt7621", "router"),
        ("Linux wap 3.10.108-d8 #24797 Thu Jun 6 12:07:26 CEST 2019 mips", "router"),
        ("Linux host 5.4.0 #1 SMP x86_64", "server"),
        ("Linux pi 5.4.83-v7+ #1379 SMP armv7l", "server"),
    ],
)
def test_networking_soc_at_the_end_of_the_banner_is_not_a_server(descr: str, kind: str) -> None:
    types = [c[1] for c in agent_os.claims(NET_SNMP_LINUX, descr) if c[0] == "type"]
    assert types == [kind]


def test_xen_host_bridges_are_plumbing_not_switch_ports() -> None:
    nics = [Interface(name=f"eth{n}", type="ethernetCsmacd") for n in range(2)]
    xen = [Interface(name="xenbr0", type="ethernetCsmacd"),
           Interface(name="xenbr1", type="ethernetCsmacd")]
    assert "switch" not in [h[0] for h in heuristics.type_hints(nics + xen, None)]
    linux_bridge = [Interface(name="br0", type="ethernetCsmacd")]
    assert [h[0] for h in heuristics.type_hints(nics + linux_bridge, None)] == ["switch"]


def test_distro_extend_names_the_firmware_in_any_case() -> None:
    assert firmware_named("dd-wrt 3.10.108-d8") is not None
    assert firmware_named("Ubuntu 22.04.3 LTS") is None
    walk = {
        servers.extend_oid("distro"): b"dd-wrt 3.10.108-d8",
        servers.extend_oid("hardware"): b"Netgear WNDR4500",
    }
    facts = {(f.field, f.value) for f in servers.parse_extend(walk)}
    assert {("os", "DD-WRT"), ("vendor", "DD-WRT"), ("model", "Netgear WNDR4500")} <= facts
    xcp = {(f.field, f.value) for f in servers.parse_extend(
        {servers.extend_oid("distro"): b"XCP-ng 8.3.0"})}
    assert ("type", "hypervisor") in xcp and ("vendor", "XCP-ng") in xcp


@pytest.mark.parametrize(
    ("descr", "oid", "said"),
    [
        ("; AXIS D4200-VE; Network Strobe Speaker; 12.10.68; Apr 29 2026 17:33; 9CF; 1",
         "1.3.6.1.4.1.368.1.1", ("Axis", "AXIS OS")),  # not a camera, still AXIS OS
        ("EdgePoint Switch 16-Port, 1.6.0.4900860, Linux 3.6.5-f4a26ed5",
         "1.3.6.1.4.1.4413", ("Ubiquiti", "EdgeSwitch")),  # Broadcom's OID, Ubiquiti's line
    ],
)
def test_every_device_of_a_line_runs_its_firmware(
    descr: str, oid: str, said: tuple[str, str]
) -> None:
    assert _found(descr, oid)[:2] == said


def test_catalyst_3k_converged_access_image_is_ios_xe() -> None:
    descr = ("Cisco IOS Software, Catalyst L3 Switch Software (CAT3K_CAA-UNIVERSALK9-M), "
             "Version 15.0(1)EX3, RELEASE SOFTWARE (fc2)")
    assert _found(descr, "1.3.6.1.4.1.9.1.1641")[1] == "Cisco IOS-XE"
    classic = ("Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version "
               "15.2(2)E7, RELEASE SOFTWARE (fc3)")
    assert _found(classic, "1.3.6.1.4.1.9.1.1208")[1] == "Cisco IOS"
