"""General model/serial/version rules: sysDescr shapes, placeholder serials, CPU
architectures, ENTITY-MIB containment, and vendor MIBs keyed by the sysObjectID.

Walks are built in memory the way the engine hands them to parsers (octet strings
as bytes, OIDs as dotted text), so every rule runs for real with no agent.
"""

from __future__ import annotations

import pytest

from scanner.collectors.snmp import oids
from scanner.collectors.snmp.identify import descr_identity
from scanner.collectors.snmp.identify.classify import Claim, Classification
from scanner.collectors.snmp.identify.hardware import (
    acceptable,
    architecture_name,
    general_purpose_host,
    hardware_claims,
    version_text,
)
from scanner.collectors.snmp.identify.vendors import (
    appliances_more,
    power_more,
    printers,
    switches_more,
    windows,
)
from scanner.collectors.snmp.identify.vendors.base import Context
from scanner.collectors.snmp.mibs import entity
from scanner.collectors.snmp.values import Value, placeholder_serial
from scanner.inventory.identity import is_real_serial

ENT = entity.ENT_PHYSICAL_ENTRY


def agent(descr: str, object_id: str, **more: Value) -> dict[str, Value]:
    walk: dict[str, Value] = {oids.SYS_DESCR: descr.encode(), oids.SYS_OBJECT_ID: object_id}
    walk.update({k: v.encode() if isinstance(v, str) else v for k, v in more.items()})
    return walk


def claims(walk: dict[str, Value]) -> dict[str, str | None]:
    found = hardware_claims(Classification(), [], walk)
    return {f: found.value(f) for f in ("model", "serial", "os_version")}


@pytest.mark.parametrize(
    ("descr", "model", "version"),
    [
        ("ECS2100-28P", "ECS2100-28P", ""),
        ("D-Link DES-3200-18 Fast Ethernet Switch", "D-Link DES-3200-18", ""),
        ("Room Alert 12E v3.3.0", "Room Alert 12E", "3.3.0"),
        ("US-24-250W, 5.43.18.12487, Linux 3.6.5", "US-24-250W", "5.43.18.12487"),
        ("WS6-DGS-1210-52/F1 6.10.007", "WS6-DGS-1210-52/F1", "6.10.007"),
        ("; AXIS P1375; Network Camera; 10.1.0; Sep 22 2020", "AXIS P1375", "10.1.0"),
        ("AOS-W (MODEL: OAW-6000), Version 6.3.1.23 (56687)", "OAW-6000", "6.3.1.23"),
        ("MSM765 - Hardware revision 2 - Firmware version 6.6.0.0-22530", "MSM765",
         "6.6.0.0-22530"),
        ("Dell Networking OS Application Software Version: 9.9(0.0P9) Series: S4048-ON", "",
         "9.9(0.0P9)"),
        # the boot loader's version is not the firmware's
        ("Aruba Instant On 1930 Switch JL686A, InstantOn_1930_1.0.5.0 (139), Linux 4.4.120, "
         "U-Boot 2013.01 (V1.0.1.29)", "", "1.0.5.0"),
        # a general-purpose OS banner names neither a product nor the firmware
        ("Linux fw1 3.10.0-957 #1 SMP x86_64", "", ""),
        ("OPNsense fw.example.lan 18.1.1 OPNsense FreeBSD 11.1 amd64", "", "18.1.1"),
        ("10G Managed Switch", "", ""),
        ("Hikvision company products", "", ""),
        ("Ruckus Wireless, Inc. ICX7150-24P Switch, IronWare Version 08.0.90dT213",
         "ICX7150-24P", "08.0.90dT213"),
    ],
)
def test_sysdescr_product_and_version(descr: str, model: str, version: str) -> None:
    found = descr_identity.parse(descr)
    assert (found.model, found.version) == (model, version)


@pytest.mark.parametrize(
    "serial",
    ["FFFFFFFFFFFF", "000000000000", "XXXXXXXXXXXX", "9999999999", "<private>", "Serial", "N/A",
     "none", "unknown", "2019-01-01", ""],
)
def test_placeholder_serials(serial: str) -> None:
    assert placeholder_serial(serial)


