"""The OS a net-snmp agent was built for, from its sysObjectID.

net-snmp reports ``1.3.6.1.4.1.8072.3.2.<n>`` (NET-SNMP-TC ``netSnmpAgentOIDs``)
where ``n`` names the platform it was compiled for.  That says the OS even when
sysDescr is a custom string ("Something") and, for a box with nothing else to
say, that it is a general-purpose host: a weak server hint that any appliance
evidence outweighs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from scanner.collectors.snmp.oids import is_under

NET_SNMP_AGENT = "1.3.6.1.4.1.8072.3.2"
AGENT_OS_CONFIDENCE = 0.5
HOST_TYPE = 0.3
#: NET-SNMP-TC netSnmpAgentOIDs
AGENT_OIDS = {
    1: "HP-UX", 2: "SunOS", 3: "Solaris", 4: "OSF/1", 5: "Ultrix", 6: "HP-UX", 7: "NetBSD",
    8: "FreeBSD", 9: "IRIX", 10: "Linux", 11: "BSD/OS", 12: "OpenBSD", 13: "Windows",
    14: "HP-UX", 15: "AIX", 16: "macOS", 17: "DragonFly BSD",
}
#: a sysDescr ending in a MIPS architecture or a networking SoC's platform name (Qualcomm
#: IPQ/QCA, MediaTek MT7xxx, Atheros ath79): no server or desktop ships those, while
#: consumer and SMB routers, gateways and access points (OpenWrt, DD-WRT, EdgeRouter,
#: UniFi gateways) do
_EMBEDDED_ARCH = re.compile(
    r"\s(mips\w*|ipq\d{4}\w*|qca\d{4}\w*|mt7[56]\d{2}\w*|ath79)\s*$", re.IGNORECASE
)
EMBEDDED_TYPE = 0.32


def claims(sys_object_id: str, descr: str = "") -> Iterable[tuple[str, str, float, str]]:
    """(field, value, confidence, evidence) from a net-snmp agent OID (and, for the
    general-purpose-host hint, the CPU architecture its sysDescr ends with)."""
    oid = sys_object_id.lstrip(".")
    if not is_under(oid, NET_SNMP_AGENT) or oid == NET_SNMP_AGENT:
        return
    tail = oid[len(NET_SNMP_AGENT) + 1:].split(".", 1)[0]
    name = AGENT_OIDS.get(int(tail)) if tail.isdigit() else None
    if name is None:
        return
    why = f"sysObjectID {oid} is net-snmp's agent for {name} (NET-SNMP-TC)"
    yield "os", name, AGENT_OS_CONFIDENCE, why
    embedded = _EMBEDDED_ARCH.search(descr)
    if embedded:
        chip = embedded.group(1)
        yield "type", "router", EMBEDDED_TYPE, (why + f" on a {chip} CPU or SoC, which "
                                                "routers and access points use, not servers")
    else:
        yield "type", "server", HOST_TYPE, why + ", a general-purpose host"
