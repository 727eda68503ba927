"""Ident scalars of appliances built on embedded Linux: firewalls, console servers,
radios, cameras' recorders, VoIP adapters, print servers and chassis managers.

Their sysDescr is often a bare "Linux <host> <kernel> ... armv7l" banner, so the
vendor MIB is the only place that names the product and its firmware; the kernel
version in the banner is not the firmware's.
"""

from __future__ import annotations

import re

from scanner.collectors.snmp import oids
from scanner.collectors.snmp.identify import descr_identity
from scanner.collectors.snmp.identify.vendors.base import (
    Fact,
    Source,
    by_enterprise,
    identity,
    object_id,
    value,
)
from scanner.collectors.snmp.values import Walk

#: CHECKPOINT-MIB svnVersion, svnApplianceSerialNumber, svnApplianceProductName
CP_VERSION = "1.3.6.1.4.1.2620.1.6.4.1.0"
CP_SERIAL = "1.3.6.1.4.1.2620.1.6.16.3.0"
CP_PRODUCT = "1.3.6.1.4.1.2620.1.6.16.7.0"


def parse_checkpoint(walk: Walk) -> list[Fact]:
    return identity("CHECKPOINT-MIB svnApplianceProductName/SerialNumber, svnVersion",
                    model=value(walk, CP_PRODUCT), serial=value(walk, CP_SERIAL),
                    version=value(walk, CP_VERSION))


#: OG-STATUSv2-MIB ogFirmwareVersion ("4.3.0 f5ad8650 ()") and ogSerialNumber
OG_FIRMWARE = "1.3.6.1.4.1.25049.17.1.1"
OG_SERIAL = "1.3.6.1.4.1.25049.17.1.2"
#: the Operations Manager line (CM8100/OM) publishes them under 25049.10.19.1
OM_SERIAL, OM_FIRMWARE = "1.3.6.1.4.1.25049.10.19.1.2.0", "1.3.6.1.4.1.25049.10.19.1.3.0"
#: Opengear's sysDescr names the product family after its model: "OpenGear/CM71xx Version"
_OG_FAMILY = re.compile(r"OpenGear/(?P<family>\w+)")
#: OG-PRODUCTS-MIB: the sysObjectID (25049.1.<n>) names the product family
OG_PRODUCTS = {
    1: "CM4001", 2: "CM4002", 3: "CM4008", 10: "CM41xx", 11: "CM71xx", 12: "CM7196",
    20: "SD4001", 21: "SD4002", 22: "SD4008", 23: "SD4001DW", 24: "SD4002DX", 30: "CD",
    31: "CMx86", 40: "CMS61xx", 41: "Lighthouse", 42: "Lighthouse 5", 50: "IM4004",
    60: "IM42xx", 61: "IM72xx", 70: "KCS61xx", 80: "ACM500x", 81: "ACM550x", 90: "ACM700x",
    91: "ACM7004-5", 101: "Operations Manager", 110: "OM12xx", 120: "OM22xx", 130: "CM81xx",
    140: "EM80xx",
}


def opengear_family(walk: Walk) -> str:
    """The family the sysDescr states, else the one OG-PRODUCTS-MIB gives the sysObjectID."""
    stated = _OG_FAMILY.search(value(walk, oids.SYS_DESCR, 512))
    if stated:
        return stated["family"]
    found = re.fullmatch(r"1\.3\.6\.1\.4\.1\.25049\.1\.(\d+)", object_id(walk))
    return OG_PRODUCTS.get(int(found.group(1)), "") if found else ""


def parse_opengear(walk: Walk) -> list[Fact]:
    firmware = (value(walk, OG_FIRMWARE) or value(walk, OM_FIRMWARE)).split(" ")[0]
    product = descr_identity.product_name(value(walk, oids.SYS_DESCR, 512))
    family = opengear_family(walk)
    model = f"{product} ({family})" if product and family else product or family
    return identity("Opengear firmware version/serial number, product family (OG-PRODUCTS-MIB)",
                    model=model,
                    serial=value(walk, OG_SERIAL) or value(walk, OM_SERIAL), version=firmware)


