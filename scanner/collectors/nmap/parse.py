"""nmap -oX XML -> Sightings, parsed once (python-nmap's analyser plus xmlextras)."""

from __future__ import annotations

from typing import Any

import nmap

from scanner.collectors.nmap import hosts, xmlextras
from scanner.errors import InputFileError
from scanner.inventory.sighting import Sighting


def analyse(xml: str | bytes) -> dict[str, Any]:
    """python-nmap's dict for ``xml`` without needing nmap installed.

    ``PortScanner()`` runs ``nmap -V`` in its constructor; the analyser itself only
    reads the XML, so it is called on an instance that skipped the constructor.  That
    lets recorded fixtures be parsed on a machine with no nmap.
    """
    text = xml.decode("utf-8", "replace") if isinstance(xml, bytes) else xml
    analyser = object.__new__(nmap.PortScanner)
    analyser._nmap_last_output = ""
    try:
        result: dict[str, Any] = analyser.analyse_nmap_xml_scan(nmap_xml_output=text)
    except (nmap.PortScannerError, AttributeError) as exc:
        raise InputFileError(f"not nmap XML output: {str(exc)[:120]}") from None
    return result


def sightings_from(parsed: dict[str, Any], xml: str) -> list[Sighting]:
    """One Sighting per host nmap reports up, in address order."""
    extras = xmlextras.service_extras(xml)
    found = []
    for ip, host in (parsed.get("scan") or {}).items():
        if (host.get("status") or {}).get("state", "up") != "up":
            continue
        found.append(hosts.sighting(ip, host, extras))
    return sorted(found, key=lambda s: _sort_key(s.ips[0] if s.ips else ""))


def _sort_key(ip: str) -> tuple[int, ...]:
    parts = ip.split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else (999,)


def parse_xml(xml: str | bytes) -> list[Sighting]:
    """Parse nmap ``-oX`` output (discovery or port scan) into Sightings."""
    text = xml.decode("utf-8", "replace") if isinstance(xml, bytes) else xml
    return sightings_from(analyse(text), text)
