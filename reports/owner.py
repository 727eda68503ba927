"""The gap report's first page, for the business owner, in plain words.

Three questions, nothing else: what could stop the business (the single points of
failure with the widest business impact, named), what to do first (the worst
findings, quickest and cheapest first among equals, with their effort and cost
bands), and what the scan could not see (gaps, hosts not read from the inside, an
interrupted scan).  Every number comes from the assessment; this module only
chooses and words.  The HTML and Markdown reports render the same :class:`OwnerPage`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from analysis.model import EFFORTS, SEVERITIES, Assessment, Finding, Spof
from reports.backups import INSIDE
from reports.coverage import group_gaps
from reports.plain import COST_WORDS, EFFORT_WORDS, name_table, namer
from reports.spof_text import listed

#: single points of failure and actions on the first page
THREATS_SHOWN = 5
ACTIONS_SHOWN = 5
#: names listed in one sentence before "and N more"
NAMES_SHOWN = 6
_COSTS = ("none", "low", "high")
#: hosts whose backups matter and that an inside read could check (as reports.backups)
BACKUP_HOSTS = frozenset({"server", "vm", "nas", "hypervisor"})
#: collector -> how the owner knows it
COLLECTOR_WORDS = {"snmp": "SNMP (switches, UPS, printers)", "nmap": "The port scan",
                   "ssh": "SSH", "winrm": "WinRM", "ldap": "The directory (LDAP)",
                   "localhost": "The scanning laptop"}
#: Gap.reason -> what happened, in words
REASON_WORDS = {"unreachable": "could not reach", "timeout": "got no answer in time from",
                "auth": "was refused a login by", "permission": "lacked permission on",
                "missing-tool": "could not run (a program is missing) on",
                "missing-dependency": "could not run (a Python extra is missing) on",
                "error": "failed on", "interrupted": "was interrupted on",
                "not-attempted": "did not try"}


@dataclass(frozen=True)
class Threat:
    """One thing whose failure alone stops part of the business."""

    name: str
    stops: str
    impact: str


@dataclass(frozen=True)
class Action:
    title: str
    recommendation: str
    severity: str
    effort: str
    cost: str
    reason: str


@dataclass(frozen=True)
class OwnerPage:
    headline: str
    threats: list[Threat]
    more_threats: int
    actions: list[Action]
    more_actions: int
    unseen: list[str]


def report_title(assessment: Assessment) -> tuple[str, str]:
    """The heading (with the client, else the site) and the line under it (the site
    when the client leads, the location, who prepared it), from the site file."""
    a = assessment
    who = a.site_client or a.site_name
    title = "Disaster recovery gap report" + (f": {who}" if who else "")
    place = ", ".join(x for x in (a.site_name if a.site_client else "", a.site_location) if x)
    by = f"Prepared by {a.site_prepared_by}" if a.site_prepared_by else ""
    return title, ". ".join(x for x in (place, by) if x)


def by_business_impact(spofs: list[Spof]) -> list[Spof]:
    """Widest business impact first: critical processes, then processes, seats, workloads."""
    return sorted(spofs, key=lambda s: (-s.blast_weight, -s.impact.processes,
                                        -s.impact.seats, -s.impact.workloads, s.label))


def first_actions(findings: list[Finding]) -> list[Finding]:
    """Worst first; among equals the quickest, then the cheapest.  Info is not an action."""
    todo = [f for f in findings if f.severity != "info"]
    return sorted(todo, key=lambda f: (SEVERITIES.index(f.severity), EFFORTS.index(f.effort),
                                       _COSTS.index(f.cost), f.id))


def owner_page(assessment: Assessment) -> OwnerPage:
    plain = namer(assessment)
    table = name_table(assessment)
    ranked = by_business_impact(assessment.spofs)
    todo = first_actions(assessment.findings)
    return OwnerPage(
        headline=headline(ranked, plain),
        threats=[_threat(s, table, plain) for s in ranked[:THREATS_SHOWN]],
        more_threats=max(0, len(ranked) - THREATS_SHOWN),
        actions=[_action(f, plain) for f in todo[:ACTIONS_SHOWN]],
        more_actions=max(0, len(todo) - ACTIONS_SHOWN),
        unseen=unseen_lines(assessment))


def headline(ranked: list[Spof], plain: Callable[[str], str]) -> str:
    """One sentence: how many single failures could stop the business, and the worst."""
    if not ranked:
        return ("No single failure of what was scanned stops the business; read what the "
                "scan could not see before relying on it.")
    worst = ranked[0]
    count = len(ranked)
    things = "one thing" if count == 1 else f"{count} things"
    return (f"{things.capitalize()} can each stop part of the business on their own "
            f"failure. The worst is {plain(worst.label)}: it stops {worst.impact.text()}.")


def _threat(spof: Spof, table: dict[str, str], plain: Callable[[str], str]) -> Threat:
    parts = []
    if spof.processes:
        parts.append(listed(spof.processes, table, NAMES_SHOWN))
    if spof.workloads:
        count = len(spof.workloads)
        parts.append(f"{count} workload{'s' if count != 1 else ''} "
                     f"({listed(spof.workloads, table, 3)})")
    if spof.seats:
        parts.append(f"the network for {spof.impact.seats_text()}")
    stops = "; ".join(parts) or "nothing measured (see the technician's detail)"
    return Threat(name=plain(spof.label), stops=stops, impact=spof.impact.text())


def _action(finding: Finding, plain: Callable[[str], str]) -> Action:
    return Action(title=plain(finding.title), recommendation=plain(finding.recommendation),
                  severity=finding.severity, effort=EFFORT_WORDS[finding.effort],
                  cost=COST_WORDS[finding.cost], reason=plain(finding.effort_cost_reason))


def _names(items: list[str]) -> str:
    shown = ", ".join(items[:NAMES_SHOWN])
    return shown + (f" and {len(items) - NAMES_SHOWN} more" if len(items) > NAMES_SHOWN else "")


def unseen_lines(assessment: Assessment) -> list[str]:
    """What the scan could not see, as sentences: absence of evidence is not safety."""
    inv = assessment.inventory
    lines = []
    if inv.scan.interrupted:
        lines.append("The scan was interrupted: this report is incomplete.")
    by_ip = {ip: a.name for a in inv.assets for ip in a.ips}
    for group in group_gaps(inv.gaps)[:NAMES_SHOWN]:
        targets = [by_ip.get(t, t) for t in group.targets]
        if group.collector == "maildns":  # nothing broke: the provider was not found
            lines.append(f"Which mail and cloud services the office uses was not found from "
                         f"its DNS ({_names(targets)}): name the mail domain with "
                         "--mail-domain, or fill in the Cloud and SaaS sheet.")
            continue
        noun = "device" if group.count == 1 else "devices"
        who = COLLECTOR_WORDS.get(group.collector, group.collector)
        lines.append(f"{who} {REASON_WORDS.get(group.reason, group.reason)} "
                     f"{group.count} {noun}: {_names(targets)}.")
    unread = sorted(a.name for a in inv.assets if a.type in BACKUP_HOSTS and not a.is_scanner
                    and not any(c in a.sources for c in INSIDE))
    if unread:
        lines.append(f"Backups on {_names(unread)} could not be checked: nobody logged in to "
                     "read them (SSH or WinRM credentials).")
    lines += [f"The directory {d.domain} lists {len(d.not_seen())} computer(s) the network "
              "scan did not see." for d in inv.directories if d.not_seen()]
    scope = (f"Only {_names(inv.scan.targets)} was scanned" if inv.scan.targets
             else "Only what the inventory lists was scanned")
    lines.append(f"{scope}: devices switched off, elsewhere, or behind a firewall cannot "
                 "appear.")
    return lines
