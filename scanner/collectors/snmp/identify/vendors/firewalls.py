"""Firewall vendors' ident scalars: SonicWall, Sophos SFOS and Zyxel."""

from __future__ import annotations

from scanner.collectors.snmp.identify.vendors.base import (
    Context,
    Fact,
    Source,
    by_enterprise,
    identity,
    value,
)
from scanner.collectors.snmp.values import Walk

SNWL = "1.3.6.1.4.1.8741.2.1.1."  # SNWL-COMMON-MIB snwlSys
SNWL_MODEL = SNWL + "1.0"  # snwlSysModel
SNWL_SERIAL = SNWL + "2.0"  # snwlSysSerialNumber
SNWL_FIRMWARE = SNWL + "3.0"  # snwlSysFirmwareVersion


def parse_sonicwall(walk: Walk) -> list[Fact]:
    why = "SNWL-COMMON-MIB snwlSysModel/SerialNumber/FirmwareVersion"
    return identity(why, model=value(walk, SNWL_MODEL), serial=value(walk, SNWL_SERIAL),
                    version=value(walk, SNWL_FIRMWARE))


def _sonicwall(ctx: Context) -> bool:
    # some SonicOS releases report a malformed sysObjectID (1.0.3.0.6.0.1.0): trust sysDescr
    return ctx.enterprise() == 8741 or ctx.descr.lower().startswith("sonicwall")


SFOS = "1.3.6.1.4.1.2604.5.1.1."  # SFOS-FIREWALL-MIB sfosXGDeviceInfo
SFOS_TYPE = SFOS + "2.0"  # sfosDeviceType ("XGS2100_RL01_SFOS")
SFOS_VERSION = SFOS + "3.0"  # sfosDeviceFWVersion
SFOS_APP_KEY = SFOS + "4.0"  # sfosDeviceAppKey: the appliance key, printed as its serial


def parse_sophos(walk: Walk) -> list[Fact]:
    why = "SFOS-FIREWALL-MIB sfosDeviceType/FWVersion/AppKey"
    return identity(why, model=value(walk, SFOS_TYPE), serial=value(walk, SFOS_APP_KEY),
                    version=value(walk, SFOS_VERSION))


ZYXEL = "1.3.6.1.4.1.890.1.15.3.1."  # ZYXEL-ES-COMMON esSysInfo
ZYXEL_VERSION = ZYXEL + "6.0"  # sysSwVersionString
ZYXEL_MODEL = ZYXEL + "11.0"  # sysProductModel
ZYXEL_SERIAL = ZYXEL + "12.0"  # sysProductSerialNumber


def parse_zyxel(walk: Walk) -> list[Fact]:
    why = "ZYXEL-ES-COMMON sysProductModel/sysProductSerialNumber/sysSwVersionString"
    return identity(why, model=value(walk, ZYXEL_MODEL), serial=value(walk, ZYXEL_SERIAL),
                    version=value(walk, ZYXEL_VERSION))


PAN_SYSTEM = "1.3.6.1.4.1.25461.2.1.2.1."  # PAN-COMMON-MIB panSys
PAN_SOFTWARE, PAN_SERIAL = PAN_SYSTEM + "1.0", PAN_SYSTEM + "3.0"  # panSysSwVersion, SerialNumber


def parse_paloalto(walk: Walk) -> list[Fact]:
    return identity("PAN-COMMON-MIB panSysSwVersion/panSysSerialNumber",
                    serial=value(walk, PAN_SERIAL), version=value(walk, PAN_SOFTWARE))


SOURCES = (
    Source("Palo Alto ident", by_enterprise(25461), parse_paloalto,
           gets=(PAN_SOFTWARE, PAN_SERIAL)),
    Source(
        "SonicWall ident",
        _sonicwall,
        parse_sonicwall,
        gets=(SNWL_MODEL, SNWL_SERIAL, SNWL_FIRMWARE),
    ),
    Source(
        "Sophos SFOS ident",
        by_enterprise(2604),
        parse_sophos,
        gets=(SFOS_TYPE, SFOS_VERSION, SFOS_APP_KEY),
    ),
    Source(
        "Zyxel ident",
        by_enterprise(890),
        parse_zyxel,
        gets=(ZYXEL_VERSION, ZYXEL_MODEL, ZYXEL_SERIAL),
    ),
)
