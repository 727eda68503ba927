"""The basic SNMP collector: system group, interfaces, addresses, classification.

One module per MIB group (``system``, ``interfaces``, ``ipaddr``; later ENTITY,
LLDP, ...), each a pure ``parse(walk)`` over plain values; ``engine`` is the
only module that touches pysnmp.
"""

from __future__ import annotations

from scanner.collectors.snmp.classify import Classification, classify
from scanner.collectors.snmp.collector import COLLECTOR, probe
from scanner.collectors.snmp.engine import snmp_engine
from scanner.collectors.snmp.enterprises import vendor_for_oid
from scanner.collectors.snmp.system import SystemInfo

__all__ = ["COLLECTOR", "Classification", "SystemInfo", "classify", "probe", "snmp_engine",
           "vendor_for_oid"]
