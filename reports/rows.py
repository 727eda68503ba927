"""Worksheet rows as plain values, shared by every tabular renderer.

Rows hold raw (unescaped) text; each renderer applies the escaping its format
needs from :mod:`reports.sanitize`.  Keeping the derivation here means the
XLSX and Markdown worksheets always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from analysis.model import Assessment, Priority
from reports.columns import ASSET_COLUMNS, PRIORITY_COLUMNS, Column
from reports.people import person_values
from scanner.inventory.model import Asset, Fact, Inventory, Link, Service

Cell = str | int
SWITCH_LIKE = frozenset({"switch", "wireless", "router", "firewall"})
_EVIDENCE_LIMIT = 120


def when(moment: datetime | None) -> str:
    return moment.isoformat(timespec="seconds") if moment else ""


def service_text(service: Service) -> str:
    """``22/tcp ssh OpenSSH 9.2p1``: the form people know from nmap."""
    parts = [f"{service.port}/{service.protocol}", service.name, service.product, service.version]
    return " ".join(p for p in parts if p)


def names(assessment: Assessment) -> dict[str, str]:
    """id -> human name for graph nodes, assets and SPOFs (so reports never show bare ids)."""
    table = {node.id: node.label for node in assessment.graph.nodes}
    table.update({p.id: p.name for p in assessment.processes})
    table.update({a.id: a.name for a in assessment.inventory.assets})
    table.update({s.id: s.label for s in assessment.spofs})
    return table


@dataclass(frozen=True)
class AssetLinks:
    """What the links say about each asset, read in one pass over the links (a scan of
    every link per asset took 280 s for the 10k campus's worksheet)."""

    #: asset id -> ``switch-name:port`` of each switch-like device it is attached to
    attached: dict[str, list[str]]
    #: asset id -> names of the hosts it runs on (``runs_on`` links)
    runs_on: dict[str, list[str]]


def asset_links(inventory: Inventory) -> AssetLinks:
    """A host is attached to whatever switch it is linked to, in either link
    direction; between two switch-like devices the link direction says which is
    the uplink (access -> core).  Lists keep the order of the links."""
    by_id: dict[str, Asset] = {}
    for asset in inventory.assets:
        by_id.setdefault(asset.id, asset)
    attached: dict[str, list[str]] = {}
    hosts: dict[str, list[str]] = {}
    for link in inventory.links:
        source, target = by_id.get(link.source), by_id.get(link.target)
        if link.kind == "runs_on" and target is not None:
            hosts.setdefault(link.source, []).append(target.name)
        elif link.kind == "physical":
            _attach(attached, link, source, target)
    return AssetLinks(attached, hosts)


def _attach(attached: dict[str, list[str]], link: Link, source: Asset | None,
            target: Asset | None) -> None:
    if source is None or target is None:
        return
    if source.type in SWITCH_LIKE or target.type in SWITCH_LIKE:
        attached.setdefault(source.id, []).append(_end(target, link.target_port))
    if link.source != link.target and source.type in SWITCH_LIKE \
            and target.type not in SWITCH_LIKE:
        attached.setdefault(target.id, []).append(_end(source, link.source_port))


def _end(other: Asset, port: str | None) -> str:
    return f"{other.name}:{port}" if port else other.name


def attachments(inventory: Inventory, asset: Asset) -> list[str]:
    """``switch-name:port`` for each physical link from this asset to a switch-like
    device (one pass over the links: for many assets, use :func:`asset_links`)."""
    return asset_links(inventory).attached.get(asset.id, [])


def runs_on(inventory: Inventory, asset: Asset) -> list[str]:
    return asset_links(inventory).runs_on.get(asset.id, [])


def fact_summary(fact: Fact) -> str:
    """``type from snmp (0.8: bridge with 3 ports)`` for an inferred fact."""
    evidence = fact.evidence[:_EVIDENCE_LIMIT]
    return f"{fact.field} from {fact.collector} ({fact.confidence:g}: {evidence})"


#: identity notes identity resolution leaves on an asset, in words for the reader
_IDENTITY_NOTES = {"identity_conflict": "kept apart from", "shared_address": "shared address"}


def source_text(asset: Asset) -> str:
    """Collectors, how each inferred value was inferred, and why the asset was kept
    apart from another one or did not use an address other devices claim too."""
    inferred = [fact_summary(f) for f in asset.provenance if f.confidence < 1.0]
    notes = [f"{_IDENTITY_NOTES[f.field]} {f.value} ({f.evidence[:_EVIDENCE_LIMIT]})"
             for f in asset.provenance if f.field in _IDENTITY_NOTES]
    return "; ".join([", ".join(asset.sources), *inferred, *notes])


def asset_row(inventory: Inventory, asset: Asset, status: str = "",
              links: AssetLinks | None = None) -> list[Cell]:
    """``links``: :func:`asset_links` of the inventory, read once for every row."""
    links = asset_links(inventory) if links is None else links
    attached, hosts = links.attached.get(asset.id, []), links.runs_on.get(asset.id, [])
    os_text = " ".join(p for p in (asset.os, asset.os_version) if p)
    values: list[Cell] = [
        asset.id, asset.name, asset.type, ", ".join(asset.roles), asset.vendor or "",
        asset.model or "", asset.serial or "", os_text, ", ".join(asset.ips),
        ", ".join(asset.macs), ", ".join(attached), asset.location or "",
        ", ".join(hosts), "; ".join(service_text(s) for s in asset.services),
        when(asset.first_seen), when(asset.last_seen), source_text(asset), status,
    ]
    return _pad(values, len(ASSET_COLUMNS))


def hosted(inventory: Inventory) -> dict[str, list[str]]:
    """host id -> sorted names of the VMs that run on it (``runs_on`` links)."""
    name = {a.id: a.name for a in inventory.assets}
    out: dict[str, list[str]] = {}
    for link in inventory.links:
        if link.kind == "runs_on" and link.source in name:
            out.setdefault(link.target, []).append(name[link.source])
    return {host: sorted(vms) for host, vms in out.items()}


def priority_row(priority: Priority, table: dict[str, str], checks: str = "",
                 runs: list[str] | None = None) -> list[Cell]:
    """``runs``: the VMs a hypervisor host runs, noted after its tier reason (the
    reason a host matters is what it carries)."""
    reason = priority.tier_reason + (f"; runs VMs: {', '.join(runs)}" if runs else "")
    values: list[Cell] = [
        priority.asset_id, priority.name, priority.suggested_tier, reason,
        ", ".join(table.get(i, i) for i in priority.depends_on),
        ", ".join(table.get(i, i) for i in priority.spofs_on_path),
        priority.impact.processes, priority.impact.workloads, priority.impact.seats_text(),
        f"wave {priority.recovery_wave}, #{priority.recovery_order}", checks,
        priority.suggested_rto, priority.suggested_rpo,
    ]
    return _pad(values, len(PRIORITY_COLUMNS))


def _pad(values: list[Cell], width: int) -> list[Cell]:
    """Person-filled columns come last and start empty."""
    return values + [""] * (width - len(values))


def asset_rows(assessment: Assessment, status: dict[str, str] | None = None) -> list[list[Cell]]:
    inventory, status = assessment.inventory, status or {}
    person = person_cells(assessment, ASSET_COLUMNS)
    links = asset_links(inventory)
    return [_with_person(asset_row(inventory, a, status.get(a.id, ""), links), person.get(a.id))
            for a in inventory.assets]


def person_cells(assessment: Assessment,
                 columns: tuple[Column, ...]) -> dict[str, dict[int, Cell]]:
    """asset id -> {column index: what a person wrote} from ``Assessment.people``, so
    every tabular output shows the worksheet's entries (the XLSX then restores the
    person's own cell, typed value and style, over it)."""
    index = {c.header: i for i, c in enumerate(columns) if c.person_filled}
    out: dict[str, dict[int, Cell]] = {}
    for entry in assessment.people.assets:
        cells: dict[int, Cell] = {}
        for header, text in person_values(entry).items():
            if text and header in index:
                cells[index[header]] = text
        out[entry.asset_id] = cells
    return out


def _with_person(values: list[Cell], cells: dict[int, Cell] | None) -> list[Cell]:
    for i, text in (cells or {}).items():
        values[i] = text
    return values


def ordered_priorities(assessment: Assessment) -> list[Priority]:
    return sorted(assessment.priorities, key=lambda p: (p.recovery_wave, p.recovery_order))


def priority_rows(assessment: Assessment,
                  checks: dict[str, str] | None = None) -> list[list[Cell]]:
    table, checks = names(assessment), checks or {}
    vms = hosted(assessment.inventory)
    person = person_cells(assessment, PRIORITY_COLUMNS)
    return [_with_person(priority_row(p, table, checks.get(p.asset_id, ""), vms.get(p.asset_id)),
                         person.get(p.asset_id))
            for p in ordered_priorities(assessment)]