#: Tachyon Networks system group: model, serial, firmware ("1.12.0 rev 54574")
TACHYON = "1.3.6.1.4.1.57344.1.3."
TACHYON_MODEL, TACHYON_SERIAL, TACHYON_FIRMWARE = (TACHYON + c for c in ("1.0", "2.0", "4.0"))


def parse_tachyon(walk: Walk) -> list[Fact]:
    return identity("Tachyon system model/serial/firmware", model=value(walk, TACHYON_MODEL),
                    serial=value(walk, TACHYON_SERIAL), version=value(walk, TACHYON_FIRMWARE))


#: Grandstream HT8xx ATA: serial and the core/base firmware versions
GS_SERIAL = "1.3.6.1.4.1.42397.1.2.1.0.0"
GS_CORE, GS_BASE = "1.3.6.1.4.1.42397.1.2.3.2.0.0", "1.3.6.1.4.1.42397.1.2.3.3.0.0"


def parse_grandstream(walk: Walk) -> list[Fact]:
    core, base = value(walk, GS_CORE), value(walk, GS_BASE)
    version = f"Core: {core}, Base: {base}" if core and base else core or base
    return identity("Grandstream ATA serial/core and base firmware",
                    serial=value(walk, GS_SERIAL), version=version)


#: CAMBIUM-PMP80211-MIB (ePMP): cambiumCurrentuImageVersion and cambiumEPMPMSN
EPMP_VERSION = "1.3.6.1.4.1.17713.21.1.1.17.0"
EPMP_SERIAL = "1.3.6.1.4.1.17713.21.1.1.31.0"


def parse_epmp(walk: Walk) -> list[Fact]:
    return identity("Cambium ePMP image version/serial", serial=value(walk, EPMP_SERIAL),
                    version=value(walk, EPMP_VERSION))


HIK_SERIAL = "1.3.6.1.4.1.50001.1.3.0"  # Hikvision NVR/DVR device serial


def parse_hikvision(walk: Walk) -> list[Fact]:
    return identity("Hikvision device serial", serial=value(walk, HIK_SERIAL))


#: LCOS-MIB firmware table, row 1: model, version ("10.72.0484RU6 / 10.11.2023"), serial
LCOS = "1.3.6.1.4.1.2356.11.3.1.1."
LCOS_MODEL, LCOS_VERSION, LCOS_SERIAL = (LCOS + c for c in ("2.1", "3.1", "4.1"))


def parse_lancom(walk: Walk) -> list[Fact]:
    return identity("LANCOM LCOS firmware table model/version/serial",
                    model=value(walk, LCOS_MODEL), serial=value(walk, LCOS_SERIAL),
                    version=value(walk, LCOS_VERSION))


#: CYBEROAM-MIB appliance info: appliance key (the serial), model, firmware
CYBEROAM = "1.3.6.1.4.1.21067.2.1.1."
CYBEROAM_KEY, CYBEROAM_MODEL, CYBEROAM_FIRMWARE = (CYBEROAM + c for c in ("1.0", "2.0", "3.0"))


def parse_cyberoam(walk: Walk) -> list[Fact]:
    return identity("CYBEROAM-MIB appliance key/model/firmware",
                    model=value(walk, CYBEROAM_MODEL), serial=value(walk, CYBEROAM_KEY),
                    version=value(walk, CYBEROAM_FIRMWARE))


#: ESI/ZebraNet print server: printer model, serial, firmware
ZEBRA = "1.3.6.1.4.1.683.1."
ZEBRA_MODEL, ZEBRA_SERIAL, ZEBRA_FIRMWARE = (ZEBRA + c for c in ("4.0", "5.0", "9.0"))


def parse_zebra(walk: Walk) -> list[Fact]:
    return identity("ZebraNet print server model/serial/firmware",
                    model=value(walk, ZEBRA_MODEL), serial=value(walk, ZEBRA_SERIAL),
                    version=value(walk, ZEBRA_FIRMWARE))


