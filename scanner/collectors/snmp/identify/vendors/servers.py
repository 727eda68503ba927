"""Server hardware behind a general-purpose OS or a BMC: HP/HPE Insight, Dell, Linux extends.

The OS agent (Windows, net-snmp, ESXi) does not know the box it runs on, but the
vendor's management agent (HP Insight / iLO, Dell OpenManage / iDRAC) does, and
a Linux host configured the way LibreNMS documents publishes DMI data through
NET-SNMP-EXTEND-MIB.  One GET each, and only for such agents.
"""

from __future__ import annotations

import re

from scanner.collectors.snmp.identify.vendor_evidence import firmware_named
from scanner.collectors.snmp.identify.vendors.base import (
    PRODUCT_NAME,
    VENDOR_SERIAL,
    Context,
    Fact,
    Source,
    facts,
    value,
)
from scanner.collectors.snmp.values import Walk

CPQ_SERIAL = "1.3.6.1.4.1.232.2.2.2.1.0"  # CPQSINFO-MIB cpqSiSysSerialNum
CPQ_PRODUCT = "1.3.6.1.4.1.232.2.2.4.2.0"  # CPQSINFO-MIB cpqSiProductName
DELL_MODEL = "1.3.6.1.4.1.674.10892.1.300.10.1.9.1"  # MIB-Dell-10892 chassisModelName.1
DELL_TAG = "1.3.6.1.4.1.674.10892.1.300.10.1.11.1"  # MIB-Dell-10892 chassisServiceTagName.1
IDRAC_MODEL = "1.3.6.1.4.1.674.10892.5.1.3.12.0"  # IDRAC-MIB-SMIv2 systemModelName
IDRAC_TAG = "1.3.6.1.4.1.674.10892.5.1.3.2.0"  # IDRAC-MIB-SMIv2 systemServiceTag

#: NET-SNMP-EXTEND-MIB nsExtendOutput1Line, indexed by the extend's name
EXTEND_OUTPUT = "1.3.6.1.4.1.8072.1.3.2.3.1.1"
EXTEND_NAMES = ("distro", "hardware", "manufacturer", "serial")
#: agents of general-purpose OSes: Microsoft, net-snmp, VMware, FreeBSD's bsnmpd
_HOST_AGENTS = frozenset({311, 8072, 6876, 12325})
#: an OS or firmware the distro extend names: above the net-snmp build OS (0.5) and a
#: kernel banner's hints, below an enterprise sysObjectID (0.8)
EXTEND_FIRMWARE = 0.65
_HYPERVISOR_DISTRO = re.compile(r"XCP-ng|XenServer|Citrix Hypervisor", re.IGNORECASE)


def extend_oid(name: str) -> str:
    """The nsExtendOutput1Line instance for an extend called ``name``."""
    return f"{EXTEND_OUTPUT}.{len(name)}." + ".".join(str(ord(c)) for c in name)


def parse_hp(walk: Walk) -> list[Fact]:
    why = "CPQSINFO-MIB cpqSiProductName/cpqSiSysSerialNum"
    return facts(why, PRODUCT_NAME, model=value(walk, CPQ_PRODUCT)) + facts(
        why, VENDOR_SERIAL, serial=value(walk, CPQ_SERIAL)
    )


def parse_dell(walk: Walk) -> list[Fact]:
    found: list[Fact] = []
    for model, tag, why in (
        (IDRAC_MODEL, IDRAC_TAG, "IDRAC-MIB systemModelName/ServiceTag"),
        (DELL_MODEL, DELL_TAG, "MIB-Dell-10892 chassisModelName/chassisServiceTagName"),
    ):
        name = value(walk, model)
        if name and not name.lower().startswith("dell"):
            name = f"Dell {name}"
        found += facts(why, PRODUCT_NAME, model=name) + facts(
            why, VENDOR_SERIAL, serial=value(walk, tag)
        )
    return found


def parse_extend(walk: Walk) -> list[Fact]:
    """DMI data and the distribution, as LibreNMS's snmpd extend recipe publishes them."""
    out = {name: value(walk, extend_oid(name)) for name in EXTEND_NAMES}
    maker, model = out["manufacturer"], out["hardware"]
    if maker and model and maker.lower() not in model.lower():
        model = f"{maker} {model}"
    why = "NET-SNMP-EXTEND-MIB nsExtendOutput1Line"
    found = (
        facts(f"{why} hardware/manufacturer", 0.8, model=model)
        + facts(f"{why} serial", 0.8, serial=out["serial"])
        + facts(f"{why} distro", 0.6, os_version=out["distro"])
    )
    firmware = firmware_named(out["distro"]) if out["distro"] else None
    if firmware is not None:  # "dd-wrt 3.10.108-d8": the firmware is the OS (and its maker)
        word, said = firmware
        found += facts(f"{why} distro names {said!r} ({word.source})", EXTEND_FIRMWARE,
                       os=word.os, vendor=word.vendor)
    if _HYPERVISOR_DISTRO.search(out["distro"]):
        found += facts(
            f"{why} distro names a Xen hypervisor",
            0.9,
            type="hypervisor",
            os="XCP-ng",
            vendor="XCP-ng",
        )
    return found


def _hp(ctx: Context) -> bool:
    return ctx.enterprise() in _HOST_AGENTS | {232}


def _dell(ctx: Context) -> bool:
    return ctx.enterprise() in _HOST_AGENTS | {674}


def _netsnmp(ctx: Context) -> bool:
    return ctx.enterprise() == 8072


SOURCES = (
    Source("HP Insight ident", _hp, parse_hp, gets=(CPQ_PRODUCT, CPQ_SERIAL),
           describes_host=True),
    Source(
        "Dell server ident", _dell, parse_dell,
        gets=(DELL_MODEL, DELL_TAG, IDRAC_MODEL, IDRAC_TAG), describes_host=True,
    ),
    Source(
        "net-snmp extend ident",
        _netsnmp,
        parse_extend,
        gets=tuple(extend_oid(n) for n in EXTEND_NAMES),
        describes_host=True,
    ),
)
