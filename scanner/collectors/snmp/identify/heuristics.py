"""Device-type hints from the shape of the interface table and ipForwarding.

Weaker than anything the device says about itself, but they are what decides
for agents that only say "Linux ..." — such as a Linux box bridging ports,
which is a switch in everything but name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from scanner.collectors.snmp.mibs.iftypes import BRIDGE_TYPES, ETHERNET_TYPES, WIRELESS_TYPES
from scanner.inventory.model import Interface

#: interface names that come from containers/VMs on a host, not from a network box
_HOST_PLUMBING = re.compile(
    r"^(docker|veth|virbr|br-|cni|flannel|vmbr|vnet|tap|kube|cali|xenbr|xapi|vif)",
    re.IGNORECASE,
)
#: Linux agents (net-snmp) report a kernel bridge as ethernetCsmacd, so its name must tell
_BRIDGE_NAME = re.compile(r"^(br\d+|br-\w+|bridge\d*|vmbr\d+|virbr\d+|xenbr\d+|docker\d+)$")
MANY_PORTS = 8
#: Linux access points often report their radios as ethernetCsmacd: the driver's
#: interface names (wlan0, ath0, wifi0, ra0, wl0, ...) still tell
_RADIO_NAME = re.compile(r"^(wlan|ath|wifi|ra|rai|wl|wlp\w*|mlan|apcli|rax|wlx)\d", re.IGNORECASE)


def is_bridge(interface: Interface) -> bool:
    """A bridge by ifType, or by the conventional name of a Linux kernel bridge."""
    return interface.type in BRIDGE_TYPES or bool(_BRIDGE_NAME.match(interface.name))


def is_radio(interface: Interface) -> bool:
    """An 802.11 radio by ifType, or by a wireless driver's interface name."""
    return interface.type in WIRELESS_TYPES or bool(_RADIO_NAME.match(interface.name))


def radio_count(interfaces: Sequence[Interface]) -> int:
    return sum(1 for i in interfaces if is_radio(i))


def type_hints(
    interfaces: Sequence[Interface], forwarding: bool | None
) -> list[tuple[str, float, str]]:
    """``(type, confidence, evidence)`` claims derived from ifTable and ipForwarding."""
    bridge_names = [i.name for i in interfaces if is_bridge(i)]
    bridges = len(bridge_names)
    ethernet = sum(
        1 for i in interfaces if i.type in ETHERNET_TYPES and not is_bridge(i) and not is_radio(i)
    )
    radios = radio_count(interfaces)
    fwd = {True: "1 (forwarding)", False: "2 (not forwarding)", None: "unknown"}[forwarding]
    named = f" ({', '.join(bridge_names[:3])})" if bridge_names else ""
    shape = (
        f"ifTable: {ethernet} ethernet, {bridges} bridge{named}, {radios} 802.11; "
        f"ipForwarding {fwd}"
    )
    hints: list[tuple[str, float, str]] = []
    port_bridges = [n for n in bridge_names if not _HOST_PLUMBING.match(n)]
    if radios:  # an access point bridges its radios to its wired ports: not a switch
        hints.append(("wireless", 0.65, shape))
    elif port_bridges and ethernet >= 2 and forwarding is not True:
        hints.append(("switch", 0.5, shape))
    elif ethernet >= MANY_PORTS and forwarding is not True:
        hints.append(("switch", 0.4, shape))
    plumbing = any(_HOST_PLUMBING.match(i.name) for i in interfaces)
    if forwarding is True and not plumbing and ethernet < MANY_PORTS * 2:
        hints.append(("router", 0.5, shape))
    return hints
