"""More power vendors' ident scalars: PDUs (Eaton, CyberPower, Raritan) and UPS cards
(Dell, Delta/Minuteman, Orvaldi, ABB), each from the vendor's own MIB.

UPS-MIB, where a card has it, names the UPS but never its serial; the vendor MIB
names both, and a PDU has no standard MIB at all.
"""

from __future__ import annotations

from scanner.collectors.snmp.identify.vendors.base import (
    Fact,
    Source,
    by_enterprise,
    identity,
    value,
)
from scanner.collectors.snmp.values import Walk

#: EATON-EPDU-MIB unitsTable (strapping index 0): partNumber, serialNumber, firmwareVersion
EPDU_UNIT = "1.3.6.1.4.1.534.6.6.7.1.2.1."
EPDU_PART, EPDU_SERIAL, EPDU_FIRMWARE = (EPDU_UNIT + c for c in ("3.0", "4.0", "5.0"))
#: the older Eaton ePDU agent (534.6.6.6): firmware, serial and catalogue number scalars
EPDU_G1 = "1.3.6.1.4.1.534.6.6.6.1.1."
EPDU_G1_FIRMWARE, EPDU_G1_SERIAL, EPDU_G1_MODEL = (EPDU_G1 + c for c in ("1.0", "2.0", "12.0"))


def parse_eaton_pdu(walk: Walk) -> list[Fact]:
    found = identity("EATON-EPDU-MIB partNumber/serialNumber/firmwareVersion (unit 0)",
                     model=value(walk, EPDU_PART), serial=value(walk, EPDU_SERIAL),
                     version=value(walk, EPDU_FIRMWARE))
    return found or identity("Eaton ePDU (534.6.6.6) ident scalars",
                             model=value(walk, EPDU_G1_MODEL), serial=value(walk, EPDU_G1_SERIAL),
                             version=value(walk, EPDU_G1_FIRMWARE))


#: CPS-MIB ePDUIdent group: firmware revision, model number, serial number
CPS_PDU = "1.3.6.1.4.1.3808.1.1.3.1."
CPS_PDU_FIRMWARE, CPS_PDU_MODEL, CPS_PDU_SERIAL = (CPS_PDU + c for c in ("3.0", "5.0", "6.0"))


def parse_cyberpower_pdu(walk: Walk) -> list[Fact]:
    return identity("CPS-MIB ePDUIdentModelNumber/SerialNumber/FirmwareRev",
                    model=value(walk, CPS_PDU_MODEL), serial=value(walk, CPS_PDU_SERIAL),
                    version=value(walk, CPS_PDU_FIRMWARE))


#: PDU2-MIB nameplate of PDU 1 (pduModel, pduSerialNumber) and board 1's firmware
RARITAN_MODEL = "1.3.6.1.4.1.13742.6.3.2.1.1.3.1"
RARITAN_SERIAL = "1.3.6.1.4.1.13742.6.3.2.1.1.4.1"
RARITAN_FIRMWARE = "1.3.6.1.4.1.13742.6.3.2.3.1.6.1.1.1"


def parse_raritan(walk: Walk) -> list[Fact]:
    return identity("PDU2-MIB pduModel/pduSerialNumber/boardFirmwareVersion",
                    model=value(walk, RARITAN_MODEL), serial=value(walk, RARITAN_SERIAL),
                    version=value(walk, RARITAN_FIRMWARE))


#: DELL-SNMP-UPS-MIB productID group (display name, version, build) and physical serial
DELL_UPS = "1.3.6.1.4.1.674.10902.2."
DELL_UPS_NAME, DELL_UPS_VERSION, DELL_UPS_BUILD = (DELL_UPS + c
                                                   for c in ("100.1.0", "100.4.0", "100.5.0"))
DELL_UPS_SERIAL = DELL_UPS + "120.1.2.0"


def parse_dell_ups(walk: Walk) -> list[Fact]:
    version = " ".join(v for v in (value(walk, DELL_UPS_VERSION), value(walk, DELL_UPS_BUILD)) if v)
    return identity("DELL-SNMP-UPS-MIB productIDDisplayName/Version/BuildNumber, serial",
                    model=value(walk, DELL_UPS_NAME), serial=value(walk, DELL_UPS_SERIAL),
                    version=version)


