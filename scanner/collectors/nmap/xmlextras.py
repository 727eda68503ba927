"""The two things python-nmap's dict drops, read from the same XML with ElementTree:
a service's ``tunnel`` attribute ("ssl" for HTTPS, IMAPS, ...) and pre-scan script
results (where broadcast scripts such as broadcast-dhcp-discover report)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

TunnelKey = tuple[str, str, int]


def _root(xml: str) -> ET.Element | None:
    try:
        return ET.fromstring(xml)
    except ET.ParseError:
        return None


def tunnels(xml: str) -> dict[TunnelKey, str]:
    """(ipv4, protocol, port) -> tunnel, for services that declare one."""
    root = _root(xml)
    found: dict[TunnelKey, str] = {}
    if root is None:
        return found
    for host in root.iter("host"):
        ip = next(
            (a.get("addr", "") for a in host.findall("address") if a.get("addrtype") == "ipv4"),
            "",
        )
        for port in host.findall("ports/port"):
            service = port.find("service")
            tunnel = service.get("tunnel") if service is not None else None
            if tunnel:
                key = (ip, port.get("protocol", ""), int(port.get("portid", "0")))
                found[key] = tunnel
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
