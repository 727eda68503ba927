"""APC PowerNet-MIB identity: the UPS, Rack PDU or ATS behind a Network Management Card.

An APC sysDescr describes the *card* (its MN: and SN: are the card's on a UPS),
so the UPS's own model and serial must come from the PowerNet ident groups.
"""

from __future__ import annotations

import re

from scanner.collectors.snmp import oids
from scanner.collectors.snmp.identify.vendors.base import (
    PRODUCT_NAME,
    VENDOR_SERIAL,
    Fact,
    Source,
    by_enterprise,
    facts,
    value,
)
from scanner.collectors.snmp.values import Walk

P = "1.3.6.1.4.1.318.1.1."
UPS_MODEL = P + "1.1.1.1.0"  # upsBasicIdentModel
UPS_SERIAL = P + "1.1.2.3.0"  # upsAdvIdentSerialNumber
RPDU_HW_REV = P + "12.1.2.0"  # rPDUIdentHardwareRev
RPDU_MODEL = P + "12.1.5.0"  # rPDUIdentModelNumber
RPDU_SERIAL = P + "12.1.6.0"  # rPDUIdentSerialNumber
SPDU_MODEL = P + "4.1.4.0"  # sPDUIdentModelNumber (older Switched Rack PDUs)
SPDU_SERIAL = P + "4.1.5.0"  # sPDUIdentSerialNumber
ATS_MODEL = P + "8.1.5.0"  # atsIdentModelNumber
ATS_SERIAL = P + "8.1.6.0"  # atsIdentSerialNumber

#: (model OID, serial OID, what it is), first present wins
_GROUPS = (
    (UPS_MODEL, UPS_SERIAL, "upsBasicIdentModel/upsAdvIdentSerialNumber"),
    (RPDU_MODEL, RPDU_SERIAL, "rPDUIdentModelNumber/rPDUIdentSerialNumber"),
    (SPDU_MODEL, SPDU_SERIAL, "sPDUIdentModelNumber/sPDUIdentSerialNumber"),
    (ATS_MODEL, ATS_SERIAL, "atsIdentModelNumber/atsIdentSerialNumber"),
)


#: "APC Web/SNMP Management Card (MB:v3.9.2 ...)": the product the agent runs on
_DESCR_PRODUCT = re.compile(r"^APC\s+(?P<product>[^(]+?)\s*\(")
#: below any PowerNet ident group and the sysDescr MN: model rules
CARD_PRODUCT = 0.5


def parse(walk: Walk) -> list[Fact]:
    """The UPS, PDU or ATS ident group when the card has one, else the card itself as
    its sysDescr names it (a NetBotz, an environmental monitor, a cooling unit)."""
    card = _DESCR_PRODUCT.match(value(walk, oids.SYS_DESCR, 512))
    fallback = facts("APC sysDescr product name", CARD_PRODUCT,
                     model=card["product"] if card else "")
    for model_oid, serial_oid, names in _GROUPS:
        model, serial = value(walk, model_oid), value(walk, serial_oid)
        if model or serial:
            why = f"APC PowerNet-MIB {names}"
            return facts(why, PRODUCT_NAME, model=model) + facts(why, VENDOR_SERIAL, serial=serial)
    return fallback


SOURCE = Source(
    "APC PowerNet-MIB ident",
    by_enterprise(318),
    parse,
    gets=(
        UPS_MODEL,
        UPS_SERIAL,
        RPDU_HW_REV,
        RPDU_MODEL,
        RPDU_SERIAL,
        SPDU_MODEL,
        SPDU_SERIAL,
        ATS_MODEL,
        ATS_SERIAL,
    ),
)
