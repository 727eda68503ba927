"""DRS-006: operating systems, firmware and database servers past their vendor's
end of support (no more security fixes).

The dates live in ``analysis/data/eol.csv``, one row per product version, each
citing the vendor's published lifecycle page.  Versions are parsed from what
the scan saw: nmap/SNMP OS strings (``Asset.os``/``os_version``) and service
banners (PostgreSQL, MySQL, SQL Server).  "Today" is the scan's date, so the
same inventory always gives the same findings.
"""

from __future__ import annotations

import csv
import re
from datetime import UTC, date, datetime
from functools import cache
from importlib import resources

from analysis.context import Context
from analysis.model import Finding
from analysis.rules._evidence import clean, who
from scanner.model import Asset

RULE_ID = "DRS-006"
_SQL_YEARS = {"10": "2008", "11": "2012", "12": "2014", "13": "2016", "14": "2017", "15": "2019"}
#: (pattern on the lowercased text, product, how to build the version from the match)
_OS_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"windows server (\d{4}(?: r2)?)"), "windows-server"),
    (re.compile(r"windows (xp|vista|7|8\.1|10|11)\b"), "windows"),
    (re.compile(r"esxi?\s*(\d+\.\d+)"), "esxi"),
    (re.compile(r"debian(?: gnu/linux)?\s*(\d+)"), "debian"),
    (re.compile(r"ubuntu\s*(\d{2}\.\d{2})"), "ubuntu"),
    (re.compile(r"red hat enterprise linux(?: server)?(?: release)?\s*(\d+)"), "rhel"),
    (re.compile(r"centos(?: linux)?(?: release)?\s*(\d+)"), "centos"),
    (re.compile(r"\bdsm\s*(\d+\.\d+)"), "synology-dsm"),
)


@cache
def eol_table() -> dict[tuple[str, str], tuple[date, str]]:
    text = resources.files("analysis").joinpath("data/eol.csv").read_text(encoding="utf-8")
    return {(r["product"], r["version"]): (date.fromisoformat(r["end_of_support"]), r["source"])
            for r in csv.DictReader(text.splitlines())}


def os_release(text: str) -> tuple[str, str] | None:
    """("ubuntu", "18.04") from "Ubuntu 18.04.6 LTS"; None when nothing known matches."""
    low = " ".join(text.lower().split())
    for pattern, product in _OS_PATTERNS:
        match = pattern.search(low)
        if match:
            return product, match.group(1)
    return None


def db_release(product: str, version: str) -> tuple[str, str] | None:
    low = product.lower()
    if "postgresql" in low:
        match = re.match(r"(\d+)(?:\.(\d+))?", version)
        if match:
            major = int(match.group(1))
            return "postgresql", (f"{major}.{match.group(2)}" if major < 10 else str(major))
    if "mysql" in low:
        match = re.match(r"(\d+\.\d+)", version)
        return ("mysql", match.group(1)) if match else None
    if "sql server" in low:
        year = re.search(r"(20\d\d)", product)
        build = re.match(r"(\d+)\.", version)
        found = year.group(1) if year else _SQL_YEARS.get(build.group(1) if build else "")
        return ("sql-server", found) if found else None
    return None


def _today(ctx: Context) -> date:
    when = ctx.inventory.scan.finished or ctx.inventory.scan.started
    return (when or datetime.now(UTC)).date()


def _releases(asset: Asset) -> list[tuple[str, str, str]]:
    """(product, version, what was seen) for the asset's OS and database services."""
    out = []
    os_text = " ".join(x for x in (asset.os, asset.os_version) if x)
    found = os_release(os_text) if os_text else None
    if found:
        out.append((*found, f"operating system {clean(os_text, 80)!r}"))
    for svc in asset.services:
        hit = db_release(svc.product, svc.version)
        if hit:
            out.append((*hit, f"{svc.port}/{svc.protocol} {clean(svc.product, 40)} "
                              f"{clean(svc.version, 30)}".rstrip()))
    return out


def check(ctx: Context) -> list[Finding]:
    table = eol_table()
    today = _today(ctx)
    findings = []
    for asset in ctx.inventory.assets:
        for product, version, seen in _releases(asset):
            row = table.get((product, version))
            if row is None or row[0] > today:
                continue
            findings.append(Finding(
                id=f"{RULE_ID}:{asset.id}:{product}", rule="end-of-life", severity="high",
                title=f"{product} {version} on {who(asset)} is past end of support "
                      f"({row[0].isoformat()})",
                asset_ids=[asset.id],
                evidence=[f"{who(asset)}: {seen}", f"end of support {row[0].isoformat()}: "
                          f"{row[1]}"],
                recommendation=("Upgrade to a supported version (or buy the vendor's extended "
                                "support) and isolate the device until then."),
                reference=row[1]))
    return findings
