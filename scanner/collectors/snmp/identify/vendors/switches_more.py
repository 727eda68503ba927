"""More switch vendors' ident objects: Edgecore, Zyxel, D-Link, Allied Telesis, FortiSwitch.

Edgecore and Zyxel give each product its own MIB under the product's sysObjectID,
with the same layout everywhere, so the OIDs to ask are derived from the agent's
sysObjectID rather than listed per model.
"""

from __future__ import annotations

import re

from scanner.collectors.snmp.identify.vendors.base import (
    Context,
    Fact,
    Source,
    by_enterprise,
    identity,
    object_id,
    value,
)
from scanner.collectors.snmp.values import Walk

#: Edgecore product MIBs (ES3526/ECS…-MIB): <product>.1.1.3.1 switchInfoTable, unit 1;
#: <product>.1.1.5.1 swProdName
_EDGECORE_PRODUCT = re.compile(r"^(1\.3\.6\.1\.4\.1\.259\.(?:10\.1|8\.1)\.\d+)\.")
EDGECORE_COLUMNS = {"hardware": "2.1", "version": "6.1", "serial": "10.1"}


def _edgecore_root(oid: str) -> str:
    found = _EDGECORE_PRODUCT.match(oid + ".")
    return found.group(1) if found else ""


def edgecore_oids(ctx: Context) -> tuple[str, ...]:
    root = _edgecore_root(ctx.object_id)
    if not root:
        return ()
    info = f"{root}.1.1.3.1."
    return (*(info + c for c in EDGECORE_COLUMNS.values()), f"{root}.1.1.5.1.0")


def parse_edgecore(walk: Walk) -> list[Fact]:
    """swProdName, swSerialNumber, and "<swHardwareVer> <swOpCodeVer>" as the release
    (the hardware revision says which build of the image fits)."""
    root = _edgecore_root(object_id(walk))
    if not root:
        return []
    info = f"{root}.1.1.3.1."
    got = {k: value(walk, info + c) for k, c in EDGECORE_COLUMNS.items()}
    version = " ".join(v for v in (got["hardware"], got["version"]) if v) if got["version"] else ""
    return identity("Edgecore switchInfoTable swProdName/swSerialNumber/swOpCodeVer (unit 1)",
                    model=value(walk, f"{root}.1.1.5.1.0"), serial=got["serial"],
                    version=version)


#: Zyxel per-product switch MIBs (890.1.5.8.<n>): sysInfo's sysSerialNumber is .1.10.0
_ZYXEL_PRODUCT = re.compile(r"^1\.3\.6\.1\.4\.1\.890\.1\.5\.8\.\d+$")


def zyxel_oids(ctx: Context) -> tuple[str, ...]:
    return (f"{ctx.object_id}.1.10.0",) if _ZYXEL_PRODUCT.match(ctx.object_id) else ()


def parse_zyxel_switch(walk: Walk) -> list[Fact]:
    oid = object_id(walk)
    if not _ZYXEL_PRODUCT.match(oid):
        return []
    return identity("Zyxel product MIB sysSerialNumber", serial=value(walk, f"{oid}.1.10.0"))


#: RMON2 probeConfig (RFC 2021): D-Link publishes its firmware and hardware revision here
PROBE_SOFTWARE = "1.3.6.1.2.1.16.19.2.0"  # probeSoftwareRev
#: D-Link EQUIPMENT-MIB swUnitMgmtTable, unit 1
DLINK_UNIT = "1.3.6.1.4.1.171.12.11.1.9.4.1."
DLINK_FIRMWARE, DLINK_SERIAL = DLINK_UNIT + "11.1", DLINK_UNIT + "17.1"
DLINK_AGENT_SERIAL = "1.3.6.1.4.1.171.12.1.1.12.0"  # AGENT-GENERAL-MIB agentSerialNumber


def parse_dlink(walk: Walk) -> list[Fact]:
    return identity(
        "D-Link swUnitMgmtSerialNumber/FirmwareVersion, RMON2 probeSoftwareRev",
        serial=value(walk, DLINK_SERIAL) or value(walk, DLINK_AGENT_SERIAL),
        version=value(walk, DLINK_FIRMWARE) or value(walk, PROBE_SOFTWARE),
    )


#: AT-INTERFACES-MIB arBoardTable, board 1: arBoardName and arBoardSerialNumber
ALLIED_BOARD = "1.3.6.1.4.1.207.8.4.4.5.2.1."
ALLIED_NAME, ALLIED_SERIAL = ALLIED_BOARD + "3.1", ALLIED_BOARD + "5.1"


def parse_allied(walk: Walk) -> list[Fact]:
    return identity("Allied Telesis arBoardName/arBoardSerialNumber (board 1)",
                    model=value(walk, ALLIED_NAME), serial=value(walk, ALLIED_SERIAL))


#: FORTINET-FORTISWITCH-MIB fsSysVersion: "FortiSwitch-248D-FPOE v3.3.3,build4047,..."
FS_VERSION = "1.3.6.1.4.1.12356.106.4.1.1.0"
_FS_TEXT = re.compile(r"^(?P<model>\S+)\s+v(?P<version>\d[\d.]*)")
#: FORTINET-FORTIAP-MIB fapVersion ("FP831F-v7.0-build0127") and fapSerialNum
FAP_VERSION = "1.3.6.1.4.1.12356.120.1.1.0"
FAP_SERIAL = "1.3.6.1.4.1.12356.120.1.2.0"
_FAP_MODEL = re.compile(r"^FP(?P<model>\w+)-v")


def parse_fortiswitch(walk: Walk) -> list[Fact]:
    found = _FS_TEXT.match(value(walk, FS_VERSION))
    if not found:
        return []
    return identity("FORTINET-FORTISWITCH-MIB fsSysVersion", model=found["model"],
                    version=found["version"])


def parse_fortiap(walk: Walk) -> list[Fact]:
    """fapVersion names the image, which is built per model ("FP831F" = FortiAP 831F)."""
    version = value(walk, FAP_VERSION)
    found = _FAP_MODEL.match(version)
    return identity("FORTINET-FORTIAP-MIB fapVersion/fapSerialNum",
                    model=f"FortiAP {found['model']}" if found else "",
                    serial=value(walk, FAP_SERIAL), version=version)


SOURCES = (
    Source("Edgecore ident", lambda ctx: bool(_edgecore_root(ctx.object_id)), parse_edgecore,
           gets_for=edgecore_oids),
    Source("Zyxel switch serial", lambda ctx: bool(_ZYXEL_PRODUCT.match(ctx.object_id)),
           parse_zyxel_switch, gets_for=zyxel_oids),
    Source("D-Link ident", by_enterprise(171), parse_dlink,
           gets=(DLINK_FIRMWARE, DLINK_SERIAL, DLINK_AGENT_SERIAL, PROBE_SOFTWARE)),
    Source("Allied Telesis ident", by_enterprise(207), parse_allied,
           gets=(ALLIED_NAME, ALLIED_SERIAL)),
    Source("FortiSwitch ident", lambda ctx: ctx.object_id.startswith("1.3.6.1.4.1.12356.106"),
           parse_fortiswitch, gets=(FS_VERSION,)),
    Source("FortiAP ident", lambda ctx: ctx.object_id.startswith("1.3.6.1.4.1.12356.120"),
           parse_fortiap, gets=(FAP_VERSION, FAP_SERIAL)),
)
