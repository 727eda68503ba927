"""Numeric OIDs the SNMP collector reads, named once so parsers and the engine agree."""

from __future__ import annotations

SYSTEM = "1.3.6.1.2.1.1"
SYS_DESCR = "1.3.6.1.2.1.1.1.0"
SYS_OBJECT_ID = "1.3.6.1.2.1.1.2.0"
SYS_UPTIME = "1.3.6.1.2.1.1.3.0"
SYS_CONTACT = "1.3.6.1.2.1.1.4.0"
SYS_NAME = "1.3.6.1.2.1.1.5.0"
SYS_LOCATION = "1.3.6.1.2.1.1.6.0"
SYS_SERVICES = "1.3.6.1.2.1.1.7.0"

IF_ENTRY = "1.3.6.1.2.1.2.2.1"
IF_DESCR = IF_ENTRY + ".2"
IF_TYPE = IF_ENTRY + ".3"
IF_MTU = IF_ENTRY + ".4"
IF_SPEED = IF_ENTRY + ".5"
IF_PHYS_ADDRESS = IF_ENTRY + ".6"
IF_ADMIN_STATUS = IF_ENTRY + ".7"
IF_OPER_STATUS = IF_ENTRY + ".8"

IFX_ENTRY = "1.3.6.1.2.1.31.1.1.1"
IF_NAME = IFX_ENTRY + ".1"
IF_HIGH_SPEED = IFX_ENTRY + ".15"
IF_ALIAS = IFX_ENTRY + ".18"

#: the interface columns walked one by one (cheaper than walking the counters too)
INTERFACE_COLUMNS: tuple[str, ...] = (
    IF_DESCR,
    IF_TYPE,
    IF_MTU,
    IF_SPEED,
    IF_PHYS_ADDRESS,
    IF_ADMIN_STATUS,
    IF_OPER_STATUS,
    IF_NAME,
    IF_HIGH_SPEED,
    IF_ALIAS,
)

IP_FORWARDING = "1.3.6.1.2.1.4.1.0"
IP_AD_ENTRY = "1.3.6.1.2.1.4.20.1"
IP_AD_ENT_ADDR = IP_AD_ENTRY + ".1"
IP_AD_ENT_IF_INDEX = IP_AD_ENTRY + ".2"
IP_ADDR_COLUMNS: tuple[str, ...] = (IP_AD_ENT_ADDR, IP_AD_ENT_IF_INDEX)

UPS_MIB = "1.3.6.1.2.1.33"
UPS_IDENT_MANUFACTURER = "1.3.6.1.2.1.33.1.1.1.0"
IEEE80211_MIB = "1.2.840.10036"
#: IEEE802dot11-MIB dot11manufacturerName, one row per radio
DOT11_MANUFACTURER_NAME = "1.2.840.10036.3.1.2.1.2"
ENTERPRISES = "1.3.6.1.4.1"


def index_of(oid: str, column: str) -> str | None:
    """The row index of ``oid`` inside table ``column`` ("" for the column itself)."""
    prefix = column + "."
    return oid[len(prefix) :] if oid.startswith(prefix) else None


def is_under(oid: str, root: str) -> bool:
    """True when ``oid`` equals ``root`` or lies beneath it (component-wise)."""
    return oid == root or oid.startswith(root + ".")