#: UBNT-UniFi-MIB unifiApSystemModel and unifiApSystemVersion
UNIFI_MODEL = "1.3.6.1.4.1.41112.1.6.3.3.0"
UNIFI_VERSION = "1.3.6.1.4.1.41112.1.6.3.6.0"


def parse_unifi(walk: Walk) -> list[Fact]:
    return identity("UBNT-UniFi-MIB unifiApSystemModel/Version",
                    model=value(walk, UNIFI_MODEL), version=value(walk, UNIFI_VERSION))


NETONIX_FIRMWARE = "1.3.6.1.4.1.46242.1.0"  # NETONIX-SWITCH-MIB firmwareVersion


def parse_netonix(walk: Walk) -> list[Fact]:
    found = re.match(r"\d+(?:\.\d+)+", value(walk, NETONIX_FIRMWARE))
    return identity("NETONIX-SWITCH-MIB firmwareVersion", version=found.group(0) if found else "")


#: DELL-RAC-MIB (CMC/DRAC): drsProductShortName, drsSystemServiceTag, drsFirmwareVersion
DRS_PRODUCT = "1.3.6.1.4.1.674.10892.2.1.1.2.0"
DRS_SERVICE_TAG = "1.3.6.1.4.1.674.10892.2.1.1.11.0"
DRS_FIRMWARE = "1.3.6.1.4.1.674.10892.2.1.2.1.0"


def parse_drac(walk: Walk) -> list[Fact]:
    return identity("DELL-RAC-MIB drsProductShortName/ServiceTag/FirmwareVersion",
                    model=value(walk, DRS_PRODUCT), serial=value(walk, DRS_SERVICE_TAG),
                    version=value(walk, DRS_FIRMWARE))


_CHECKPOINT = Source("Check Point ident", by_enterprise(2620), parse_checkpoint,
                     gets=(CP_VERSION, CP_SERIAL, CP_PRODUCT))
_GRANDSTREAM = Source("Grandstream ident", by_enterprise(42397), parse_grandstream,
                      gets=(GS_SERIAL, GS_CORE, GS_BASE))

SOURCES = (
    _CHECKPOINT,
    _GRANDSTREAM,
    Source("Opengear ident", by_enterprise(25049), parse_opengear,
           gets=(OG_FIRMWARE, OG_SERIAL, OM_SERIAL, OM_FIRMWARE)),
    Source("Tachyon ident", by_enterprise(57344), parse_tachyon,
           gets=(TACHYON_MODEL, TACHYON_SERIAL, TACHYON_FIRMWARE)),
    Source("Cambium ePMP ident", lambda ctx: ctx.object_id.startswith("1.3.6.1.4.1.17713.21"),
           parse_epmp, gets=(EPMP_VERSION, EPMP_SERIAL)),
    Source("Hikvision ident", by_enterprise(50001, 39165), parse_hikvision, gets=(HIK_SERIAL,)),
    Source("LANCOM ident", by_enterprise(2356), parse_lancom,
           gets=(LCOS_MODEL, LCOS_VERSION, LCOS_SERIAL)),
    Source("Cyberoam ident", by_enterprise(21067), parse_cyberoam,
           gets=(CYBEROAM_KEY, CYBEROAM_MODEL, CYBEROAM_FIRMWARE)),
    Source("ZebraNet ident", by_enterprise(683, 10642), parse_zebra,
           gets=(ZEBRA_MODEL, ZEBRA_SERIAL, ZEBRA_FIRMWARE)),
    Source("UniFi system ident", by_enterprise(41112), parse_unifi,
           gets=(UNIFI_MODEL, UNIFI_VERSION)),
    Source("Netonix ident", by_enterprise(46242), parse_netonix, gets=(NETONIX_FIRMWARE,)),
    Source("Dell CMC/DRAC ident", by_enterprise(674), parse_drac,
           gets=(DRS_PRODUCT, DRS_SERVICE_TAG, DRS_FIRMWARE)),
)
#: appliances on embedded Linux that keep net-snmp's sysObjectID
NET_SNMP_SOURCES = (_CHECKPOINT, _GRANDSTREAM)
