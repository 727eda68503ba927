"""Rule tables: product rules, sysDescr keywords, standard MIBs and subtrees to probe.

The classifier collects every matching rule's claims and keeps, per field, the most
confident one, so a specific rule beats a generic one without careful ordering.
"""

from __future__ import annotations

from scanner.collectors.snmp.identify.products.network import NETWORK_RULES
from scanner.collectors.snmp.identify.products.other import OTHER_RULES
from scanner.collectors.snmp.identify.rule import KEYWORD, E, Rule, rule

PRODUCT_RULES: tuple[Rule, ...] = NETWORK_RULES + OTHER_RULES

#: sysDescr words that state a device role outright
KEYWORD_RULES: tuple[Rule, ...] = (
    rule(
        "sysDescr says firewall",
        r"\bfirewall\b|\bUTM\b|security appliance",
        type="firewall",
        confidence=KEYWORD,
    ),
    rule("sysDescr says switch", r"\bswitch\b", type="switch", confidence=KEYWORD),
    rule("sysDescr says router", r"\brouter\b", type="router", confidence=KEYWORD),
    rule(
        "sysDescr says access point",
        r"access point|\bwireless\b|\bWLAN\b|\bAP\b|\bWAP\d|Wireless LAN Controller"
        r"|^Cisco Controller$",
        type="wireless",
        confidence=KEYWORD,
    ),
    rule(
        "sysDescr names a printer",
        r"printer|printing|laserjet|officejet|\bMFP\b|bizhub|aficio|imageRUNNER|WorkCentre"
        r"|AltaLink|VersaLink|\blaser\b",
        type="printer",
        confidence=KEYWORD,
    ),
    rule("sysDescr says UPS", r"\bUPS\b|uninterruptible", type="ups", confidence=KEYWORD),
    rule("sysDescr says NAS", r"\bNAS\b", type="nas", confidence=KEYWORD),
    rule("sysDescr says camera", r"camera", type="other", confidence=KEYWORD),
)

#: standard MIBs whose presence states what a device is
MIB_RULES: tuple[Rule, ...] = (
    rule("UPS-MIB (RFC 1628) present", present="1.3.6.1.2.1.33", type="ups", confidence=0.8),
    rule("APC UPS subtree present", present=E + "318.1.1.1", type="ups", confidence=0.8),
    rule("CyberPower UPS subtree present", present=E + "3808.1.1.1", type="ups", confidence=0.8),
    rule("Eaton XUPS-MIB subtree present", present=E + "534.1", type="ups", confidence=0.8),
    rule(
        "Printer-MIB (RFC 3805) present", present="1.3.6.1.2.1.43", type="printer", confidence=0.8
    ),
    rule("IEEE 802.11 MIB present", present="1.2.840.10036", type="wireless", confidence=0.65),
)

#: subtrees worth one GETNEXT each: the MIB rules' roots plus vendor roots that
#: identify devices whose sysObjectID only names a generic agent
PROBE_SUBTREES: tuple[str, ...] = (
    "1.3.6.1.2.1.33",
    "1.3.6.1.2.1.43",
    "1.2.840.10036",
    E + "318.1.1.1",
    E + "3808.1.1.1",
    E + "534.1",
    E + "6574",
    E + "41112.1.4",
    E + "41112",
    E + "4555",
    E + "24681",
    E + "50536",
    E + "14988",
)
