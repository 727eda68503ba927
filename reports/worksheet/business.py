"""The DR plan's business sheets: Business processes, Contacts and call tree, Vendors and
ISP, and Recovery procedures.  Rows as (key, plain values); the writer escapes, and
:mod:`reports.worksheet.carry` attaches what a person wrote on the same key before.
Person-only columns come last and start empty."""

from __future__ import annotations

import ipaddress
from collections import Counter
from collections.abc import Iterable

from analysis.model import Assessment, Priority, ProcessStatus
from analysis.processes import DEFAULT_PROCESSES
from reports.columns import (
    CONTACT_COLUMNS,
    PROCEDURE_COLUMNS,
    PROCESS_COLUMNS,
    VENDOR_COLUMNS,
    Column,
)
from reports.people import with_process_person
from reports.rows import Cell, names, ordered_priorities
from scanner.inventory.model import Asset

Keyed = list[tuple[str, list[Cell]]]
ISP = "Internet service provider"
#: how many names a cell lists before saying "and N more" (a 10k office stays readable)
NAMES_SHOWN = 12
#: office (non-internet) address space: RFC 1918, CGNAT, link-local, loopback, ULA
_LAN = tuple(ipaddress.ip_network(n) for n in (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16",
    "127.0.0.0/8", "fc00::/7", "fe80::/10", "::1/128"))
_NEED_OF = {name: need for name, need, _ in DEFAULT_PROCESSES}


def _pad(values: list[Cell], columns: tuple[Column, ...]) -> list[Cell]:
    return values + [""] * (len(columns) - len(values))


def listed(items: Iterable[str], shown: int = NAMES_SHOWN) -> str:
    """``a, b, c and 4 more``: sorted, de-duplicated, bounded."""
    unique = sorted(dict.fromkeys(i for i in items if i), key=str.lower)
    more = len(unique) - shown
    text = ", ".join(unique[:shown])
    return f"{text} and {more} more" if more > 0 else text


def providers(assessment: Assessment, role: str) -> list[str]:
    return [a.name for a in assessment.inventory.assets if role in a.roles]


def _need_text(assessment: Assessment, need: str, table: dict[str, str]) -> str:
    if need.startswith("role:"):
        role = need.removeprefix("role:")
        found = listed(providers(assessment, role), 4)
        return f"{role} ({found})" if found else role
    if need.startswith("segment:"):
        return f"network {need.removeprefix('segment:')}"
    return table.get(need, need)


def assumed_text(assessment: Assessment, process: ProcessStatus) -> str:
    """Why drscout assumes a process, in plain words (or that the site file declares it)."""
    if not process.assumed:
        return "declared in the site file" + (f": {process.description}"
                                              if process.description else "")
    need = _NEED_OF.get(process.name, "")
    if need == "internet":
        seen = "an internet gateway"
    elif need.startswith("role:"):
        role = need.removeprefix("role:")
        seen = f"a {role} server ({listed(providers(assessment, role), 4) or 'found'})"
    else:
        seen = "what it needs"
    return (f"assumed: the scan found {seen}, and an office with one relies on it. Write "
            "your real processes under [[process]] in site.toml to replace the assumed ones.")


def process_rows(assessment: Assessment) -> Keyed:
    table = names(assessment)
    return [(p.name, with_process_person(assessment, p.name, _pad([
        p.name, p.criticality, assumed_text(assessment, p),
        "; ".join(_need_text(assessment, n, table) for n in p.needs),
        listed((table.get(s, s) for s in p.spofs), NAMES_SHOWN), ""], PROCESS_COLUMNS),
        PROCESS_COLUMNS))
        for p in assessment.processes]


def _vendor_counts(assets: list[Asset]) -> dict[str, list[Asset]]:
    """vendor -> its assets, most first; "HP" and "hp" are one vendor (first spelling kept)."""
    spelling: dict[str, str] = {}
    by_vendor: dict[str, list[Asset]] = {}
    for asset in assets:
        if asset.vendor and asset.vendor.strip() and not asset.is_scanner:
            name = spelling.setdefault(asset.vendor.strip().casefold(), asset.vendor.strip())
            by_vendor.setdefault(name, []).append(asset)
    return dict(sorted(by_vendor.items(), key=lambda kv: (-len(kv[1]), kv[0].lower())))


