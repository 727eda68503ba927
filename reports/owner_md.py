"""The owner's page, the assumed-process glossary and the switch port maps as Markdown,
from the same data as the HTML report (reports/owner.py, glossary.py, portmap.py).
Every device-supplied string goes through :func:`reports.sanitize.md_text`."""

from __future__ import annotations

from analysis.model import Assessment
from reports.glossary import INTRO, assumed_glossary
from reports.owner import owner_page
from reports.plain import BANDS_LEGEND
from reports.portmap import SWITCH_LIMIT, link_index
from reports.sanitize import md_text


def owner_lines(assessment: Assessment) -> list[str]:
    page = owner_page(assessment)
    lines = ["## For the owner: what could stop the business", "", f"**{md_text(page.headline)}**",
             ""]
    if page.threats:
        lines += ["| If this fails | it stops |", "|---|---|",
                  *[f"| **{md_text(t.name)}** | {md_text(t.stops)} |" for t in page.threats], ""]
    if page.more_threats:
        lines += [f"{page.more_threats} more single points of failure in the technician's "
                  "detail below.", ""]
    lines += ["### What to do first", ""]
    if page.actions:
        lines += ["| # | Action | Effort and cost |", "|---|---|---|",
                  *[f"| {i} | **{md_text(x.title)}** ({x.severity}): "
                    f"{md_text(x.recommendation)} | {x.effort}, {x.cost} |"
                    for i, x in enumerate(page.actions, start=1)], "", BANDS_LEGEND, ""]
    else:
        lines += ["No finding calls for action.", ""]
    lines += ["### What the scan could not see", "",
              *[f"- {md_text(line)}" for line in page.unseen], ""]
    return lines


def glossary_lines(assessment: Assessment) -> list[str]:
    entries = assumed_glossary(assessment)
    if not entries:
        return []
    lines = ['## Assumed processes: what "(assumed)" means', "", INTRO, "",
             "| Process | Criticality | Assumed because | Evidence |", "|---|---|---|---|"]
    for g in entries:
        evidence = "; ".join(g.evidence) + (f"; and {g.more} more" if g.more else "")
        lines.append(f"| {md_text(g.process)} | {g.criticality} | {md_text(g.why)} | "
                     f"{md_text(evidence)} |")
    return [*lines, ""]


def port_lines(assessment: Assessment) -> list[str]:
    switches = link_index(assessment.inventory).switches
    lines = ["## Switch port maps", ""]
    if not switches:
        return [*lines, "No switch reported its neighbours (see Gaps: switches are read over "
                "SNMP).", ""]
    for sw in switches[:SWITCH_LIMIT]:
        lines += [f"### {md_text(sw.name)}", "", "| Port | Plugged in | Its port | Type | "
                  "How we know |", "|---|---|---|---|---|"]
        lines += [f"| {md_text(r.port or 'not reported')} | {md_text(r.device)} | "
                  f"{md_text(r.device_port)} | {md_text(r.device_type)} | {md_text(r.how)} |"
                  for r in sw.shown()]
        lines += [""] + ([f"{sw.more} more connections: `drscout export --format csv` writes "
                          "every one to links.csv.", ""] if sw.more else [])
    if len(switches) > SWITCH_LIMIT:
        lines += [f"{len(switches) - SWITCH_LIMIT} more switches: `drscout export --format csv` "
                  "writes every connection to links.csv.", ""]
    return lines
