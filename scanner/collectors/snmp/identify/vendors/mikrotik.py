"""MikroTik MIKROTIK-MIB: RouterBOARD name, serial and RouterOS/SwOS version."""

from __future__ import annotations

from scanner.collectors.snmp.identify.vendors.base import (
    PRODUCT_NAME,
    VENDOR_SERIAL,
    VENDOR_VERSION,
    Fact,
    Source,
    by_enterprise,
    facts,
    value,
)
from scanner.collectors.snmp.values import Walk

SYSTEM = "1.3.6.1.4.1.14988.1.1.7."
SERIAL = SYSTEM + "3.0"  # mtxrSerialNumber
FIRMWARE = SYSTEM + "4.0"  # mtxrFirmwareVersion (RouterBOOT on RouterOS, the OS on SwOS)
BOARD = SYSTEM + "9.0"  # mtxrBoardName
LICENCE_VERSION = "1.3.6.1.4.1.14988.1.1.4.4.0"  # mtxrLicVersion: the RouterOS version


def parse(walk: Walk) -> list[Fact]:
    version = value(walk, LICENCE_VERSION) or value(walk, FIRMWARE)
    return (
        facts("MIKROTIK-MIB mtxrBoardName", PRODUCT_NAME, model=value(walk, BOARD))
        + facts("MIKROTIK-MIB mtxrSerialNumber", VENDOR_SERIAL, serial=value(walk, SERIAL))
        + facts(
            "MIKROTIK-MIB mtxrLicVersion/mtxrFirmwareVersion", VENDOR_VERSION, os_version=version
        )
    )


SOURCE = Source(
    "MikroTik ident", by_enterprise(14988), parse, gets=(SERIAL, FIRMWARE, BOARD, LICENCE_VERSION)
)
