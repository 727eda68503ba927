"""Windows' SNMP service: release name from the build number, CPU family as hardware.

The Windows agent's sysDescr is "Hardware: <PROCESSOR_IDENTIFIER> - Software:
Windows Version <NT version> (Build <n> ...)", and its sysObjectID tells a
workstation (311.1.1.3.1.1) from a server (.1.2) or a domain controller (.1.3).
The build number names the release (Microsoft's published release tables).
"""

from __future__ import annotations

import re

from scanner.collectors.snmp import oids
from scanner.collectors.snmp.identify.vendors.base import ARCHITECTURE, Fact, facts, value
from scanner.collectors.snmp.values import Walk, oid_text

WORKSTATION = "1.3.6.1.4.1.311.1.1.3.1.1"
#: also the NT 3.51/4.0/2000 form: "Windows NT Version 4.0  (Build Number: 1381 ..."
_DESCR = re.compile(
    r"Hardware: (?P<cpu>\S+).*Windows(?: NT| 2000)? Version (?P<nt>[\d.]+)\s+"
    r"\(Build(?: Number:)? (?P<build>\d+)"
)
#: build -> release, from Microsoft's Windows Server / Windows release information pages
SERVER_BUILDS = {
    1057: "NT Server 3.51",
    1381: "NT Server 4.0",
    2195: "2000 Server",
    3790: "Server 2003",
    6001: "Server 2008",
    6002: "Server 2008 SP2",
    6003: "Server 2008 SP2",
    7600: "Server 2008 R2",
    7601: "Server 2008 R2 SP1",
    9200: "Server 2012",
    9600: "Server 2012 R2",
    14393: "Server 2016 (1607)",
    17763: "Server 2019 (1809)",
    20348: "Server 2022 (21H2)",
    26100: "Server 2025 (24H2)",
}
CLIENT_BUILDS = {
    1057: "NT 3.51 Workstation",
    1381: "NT 4.0 Workstation",
    2195: "2000 Professional",
    2600: "XP",
    6000: "Vista",
    6001: "Vista SP1",
    6002: "Vista SP2",
    7600: "7",
    7601: "7 SP1",
    9200: "8",
    9600: "8.1",
    10240: "10 (1507)",
    10586: "10 (1511)",
    14393: "10 (1607)",
    15063: "10 (1703)",
    16299: "10 (1709)",
    17134: "10 (1803)",
    17763: "10 (1809)",
    18362: "10 (1903)",
    18363: "10 (1909)",
    19041: "10 (2004)",
    19042: "10 (20H2)",
    19043: "10 (21H1)",
    19044: "10 (21H2)",
    19045: "10 (22H2)",
    22000: "11 (21H2)",
    22621: "11 (22H2)",
    22631: "11 (23H2)",
    26100: "11 (24H2)",
}
#: PROCESSOR_IDENTIFIER's first word -> the architecture Windows calls it
_CPU = {"intel64": "Intel x64", "amd64": "AMD x64", "x86": "x86", "arm64": "ARM64"}


def release(build: int, nt: str, workstation: bool) -> str:
    """ "Server 2019 (1809)", or for releases before 10 "Server 2008 R2 SP1 (NT 6.1)"."""
    name = (CLIENT_BUILDS if workstation else SERVER_BUILDS).get(build)
    if name is None:
        return ""
    return name if "(" in name else f"{name} (NT {nt})"


def parse(walk: Walk) -> list[Fact]:
    found = _DESCR.search(value(walk, oids.SYS_DESCR, 512))
    if not found:
        return []
    workstation = oid_text(walk.get(oids.SYS_OBJECT_ID)) == WORKSTATION
    name = release(int(found["build"]), found["nt"], workstation)
    return facts("Windows build number in sysDescr", 0.7, os_version=name) + facts(
        "Windows sysDescr processor identifier",
        ARCHITECTURE,
        model=_CPU.get(found["cpu"].lower(), ""),
    )
