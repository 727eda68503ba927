"""Redundancy lost between two runs: a regression, never a fix.

When a redundant DNS server disappears, its redundancy findings (shared fate,
failure pairs) disappear too, and a diff of finding ids alone would call that
"resolved".  Here the replica groups of the old run (the graph's "any of" nodes
and the assets they choose between, plus any ``replica_groups`` the assessment lists) are
looked up in the new run: a group none of whose members is still in a group of
two or more has lost its redundancy.
"""

from __future__ import annotations

from collections.abc import Iterable

from analysis.model import Assessment

Group = tuple[str, frozenset[str]]


def replica_groups(assessment: Assessment) -> list[Group]:
    """(label, member ids) of every group of two or more that stand in for each other."""
    labels = {n.id: n.label for n in assessment.graph.nodes}
    any_of = {n.id for n in assessment.graph.nodes if n.any_of}
    assets = {a.id for a in assessment.inventory.assets}
    members: dict[str, set[str]] = {}
    for edge in assessment.graph.edges:
        if edge.source in any_of and edge.target in assets:
            members.setdefault(edge.source, set()).add(edge.target)
    found: dict[frozenset[str], str] = {}
    for node, ids in sorted(members.items()):
        found.setdefault(frozenset(ids), labels.get(node, node))
    for group in getattr(assessment, "replica_groups", None) or []:
        group_ids: frozenset[str] = frozenset(getattr(group, "asset_ids", None) or ())
        found.setdefault(group_ids, str(getattr(group, "label", "")
                                        or ", ".join(sorted(group_ids))))
    return [(label, ids) for ids, label in found.items() if len(ids) >= 2]


def _redundant_now(members: frozenset[str], now: Iterable[Group]) -> bool:
    return any(members & ids for _, ids in now)


def lost_redundancy(old: Assessment, new: Assessment) -> list[tuple[str, list[str], list[str]]]:
    """(group label, members gone from the new run, members left alone) per lost group."""
    present = {a.id for a in new.inventory.assets}
    now = replica_groups(new)
    lost = []
    for label, members in replica_groups(old):
        if _redundant_now(members, now):
            continue
        gone = sorted(m for m in members if m not in present)
        lost.append((label, gone, sorted(members - set(gone))))
    return lost