@pytest.mark.parametrize("serial", ["FCW1929B68S", "0Z0724031894", "R2FF0000000", "EC1806001051",
                                    "123456789", "LR123456789"])
def test_real_serials_are_kept(serial: str) -> None:
    assert not placeholder_serial(serial)


@pytest.mark.parametrize("serial", ["123456789", "1234567890", "0123456789", "FFFFFFFF"])
def test_counting_and_placeholder_serials_never_identify(serial: str) -> None:
    assert not is_real_serial(serial)


def test_placeholder_serial_never_becomes_the_serial() -> None:
    walk = agent("Palo Alto Networks PA-5200 series firewall", "1.3.6.1.4.1.25461.2.3.38",
                 **{f"{ENT}.5.1": 3, f"{ENT}.11.1": "FFFFFFFFFFFF", f"{ENT}.13.1": "PA-5220"})
    got = claims(walk)
    assert got["serial"] is None
    assert got["model"] == "PA-5220"


def test_cpu_architecture_is_a_model_only_on_a_general_purpose_host() -> None:
    def host(walk: dict[str, Value], kind: str | None = None, appliance: bool = False) -> bool:
        typed = Classification(type=Claim(kind, 0.5, "test")) if kind else Classification()
        return general_purpose_host(walk, typed, appliance)

    server = agent("Linux srv 5.4.0 #1 SMP x86_64", "1.3.6.1.4.1.8072.3.2.10")
    radio = agent("Linux ap 3.14.77 #1 SMP armv7l", "1.3.6.1.4.1.17713.21.9")
    assert host(server) and acceptable("model", "x86_64", host(server))
    assert not host(radio) and not acceptable("model", "armv7l", host(radio))
    assert not host(server, "switch")  # an EdgeSwitch on stock net-snmp
    assert not host(server, appliance=True)  # answered Check Point's MIB
    assert not acceptable("model", "Linux", True)
    assert architecture_name("i686") == "x86"
    assert architecture_name("armv5tejl") == "ARMv5"
    assert architecture_name("x86_64") == "x86_64"


def test_entity_highest_named_row_is_the_box_without_chassis_class() -> None:
    """Edgecore: an empty stack row (class stack) holds the unit as a container."""
    walk = {
        f"{ENT}.4.1": 0, f"{ENT}.5.1": 11, f"{ENT}.2.1": b"Stack",
        f"{ENT}.4.101": 1, f"{ENT}.5.101": 5, f"{ENT}.13.101": b"ECS2100-28P",
        f"{ENT}.11.101": b"EC1806001051",
        f"{ENT}.4.201": 101, f"{ENT}.5.201": 9, f"{ENT}.11.201": b"EC1806001099",
    }
    rows = entity.device_rows(walk)
    assert [r.index for r in rows] == [101]
    got = claims({**agent("ECS2100-28P", "1.3.6.1.4.1.259.10.1.43.105"), **walk})
    assert got["model"] == "ECS2100-28P"
    assert got["serial"] == "EC1806001051"


def test_entity_software_rev_takes_the_release_not_the_build() -> None:
    assert version_text("5.20.99 Release 2222P08") == "5.20.99"
    assert version_text("Everest 16.6.7") == "16.6.7"
    assert version_text("10500-CMW-1201") == ""


def test_edgecore_asks_its_product_mib_under_the_sysobjectid() -> None:
    ctx = Context("1.3.6.1.4.1.259.10.1.45.105", "ECS4120-28Fv2", frozenset())
    info = "1.3.6.1.4.1.259.10.1.45.1.1.3.1."
    assert switches_more.edgecore_oids(ctx) == (info + "2.1", info + "6.1", info + "10.1",
                                                "1.3.6.1.4.1.259.10.1.45.1.1.5.1.0")
    walk = agent("ECS4120-28Fv2", ctx.object_id, **{info + "2.1": "R01A",
                                                    info + "6.1": "124.2.06.3",
                                                    info + "10.1": "EC2117000645"})
    got = {f.field: f.value for f in switches_more.parse_edgecore(walk)}
    assert got == {"serial": "EC2117000645", "os_version": "R01A 124.2.06.3"}
    assert switches_more.edgecore_oids(Context("1.3.6.1.4.1.9.1.1", "", frozenset())) == ()


