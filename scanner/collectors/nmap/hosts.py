"""python-nmap's per-host dict -> one Sighting.  The only module that reads those dicts
(besides dhcp.py for the pre-scan tables), so their shape never leaks further."""

from __future__ import annotations

from typing import Any

from netaddr import EUI
from netaddr.core import AddrFormatError, NotRegisteredError

from scanner.collectors.nmap.osguess import guess
from scanner.collectors.nmap.text import clean, mac_colon_lower
from scanner.collectors.nmap.xmlextras import ServiceExtra, TunnelKey
from scanner.inventory.model import Service
from scanner.inventory.sighting import Inference, Sighting
from scanner.inventory.versions import nmap_service_precision

COLLECTOR = "nmap"
VENDOR_CONFIDENCE = 0.6


def mac_vendor(mac: str, nmap_vendor: str | None) -> tuple[str, Inference] | None:
    """Vendor from the IEEE OUI registry (netaddr), else nmap's own prefix table.

    0.6 confidence: the OUI names whoever made the network chip, which for a PC, a VM or
    a re-badged appliance is not the maker of the device.
    """
    oui = mac.lower()[:8]
    try:
        org = clean(EUI(mac).oui.registration().org)
    except (NotRegisteredError, AddrFormatError, IndexError):
        org = ""
    if org:
        return org, Inference(
            confidence=VENDOR_CONFIDENCE, evidence=f"MAC OUI {oui} registered to {org}"
        )
    fallback = clean(nmap_vendor)
    if fallback:
        return fallback, Inference(
            confidence=VENDOR_CONFIDENCE,
            evidence=f"MAC prefix {oui} is {fallback} in nmap's nmap-mac-prefixes",
        )
    return None


def _conf(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def services(ip: str, host: dict[str, Any],
             extras: dict[TunnelKey, ServiceExtra]) -> list[Service]:
    """Open ports only.  UDP "open|filtered" is dropped: it means "no answer", which a
    firewall and a silent service both produce; -sV promotes UDP ports whose service
    really answered to "open", so what remains is reliable.  The version's precision
    ("9.6.0 or later" is a lower bound) is judged here, where method and conf are known."""
    found: list[Service] = []
    for protocol in ("tcp", "udp", "sctp"):
        for port, info in sorted((host.get(protocol) or {}).items()):
            if info.get("state") != "open":
                continue
            extra = extras.get((ip, protocol, int(port)), ServiceExtra())
            version = clean(info.get("version"))
            found.append(
                Service(
                    port=int(port),
                    protocol=protocol,
                    name=clean(info.get("name")),
                    product=clean(info.get("product")),
                    version=version,
                    extrainfo=clean(info.get("extrainfo")),
                    tunnel=clean(extra.tunnel),
                    collector=COLLECTOR,
                    version_precision=nmap_service_precision(
                        version, extra.method, _conf(info.get("conf")), extra.soft),
                )
            )
    return found


def _hostnames(host: dict[str, Any]) -> list[str]:
    names = [clean(h.get("name")).lower() for h in host.get("hostnames") or []]
    return list(dict.fromkeys(n for n in names if n))


def sighting(ip: str, host: dict[str, Any],
             extras: dict[TunnelKey, ServiceExtra]) -> Sighting:
    """One live host as nmap saw it."""
    addresses = host.get("addresses") or {}
    raw_mac = addresses.get("mac")
    macs = [mac_colon_lower(raw_mac)] if raw_mac else []
    os_guess = guess(host.get("osmatch") or [])
    inferred = dict(os_guess.inferred)
    vendor: str | None = None
    if raw_mac:
        found = mac_vendor(macs[0], (host.get("vendor") or {}).get(raw_mac))
        if found:
            vendor, inferred["vendor"] = found
    status = host.get("status") or {}
    return Sighting(
        collector=COLLECTOR,
        ips=[clean(addresses.get("ipv4") or ip)],
        macs=macs,
        hostnames=_hostnames(host),
        vendor=vendor,
        os=os_guess.os,
        os_version=os_guess.os_version,
        type=os_guess.type,
        services=services(ip, host, extras),
        is_scanner=status.get("reason") == "localhost-response",
        inferred=inferred,
    )
