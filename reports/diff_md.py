"""A run diff as Markdown (for a ticket, a wiki page or a CI job summary) and as JSON.

Every device-supplied value goes through :func:`reports.sanitize.md_text`, so a
hostname cannot break the table, inject HTML or forge a link.
"""

from __future__ import annotations

import json

from analysis.changes.diff import AssetRef, Diff, Item
from reports.sanitize import deep_replace_surrogates, md_text


def render_diff_json(d: Diff) -> str:
    """JSON; a lone surrogate (undecodable device bytes) becomes U+FFFD."""
    data = deep_replace_surrogates(d.model_dump(mode="json"))
    return json.dumps(data, indent=2, ensure_ascii=False)


def _refs(title: str, refs: list[AssetRef]) -> list[str]:
    if not refs:
        return []
    rows = [f"| {md_text(r.name)} | {md_text(r.id)} | {md_text(', '.join(r.ips))} |"
            for r in refs]
    return [f"## {title} ({len(refs)})", "", "| Name | Asset ID | IPs |", "|---|---|---|",
            *rows, ""]


def _items(title: str, items: list[Item]) -> list[str]:
    if not items:
        return []
    rows = [f"| {i.severity} | {md_text(i.title)}{' (' + md_text(i.note) + ')' if i.note else ''}"
            f" | {md_text(i.id)} |" for i in items]
    return [f"## {title} ({len(items)})", "", "| Severity | What | ID |", "|---|---|---|",
            *rows, ""]


def _changes(d: Diff) -> list[str]:
    if not d.assets_changed:
        return []
    rows = [f"| {md_text(c.name)} | {c_field.field} | {md_text(', '.join(c_field.old))} | "
            f"{md_text(', '.join(c_field.new))} |"
            for c in d.assets_changed for c_field in c.changes]
    return [f"## Assets changed ({len(d.assets_changed)})", "",
            "| Asset | Field | Was | Now |", "|---|---|---|---|", *rows, ""]


def render_diff_md(d: Diff) -> str:
    lines = [f"# drscout diff: {md_text(d.old)} → {md_text(d.new)}", ""]
    if d.empty:
        return "\n".join([*lines, "No change.", ""])
    lines += _items("Redundancy lost (new risk)", d.redundancy_lost)
    lines += _refs("Assets new", d.assets_new) + _refs("Assets gone", d.assets_gone)
    lines += _changes(d)
    lines += _items("Single points of failure new", d.spofs_new)
    lines += _items("Single points of failure resolved", d.spofs_resolved)
    lines += _items("Findings new", d.findings_new)
    lines += _items("Findings on more assets", d.findings_widened)
    lines += _items("Findings resolved", d.findings_resolved)
    return "\n".join(lines)
