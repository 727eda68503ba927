"""DRS-006: operating systems, firmware and database servers past their vendor's
end of support (no more security fixes).

The dates live in ``analysis/data/eol.csv``, one row per product version, oldest
first, each citing the vendor's published lifecycle page.  Versions are parsed
from what the scan saw: OS strings (``Asset.os``/``os_version``) and service
banners (PostgreSQL, MySQL, SQL Server).  "Today" is the scan's date, so the same
inventory always gives the same findings.

A consultant signs these findings, so they rest only on exact versions: nmap's
"9.6.0 or later" (a lower bound) or an OS fingerprint guess never raise one;
they are listed in one info note, "version unknown", with what was seen.  A
version older than the product's oldest row is past end of support (its support
ended no later than that row's).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from importlib import resources

from analysis.context import Context
from analysis.model import Cost, Finding
from analysis.rules._evidence import clean, client_assets, who
from scanner.inventory.model import Asset

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
_DB_PRODUCTS = (("postgresql", "postgresql"), ("mysql", "mysql"), ("sql server", "sql-server"))
#: product -> (cost band, why): upgrading is days of work everywhere; what it costs
#: to buy depends on the vendor
_COST: dict[str, tuple[Cost, str]] = {
    "windows": ("low", "a licence for the newer Windows, unless the agreement covers it"),
    "windows-server": ("low", "a licence for the newer Windows Server (and CALs)"),
    "sql-server": ("low", "a licence for the newer SQL Server, unless covered"),
    "esxi": ("high", "older hosts are often off the newer release's hardware list and "
                     "must be replaced"),
    "synology-dsm": ("high", "a NAS model the newer DSM does not support must be replaced"),
}
_FREE: tuple[Cost, str] = (
    "none", "the newer release is free; the work is the upgrade and its test")


@dataclass(frozen=True)
class Row:
    version: str
    end: date
    source: str


@dataclass(frozen=True)
class Seen:
    """One product version on one asset, and how precise the version is."""

    asset: Asset
    product: str
    version: str
    precision: str
    text: str


@cache
def eol_rows() -> dict[str, tuple[Row, ...]]:
    """product -> its rows, oldest first (the file's order)."""
    text = resources.files("analysis").joinpath("data/eol.csv").read_text(encoding="utf-8")
    rows: dict[str, list[Row]] = defaultdict(list)
    for r in csv.DictReader(text.splitlines()):
        rows[r["product"]].append(Row(r["version"], date.fromisoformat(r["end_of_support"]),
                                      r["source"]))
    return {product: tuple(found) for product, found in rows.items()}


def eol_table() -> dict[tuple[str, str], tuple[date, str]]:
    return {(p, r.version): (r.end, r.source) for p, rows in eol_rows().items() for r in rows}


def version_key(version: str) -> tuple[int, ...] | None:
    """(2008, 2) from "2008 r2", (6, 7) from "6.7"; None when it has no number ("xp")."""
    numbers = re.findall(r"\d+", version)
    return tuple(int(n) for n in numbers) if numbers else None


def lookup(product: str, version: str) -> tuple[Row, bool] | None:
    """The row for ``version`` and whether it is an exact row (False: the version is
    older than the oldest row, whose date is then an upper bound).  None: not judged."""
    rows = eol_rows().get(product, ())
    exact = next((r for r in rows if r.version == version), None)
    if exact is not None:
        return exact, True
    key, oldest = version_key(version), rows[0] if rows else None
    oldest_key = version_key(oldest.version) if oldest else None
    if oldest and key is not None and oldest_key is not None and key < oldest_key:
        return oldest, False
    return None


def os_release(text: str) -> tuple[str, str] | None:
    """("ubuntu", "18.04") from "Ubuntu 18.04.6 LTS"; None when nothing known matches."""
    low = " ".join(text.lower().split())
    for pattern, product in _OS_PATTERNS:
        match = pattern.search(low)
        if match:
            return product, match.group(1)
    return None


def db_product(product: str) -> str | None:
    low = product.lower()
    return next((name for needle, name in _DB_PRODUCTS if needle in low), None)


def db_release(product: str, version: str) -> tuple[str, str] | None:
    name = db_product(product)
    if name == "postgresql":
        match = re.match(r"(\d+)(?:\.(\d+))?", version)
        if match:
            major = int(match.group(1))
            return "postgresql", (f"{major}.{match.group(2)}" if major < 10 else str(major))
    if name == "mysql":
        match = re.match(r"(\d+\.\d+)", version)
        return ("mysql", match.group(1)) if match else None
    if name == "sql-server":
        year = re.search(r"(20\d\d)", product)
        build = re.match(r"(\d+)\.", version)
        found = year.group(1) if year else _SQL_YEARS.get(build.group(1) if build else "")
        return ("sql-server", found) if found else None
    return None


def _today(ctx: Context) -> date:
    when = ctx.inventory.scan.finished or ctx.inventory.scan.started
    return (when or datetime.now(UTC)).date()


def _seen(asset: Asset) -> list[Seen]:
    """Every product version the asset shows, exact or not."""
    out = []
    os_text = " ".join(x for x in (asset.os, asset.os_version) if x)
    found = os_release(os_text) if os_text else None
    if found:
        out.append(Seen(asset, *found, asset.os_version_precision(),
                        f"operating system {clean(os_text, 80)!r}"))
    for svc in asset.services:
        name = db_product(svc.product)
        if name is None:
            continue
        hit = db_release(svc.product, svc.version)
        out.append(Seen(asset, name, hit[1] if hit else "",
                        svc.precision() if hit else "unknown",
                        f"{svc.port}/{svc.protocol} {clean(svc.product, 40)} "
                        f"{clean(svc.version, 30)}".rstrip()))
    return out


def check(ctx: Context) -> list[Finding]:
    today = _today(ctx)
    past: dict[tuple[str, str], list[tuple[Seen, Row, bool]]] = defaultdict(list)
    unknown: list[Seen] = []
    for asset in client_assets(ctx.inventory.assets):
        for seen in _seen(asset):
            if seen.precision != "exact":
                unknown.append(seen)
                continue
            found = lookup(seen.product, seen.version)
            if found is not None and found[0].end <= today:
                past[(seen.product, seen.version)].append((seen, *found))
    findings = [_past(product, version, hits)
                for (product, version), hits in sorted(past.items())]
    return findings + _unknown(unknown)


def _past(product: str, version: str, hits: list[tuple[Seen, Row, bool]]) -> Finding:
    row, exact = hits[0][1], hits[0][2]
    when = row.end.isoformat() if exact else f"no later than {row.end.isoformat()}"
    where = (who(hits[0][0].asset) if len(hits) == 1
             else f"{len(hits)} assets")
    evidence = [f"{who(s.asset)}: {s.text}" for s, _, _ in hits]
    evidence.append(f"end of support {row.end.isoformat()}: {row.source}" if exact else
                    f"older than {product} {row.version}, whose support ended "
                    f"{row.end.isoformat()}: {row.source}")
    cost, why = _COST.get(product, _FREE)
    return Finding(
        id=f"{RULE_ID}:{product}:{version}", rule="end-of-life", severity="high",
        title=f"{product} {version} on {where} is past end of support ({when})",
        asset_ids=sorted({s.asset.id for s, _, _ in hits}), evidence=evidence,
        recommendation=("Upgrade to a supported version (or buy the vendor's extended "
                        "support) and isolate the device until then."),
        reference=row.source, effort="days", cost=cost,
        effort_cost_reason=f"an upgrade and its test; cost: {why}")


def _unknown(seen: list[Seen]) -> list[Finding]:
    if not seen:
        return []
    evidence = [f"{who(s.asset)}: {s.text}: version {_why(s)}, end of support unknown"
                for s in seen]
    return [Finding(
        id=f"{RULE_ID}:unknown", rule="end-of-life-unknown", severity="info",
        title=f"End of support unknown for {len(seen)} product(s): the scan saw no exact version",
        asset_ids=sorted({s.asset.id for s in seen}), evidence=evidence,
        recommendation=("Read the exact version on each device (log in, or scan it with "
                        "credentials) and check it against the vendor's lifecycle page."),
        reference="analysis/data/eol.csv (vendor lifecycle pages)",
        effort="minutes" if len({s.asset.id for s in seen}) < 6 else "hours", cost="none",
        effort_cost_reason="reading a version on each device listed")]


def _why(seen: Seen) -> str:
    return {"lower-bound": "is only a lower bound", "guessed": "is a fingerprint guess",
            }.get(seen.precision, "was not reported")
