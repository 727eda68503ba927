"""Product rules for network gear: switches, routers, firewalls, access points."""

from __future__ import annotations

from scanner.collectors.snmp.identify.rule import E, Rule, rule

#: a sysDescr that names the exact product ("EdgeSwitch 24-Port 250W") beats the
#: ENTITY-MIB family code ("UBNT-ES24")
NAMES_PRODUCT = 0.95

_CISCO_SWITCH = (
    r"C(2960|3560|3650|3750|3850|4500|6500|9[2-6]00)\w*|Catalyst|CAT[39]K|\bIE-?\d|switch"
)
_CISCO_ROUTER = (
    r"\bISR|\bASR|C1100|C8[0-9]{3}|\bIR\d{3,4}|CSR1000"
    r"|C(8[0-9]{2}|19[0-9]{2}|29[0-9]{2}|39[0-9]{2}) Software|router"
)

#: network-gear rules, most specific first
NETWORK_RULES: tuple[Rule, ...] = (
    # Cisco
    rule(
        "Cisco Firepower Threat Defense sysDescr (FTD runs ASA code, but is its own OS)",
        r"Firepower Threat Defense, Version (?P<version>[^,]+)",
        oid=E + "9",
        os="Cisco FTD",
        type="firewall",
    ),
    rule(
        "Cisco ASA sysDescr",
        r"Adaptive Security Appliance.*Version (?P<version>\S+)|Firepower",
        oid=E + "9",
        os="Cisco ASA",
        type="firewall",
    ),
    rule(
        "Cisco wireless controller sysDescr",
        r"AIR-CT|Wireless LAN Controller|Business Wireless",
        oid=E + "9",
        os="Cisco WLC",
        type="wireless",
    ),
    rule(
        "Cisco AireOS controller sysDescr ('Cisco Controller', also under Airespace's 14179)",
        r"^Cisco Controller$",
        vendor="Cisco",
        os="Cisco WLC",
        type="wireless",
    ),
    rule("Cisco Small Business WAP", r"\bWAP\d", oid=E + "9", type="wireless"),
    rule(
        "Cisco Small Business sysObjectID",
        oid=E + "9.6.1",
        os="Cisco Small Business",
        confidence=0.8,
    ),
    rule(
        # CAT3K_CAA: the Catalyst 3850/3650 image, which exists only as IOS-XE (3.x images
        # report an IOS 15.x train, e.g. "Version 15.0(1)EX3", in a classic IOS banner)
        "Cisco IOS-XE sysDescr",
        r"IOS Software \[|IOS-?XE|IOSD|\(CAT3K_CAA-",
        oid=E + "9",
        os="Cisco IOS-XE",
    ),
    rule("Cisco NX-OS sysDescr", r"NX-OS", oid=E + "9", os="Cisco NX-OS", type="switch"),
    rule("Cisco IOS sysDescr", r"IOS Software|IOS \(tm\)", oid=E + "9", os="Cisco IOS"),
    rule("Cisco IOS version", r"Version (?P<version>[^\s,]+)", oid=E + "9", confidence=0.8),
    rule("Cisco switch software in sysDescr", _CISCO_SWITCH, oid=E + "9", type="switch"),
    rule("Cisco router software in sysDescr", _CISCO_ROUTER, oid=E + "9", type="router"),
    rule(
        "Meraki MR access point",
        r"(?P<model>Meraki (?:MR\d*\w*|\S+(?= Cloud Managed AP)))",
        type="wireless",
        vendor="Cisco",
        os="Meraki",
    ),
    rule(
        "Meraki MS switch",
        r"(?P<model>Meraki MS\d*[\w-]*)",
        type="switch",
        vendor="Cisco",
        os="Meraki",
    ),
    rule(
        "Meraki MX/Z appliance",
        r"(?P<model>Meraki (MX|Z)\d\w*)",
        type="firewall",
        vendor="Cisco",
        os="Meraki",
    ),
    # HP / Aruba
    rule(
        "HP ProCurve/Aruba switch sysDescr",
        r"(?:HP|Aruba) (?P<model>J\w+ \S+)",
        oid=E + "11.2.3.7",
        vendor="HPE Aruba",
        os="ProCurve",
        type="switch",
    ),
    rule(
        "HP ProCurve/Aruba switch revision",
        r"revision (?P<version>[^,\s]+)",
        oid=E + "11.2.3.7",
        vendor="HPE Aruba",
        os="ProCurve",
        type="switch",
    ),
    rule(
        "HP ProCurve/Aruba switch sysObjectID",
        oid=E + "11.2.3.7",
        vendor="HPE Aruba",
        os="ProCurve",
        type="switch",
    ),
    rule(
        "HP JetDirect product id in sysDescr",
        r"PID:(?P<model>[^,;]+)",
        oid=E + "11",
        vendor="HP",
        os="JetDirect",
        type="printer",
    ),
    rule(
        "HP JetDirect sysDescr",
        r"JETDIRECT|MULTI-ENVIRONMENT",
        oid=E + "11",
        vendor="HP",
        os="JetDirect",
        type="printer",
    ),
    rule(
        "HP JetDirect print server named in sysDescr (an external JetDirect box keeps its "
        "printer's or its own OEM sysObjectID)",
        r"\bJETDIRECT\b",
        os="JetDirect",
        type="printer",
        confidence=0.8,
    ),
    rule(
        "ArubaOS-CX sysObjectID",
        r"(?:^|\s)(?P<version>[A-Z]{2}\.\d+\.\d+\.\d+)\b",
        oid=E + "47196",
        vendor="HPE Aruba",
        os="ArubaOS-CX",
        type="switch",
    ),
    rule(
        "ArubaOS-CX sysObjectID",
        oid=E + "47196",
        vendor="HPE Aruba",
        os="ArubaOS-CX",
        type="switch",
        confidence=0.85,
    ),
    rule(
        "ArubaOS sysDescr",
        r"ArubaOS \(MODEL: (?P<model>[^)]+)\), Version (?P<version>\S+)",
        vendor="HPE Aruba",
        os="ArubaOS",
        type="wireless",
    ),
    rule(
        "HPE iLO sysDescr",
        r"Integrated Lights-Out(?: \d+ (?P<version>\d[\d.]*))?",
        vendor="HPE",
        os="iLO",
        type="other",
    ),
    # Ubiquiti
    rule(
        "EdgeOS sysDescr",
        r"^EdgeOS v?(?P<version>\S+)",
        vendor="Ubiquiti",
        os="EdgeOS",
        type="router",
    ),
    rule(
        "EdgeSwitch sysDescr",
        r"^(?P<model>EdgeSwitch[^,]*), (?P<version>[\d.]+)",
        vendor="Ubiquiti",
        os="EdgeSwitch",
        type="switch",
        confidence=NAMES_PRODUCT,
    ),
    rule(
        "UniFi switch sysDescr",
        r"^(?:UBNT )?(?P<model>USW[^,]*|US-?\d[^,\s]*)[^,]*, (?:firmware )?"
        r"(?P<version>\d[\d.]+)",
        vendor="Ubiquiti",
        os="EdgeSwitch",
        type="switch",
        confidence=NAMES_PRODUCT,
    ),
    rule(
        "UniFi AP sysDescr",
        r"^(?P<model>U(AP|6|7)[-\w]*)\s+(?P<version>\d\S*)",
        vendor="Ubiquiti",
        os="UniFi",
        type="wireless",
    ),
    rule(
        "airMAX subtree present",
        present=E + "41112.1.4",
        vendor="Ubiquiti",
        os="airOS",
        type="wireless",
        confidence=0.8,
    ),
    # MikroTik
    rule(
        "MikroTik SwOS sysDescr",
        r"^(?P<model>\S+) SwOS v(?P<version>\S+)",
        vendor="MikroTik",
        os="SwOS",
        type="switch",
    ),
    rule("MikroTik SwOS sysObjectID", oid=E + "14988.2", os="SwOS", type="switch", confidence=0.85),
    rule("MikroTik CRS switch", r"RouterOS (?P<model>CRS\S*)", oid=E + "14988", type="switch"),
    rule("MikroTik RouterOS sysDescr", r"RouterOS (?P<model>\S+)", oid=E + "14988", os="RouterOS"),
    rule(
        "MikroTik RouterOS sysObjectID",
        oid=E + "14988.1",
        os="RouterOS",
        type="router",
        confidence=0.8,
    ),
    # firewalls
    rule("FortiGate sysObjectID", oid=E + "12356.101", os="FortiOS", type="firewall"),
    rule("FortiSwitch sysObjectID", oid=E + "12356.106", os="FortiSwitchOS", type="switch"),
    rule(
        "SonicWall sysDescr",
        r"SonicWALL (?P<model>[^(]+?) \(SonicOS (?P<version>[^)]+)\)|SonicWALL",
        vendor="SonicWall",
        os="SonicOS",
        type="firewall",
    ),
    rule(
        "Palo Alto sysDescr",
        r"Palo Alto Networks (?P<model>PA-\S+)",
        oid=E + "25461",
        os="PAN-OS",
        type="firewall",
    ),
    rule("Palo Alto sysObjectID", oid=E + "25461", os="PAN-OS", type="firewall"),
    rule(
        "WatchGuard model",
        r"^(?P<model>(XTM|Firebox|T|M)\d\S*)",
        oid=E + "3097",
        os="Fireware",
        type="firewall",
    ),
    rule("WatchGuard sysObjectID", oid=E + "3097", os="Fireware", type="firewall"),
    rule("Sophos sysObjectID", oid=E + "2604", os="SFOS", type="firewall"),
    rule(
        # Sophos UTM (ex Astaro Security Gateway) answers with net-snmp's plain Linux
        # sysDescr; its kernel is Astaro's own build, release "<upstream>-<n>.g<git hash>
        # [.rb<n>]-smp64" (flavour smp64), e.g. "3.8.13.27-0.176377654.gd7350fc-smp64" on
        # UTM 9.208 (uname -a in https://www.anquanke.com/post/id/222277)
        "Sophos UTM kernel build (Astaro '-smp64' flavour with a git-hash release)",
        r"^Linux \S+ \d+\.\d+\.\d+[\w.-]*\.g[0-9a-f]{7}[\w.]*-smp(?:64)? ",
        vendor="Sophos",
        os="Sophos UTM",
        type="firewall",
    ),
    rule(
        "Zyxel firewall model",
        r"^(?P<model>(USG|ZyWALL|ATP|VPN|FLEX)\S*)",
        oid=E + "890",
        os="ZyWALL",
        type="firewall",
    ),
    rule(
        "Zyxel switch model",
        r"^(?P<model>(GS|XGS|XS|MGS)\d\S*)",
        oid=E + "890",
        os="ZyNOS",
        type="switch",
    ),
    rule(
        "pfSense sysDescr",
        r"pfSense (?:\S+ )?(?P<version>\d\S*)|pfSense",
        vendor="Netgate",
        os="pfSense",
        type="firewall",
    ),
    rule(
        "OPNsense sysDescr",
        r"OPNsense \S+ (?P<version>\d\S*)|OPNsense",
        vendor="Deciso",
        os="OPNsense",
        type="firewall",
    ),
    rule("Check Point sysObjectID", oid=E + "2620", os="Gaia", type="firewall"),
    # routers
    rule(
        "DrayTek sysDescr",
        r"DrayTek.*Model: (?P<model>[^,]+), Version: (?P<version>[^,]+)|DrayTek|Vigor",
        vendor="DrayTek",
        os="DrayOS",
        type="router",
    ),
    rule("OpenWrt sysDescr", r"OpenWrt|LEDE", vendor="OpenWrt", os="OpenWrt", type="router"),
    rule("DD-WRT sysDescr", r"DD-WRT", vendor="DD-WRT", os="DD-WRT", type="router"),
    # switches
    rule("Juniper Junos version", r"JUNOS (?P<version>[^\s,]+)", oid=E + "2636", os="Junos"),
    rule(
        "Juniper sysDescr names its Junos kernel (even with a broken sysObjectID)",
        r"^Juniper Networks, Inc\..*\bkernel JUNOS (?P<version>[^\s,]+)",
        vendor="Juniper",
        os="Junos",
        confidence=0.8,
    ),
    rule(
        "Juniper product sysObjectID (JUNIPER-CHASSIS-DEFINES-MIB jnxProductName: Junos devices)",
        oid=E + "2636.1.1.1",
        os="Junos",
        confidence=0.6,
    ),
    rule("Juniper SRX", r"\bsrx\d", oid=E + "2636", type="firewall"),
    rule(
        "ExtremeXOS platform and release in sysDescr",
        r"^ExtremeXOS(?: \(\w+\))? \((?P<model>[\w-]+)\) version (?P<version>\S+)",
        oid=E + "1916",
    ),
    rule("Juniper EX/QFX", r"\b(ex|qfx)\d", oid=E + "2636", type="switch"),
    rule(
        "Dell PowerConnect sysObjectID",
        oid=E + "674.10895",
        vendor="Dell",
        os="PowerConnect",
        type="switch",
    ),
    rule(
        "Dell Networking OS series and release in sysDescr",
        r"Application Software Version: (?P<version>\S+)\s+Series: (?P<model>\S+)",
        oid=E + "6027",
        confidence=NAMES_PRODUCT,
    ),
    rule(
        "Dell OS10 sysDescr (SmartFabric / Networking OS10: not the older FTOS-based DNOS)",
        r"\bOS10\b",
        oid=E + "674",
        vendor="Dell",
        os="OS10",
        type="switch",
    ),
    rule(
        "Dell Networking OS",
        r"Dell (EMC )?Networking OS|OS10|Force10",
        vendor="Dell",
        os="DNOS",
        type="switch",
    ),
    rule(
        "Netgear model",
        r"^(?P<model>[A-Z]{2,4}\d{3,}\w*)\s.*?, (?P<version>\d[\d.]+)",
        oid=E + "4526",
        os="Netgear",
    ),
    rule("TP-Link Omada/JetStream", r"Omada|JetStream", oid=E + "11863", os="JetStream"),
    # wireless
    rule("Ruckus sysDescr", r"Ruckus Wireless (?P<model>\S+)", vendor="Ruckus", type="wireless"),
    rule("Ruckus sysObjectID", oid=E + "25053", os="Ruckus", type="wireless", confidence=0.8),
    rule(
        "HiveOS sysDescr",
        r"^(?P<model>AP\w+), HiveOS (?P<version>\S+)",
        vendor="Aerohive",
        os="HiveOS",
        type="wireless",
    ),
)
