"""What python-nmap's dict drops, read from the same XML with ElementTree: a
service's ``tunnel`` attribute ("ssl" for HTTPS, IMAPS, ...), its ``method``
("probed" when a probe answered, "table" when nmap only looked the port up) and
whether it carries a ``servicefp`` (nmap prints one when no hard match identified
the service: what it says came from a soft match at best), and pre-scan script
results (where broadcast scripts such as broadcast-dhcp-discover report)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import NamedTuple

TunnelKey = tuple[str, str, int]


class ServiceExtra(NamedTuple):
    tunnel: str = ""
    method: str = ""
    #: a ``servicefp`` was printed: the product/version rest on a soft match at best
    soft: bool = False


def _root(xml: str) -> ET.Element | None:
    try:
        return ET.fromstring(xml)
    except ET.ParseError:
        return None


def service_extras(xml: str) -> dict[TunnelKey, ServiceExtra]:
    """(ipv4, protocol, port) -> tunnel and detection method, for every service element."""
    root = _root(xml)
    found: dict[TunnelKey, ServiceExtra] = {}
    if root is None:
        return found
    for host in root.iter("host"):
        ip = next(
            (a.get("addr", "") for a in host.findall("address") if a.get("addrtype") == "ipv4"),
            "",
        )
        for port in host.findall("ports/port"):
            service = port.find("service")
            if service is not None:
                key = (ip, port.get("protocol", ""), int(port.get("portid", "0")))
                found[key] = ServiceExtra(service.get("tunnel") or "",
                                          service.get("method") or "",
                                          service.get("servicefp") is not None)
    return found


def prescript_tables(xml: str, script_id: str) -> list[dict[str, list[str]]]:
    """Each top-level <table> of a pre-scan script: key -> values (a key may repeat,
    e.g. several "Domain Name Server" elems)."""
    root = _root(xml)
    if root is None:
        return []
    tables: list[dict[str, list[str]]] = []
    for script in root.findall("prescript/script"):
        if script.get("id") != script_id:
            continue
        tables.extend(_flatten(table) for table in script.findall("table"))
    return tables


def _flatten(table: ET.Element) -> dict[str, list[str]]:
    """A list-valued option (several DNS servers) is a nested keyed table of bare elems."""
    entry: dict[str, list[str]] = {}
    for child in table:
        key = child.get("key", "")
        if child.tag == "elem":
            entry.setdefault(key, []).append(child.text or "")
        elif child.tag == "table":
            entry.setdefault(key, []).extend(e.text or "" for e in child.iter("elem"))
    return entry


def run_error(xml: str) -> str | None:
    """nmap's own error message when it quit (runstats/finished exit="error")."""
    root = _root(xml)
    finished = root.find("runstats/finished") if root is not None else None
    if finished is not None and finished.get("exit") == "error":
        return finished.get("errormsg") or "nmap exited with an error"
    return None
