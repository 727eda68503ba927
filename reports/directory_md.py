"""The gap report's "In the directory, not seen on the network" section, in Markdown.

Mirrors ``templates/_directory.html.j2``: per directory (Active Directory read over
LDAP) its DCs, sites and DNS zones, and a row per computer object the network scan did
not see.  Every directory string goes through :func:`reports.sanitize.md_text`.
"""

from __future__ import annotations

from analysis.model import Assessment
from reports.rows import when
from reports.sanitize import md_text
from scanner.inventory.directory import Directory, DirectoryComputer


def _row(c: DirectoryComputer) -> str:
    os_text = " ".join(x for x in (c.os, c.os_version) if x) or "not recorded"
    name = c.name + (" (domain controller)" if c.domain_controller else "")
    cells = [name, c.dns_host_name or "", os_text, "enabled" if c.enabled else "disabled",
             when(c.last_logon) if c.last_logon else "never recorded"]
    return "| " + " | ".join(md_text(x) for x in cells) + " |"


def _directory(d: Directory) -> list[str]:
    missing = d.not_seen()
    sites = "; ".join(s.name + (f" ({', '.join(s.subnets)})" if s.subnets else "")
                      for s in d.sites)
    how = {"clear-text": " in clear text (the DC offered no TLS: the bind password crossed "
                         "the network readable)",
           "tls-unverified": " over TLS without checking the certificate (--insecure)"}
    head = (f"Domain {d.domain}, read from {d.server or d.endpoint}"
            f"{how.get(d.transport or '', '')} ({len(d.computers)} "
            f"computer objects, {len(d.computers) - len(missing)} seen on the network). "
            f"Domain controllers: {', '.join(d.domain_controllers) or 'none listed'}."
            + (f" Sites: {sites}." if sites else "")
            + (f" AD-integrated DNS zones: {', '.join(d.dns_zones)}." if d.dns_zones else ""))
    rows = [_row(c) for c in missing] or [
        "| Every computer of the directory was seen on the network. | | | | |"]
    return [md_text(head), "", "| Computer | DNS name | Operating system | Account | "
            "Last logon |", "|---|---|---|---|---|", *rows, ""]


def directory_lines(assessment: Assessment) -> list[str]:
    """The section, or nothing when no directory was read."""
    directories = assessment.inventory.directories
    if not directories:
        return []
    lines = ["## In the directory, not seen on the network", ""]
    for d in directories:
        lines += _directory(d)
    return lines
