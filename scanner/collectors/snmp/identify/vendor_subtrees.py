"""Which enterprise MIBs a generic agent implements: the maker behind a net-snmp box.

A Check Point firewall, an Opengear console server or a UPS card often answers
with net-snmp's sysObjectID (8072), but it also serves its maker's own MIB.  A
GETNEXT from ``1.3.6.1.4.1.<n+1>`` lands in the next enterprise subtree the agent
implements, so a few requests list them all in order.  Only agents whose
sysObjectID names no maker are asked, and the hops are bounded: the collector's
speed is benchmarked.
"""

from __future__ import annotations

from scanner.collectors.snmp import oids
from scanner.collectors.snmp.identify.enterprises import enterprise_number, is_generic_agent
from scanner.collectors.snmp.transport.engine import SnmpSession
from scanner.collectors.snmp.values import Walk, oid_text

#: GETNEXT hops per agent (each finds one more enterprise subtree)
MAX_HOPS = 4


def wanted(walk: Walk) -> bool:
    """Only agents whose sysObjectID is missing or names a generic agent."""
    return is_generic_agent(oid_text(walk.get(oids.SYS_OBJECT_ID)))


async def implemented(session: SnmpSession, hops: int = MAX_HOPS) -> set[str]:
    """Roots ``1.3.6.1.4.1.<n>`` of the enterprise subtrees the agent serves (in the
    first ``hops``), found by GETNEXT jumps from one subtree to the next."""
    found: set[str] = set()
    cursor = oids.ENTERPRISES
    for _ in range(hops):
        answer = await session.get_next_after(cursor, oids.ENTERPRISES)
        number = enterprise_number(answer[0]) if answer else None
        if number is None:
            break
        found.add(f"{oids.ENTERPRISES}.{number}")
        cursor = f"{oids.ENTERPRISES}.{number + 1}"
    return found
