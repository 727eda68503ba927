"""gap-report.html: one self-contained page a non-specialist can read offline.

The page loads nothing (inline CSS, no script, no external link), so it can be
mailed or archived and still render.  jinja2 autoescaping is on and a
``finalize`` hook cleans every printed value (controls, surrogates, length), so
a template that forgets a filter still cannot emit hostile device data raw.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache, partial

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from analysis.model import SEVERITIES, Assessment, Finding, Priority
from reports.audience import client_facing
from reports.backups import checked_lines, job_rows
from reports.cloud_rows import html_context as cloud_context
from reports.coverage import collector_coverage, group_gaps
from reports.diagram import BOX_H, BOX_W, layout
from reports.glossary import INTRO, assumed_glossary
from reports.owner import by_business_impact, owner_page, report_title
from reports.plain import BANDS_LEGEND, confidence_word, name_table, namer, source_words
from reports.plan_people import html_context as people_context
from reports.portmap import SWITCH_LIMIT, LinkIndex, link_index
from reports.rows import service_text, when
from reports.sanitize import clean_text
from reports.spof_text import listed, redundancy_snippet, separate_text, worst_spof
from scanner.inventory.model import Asset, Inventory

HTML_TEXT_LIMIT = 2_000
#: at 10k assets the page stays readable: the most important rows come first, and the
#: full tables live in the workbook and the CSV files (the page says how many it left out)
INVENTORY_ROWS = 200
SPOFS_DETAILED = 25
SPOF_ROWS = 300
EVIDENCE_ROWS = 20
TABLE_ROWS = 200
#: a section with more rows than this starts collapsed
OPEN_ROWS = 60
#: the drawn diagram stops being readable (and weighs megabytes) past this many nodes
DIAGRAM_NODES = 250
#: The page may load nothing at all: no script, no font, no image, no stylesheet URL.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
       "form-action 'none'")


def _finalize(value: object) -> object:
    """Clean every value the template prints; jinja2 escapes it afterwards."""
    if isinstance(value, Markup | int | float):
        return value
    return clean_text(value, HTML_TEXT_LIMIT)


def _join(values: list[str], separator: str = ", ") -> str:
    """Unlike jinja2's ``join`` this returns plain text, so ``finalize`` still cleans it."""
    return separator.join(str(v) for v in values)


def _named(table: dict[str, str], ids: list[str]) -> str:
    """Names, not ids: a reader knows "fileserver", not "mac-52540012ab01"."""
    return ", ".join(table.get(i, i) for i in ids)


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["j"] = _join
    return env


@dataclass(frozen=True)
class AssetView:
    anchor: str
    asset: Asset
    attachments: list[str]
    runs_on: list[str]
    services: list[str]
    source: str


@dataclass
class Summary:
    asset_types: list[tuple[str, int]]
    spof_count: int
    worst_label: str
    #: the worst SPOF's impact in the one wording (analysis.model.Impact.text)
    worst_impact: str
    severities: list[tuple[str, int]]
    gap_count: int


def _summary(assessment: Assessment) -> Summary:
    inventory = assessment.inventory
    types = Counter(a.type for a in inventory.assets)
    severities: Counter[str] = Counter(f.severity for f in assessment.findings)
    worst = worst_spof(assessment)
    return Summary(
        asset_types=sorted(types.items(), key=lambda kv: (-kv[1], kv[0])),
        spof_count=len(assessment.spofs),
        worst_label=worst.label if worst else "",
        worst_impact=worst.impact.text() if worst else "",
        severities=[(s, severities.get(s, 0)) for s in SEVERITIES],
        gap_count=len(inventory.gaps),
    )


def _importance(priorities: list[Priority]) -> dict[str, tuple[int, int]]:
    """asset id -> sort key: tier (the site file's, else the suggestion), then the
    business impact; assets without a priority sort last."""
    return {p.asset_id: (p.site_tier or p.suggested_tier, -p.blast_weight) for p in priorities}


