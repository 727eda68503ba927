"""What the client sees: the assessment without the consultant's scanning machine.

The scanning laptop is kept in inventory.json and assessment.json (marked
``is_scanner``: it is raw data, and it explains what was reachable from where),
but it is not the client's asset: it must not appear in the worksheet, the CSV
files, the NetBox import, the diagram, the recovery waves or the gap report.
Every client-facing renderer is wrapped in :func:`client_facing`, so the
filtering lives here, once, instead of in each renderer.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from analysis.model import Assessment, Finding, Priority, ProcessStatus, Spof
from reports.filled import FilledWorksheet, written_key
from scanner.inventory.model import Inventory

P = ParamSpec("P")
R = TypeVar("R")


def scanner_ids(assessment: Assessment) -> set[str]:
    return {a.id for a in assessment.inventory.assets if a.is_scanner}


#: the last (assessment, client view): every renderer of one report asks for the same
#: view, and on 100k assets building it takes a noticeable fraction of a second
_LAST: list[tuple[Assessment, Assessment]] = []


def client_view(assessment: Assessment) -> Assessment:
    """The assessment with every trace of the scanning machine removed (the same
    object when there is none, so the common case costs one pass)."""
    if _LAST and _LAST[0][0] is assessment:
        return _LAST[0][1]
    view = _without_scanner(assessment)
    _LAST[:] = [(assessment, view)]
    return view


def _without_scanner(assessment: Assessment) -> Assessment:
    hidden = scanner_ids(assessment)
    if not hidden:
        return assessment
    mentions = _mentions(assessment, hidden)
    keep = functools.partial(_finding, hidden=hidden, mentions=mentions)
    graph = assessment.graph
    return assessment.model_copy(update={
        "inventory": _inventory(assessment.inventory, hidden),
        "graph": graph.model_copy(update={
            "nodes": [n for n in graph.nodes if n.id not in hidden],
            "edges": [e for e in graph.edges if e.source not in hidden
                      and e.target not in hidden]}),
        "processes": [_process(p, hidden) for p in assessment.processes],
        "spofs": [_spof(s, hidden) for s in assessment.spofs  # a datastore SPOF has no asset
                  if not s.asset_ids or not set(s.asset_ids) <= hidden],
        "findings": [f for f in map(keep, assessment.findings) if f is not None],
        "suppressed": [f for f in map(keep, assessment.suppressed) if f is not None],
        "priorities": [_priority(p, hidden) for p in assessment.priorities
                       if p.asset_id not in hidden],
        "recovery_waves": [[i for i in wave if i not in hidden]
                           for wave in assessment.recovery_waves],
    })


def client_facing(render: Callable[Concatenate[Assessment, P], R]
                  ) -> Callable[Concatenate[Assessment, P], R]:
    """Decorate a renderer whose output goes to the client."""

    @functools.wraps(render)
    def wrapper(assessment: Assessment, *args: P.args, **kwargs: P.kwargs) -> R:
        return render(client_view(assessment), *args, **kwargs)

    return wrapper


def forget_rows(filled: FilledWorksheet | None, ids: set[str]) -> FilledWorksheet | None:
    """A filled worksheet without the rows of ``ids``: a worksheet written before the
    scanner was left out still has its row, which would come back as a "gone" asset."""
    if filled is None or not ids:
        return filled
    keys = {written_key(i) for i in ids}
    return FilledWorksheet({title: dataclasses.replace(sheet, rows={
        k: row for k, row in sheet.rows.items() if k not in keys})
        for title, sheet in filled.sheets.items()})


def _mentions(assessment: Assessment, hidden: set[str]) -> re.Pattern[str]:
    """The scanner's addresses and ``name (`` as rules write it (see rules._evidence.who)."""
    scanners = [a for a in assessment.inventory.assets if a.id in hidden]
    ips = [re.escape(ip) for a in scanners for ip in a.ips]
    names = [re.escape(a.name) + r" \(" for a in scanners if a.name.strip()]
    return re.compile(r"|".join([*(rf"(?<![\d.]){ip}(?![\d])" for ip in ips), *names,
                                 *(re.escape(i) for i in hidden)]))


def _inventory(inv: Inventory, hidden: set[str]) -> Inventory:
    ips = {ip for a in inv.assets if a.id in hidden for ip in a.ips}
    return inv.model_copy(update={
        "assets": [a for a in inv.assets if a.id not in hidden],
        "links": [x for x in inv.links if x.source not in hidden and x.target not in hidden],
        "gaps": [g for g in inv.gaps if g.target not in ips],
        "scan": inv.scan.model_copy(update={"scanner_host": ""}),
    })


def _finding(f: Finding, hidden: set[str], mentions: re.Pattern[str]) -> Finding | None:
    """None for a finding about the scanner alone; else without its ids and evidence."""
    if hidden.isdisjoint(f.asset_ids) and not any(mentions.search(e) for e in f.evidence):
        return f
    ids = [i for i in f.asset_ids if i not in hidden]
    if f.asset_ids and not ids:
        return None
    return f.model_copy(update={"asset_ids": ids,
                                "evidence": [e for e in f.evidence if not mentions.search(e)]})


def _spof(s: Spof, hidden: set[str]) -> Spof:
    if hidden.isdisjoint(s.asset_ids) and hidden.isdisjoint(s.blast_radius):
        return s
    return s.model_copy(update={"asset_ids": [i for i in s.asset_ids if i not in hidden],
                                "blast_radius": [i for i in s.blast_radius if i not in hidden]})


def _process(p: ProcessStatus, hidden: set[str]) -> ProcessStatus:
    if hidden.isdisjoint(p.needs) and not any(hidden.intersection(x) for x in p.shared_fate):
        return p
    return p.model_copy(update={
        "needs": [i for i in p.needs if i not in hidden],
        "shared_fate": [pair for pair in p.shared_fate if not set(pair) & hidden]})


def _priority(p: Priority, hidden: set[str]) -> Priority:
    """Unchanged (the same object) unless it names the scanner: 100k priorities stay cheap."""
    if hidden.isdisjoint(p.depends_on) and hidden.isdisjoint(p.spofs_on_path):
        return p
    return p.model_copy(update={"depends_on": [i for i in p.depends_on if i not in hidden],
                                "spofs_on_path": [i for i in p.spofs_on_path
                                                  if i not in hidden]})
