"""Machines a directory lists but the network scan did not see.

A directory (Active Directory over LDAP) *lists* computers; it does not see them.  Its
sightings go through identity resolution like any other, so a computer object merges
with the asset nmap or SNMP found under the same name.  Afterwards:

* an asset that only a listing collector reported, and that has no address, was not
  seen on the network: it is taken out of the assets (it is no workload and no seat
  anyone has evidence of) and stays in ``Inventory.directories`` with
  ``seen_on_network = False``, for the gap report's "In the directory, not seen on the
  network" list.  Nothing is dropped;
* every other computer object is marked seen, with the id of the asset it merged into.
  The DC that answered the LDAP read carries the address it answered from, so it counts
  as seen even when the scan did not cover it.
"""

from __future__ import annotations

from collections.abc import Sequence

from scanner.inventory.directory import Directory, DirectoryComputer
from scanner.inventory.identity import clean_name
from scanner.inventory.model import Asset

#: collectors that list devices rather than meet them on the wire
LISTING_COLLECTORS = frozenset({"ldap"})


def listed_only(asset: Asset) -> bool:
    """Known only from a directory listing: no other source, no address."""
    return bool(asset.sources) and set(asset.sources) <= LISTING_COLLECTORS \
        and not asset.ips


def _names(*values: str | None) -> set[str]:
    return {n for n in (clean_name(v) for v in values) if n}


def _index(assets: Sequence[Asset]) -> dict[str, Asset]:
    """Name -> asset, for assets a listing collector contributed to."""
    index: dict[str, Asset] = {}
    for asset in assets:
        if LISTING_COLLECTORS & set(asset.sources):
            for name in _names(asset.name, *asset.hostnames):
                index.setdefault(name, asset)
    return index


def _match(computer: DirectoryComputer, index: dict[str, Asset]) -> Asset | None:
    return next((index[n] for n in sorted(_names(computer.name, computer.dns_host_name))
                 if n in index), None)


def settle(assets: Sequence[Asset],
           directories: Sequence[Directory]) -> tuple[list[Asset], list[Directory]]:
    """Assets without the listed-only ones, and directories whose computers say
    whether (and as which asset) the scan saw them."""
    kept = [a for a in assets if not listed_only(a)]
    index = _index(kept)
    settled = []
    for d in directories:
        computers = []
        for c in d.computers:
            asset = _match(c, index)
            computers.append(c.model_copy(update={"seen_on_network": asset is not None,
                                                  "asset": asset.id if asset else None}))
        settled.append(d.model_copy(update={"computers": computers}))
    return kept, settled