def _asset_views(inventory: Inventory, links: LinkIndex,
                 priorities: list[Priority]) -> tuple[list[AssetView], dict[str, str]]:
    """The first ``INVENTORY_ROWS`` assets, most important first, and every asset's
    anchor (numbered in inventory order, so links stay stable between reports)."""
    anchors = {a.id: f"asset-{i}" for i, a in enumerate(inventory.assets, start=1)}
    key = _importance(priorities)
    ranked = sorted(inventory.assets, key=lambda a: (*key.get(a.id, (9, 0)), a.name.lower()))
    return [
        AssetView(
            anchor=anchors[asset.id],
            asset=asset,
            attachments=links.attached.get(asset.id, []),
            runs_on=links.runs_on.get(asset.id, []),
            services=[service_text(s) for s in asset.services],
            source=source_words(asset),
        )
        for asset in ranked[:INVENTORY_ROWS]
    ], anchors


def _more(total: int, shown: int, where: str) -> str:
    """``"1,234 more in assets.csv"``, or nothing when all were shown."""
    left = total - shown
    return f"{left:,} more in {where}" if left > 0 else ""


def _findings_by_severity(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    groups = [(s, [f for f in findings if f.severity == s]) for s in SEVERITIES]
    return [(s, group) for s, group in groups if group]


def _people(assessment: Assessment) -> dict[str, object]:
    """The plan as people wrote it (reports.plan_people), the first TABLE_ROWS rows."""
    return people_context(assessment, TABLE_ROWS)


@client_facing
def render_gap_html(assessment: Assessment) -> bytes:
    inventory = assessment.inventory
    links = link_index(inventory)
    views, anchors = _asset_views(inventory, links, assessment.priorities)
    table = name_table(assessment)
    spofs = by_business_impact(assessment.spofs)
    draw = len(assessment.graph.nodes) <= DIAGRAM_NODES
    context = {
        "a": assessment,
        "inv": inventory,
        "scan": inventory.scan,
        "summary": _summary(assessment),
        "owner": owner_page(assessment),
        "title": report_title(assessment),
        "glossary": assumed_glossary(assessment),
        "glossary_intro": INTRO,
        "bands_legend": BANDS_LEGEND,
        "switches": links.switches,
        "switch_limit": SWITCH_LIMIT,
        "ups_assets": [x for x in inventory.assets if x.power or x.type == "ups"],
        "printer_assets": [x for x in inventory.assets if x.printer or x.type == "printer"],
        "assets": views,
        "assets_more": _more(len(inventory.assets), len(views),
                             "assets.csv and the workbook's Assets sheet"),
        "anchors": anchors,
        "n": partial(_named, table),
        "plain": namer(assessment),
        "confidence": confidence_word,
        "findings": _findings_by_severity(assessment.findings),
        "when": when,
        "csp": CSP,
        "spofs": spofs[:SPOFS_DETAILED],
        "spof_rows": spofs[SPOFS_DETAILED:SPOF_ROWS],
        "spofs_more": _more(len(spofs), min(len(spofs), SPOF_ROWS),
                            "the workbook's SPOFs sheet"),
        "spofs_by_id": {s.id: s for s in assessment.spofs},
        "listed": partial(listed, table=table),
        "separate": [(separate_text(r, table), redundancy_snippet(assessment, r))
                     for r in assessment.assumed_separate],
        "diagram": layout(assessment) if draw else None,
        "diagram_nodes": len(assessment.graph.nodes),
        "diagram_kinds": sorted({e.kind for e in assessment.graph.edges}),
        "box_w": BOX_W,
        "box_h": BOX_H,
        "gap_groups": group_gaps(inventory.gaps),
        "collectors": collector_coverage(inventory),
        "backup_jobs": job_rows(assessment),
        "backup_checked": checked_lines(assessment),
        **cloud_context(assessment),
        "limits": {"evidence": EVIDENCE_ROWS, "rows": TABLE_ROWS, "open": OPEN_ROWS},
        **_people(assessment),
    }
    html = environment().get_template("gap_report.html.j2").render(context)
    return html.encode("utf-8")