def _models(assets: list[Asset]) -> str:
    counts = Counter(a.model for a in assets if a.model)
    text = ", ".join(f"{model} x{n}" if n > 1 else model
                     for model, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:8])
    return text or "not reported"


def gateways(assessment: Assessment) -> list[Asset]:
    """The assets the office reaches the internet through: the default route's next hop
    and anything with the gateway role."""
    hops = {r.gateway for r in assessment.inventory.network.default_gateways if r.gateway}
    return [a for a in assessment.inventory.assets
            if "gateway" in a.roles or hops.intersection(a.ips)]


def is_internet_address(text: str) -> bool:
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return False
    return not any(address in net for net in _LAN if net.version == address.version)


def gateway_text(assessment: Assessment) -> str:
    found = gateways(assessment)
    if not found:
        return "no internet gateway found by the scan"
    parts = []
    for gw in found:
        public = [ip for ip in gw.ips if is_internet_address(ip)]
        lan = [ip for ip in gw.ips if not is_internet_address(ip)]
        where = (f"public address {', '.join(public)}" if public else
                 "public address not seen by the scan (read it on the router or ask the ISP)")
        parts.append(f"gateway {gw.name} ({', '.join(lan) or 'no office address'}); {where}")
    return "; ".join(parts)


def vendor_rows(assessment: Assessment) -> Keyed:
    rows: Keyed = [(ISP, _pad([ISP, len(gateways(assessment)), "", gateway_text(assessment), ""],
                              VENDOR_COLUMNS))]
    for vendor, assets in _vendor_counts(assessment.inventory.assets).items():
        rows.append((vendor, _pad([vendor, len(assets), _models(assets),
                                   listed(a.name for a in assets), ""], VENDOR_COLUMNS)))
    return rows


#: roles every office's call tree needs, before the vendors found
_CONTACT_ROLES: tuple[tuple[str, str], ...] = (
    ("Incident lead", "Decides to invoke this plan and speaks for the business."),
    ("Deputy incident lead", "Takes over when the incident lead cannot be reached."),
    ("Business owner", "Approves spending and tells staff and customers."),
    ("IT contact", "Carries out the recovery, in house or from the IT provider."),
    (f"{ISP} support", "Internet line down or slow."),
    ("Building and power", "Electricity, air conditioning, access to the building."),
    ("Insurance", "Report the incident early; ask what the policy needs."),
)


def contact_rows(assessment: Assessment) -> Keyed:
    rows: Keyed = [(role, _pad([role, why], CONTACT_COLUMNS)) for role, why in _CONTACT_ROLES]
    gw = gateways(assessment)
    if gw:
        rows[4] = (rows[4][0], _pad([rows[4][0], f"Internet line down or slow (gateway "
                                     f"{listed((a.name for a in gw), 3)})."], CONTACT_COLUMNS))
    for vendor, assets in _vendor_counts(assessment.inventory.assets).items():
        role = f"{vendor} support"
        rows.append((role, _pad([role, f"Hardware or software support for "
                                 f"{listed((a.name for a in assets), 4)}."], CONTACT_COLUMNS)))
    return rows


def effective_tier(priority: Priority, approved: dict[str, int]) -> int:
    """A person's approved tier, else the site file's, else drscout's suggestion."""
    return approved.get(priority.asset_id) or priority.site_tier or priority.suggested_tier


def _backups(asset: Asset | None) -> str:
    if asset is None or not asset.backups:
        return "none found by the scan"
    return "; ".join(f"{j.tool} {j.name}" for j in asset.backups[:6])


def procedure_rows(assessment: Assessment, approved: dict[str, int]) -> Keyed:
    """Tier-1 and tier-2 assets in recovery order."""
    table = names(assessment)
    assets = {a.id: a for a in assessment.inventory.assets}
    rows: Keyed = []
    for p in ordered_priorities(assessment):
        tier = effective_tier(p, approved)
        if tier > 2:
            continue
        asset = assets.get(p.asset_id)
        roles = ", ".join(asset.roles) if asset else ""
        what = f"{roles}: {p.tier_reason}" if roles else p.tier_reason
        rows.append((p.asset_id, _pad([
            p.asset_id, p.name, tier, f"wave {p.recovery_wave}, #{p.recovery_order}",
            listed((table.get(i, i) for i in p.depends_on), NAMES_SHOWN), what,
            _backups(asset), ""], PROCEDURE_COLUMNS)))
    return rows
