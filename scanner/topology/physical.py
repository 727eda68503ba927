"""All physical links of a scan: neighbour protocols first, forwarding tables where they are silent.

Kept apart from :mod:`.links` (neighbour protocols) and :mod:`.fdb` (forwarding tables) so
that each of those imports only what it needs and neither imports the other's caller.
"""

from __future__ import annotations

from collections.abc import Sequence

from scanner.inventory.model import Asset, Link
from scanner.inventory.sighting import LinkHint
from scanner.topology.fdb import fdb_links
from scanner.topology.links import Lookup, dedupe, neighbour_links


def physical_links(hints: Sequence[LinkHint], lookup: Lookup,
                   assets: Sequence[Asset]) -> list[Link]:
    """All physical links: neighbour protocols first, forwarding tables where they are silent."""
    by_id = {a.id: a for a in assets}
    neighbours = neighbour_links([h for h in hints if h.kind == "physical"], lookup, by_id)
    inferred = fdb_links([h for h in hints if h.kind == "fdb"], lookup, by_id, neighbours)
    return dedupe([*neighbours, *inferred])
