"""The nmap collector: host discovery, port/service/OS scans and DHCP discovery.

python-nmap's nested dicts are parsed once inside this package; callers see only
:class:`~scanner.inventory.sighting.CollectorResult` and
:class:`~scanner.inventory.sighting.Sighting`.
"""

from __future__ import annotations

from scanner.collectors.nmap.api import dhcp_discover, discover, scan_ports
from scanner.collectors.nmap.parse import parse_xml
from scanner.collectors.nmap.profiles import PROFILES, NmapProfile
from scanner.collectors.nmap.runner import COLLECTOR, nmap_version

__all__ = [
    "COLLECTOR",
    "PROFILES",
    "NmapProfile",
    "dhcp_discover",
    "discover",
    "nmap_version",
    "parse_xml",
    "scan_ports",
]
