"""The SNMP collector: what an agent says about itself and its neighbours.

Three subpackages, each with one job:

* ``transport``: getting values off an agent.  ``engine`` sends every request:
  communities over IPv4 through the project's own v1/v2c codec (``wire``, no
  pysnmp), SNMPv3 and IPv6 through pysnmp (``auth``, ``bulkwalk``); ``login``
  tries the credentials in order.
* ``mibs``: one module per MIB or MIB group (system, interfaces, addresses, ENTITY,
  LLDP, CDP, BRIDGE, HOST-RESOURCES, UPS, printer ...), each a pure ``parse`` over
  plain walked values.
* ``identify``: what the device is (vendor, type, model, OS, version, serial), from
  weighted claims with their evidence.

``collector.probe`` ties them together for one target.
"""

from __future__ import annotations

from scanner.collectors.snmp.collector import COLLECTOR, probe
from scanner.collectors.snmp.identify.classify import Classification, classify
from scanner.collectors.snmp.identify.enterprises import vendor_for_oid
from scanner.collectors.snmp.mibs.system import SystemInfo
from scanner.collectors.snmp.transport.engine import snmp_engine

__all__ = ["COLLECTOR", "Classification", "SystemInfo", "classify", "probe", "snmp_engine",
           "vendor_for_oid"]
