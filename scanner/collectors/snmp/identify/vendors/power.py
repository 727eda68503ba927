"""UPS vendors' own ident scalars: CyberPower, Eaton/MGE and Socomec.

These carry the serial that UPS-MIB lacks, and a model name that is the UPS's
rather than its network card's.
"""

from __future__ import annotations

from scanner.collectors.snmp.identify.vendors.base import (
    PRODUCT_NAME,
    VENDOR_SERIAL,
    VENDOR_VERSION,
    Context,
    Fact,
    Source,
    by_enterprise,
    facts,
    value,
)
from scanner.collectors.snmp.values import Walk

CPS = "1.3.6.1.4.1.3808.1.1.1.1."
CPS_MODEL = CPS + "1.1.0"  # CPS-MIB upsBaseIdentModel
CPS_SERIAL = CPS + "2.3.0"  # CPS-MIB upsAdvanceIdentSerialNumber

MGE = "1.3.6.1.4.1.705.1.1."
MGE_FAMILY = MGE + "1.0"  # MG-SNMP-UPS-MIB upsmgIdentFamilyName
MGE_MODEL = MGE + "2.0"  # upsmgIdentModelName
MGE_FIRMWARE = MGE + "4.0"  # upsmgIdentFirmwareVersion
MGE_SERIAL = MGE + "7.0"  # upsmgIdentSerialNumber
XUPS_MODEL = "1.3.6.1.4.1.534.1.1.2.0"  # XUPS-MIB xupsIdentModel (Eaton Powerware)
XUPS_SOFTWARE = "1.3.6.1.4.1.534.1.1.3.0"  # xupsIdentSoftwareVersion
XUPS_SERIAL = "1.3.6.1.4.1.534.1.1.6.0"  # xupsIdentSerialNumber

SOCOMEC = "1.3.6.1.4.1.4555.1.1."
#: SOCOMECUPS-MIB (Net Vision 5/6: ...1.1.1) and its Net Vision 7 twin (...1.7.1)
SOCOMEC_ROOTS = (SOCOMEC + "1.1.1.", SOCOMEC + "7.1.1.")


def parse_cyberpower(walk: Walk) -> list[Fact]:
    why = "CyberPower CPS-MIB upsBaseIdentModel/upsAdvanceIdentSerialNumber"
    return facts(why, PRODUCT_NAME, model=value(walk, CPS_MODEL)) + facts(
        why, VENDOR_SERIAL, serial=value(walk, CPS_SERIAL)
    )


def parse_eaton(walk: Walk) -> list[Fact]:
    family, model = value(walk, MGE_FAMILY), value(walk, MGE_MODEL)
    name = f"{family} {model}".strip() if model not in family else family
    why = "MG-SNMP-UPS-MIB upsmgIdentFamilyName/ModelName/SerialNumber/FirmwareVersion"
    found = (
        facts(why, PRODUCT_NAME, model=name)
        + facts(why, VENDOR_SERIAL, serial=value(walk, MGE_SERIAL))
        + facts(why, VENDOR_VERSION, os_version=value(walk, MGE_FIRMWARE))
    )
    if not name:
        why = "Eaton XUPS-MIB xupsIdentModel/SoftwareVersion/SerialNumber"
        found += facts(why, PRODUCT_NAME, model=value(walk, XUPS_MODEL)) + facts(
            why, VENDOR_VERSION, os_version=value(walk, XUPS_SOFTWARE)
        )
    if not any(f.field == "serial" for f in found):
        found += facts("Eaton XUPS-MIB xupsIdentSerialNumber", VENDOR_SERIAL,
                       serial=value(walk, XUPS_SERIAL))
    return found


def parse_socomec(walk: Walk) -> list[Fact]:
    for root in SOCOMEC_ROOTS:
        model, serial = value(walk, root + "1.0"), value(walk, root + "2.0")
        if model or serial:
            why = "Socomec SOCOMECUPS-MIB upsIdentModel/upsIdentSerialNumber"
            return facts(why, PRODUCT_NAME, model=model) + facts(why, VENDOR_SERIAL, serial=serial)
    return []


def _socomec(ctx: Context) -> bool:
    return ctx.enterprise() == 4555 or ctx.has("1.3.6.1.4.1.4555")


SOURCES = (
    Source(
        "CyberPower CPS-MIB ident",
        by_enterprise(3808),
        parse_cyberpower,
        gets=(CPS_MODEL, CPS_SERIAL),
    ),
    Source(
        "Eaton ident",
        by_enterprise(705, 534),
        parse_eaton,
        gets=(MGE_FAMILY, MGE_MODEL, MGE_FIRMWARE, MGE_SERIAL, XUPS_MODEL, XUPS_SOFTWARE,
              XUPS_SERIAL),
    ),
    Source(
        "Socomec ident",
        _socomec,
        parse_socomec,
        gets=tuple(r + s for r in SOCOMEC_ROOTS for s in ("1.0", "2.0")),
    ),
)
