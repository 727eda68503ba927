"""IANAifType-MIB numbers -> names, for the interface types offices actually have.

Unknown numbers are kept as ``"iftype-<n>"`` so nothing is silently dropped.
"""

from __future__ import annotations

IF_TYPES: dict[int, str] = {
    1: "other",
    6: "ethernetCsmacd",
    7: "iso88023Csmacd",
    22: "propPointToPointSerial",
    23: "ppp",
    24: "softwareLoopback",
    32: "frameRelay",
    37: "atm",
    53: "propVirtual",
    62: "fastEther",
    69: "fastEtherFX",
    71: "ieee80211",
    94: "adsl",
    108: "pppMultilinkBundle",
    117: "gigabitEthernet",
    131: "tunnel",
    135: "l2vlan",
    136: "l3ipvlan",
    142: "ipForward",
    150: "mplsTunnel",
    161: "ieee8023adLag",
    166: "mpls",
    169: "shdsl",
    209: "bridge",
    244: "wwanPP2",
    249: "aluELP",
    251: "vdsl2",
    259: "ieee80216WMAN",
}

ETHERNET_TYPES = frozenset(
    {"ethernetCsmacd", "iso88023Csmacd", "fastEther", "fastEtherFX", "gigabitEthernet"}
)
WIRELESS_TYPES = frozenset({"ieee80211"})
BRIDGE_TYPES = frozenset({"bridge"})

STATUS: dict[int, str] = {
    1: "up",
    2: "down",
    3: "testing",
    4: "unknown",
    5: "dormant",
    6: "notPresent",
    7: "lowerLayerDown",
}


def if_type_name(number: int | None) -> str:
    if number is None:
        return ""
    return IF_TYPES.get(number, f"iftype-{number}")
