"""Switch/router vendors' ident scalars: Cisco Small Business, TP-Link, Juniper, Fortinet."""

from __future__ import annotations

import re

from scanner.collectors.snmp import oids
from scanner.collectors.snmp.identify.vendors.base import (
    PRODUCT_NAME,
    VENDOR_SERIAL,
    VENDOR_VERSION,
    Context,
    Fact,
    Source,
    by_enterprise,
    facts,
    identity,
    value,
)
from scanner.collectors.snmp.values import Walk

RLPHD = "1.3.6.1.4.1.9.6.1.101.53.14.1."  # CISCOSB-Physicaldescription-MIB rlPhdUnitGenParam
RLPHD_SOFTWARE = RLPHD + "2.1"  # rlPhdUnitGenParamSoftwareVersion (unit 1)
RLPHD_SERIAL = RLPHD + "5.1"  # rlPhdUnitGenParamSerialNum
RLPHD_MODEL = RLPHD + "11.1"  # rlPhdUnitGenParamModelName


def parse_ciscosb(walk: Walk) -> list[Fact]:
    why = "CISCOSB-Physicaldescription-MIB rlPhdUnitGenParam (unit 1)"
    return identity(why, model=value(walk, RLPHD_MODEL), serial=value(walk, RLPHD_SERIAL),
                    version=value(walk, RLPHD_SOFTWARE))


TPLINK = "1.3.6.1.4.1.11863.6.1.1."  # TPLINK-SYSINFO-MIB tplinkSysInfoMIBObjects
TPLINK_HW = TPLINK + "5.0"  # tpSysInfoHwVersion ("SG2218P 1.20": model and revision)
TPLINK_SW = TPLINK + "6.0"  # tpSysInfoSwVersion
TPLINK_SERIAL = TPLINK + "8.0"  # tpSysInfoSerialNum


def parse_tplink(walk: Walk) -> list[Fact]:
    why = "TPLINK-SYSINFO-MIB tpSysInfoHwVersion/SwVersion/SerialNum"
    return identity(why, model=value(walk, TPLINK_HW), serial=value(walk, TPLINK_SERIAL),
                    version=value(walk, TPLINK_SW))


JNX_BOX_DESCR = "1.3.6.1.4.1.2636.3.1.2.0"  # JUNIPER-MIB jnxBoxDescr
JNX_BOX_SERIAL = "1.3.6.1.4.1.2636.3.1.3.0"  # JUNIPER-MIB jnxBoxSerialNo
#: Junos sysDescr: "Juniper Networks, Inc. ex3400-48t Ethernet Switch, kernel JUNOS ...",
#: or a virtual platform without digits ("vmx internet router")
_JUNOS_MODEL = re.compile(r"Juniper Networks, Inc\. ([a-z]+[\d][\w-]*|v[a-z]+)\b",
                          re.IGNORECASE)


def parse_juniper(walk: Walk) -> list[Fact]:
    model = value(walk, JNX_BOX_DESCR)
    why = "JUNIPER-MIB jnxBoxDescr"
    if not model:
        found = _JUNOS_MODEL.search(value(walk, oids.SYS_DESCR, 512))
        model = f"Juniper {found.group(1).upper()}" if found else ""
        why = "Junos sysDescr platform name"
    return facts(why, PRODUCT_NAME, model=model) + facts(
        "JUNIPER-MIB jnxBoxSerialNo", VENDOR_SERIAL, serial=value(walk, JNX_BOX_SERIAL)
    )


FG_VERSION = "1.3.6.1.4.1.12356.101.4.1.1.0"  # FORTINET-FORTIGATE-MIB fgSysVersion
FN_SERIAL = "1.3.6.1.4.1.12356.100.1.1.1.0"  # FORTINET-CORE-MIB fnSysSerial
ENT_MODEL_1 = "1.3.6.1.2.1.47.1.1.1.1.13.1"  # ENTITY-MIB entPhysicalModelName.1
#: Fortinet's model codes: FGT_60F is a FortiGate 60F, FWF a FortiWiFi, FSW a FortiSwitch
_FORTI_PREFIX = {
    "FGT": "FortiGate",
    "FWF": "FortiWiFi",
    "FSW": "FortiSwitch",
    "FAP": "FortiAP",
    "FAD": "FortiADC",
    "FML": "FortiMail",
    "FWB": "FortiWeb",
}


def forti_model(code: str) -> str:
    """ "FGT_60F" -> "FortiGate 60F"; other strings unchanged."""
    head, sep, rest = code.partition("_")
    return f"{_FORTI_PREFIX[head]} {rest}" if sep and head in _FORTI_PREFIX and rest else code


def parse_fortinet(walk: Walk) -> list[Fact]:
    why = "FORTINET-FORTIGATE-MIB fgSysVersion"
    return (
        facts(
            "ENTITY-MIB entPhysicalModelName.1 (Fortinet model code)",
            PRODUCT_NAME,
            model=forti_model(value(walk, ENT_MODEL_1)),
        )
        + facts("FORTINET-CORE-MIB fnSysSerial", VENDOR_SERIAL, serial=value(walk, FN_SERIAL))
        + facts(why, VENDOR_VERSION, os_version=value(walk, FG_VERSION))
    )


#: HP/Aruba small-business switches: "HP 1820-8G Switch J9979A, PT.01.14, ...",
#: "Aruba Instant On 1930 48G ... 370W Switch JL686A, InstantOn_1930_1.0.5.0 (139), ..."
_HP_SWITCH = re.compile(
    r"^(?:HPE?|Aruba)\s+(?:OfficeConnect\s+|Instant On\s+)?(?:Switch\s+)?"
    r"(?P<name>[^,]+?)\s+(?:Switch\s+)?(?P<part>J[A-Z]?\d{3,4}[A-Z])\s*,"
)


def parse_hp_switch(walk: Walk) -> list[Fact]:
    """Product name and part number, as HP prints them on the box ("1820-8G J9979A")."""
    found = _HP_SWITCH.match(value(walk, oids.SYS_DESCR, 512))
    if not found or found["name"].startswith(found["part"]):
        return []
    name = " ".join(found["name"].split())
    return facts("HP/Aruba switch sysDescr product name and part number", 0.9,
                 model=f"{name} {found['part']}")


def _ciscosb(ctx: Context) -> bool:
    return ctx.object_id.startswith("1.3.6.1.4.1.9.6.1.")


SOURCES = (
    Source(
        "Cisco Small Business ident",
        _ciscosb,
        parse_ciscosb,
        gets=(RLPHD_SOFTWARE, RLPHD_SERIAL, RLPHD_MODEL),
    ),
    Source(
        "TP-Link ident",
        by_enterprise(11863),
        parse_tplink,
        gets=(TPLINK_HW, TPLINK_SW, TPLINK_SERIAL),
    ),
    Source(
        "Juniper ident", by_enterprise(2636), parse_juniper, gets=(JNX_BOX_DESCR, JNX_BOX_SERIAL)
    ),
    Source("Fortinet ident", by_enterprise(12356), parse_fortinet, gets=(FG_VERSION, FN_SERIAL)),
    Source("HP switch sysDescr", lambda ctx: ctx.object_id.startswith("1.3.6.1.4.1.11.2.3.7"),
           parse_hp_switch),
)
