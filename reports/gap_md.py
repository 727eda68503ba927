"""gap-report.md: the gap report as Markdown, diagram as a Mermaid block.

Same content as the HTML page (headline, processes and their SPOFs, diagram,
SPOFs, findings, coverage with grouped gaps, methodology).  Table cells go
through :func:`reports.sanitize.md_text`; Mermaid node labels are quoted with
``#quot;``-style entity codes so a device name cannot close the label, add an
edge or inject a click handler.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from analysis.model import Assessment
from reports.audience import client_facing
from reports.backups_md import backup_lines
from reports.cloud_rows import md_lines as cloud_lines
from reports.coverage import group_gaps
from reports.directory_md import directory_lines
from reports.gap_html import DIAGRAM_NODES, EVIDENCE_ROWS, SPOF_ROWS, SPOFS_DETAILED, _summary
from reports.owner import by_business_impact, report_title
from reports.owner_md import glossary_lines, owner_lines, port_lines
from reports.people_md import people_lines
from reports.plain import name_table, namer
from reports.power_md import power_printer_lines
from reports.sanitize import clean_text, md_text
from reports.spof_text import listed, redundancy_snippet, separate_text

_MERMAID_UNSAFE = re.compile(r"[^A-Za-z0-9 .,:/()_+-]")


def mermaid_label(text: object) -> str:
    """Anything outside a plain set becomes a Mermaid entity code (#35; style)."""
    plain = " ".join(clean_text(text, 60).split())
    return _MERMAID_UNSAFE.sub(lambda m: f"#{ord(m.group())};", plain)


def _mermaid(a: Assessment) -> list[str]:
    if len(a.graph.nodes) > DIAGRAM_NODES:
        return [f"{len(a.graph.nodes)} things and their dependencies are too many to draw: open "
                "graph.graphml in a graph tool (yEd, Gephi)."]
    ids = {node.id: f"n{i}" for i, node in enumerate(a.graph.nodes)}
    spofs = {x for s in a.spofs for x in s.asset_ids}
    lines = ["```mermaid", "flowchart BT"]
    lines += [f'  {ids[n.id]}["{mermaid_label(n.label)}"]' for n in a.graph.nodes]
    lines += [f"  {ids[e.source]} -->|{e.kind}| {ids[e.target]}" for e in a.graph.edges
              if e.source in ids and e.target in ids]
    lines.append("  classDef spof fill:#ffebe9,stroke:#cf222e,stroke-width:3px")
    marked = [ids[n] for n in spofs if n in ids]
    if marked:
        lines.append(f"  class {','.join(sorted(marked))} spof")
    return [*lines, "```"]


def _headline(a: Assessment) -> list[str]:
    s = _summary(a)
    sev = ", ".join(f"{count} {name}" for name, count in s.severities)
    return ["## Technician's detail: summary", "", f"- **{len(a.inventory.assets)}** assets found",
            f"- **{s.spof_count}** single points of failure",
            f"- worst single point of failure: **{md_text(s.worst_label or 'none')}**"
            + (f", stops {s.worst_impact}" if s.worst_label else ""),
            f"- findings: {sev}", f"- **{s.gap_count}** gaps (things not collected)", ""]


def _processes(a: Assessment, table: dict[str, str]) -> list[str]:
    rows = [f"| {md_text(p.name)}{' (assumed)' if p.assumed else ''} | {p.criticality} | "
            f"{md_text(', '.join(table.get(i, i) for i in p.needs))} | "
            f"{md_text(listed(p.spofs, table, 10) or 'none')} |"
            for p in a.processes]
    return ["## Business processes and what can stop them", "",
            "| Process | Criticality | Needs | Single points of failure |", "|---|---|---|---|",
            *rows, ""]


def _spofs_findings(a: Assessment, table: dict[str, str]) -> list[str]:
    plain = namer(a)
    ranked = by_business_impact(a.spofs)
    lines = ["## Single points of failure", ""]
    for s in ranked[:SPOFS_DETAILED]:
        named = [(what, ids) for what, ids in (("Workloads stopped", s.workloads),
                                               ("Seats cut off", s.seats)) if ids]
        lines += [f"### {md_text(plain(s.label))}", "", md_text(plain(s.reason)), "",
                  f"**Impact:** {s.impact.text()}", "",
                  *([f"Business processes stopped: {md_text(listed(s.processes, table))}", ""]
                    if s.processes else []),
                  *[x for what, ids in named for x in (f"{what}: {md_text(listed(ids, table))}",
                                                       "")],
                  f"Blast radius: {md_text(listed(s.blast_radius, table))}", "",
                  *_evidence(s.evidence, plain, "assessment.json"), ""]
    lines += [f"- {md_text(plain(s.label))}: {s.impact.text()}"
              for s in ranked[SPOFS_DETAILED:SPOF_ROWS]]
    if len(ranked) > SPOF_ROWS:
        lines += ["", f"{len(ranked) - SPOF_ROWS:,} more in the workbook's SPOFs sheet."]
    lines += ["", *_separate(a, table)]
    lines += ["## Findings", ""]
    for f in a.findings:
        lines += [f"### [{f.severity}] {md_text(plain(f.title))}", "",
                  *_evidence(f.evidence, plain, "the workbook's Findings sheet"), "",
                  f"**Recommendation:** {md_text(plain(f.recommendation))}", "",
                  f"**Effort:** {f.effort} · **Cost:** {f.cost}"
                  + (f" ({md_text(f.effort_cost_reason)})" if f.effort_cost_reason else ""), ""]
    return lines


def _evidence(evidence: list[str], plain: Callable[[str], str], where: str) -> list[str]:
    """The first evidence lines, names for ids, then how many more and where they are."""
    lines = [f"- {md_text(plain(e))}" for e in evidence[:EVIDENCE_ROWS]]
    more = len(evidence) - EVIDENCE_ROWS
    return lines + ([f"- {more} more lines in {where}"] if more > 0 else [])


def _separate(a: Assessment, table: dict[str, str]) -> list[str]:
    lines = ["## Same role, assumed separate", ""]
    if not a.assumed_separate:
        return [*lines, "No two assets share a role without evidence that they replicate "
                "each other.", ""]
    lines += ["Assets that share a role are counted as separate workloads unless evidence "
              "(DNS servers handed out together, domain controllers of one domain, an HA "
              "cluster, a VRRP address) or the site file says they replicate each other. If "
              "they do, declare them in the site file:", ""]
    for r in a.assumed_separate:
        lines += [md_text(separate_text(r, table)), "", "```toml",
                  redundancy_snippet(a, r), "```", ""]
    return lines


def _coverage(a: Assessment) -> list[str]:
    scan = a.inventory.scan
    rows = [f"| {md_text(g.collector)} | {g.reason} | {md_text(g.detail)} | {g.count}: "
            f"{md_text(g.targets_text())} |" for g in group_gaps(a.inventory.gaps)]
    return ["## Scan coverage", "", f"Targets: {md_text(', '.join(scan.targets) or 'none')}; "
            f"collectors: {md_text(', '.join(scan.collectors) or 'none')}.", "",
            "| Collector | Reason | Detail | Targets |", "|---|---|---|---|", *rows, "",
            "## Methodology", "",
            "Each thing points to what it needs; a single point of failure is something every "
            "path from the users to a need passes through. Read the gaps before trusting an "
            "absence: a device drscout never saw cannot appear above.", ""]


@client_facing
def render_gap_md(assessment: Assessment) -> bytes:
    table = name_table(assessment)
    title, subtitle = report_title(assessment)
    lines = [f"# {md_text(title)}", "", *([md_text(subtitle), ""] if subtitle else []),
             *owner_lines(assessment),
             *_headline(assessment), *_processes(assessment, table),
             *glossary_lines(assessment), "## Dependency diagram", "",
             "Arrows point from a thing to what it needs; SPOFs are drawn in red.", "",
             *_mermaid(assessment), "", *_spofs_findings(assessment, table),
             *people_lines(assessment),
             *backup_lines(assessment), *cloud_lines(assessment),
             *power_printer_lines(assessment),
             *directory_lines(assessment), *port_lines(assessment),
             *_coverage(assessment)]
    return "\n".join(lines).encode("utf-8")
