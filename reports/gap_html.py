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

from analysis.model import SEVERITIES, Assessment, Finding
from reports.audience import client_facing
from reports.backups import checked_lines, job_rows
from reports.coverage import collector_coverage, group_gaps
from reports.diagram import BOX_H, BOX_W, layout
from reports.rows import attachments as attachment_list
from reports.rows import names, runs_on, service_text, source_text, when
from reports.sanitize import clean_text
from reports.spof_text import listed, redundancy_snippet, separate_text, worst_spof
from scanner.inventory.model import Asset, Inventory

HTML_TEXT_LIMIT = 2_000
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


def _asset_views(inventory: Inventory) -> list[AssetView]:
    return [
        AssetView(
            anchor=f"asset-{index}",
            asset=asset,
            attachments=attachment_list(inventory, asset),
            runs_on=runs_on(inventory, asset),
            services=[service_text(s) for s in asset.services],
            source=source_text(asset),
        )
        for index, asset in enumerate(inventory.assets, start=1)
    ]


def _findings_by_severity(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    groups = [(s, [f for f in findings if f.severity == s]) for s in SEVERITIES]
    return [(s, group) for s, group in groups if group]


@client_facing
def render_gap_html(assessment: Assessment) -> bytes:
    views = _asset_views(assessment.inventory)
    context = {
        "a": assessment,
        "inv": assessment.inventory,
        "scan": assessment.inventory.scan,
        "summary": _summary(assessment),
        "assets": views,
        "anchors": {v.asset.id: v.anchor for v in views},
        "n": partial(_named, names(assessment)),
        "findings": _findings_by_severity(assessment.findings),
        "when": when,
        "csp": CSP,
        "spofs_by_id": {s.id: s for s in assessment.spofs},
        "listed": partial(listed, table=names(assessment)),
        "separate": [(separate_text(r, names(assessment)), redundancy_snippet(assessment, r))
                     for r in assessment.assumed_separate],
        "diagram": layout(assessment),
        "diagram_kinds": sorted({e.kind for e in assessment.graph.edges}),
        "box_w": BOX_W,
        "box_h": BOX_H,
        "gap_groups": group_gaps(assessment.inventory.gaps),
        "collectors": collector_coverage(assessment.inventory),
        "backup_jobs": job_rows(assessment),
        "backup_checked": checked_lines(assessment),
    }
    html = environment().get_template("gap_report.html.j2").render(context)
    return html.encode("utf-8")