#: DeltaUPS-MIB dupsIdent: manufacturer (the UPS brand, e.g. Minuteman), model, agent firmware
DELTA = "1.3.6.1.4.1.2254.2.4.1."
DELTA_MAKER, DELTA_MODEL, DELTA_FIRMWARE = (DELTA + c for c in ("1.0", "2.0", "3.0"))


def _with_maker(maker: str, model: str) -> str:
    if model and maker and maker.lower() not in model.lower():
        return f"{maker} {model}"
    return model


def parse_delta(walk: Walk) -> list[Fact]:
    return identity("DeltaUPS-MIB dupsIdentManufacturer/Model/AgentSoftwareVersion",
                    model=_with_maker(value(walk, DELTA_MAKER), value(walk, DELTA_MODEL)),
                    version=value(walk, DELTA_FIRMWARE))


#: Orvaldi UPS card ident scalars: model, serial, firmware
ORVALDI = "1.3.6.1.4.1.21111.1.1.1."
ORVALDI_MODEL, ORVALDI_SERIAL, ORVALDI_FIRMWARE = (ORVALDI + c for c in ("3.0", "4.0", "6.0"))
#: ABB UPS card ident scalars: model and firmware
ABB = "1.3.6.1.4.1.53973.1.1.1.1.1."
ABB_MODEL, ABB_FIRMWARE = ABB + "2.0", ABB + "3.0"


def parse_orvaldi(walk: Walk) -> list[Fact]:
    return identity("Orvaldi UPS ident model/serial/firmware", model=value(walk, ORVALDI_MODEL),
                    serial=value(walk, ORVALDI_SERIAL), version=value(walk, ORVALDI_FIRMWARE))


def parse_abb(walk: Walk) -> list[Fact]:
    return identity("ABB UPS ident model/firmware", model=value(walk, ABB_MODEL),
                    version=value(walk, ABB_FIRMWARE))


_ORVALDI = Source("Orvaldi UPS ident", by_enterprise(21111), parse_orvaldi,
                  gets=(ORVALDI_MODEL, ORVALDI_SERIAL, ORVALDI_FIRMWARE))
_ABB = Source("ABB UPS ident", by_enterprise(53973), parse_abb, gets=(ABB_MODEL, ABB_FIRMWARE))

SOURCES = (
    Source("Eaton ePDU ident", lambda ctx: ctx.object_id.startswith("1.3.6.1.4.1.534.6.6."),
           parse_eaton_pdu, gets=(EPDU_PART, EPDU_SERIAL, EPDU_FIRMWARE, EPDU_G1_FIRMWARE,
                                  EPDU_G1_SERIAL, EPDU_G1_MODEL)),
    Source("CyberPower ePDU ident", lambda ctx: ctx.object_id.startswith("1.3.6.1.4.1.3808.1.1.6"),
           parse_cyberpower_pdu, gets=(CPS_PDU_FIRMWARE, CPS_PDU_MODEL, CPS_PDU_SERIAL)),
    Source("Raritan PDU ident", by_enterprise(13742), parse_raritan,
           gets=(RARITAN_MODEL, RARITAN_SERIAL, RARITAN_FIRMWARE)),
    Source("Dell UPS ident", lambda ctx: ctx.object_id.startswith(DELL_UPS.rstrip(".")),
           parse_dell_ups, gets=(DELL_UPS_NAME, DELL_UPS_VERSION, DELL_UPS_BUILD, DELL_UPS_SERIAL)),
    Source("Delta UPS ident", by_enterprise(2254), parse_delta,
           gets=(DELTA_MAKER, DELTA_MODEL, DELTA_FIRMWARE)),
    _ORVALDI,
    _ABB,
)
#: UPS cards on embedded Linux that keep net-snmp's sysObjectID
NET_SNMP_SOURCES = (_ORVALDI, _ABB)
