"""Wireless identity: IEEE 802.11 MIB, Ruckus, Aerohive and Aruba Instant."""

from __future__ import annotations

from scanner.collectors.snmp.identify.vendors.base import (
    PRODUCT_NAME,
    STANDARD_MODEL,
    STANDARD_VERSION,
    VENDOR_SERIAL,
    VENDOR_VERSION,
    Context,
    Fact,
    Source,
    by_enterprise,
    column,
    facts,
    identity,
    value,
)
from scanner.collectors.snmp.values import Walk

DOT11_PRODUCT = "1.2.840.10036.3.1.2.1.3"  # IEEE802dot11-MIB dot11manufacturerProductName
DOT11_VERSION = "1.2.840.10036.3.1.2.1.4"  # dot11manufacturerProductVersion
RADIO_ROWS = 8


def parse_dot11(walk: Walk) -> list[Fact]:
    product, version = column(walk, DOT11_PRODUCT), column(walk, DOT11_VERSION)
    return facts(
        "IEEE802dot11-MIB dot11manufacturerProductName",
        STANDARD_MODEL,
        model=product[0][1] if product else "",
    ) + facts(
        "IEEE802dot11-MIB dot11manufacturerProductVersion",
        STANDARD_VERSION,
        os_version=version[0][1] if version else "",
    )


def _dot11(ctx: Context) -> bool:
    return ctx.has("1.2.840.10036")


#: RUCKUS-UNLEASHED-SYSTEM-MIB ruckusUnleashedSystemInfo, and the older ZoneDirector
#: RUCKUS-ZD-SYSTEM-MIB ruckusZDSystemInfo with the same column numbers
RUCKUS_ROOTS = ("1.3.6.1.4.1.25053.1.15.1.1.1.1.", "1.3.6.1.4.1.25053.1.2.1.1.1.1.")
#: SystemModel, SystemSerialNumber, SystemVersion
RUCKUS_MODEL, RUCKUS_SERIAL, RUCKUS_VERSION = "9.0", "15.0", "18.0"


def parse_ruckus(walk: Walk) -> list[Fact]:
    for root in RUCKUS_ROOTS:
        model, serial = value(walk, root + RUCKUS_MODEL), value(walk, root + RUCKUS_SERIAL)
        if model or serial:
            why = "Ruckus Unleashed/ZoneDirector SystemModel/SerialNumber/Version"
            return (
                facts(why, PRODUCT_NAME, model=model)
                + facts(why, VENDOR_SERIAL, serial=serial)
                + facts(why, VENDOR_VERSION, os_version=value(walk, root + RUCKUS_VERSION))
            )
    return []


AH = "1.3.6.1.4.1.26928.1.2."  # AH-SYSTEM-MIB ahSystem
AH_SERIAL = AH + "5.0"  # ahSystemSerial
AH_MODEL = AH + "6.0"  # ahDeviceMode (the product, e.g. "AP650X")
AH_FIRMWARE = AH + "12.0"  # ahFirmwareVersion


def parse_aerohive(walk: Walk) -> list[Fact]:
    why = "AH-SYSTEM-MIB ahDeviceMode/ahSystemSerial/ahFirmwareVersion"
    return identity(why, model=value(walk, AH_MODEL), serial=value(walk, AH_SERIAL),
                    version=value(walk, AH_FIRMWARE))


AI = "1.3.6.1.4.1.14823.2.3.3.1."  # AI-AP-MIB (Aruba Instant)
AI_VC_VERSION = AI + "1.4.0"  # aiVirtualControllerVersion
AI_MASTER_IP = AI + "1.6.0"  # aiMasterIPAddress: the AP serving this agent
AI_AP_IP = AI + "2.1.1.3"  # aiAPIPAddress
AI_AP_SERIAL = AI + "2.1.1.4"  # aiAPSerialNum
AI_AP_MODEL = AI + "2.1.1.6"  # aiAPModelName
AP_ROWS = 64


def parse_aruba_instant(walk: Walk) -> list[Fact]:
    """The cluster's master AP is the device answering: its serial and model stand for it."""
    serials = column(walk, AI_AP_SERIAL)
    if not serials:
        return facts(
            "AI-AP-MIB aiVirtualControllerVersion",
            VENDOR_VERSION,
            os_version=value(walk, AI_VC_VERSION),
        )
    master = value(walk, AI_MASTER_IP)
    ips = dict(column(walk, AI_AP_IP))
    index, serial = next(
        ((i, s) for i, s in serials if master and ips.get(i) == master), serials[0]
    )
    why = "AI-AP-MIB aiAPSerialNum/aiAPModelName of the master AP (aiMasterIPAddress)"
    return (
        facts(why, VENDOR_SERIAL, serial=serial)
        + facts(why, PRODUCT_NAME, model=dict(column(walk, AI_AP_MODEL)).get(index, ""))
        + facts(
            "AI-AP-MIB aiVirtualControllerVersion",
            VENDOR_VERSION,
            os_version=value(walk, AI_VC_VERSION),
        )
    )


SOURCES = (
    Source(
        "IEEE 802.11 manufacturer",
        _dot11,
        parse_dot11,
        walks=((DOT11_PRODUCT, RADIO_ROWS), (DOT11_VERSION, RADIO_ROWS)),
    ),
    Source(
        "Ruckus ident",
        by_enterprise(25053),
        parse_ruckus,
        gets=tuple(
            r + c for r in RUCKUS_ROOTS for c in (RUCKUS_MODEL, RUCKUS_SERIAL, RUCKUS_VERSION)
        ),
    ),
    Source(
        "Aerohive ident",
        by_enterprise(26928),
        parse_aerohive,
        gets=(AH_SERIAL, AH_MODEL, AH_FIRMWARE),
    ),
    Source(
        "Aruba Instant ident",
        by_enterprise(14823),
        parse_aruba_instant,
        gets=(AI_VC_VERSION, AI_MASTER_IP),
        walks=((AI_AP_IP, AP_ROWS), (AI_AP_SERIAL, AP_ROWS), (AI_AP_MODEL, AP_ROWS)),
    ),
)
