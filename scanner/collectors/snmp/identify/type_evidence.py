"""Device-type evidence from standard MIBs: what the agent says it does, not who made it.

Each function reads one kind of evidence and returns ``(type, weight, evidence)``
hints; :mod:`.classify` adds them up with everything else.  Standard semantics only:

* LLDP-MIB lldpLocSysCapEnabled (IEEE 802.1AB): the capabilities the device
  advertises to its neighbours, bridge, router, WLAN access point, telephone.
* SNMPv2-MIB sysServices (RFC 3418): the OSI layers the device serves, a pure
  layer-2 or layer-3 box versus an end host.
* BRIDGE-MIB dot1dBasePortTable (RFC 4188): how many ports the agent bridges.
* ENTITY-MIB entPhysicalClass (RFC 6933): a chassis full of ``port`` entities.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from scanner.collectors.snmp.mibs import entity
from scanner.collectors.snmp.values import Walk, integer

Hint = tuple[str, float, str]

LLDP_CAP_ENABLED = "1.0.8802.1.1.2.1.3.6.0"
#: lldpSystemCapabilitiesMap bit -> name (bit 0 is the high bit of the first octet)
LLDP_CAPS = ("other", "repeater", "bridge", "wlanAccessPoint", "router", "telephone",
             "docsisCableDevice", "stationOnly")
BRIDGE_PORT = "1.3.6.1.2.1.17.1.4.1.1."
BRIDGE_NUM_PORTS = "1.3.6.1.2.1.17.1.2.0"
#: bridge ports that make a box a switch rather than a host or AP bridging two interfaces
SWITCH_PORTS = 5
SWITCH_ENTITY_PORTS = 8


def lldp_capabilities(walk: Walk) -> set[str]:
    """The capability names set in lldpLocSysCapEnabled (empty when not reported)."""
    raw = walk.get(LLDP_CAP_ENABLED)
    if not isinstance(raw, bytes) or not raw:
        return set()
    return {name for bit, name in enumerate(LLDP_CAPS) if raw[0] & (0x80 >> bit)}


def lldp_hints(walk: Walk) -> Iterable[Hint]:
    caps = lldp_capabilities(walk)
    if not caps:
        return
    said = f"LLDP lldpLocSysCapEnabled: {', '.join(sorted(caps))}"
    if "wlanAccessPoint" in caps:
        yield "wireless", 0.8, said
    elif "telephone" in caps:
        yield "other", 0.8, said + " (an IP phone)"
    elif "bridge" in caps:
        yield "switch", 0.65 if "router" not in caps else 0.5, said
    elif "router" in caps:
        yield "router", 0.6, said
    elif caps == {"stationOnly"}:
        yield "server", 0.3, said + " (an end station)"


def services_hints(services: int | None) -> Iterable[Hint]:
    """sysServices: 2 = datalink (bridges), 4 = internet (routers), 8/64 = hosts."""
    if services is None or services <= 0 or services > 127:
        return
    host = bool(services & (8 | 64))
    said = f"sysServices {services}"
    if services & 2 and not host and not services & 4:
        yield "switch", 0.5, said + " (layer 2 only)"
    elif services & 4 and not host and not services & 2:
        yield "router", 0.45, said + " (layer 3 only)"


def bridge_ports(walk: Walk) -> int:
    """dot1dBasePortTable rows, or dot1dBaseNumPorts when the table was not read."""
    rows = sum(1 for oid in walk if oid.startswith(BRIDGE_PORT))
    return rows or (integer(walk.get(BRIDGE_NUM_PORTS)) or 0)


def bridge_hints(walk: Walk, radios: int) -> Iterable[Hint]:
    ports = bridge_ports(walk)
    if ports >= SWITCH_PORTS and not radios:
        yield "switch", 0.6, f"BRIDGE-MIB bridges {ports} ports"


def entity_hints(rows: list[entity.Entity], radios: int, ethernet: int = 0) -> Iterable[Hint]:
    """Many port entities; not counted again when ifTable already showed the ports."""
    ports = sum(1 for e in rows if e.cls == "port")
    if ports >= SWITCH_ENTITY_PORTS and not radios and ethernet < SWITCH_ENTITY_PORTS:
        yield "switch", 0.5, f"ENTITY-MIB lists {ports} port entities"


#: "48-Port Gigabit Switch", "24-port 10/100", "48 GE POE ports": a port count in sysDescr
_PORT_COUNT = re.compile(r"\b(\d{1,3})[- ]?(?:port\b|ports\b|x ?GE\b|GE\b)", re.IGNORECASE)
DESCR_PORTS = 5


def descr_port_hints(descr: str) -> Iterable[Hint]:
    """A device that counts its ports in its own description is a switch."""
    counts = [int(m.group(1)) for m in _PORT_COUNT.finditer(descr)]
    if counts and max(counts) >= DESCR_PORTS:
        yield "switch", 0.6, f"sysDescr counts {max(counts)} ports"


#: what a chassis entity's own description says it is (ENTITY-MIB entPhysicalDescr/Name)
_CHASSIS_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("wireless", re.compile(r"access point|\bWLAN\b|wireless|\bAP\b", re.IGNORECASE)),
    ("switch", re.compile(r"\bswitch\b", re.IGNORECASE)),
    ("router", re.compile(r"\brouter\b", re.IGNORECASE)),
    ("firewall", re.compile(r"firewall|security appliance", re.IGNORECASE)),
    ("ups", re.compile(r"\bUPS\b")),
    ("printer", re.compile(r"printer", re.IGNORECASE)),
)


def chassis_hints(every: list[entity.Entity]) -> Iterable[Hint]:
    """The kind of device the chassis entity's description names ("... 48-port Switch")."""
    rows = entity.chassis(every)
    if not rows:
        return
    said = f"{rows[0].description} {rows[0].name}"
    for kind, pattern in _CHASSIS_WORDS:
        match = pattern.search(said)
        if match:
            where = rows[0].description[:60]
            yield kind, 0.6, f"ENTITY-MIB chassis says {match.group(0)!r} ({where})"
            return


def hints(
    walk: Walk,
    services: int | None,
    radios: int,
    ethernet: int = 0,
    rows: list[entity.Entity] | None = None,
) -> list[Hint]:
    """Every standard-MIB type hint for one agent (``ethernet``: ifTable's port count;
    ``rows``: its ENTITY-MIB rows when the caller already parsed them)."""
    rows = entity.rows(walk) if rows is None else rows
    return [
        *lldp_hints(walk),
        *services_hints(services),
        *bridge_hints(walk, radios),
        *entity_hints(rows, radios, ethernet),
        *chassis_hints(rows),
    ]

