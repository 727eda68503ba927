"""The basic SNMP collector: system group, interfaces, addresses, classification.

One module per MIB group (``system``, ``interfaces``, ``ipaddr``; later ENTITY,
LLDP, ...), each a pure ``parse(walk)`` over plain values; ``engine`` is the
only module that touches pysnmp.
"""

from __future__ import annotations

from scanner.collectors.snmp.collector import COLLECTOR, probe
from scanner.collectors.snmp.identify.classify import Classification, classify
from scanner.collectors.snmp.identify.enterprises import vendor_for_oid
from scanner.collectors.snmp.mibs.system import SystemInfo
from scanner.collectors.snmp.transport.engine import snmp_engine

__all__ = ["COLLECTOR", "Classification", "SystemInfo", "classify", "probe", "snmp_engine",
           "vendor_for_oid"]