def test_fortiswitch_version_string_names_model_and_release() -> None:
    walk = agent("", "1.3.6.1.4.1.12356.106.1.42404", **{
        switches_more.FS_VERSION: "FortiSwitch-424E-Fiber v7.4.0,build0767,230602 (GA)"})
    got = {f.field: f.value for f in switches_more.parse_fortiswitch(walk)}
    assert got == {"model": "FortiSwitch-424E-Fiber", "os_version": "7.4.0"}


def test_checkpoint_behind_net_snmp_sysobjectid() -> None:
    """A Gaia appliance that keeps net-snmp's sysObjectID is still read, and its MIB's
    product and release beat the kernel banner and the CPU architecture."""
    walk = agent("Linux CP1100 2.6.22.18 #1 Thu May 10 14:36:02 IDT 2018 armv5tejl",
                 "1.3.6.1.4.1.8072.3.2.10", **{
                     appliances_more.CP_PRODUCT: "CP 1100",
                     appliances_more.CP_VERSION: "R77.20",
                     appliances_more.CP_SERIAL: "2000AB4000"})
    assert claims(walk) == {"model": "CP 1100", "serial": "2000AB4000", "os_version": "R77.20"}


def test_opengear_family_from_product_mib() -> None:
    walk = agent("Linux TS-LAB-1 3.10.0-uc0 #1 armv4tl", "1.3.6.1.4.1.25049.1.81",
                 **{appliances_more.OG_FIRMWARE: "4.3.0 f5ad8650 ()",
                    appliances_more.OG_SERIAL: "70081804019547"})
    assert claims(walk) == {"model": "ACM550x", "serial": "70081804019547",
                            "os_version": "4.3.0"}


def test_dell_ups_and_delta_ups_idents() -> None:
    dell = agent("Dell UPS Rack 3750W", "1.3.6.1.4.1.674.10902.2", **{
        power_more.DELL_UPS_NAME: "Dell UPS Rack 3750W High Efficiency Online HV",
        power_more.DELL_UPS_VERSION: "01.08", power_more.DELL_UPS_BUILD: "0004",
        power_more.DELL_UPS_SERIAL: "CN-0K804N-75162-2CH-0081-A03"})
    assert {f.field: f.value for f in power_more.parse_dell_ups(dell)}["os_version"] == "01.08 0004"
    delta = agent("UPS SNMP Agent", "1.3.6.1.4.1.2254.2.4", **{
        power_more.DELTA_MAKER: "Minuteman", power_more.DELTA_MODEL: "E1500RTXL2U"})
    assert {f.field: f.value for f in power_more.parse_delta(delta)} == {
        "model": "Minuteman E1500RTXL2U"}


def test_print_server_device_id_names_the_printer() -> None:
    walk = agent("OKI OkiLAN 9450g PrintServer: Attached to MC873", "1.3.6.1.4.1.2001.1.1.1.1",
                 **{printers.DEVICE_ID: "MANUFACTURE:OKI UK LTD;COMMAND SET:PCL;MODEL:MC873;"})
    assert printers.device_id_model(walk) == "MC873"


def test_old_windows_builds_are_named() -> None:
    walk = agent("Hardware: x86 Family 6 Model 1 Stepping 9 AT/AT COMPATIBLE  - Software: "
                 "Windows NT Version 4.0  (Build Number: 1381 Multiprocessor Free )",
                 "1.3.6.1.4.1.311.1.1.3.1.2")
    got = {f.field: f.value for f in windows.parse(walk)}
    assert got["os_version"].startswith("NT Server 4.0")
    assert got["model"] == "x86"
