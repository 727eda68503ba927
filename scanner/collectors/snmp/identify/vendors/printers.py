"""Printer identity: HOST-RESOURCES hrDeviceDescr of the printer, Printer-MIB serial.

Every network printer with Printer-MIB (RFC 3805) also lists itself in the
HOST-RESOURCES device table as an ``hrDevicePrinter``, whose description is the
product name; ``prtGeneralSerialNumber`` is the engine's serial.  Brother keeps
its serial in its own MIB only.
"""

from __future__ import annotations

import re

from scanner.collectors.snmp.identify.vendors.base import (
    PRODUCT_NAME,
    STANDARD_MODEL,
    STANDARD_SERIAL,
    VENDOR_SERIAL,
    VENDOR_VERSION,
    Context,
    Fact,
    Source,
    by_enterprise,
    column,
    facts,
    value,
)
from scanner.collectors.snmp.values import Walk, oid_text

HR_DEVICE_TYPE = "1.3.6.1.2.1.25.3.2.1.2"  # hrDeviceType
HR_DEVICE_DESCR = "1.3.6.1.2.1.25.3.2.1.3"  # hrDeviceDescr
HR_DEVICE_PRINTER = "1.3.6.1.2.1.25.3.1.5"  # hrDevicePrinter
PRT_SERIAL = "1.3.6.1.2.1.43.5.1.1.17.1"  # Printer-MIB prtGeneralSerialNumber.1
BROTHER_SERIAL = "1.3.6.1.4.1.2435.2.3.9.4.2.1.5.5.1.0"  # BROTHER-MIB brInfoSerialNumber
#: the IEEE 1284 device id ("MFG:OKI;MDL:MC873;CLS:PRINTER;...") that HP JetDirect and
#: compatible print servers publish (HP-LASERJET-COMMON-MIB gdStatusId)
DEVICE_ID = "1.3.6.1.4.1.11.2.3.9.1.1.7.0"
_MODEL_KEY = re.compile(r"(?:^|;)\s*(?:MDL|MODEL)\s*:\s*(?P<model>[^;]+)", re.IGNORECASE)
#: rows worth reading: printers list themselves first, before disks and NICs
DEVICE_ROWS = 16


def printer_descr(walk: Walk) -> str:
    """hrDeviceDescr of the first hrDevicePrinter row ("" when there is none)."""
    descrs = dict(column(walk, HR_DEVICE_DESCR))
    for oid, kind in walk.items():
        if oid.startswith(HR_DEVICE_TYPE + ".") and oid_text(kind) == HR_DEVICE_PRINTER:
            found = descrs.get(oid[len(HR_DEVICE_TYPE) + 1 :], "")
            if found:
                return found
    return ""


def device_id_model(walk: Walk) -> str:
    """The MDL/MODEL field of the IEEE 1284 device id ("" when absent)."""
    found = _MODEL_KEY.search(value(walk, DEVICE_ID, 512))
    return found["model"].strip() if found else ""


def parse(walk: Walk) -> list[Fact]:
    return facts(
        "IEEE 1284 device id MDL (HP-LASERJET-COMMON-MIB gdStatusId)",
        0.85,
        model=device_id_model(walk),
    ) + facts(
        "HOST-RESOURCES-MIB hrDeviceDescr of the hrDevicePrinter",
        STANDARD_MODEL,
        model=printer_descr(walk),
    ) + facts("Printer-MIB prtGeneralSerialNumber", STANDARD_SERIAL, serial=value(walk, PRT_SERIAL))


def parse_brother(walk: Walk) -> list[Fact]:
    return facts(
        "BROTHER-MIB brInfoSerialNumber", VENDOR_SERIAL, serial=value(walk, BROTHER_SERIAL)
    )


#: HP-LASERJET-COMMON-MIB: firmware datecode (what HP's configuration page and release
#: notes call the firmware) and, on FutureSmart, the firmware bundle version
HP_DATECODE = "1.3.6.1.4.1.11.2.3.9.4.2.1.1.3.5.0"
HP_FIRMWARE = "1.3.6.1.4.1.11.2.3.9.4.2.1.1.3.6.0"
#: KONICA MINOLTA printer MIB: firmware version and product name scalars
KM_VERSION = "1.3.6.1.4.1.18334.1.1.1.1.6.1.0"
KM_MODEL = "1.3.6.1.4.1.18334.1.1.1.1.6.2.1.0"


def parse_hp_printer(walk: Walk) -> list[Fact]:
    datecode = re.search(r"\d{8}", value(walk, HP_DATECODE))
    return facts("HP-LASERJET-COMMON-MIB firmware datecode / firmware version", VENDOR_VERSION,
                 os_version=datecode.group(0) if datecode else value(walk, HP_FIRMWARE))


def parse_konica(walk: Walk) -> list[Fact]:
    return facts("KONICA MINOLTA MIB product name", PRODUCT_NAME,
                 model=re.sub(r"^KONICA MINOLTA\s+", "", value(walk, KM_MODEL))) + facts(
        "KONICA MINOLTA MIB firmware version", VENDOR_VERSION, os_version=value(walk, KM_VERSION))


def _printer(ctx: Context) -> bool:
    # print servers (OKI OkiLAN, JetDirect) may front a printer without Printer-MIB
    return (ctx.has("1.3.6.1.2.1.43") or ctx.enterprise() == 2001
            or ctx.object_id.startswith("1.3.6.1.4.1.11.2.3.9"))


SOURCES = (
    Source(
        "Printer identity",
        _printer,
        parse,
        gets=(PRT_SERIAL, DEVICE_ID),
        walks=((HR_DEVICE_TYPE, DEVICE_ROWS), (HR_DEVICE_DESCR, DEVICE_ROWS)),
    ),
    Source("Brother ident", by_enterprise(2435), parse_brother, gets=(BROTHER_SERIAL,)),
    Source("HP printer firmware", lambda ctx: ctx.object_id.startswith("1.3.6.1.4.1.11.2.3.9"),
           parse_hp_printer, gets=(HP_DATECODE, HP_FIRMWARE)),
    Source("Konica Minolta ident", by_enterprise(18334), parse_konica, gets=(KM_VERSION, KM_MODEL)),
)
