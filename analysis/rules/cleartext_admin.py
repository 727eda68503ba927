"""DRS-003: administration over cleartext or legacy protocols.

Telnet, FTP, the r-services and VNC without TLS send passwords readable by
anyone on the LAN; network gear, printers, UPSes and NAS boxes that only offer
their management page over plain HTTP do the same with the admin password.
"""

from __future__ import annotations

from analysis.context import Context
from analysis.model import SEVERITIES, Finding, Severity
from analysis.rules._evidence import service_text, who
from scanner.model import Asset, Service

RULE_ID = "DRS-003"
_GEAR = frozenset({"router", "firewall", "switch", "wireless", "printer", "ups", "nas"})
_TLS_PORTS = frozenset({443, 8443})


def _legacy(svc: Service) -> tuple[str, Severity] | None:
    """(what it is, severity) for a cleartext or legacy admin service."""
    if svc.protocol != "tcp" or svc.tunnel == "ssl":
        return None
    name = svc.name.lower()
    if svc.port == 23 or name == "telnet":
        return "telnet", "high"
    if svc.port in (512, 513, 514) or name in ("exec", "login", "shell", "rsh", "rlogin"):
        return "r-services (rsh/rlogin/rexec)", "high"
    if svc.port == 21 or name == "ftp":
        return "FTP", "medium"
    if name.startswith("vnc") or 5900 <= svc.port <= 5903:
        return "VNC without TLS", "medium"
    return None


def _http_only(asset: Asset) -> list[Service]:
    """Plain-HTTP management on a device type that is managed through a web page."""
    if asset.type not in _GEAR and not _GEAR.intersection(asset.roles):
        return []
    tcp = [s for s in asset.services if s.protocol == "tcp"]
    if any(s.port in _TLS_PORTS or s.tunnel == "ssl" for s in tcp):
        return []
    return [s for s in tcp if s.port in (80, 8080)]


def check(ctx: Context) -> list[Finding]:
    findings = []
    for asset in ctx.inventory.assets:
        hits: list[tuple[str, Severity, Service]] = []
        for svc in asset.services:
            found = _legacy(svc)
            if found:
                hits.append((found[0], found[1], svc))
        hits += [("management page over HTTP only", "medium", s) for s in _http_only(asset)]
        if hits:
            findings.append(_finding(asset, hits))
    return findings


def _finding(asset: Asset, hits: list[tuple[str, Severity, Service]]) -> Finding:
    severity = min((h[1] for h in hits), key=SEVERITIES.index)
    kinds = sorted({h[0] for h in hits})
    evidence = [f"{who(asset)}: {what}: {service_text(svc)}" for what, _, svc in hits]
    if any(h[0].startswith("management page") for h in hits):
        evidence.append(f"{who(asset)}: no service on 443/tcp or 8443/tcp")
    return Finding(
        id=f"{RULE_ID}:{asset.id}", rule="cleartext-admin", severity=severity,
        title=f"Cleartext administration on {who(asset)}: {', '.join(kinds)}",
        asset_ids=[asset.id], evidence=evidence,
        recommendation=("Disable telnet, FTP, rsh/rlogin and unencrypted VNC; manage the device "
                        "over SSH or HTTPS only, from a management network."),
        reference="CIS Controls v8 safeguards 4.6 and 3.10; NIST SP 800-53 Rev. 5 SC-8")
