"""Product rules for power, printers, storage, hypervisors and general-purpose OSes."""

from __future__ import annotations

from scanner.collectors.snmp.identify.rule import OS_DEFAULT, E, Rule, rule

OTHER_RULES: tuple[Rule, ...] = (
    # power
    rule("APC Rack PDU", r"MN:(?P<model>AP[78]\w+)", oid=E + "318", os="APC AOS", type="other"),
    rule("APC Rack PDU firmware", r"_rpdu", oid=E + "318", os="APC AOS", type="other"),
    rule("APC PDU sysObjectID", oid=E + "318.1.3.4", os="APC AOS", type="other"),
    rule(
        "APC management card",
        r"(?:AOS |PF:)v(?P<version>\d[^\s/]*)",
        oid=E + "318",
        os="APC AOS",
        confidence=0.8,
    ),
    rule("Generex CS121/CS141", r"\bCS1[24]1\b|Generex", vendor="Generex", type="ups"),
    rule("Tripp Lite PowerAlert", r"PowerAlert", vendor="Tripp Lite", os="PowerAlert"),
    rule("Eaton sysDescr", r"^Eaton (?P<model>[^,:;]+?)(?:\s+IN\b|\s*[,:;]|$)", vendor="Eaton"),
    # printers
    rule("Brother sysDescr", r"^Brother", vendor="Brother", type="printer"),
    rule(
        "Ricoh sysDescr",
        r"RICOH (?P<model>.+?) (?P<version>\d[\d.]+) /",
        vendor="Ricoh",
        type="printer",
    ),
    rule(
        "Konica Minolta sysDescr",
        r"KONICA MINOLTA (?P<model>.+)",
        vendor="Konica Minolta",
        type="printer",
    ),
    rule("Xerox sysDescr", r"^Xerox (?P<model>[^;]+)", vendor="Xerox", type="printer"),
    rule("Kyocera sysDescr", r"KYOCERA", vendor="Kyocera", type="printer"),
    # storage and hypervisors
    rule(
        "Synology sysDescr",
        r"Synology|DiskStation|RackStation",
        vendor="Synology",
        os="DSM",
        type="nas",
    ),
    rule(
        "Synology subtree present",
        present=E + "6574",
        vendor="Synology",
        os="DSM",
        type="nas",
        confidence=0.8,
    ),
    rule("QNAP sysObjectID", oid=E + "24681", vendor="QNAP", os="QTS", type="nas"),
    rule(
        "TrueNAS SCALE sysDescr",
        r"TrueNAS-SCALE-(?P<version>\d[\w.-]*?)\.? ",
        vendor="iXsystems",
        os="TrueNAS SCALE",
        type="nas",
    ),
    rule(
        "TrueNAS sysDescr",
        r"(TrueNAS|FreeNAS)-(?P<version>[\w.-]+)",
        vendor="iXsystems",
        os="TrueNAS",
        type="nas",
    ),
    rule(
        "VMware ESXi sysDescr",
        r"VMware ESXi (?P<version>\S+)",
        vendor="VMware",
        os="ESXi",
        type="hypervisor",
    ),
    rule(
        "Proxmox VE kernel",
        r"\bPVE\b|-pve\b|Proxmox",
        vendor="Proxmox",
        os="Proxmox VE",
        type="hypervisor",
    ),
    rule("XCP-ng/XenServer", r"XCP-ng|XenServer|Citrix Hypervisor", os="XCP-ng", type="hypervisor"),
    rule("Nutanix AOS", r"Nutanix", vendor="Nutanix", os="Nutanix AOS", type="hypervisor"),
    rule(
        "Axis camera sysDescr",
        r"AXIS (?P<model>\S+); Network Camera; (?P<version>[\d.]+)",
        vendor="Axis",
        os="AXIS OS",
        type="other",
    ),
    # general-purpose operating systems: weak type hints, overruled by anything specific
    rule(
        "Windows sysDescr",
        r"Software: Windows(?: Version (?P<version>[\d.]+))?",
        vendor="Microsoft",
        os="Windows",
        type="server",
        confidence=0.6,
    ),
    rule(
        "Linux sysDescr",
        # not on a MIPS CPU: those are routers and access points (see agent_os)
        r"^Linux (?:(?!\d+\.\d)\S+ )?(?P<version>\d+\.\d+[^\s,;]*)(?!.*\smips\w*\s*$)",
        os="Linux",
        type="server",
        confidence=OS_DEFAULT,
    ),
    rule("Linux sysDescr", r"^Linux\b", vendor="Linux", confidence=0.3),
    rule(
        "TrueNAS/FreeNAS hardware in sysDescr",
        r"(?:TrueNAS|FreeNAS).*Hardware: (?P<model>.+?)\.? Software:",
        confidence=0.4,
    ),
    rule(
        "CPU architecture ending a Unix sysDescr (no product name available)",
        r"\s(?P<model>x86_64|amd64|i[3-6]86|aarch64|arm64|armv\d\w*|mips\w*|ppc\w*)$",
        confidence=0.3,
    ),
    rule(
        "OpenBSD/NetBSD sysDescr release",
        r"^(?:OpenBSD|NetBSD) \S+ (?P<version>\d[\w.]*)",
        confidence=OS_DEFAULT,
    ),
    rule(
        "FreeBSD sysDescr",
        r"FreeBSD (?P<version>\S+)",
        os="FreeBSD",
        type="server",
        confidence=OS_DEFAULT,
    ),
)
