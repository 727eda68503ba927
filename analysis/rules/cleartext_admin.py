"""DRS-003: administration over cleartext or legacy protocols.

Telnet, FTP, the r-services and VNC without TLS send passwords readable by
anyone on the LAN; network gear, printers, UPSes and NAS boxes that only offer
their management page over plain HTTP do the same with the admin password.
"""

from __future__ import annotations

from analysis.context import Context
from analysis.model import SEVERITIES, Effort, Finding, Severity
from analysis.rules._evidence import client_assets, names_of, per_device, service_text, who
from scanner.inventory.model import Asset, Service

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


#: kind -> (id suffix, effort per device, what to do)
_FIX: dict[str, tuple[str, Effort, str]] = {
    "telnet": ("telnet", "minutes", "disable telnet and manage the device over SSH"),
    "r-services (rsh/rlogin/rexec)": ("r-services", "minutes",
                                      "disable rsh/rlogin/rexec and use SSH"),
    "FTP": ("ftp", "minutes", "disable FTP, or replace it with SFTP/FTPS"),
    "VNC without TLS": ("vnc", "minutes", "enable VNC encryption or tunnel it over SSH"),
    "management page over HTTP only": ("http-only", "hours",
                                       "enable HTTPS (install a certificate) and turn off "
                                       "plain HTTP; older firmware may need an update first"),
}
Hit = tuple[Asset, Severity, Service]


def check(ctx: Context) -> list[Finding]:
    """One finding per kind of cleartext access, listing every asset that offers it."""
    by_kind: dict[str, list[Hit]] = {kind: [] for kind in _FIX}
    for asset in client_assets(ctx.inventory.assets):
        for svc in asset.services:
            found = _legacy(svc)
            if found:
                by_kind[found[0]].append((asset, found[1], svc))
        by_kind["management page over HTTP only"] += [(asset, "medium", s)
                                                      for s in _http_only(asset)]
    return [_finding(kind, hits) for kind, hits in by_kind.items() if hits]


def _finding(kind: str, hits: list[Hit]) -> Finding:
    suffix, each, fix = _FIX[kind]
    severity = min((h[1] for h in hits), key=SEVERITIES.index)
    assets = list({h[0].id: h[0] for h in hits}.values())
    evidence = [f"{who(asset)}: {service_text(svc)}" for asset, _, svc in hits]
    if suffix == "http-only":
        evidence += [f"{who(a)}: no service on 443/tcp or 8443/tcp" for a in assets]
    effort, why = per_device(each, len(assets))
    return Finding(
        id=f"{RULE_ID}:{suffix}", rule="cleartext-admin", severity=severity,
        title=f"Cleartext administration ({kind}) on {names_of(assets)}",
        asset_ids=sorted(a.id for a in assets), evidence=evidence,
        recommendation=(f"On each device listed, {fix}; manage devices from a management "
                        "network only."),
        reference="CIS Controls v8 safeguards 4.6 and 3.10; NIST SP 800-53 Rev. 5 SC-8",
        effort=effort, cost="none", effort_cost_reason=f"configuration only; {why}")
