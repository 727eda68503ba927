"""Words for SPOF impact and assumed-separate roles, shared by the HTML and
Markdown gap reports so they cannot drift.

Nothing here counts: the numbers come from ``Spof.impact`` (computed once by
:mod:`analysis.impact`).  The ``[[redundancy]]`` snippet names assets by a
plain name when it is one (letters, digits, ``.-_``), else by asset id, so a
hostile device name never lands in a file the reader pastes into a site file
(the address, or the id, stands in for such a name).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from analysis.model import Assessment, SeparateRole, Spof
from scanner.inventory.model import Asset

#: names listed per SPOF before "and N more"
NAME_LIMIT = 20
_PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")


def worst_spof(assessment: Assessment) -> Spof | None:
    return max(assessment.spofs, key=lambda s: (s.blast_weight, s.impact.seats, s.id),
               default=None)


def listed(ids: list[str], table: dict[str, str], limit: int = NAME_LIMIT) -> str:
    """Names of the first ``limit`` ids, then how many more."""
    shown = ", ".join(table.get(i, i) for i in ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def snippet_ref(assessment: Assessment, asset_id: str,
                by_id: Mapping[str, Asset] | None = None) -> str:
    """A site-file reference that is safe to paste: a plain name, an address, or
    the id (which the site file also accepts) with anything odd replaced.  ``by_id``
    spares a scan of the inventory per reference (hundreds of them at 100k assets)."""
    asset = by_id.get(asset_id) if by_id is not None else assessment.inventory.asset(asset_id)
    if asset and _PLAIN.match(asset.name):
        return asset.name
    if asset and asset.ips:
        return asset.ips[0]
    return re.sub(r"[^A-Za-z0-9._:-]", "_", asset_id)


def redundancy_snippet(assessment: Assessment, separate: SeparateRole) -> str:
    """A copy-pasteable ``[[redundancy]]`` block for one role's providers."""
    wanted = set(separate.asset_ids)
    by_id = {a.id: a for a in assessment.inventory.assets if a.id in wanted}
    refs = [snippet_ref(assessment, i, by_id) for i in separate.asset_ids]
    members = ", ".join(f'"{r}"' for r in refs)
    return "\n".join([
        "[[redundancy]]",
        f'name = "{separate.role} replicas"',
        f"members = [{members}]",
        f'roles = ["{separate.role}"]',
        'reason = "how they replicate, e.g. DFS replication of every share"',
    ])


def separate_text(separate: SeparateRole, table: dict[str, str]) -> str:
    return (f"role {separate.role}: {listed(separate.asset_ids, table)} are counted as "
            "separate workloads (each one's failure stops what needs it)")
