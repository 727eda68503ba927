"""Turn what the collectors produced into one Inventory.

Pure function of the collected results: the orchestrator (and tests) accumulate
``CollectorResult`` records, and this module resolves identities, assigns roles,
merges the network context and keeps every gap.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from scanner.inventory.listed import LISTING_COLLECTORS, settle
from scanner.inventory.model import Gap, Inventory, ScanMeta
from scanner.inventory.network import merge_network
from scanner.inventory.resolve import resolve, resolve_links
from scanner.inventory.roles import assign_roles
from scanner.inventory.sighting import CollectorResult, Sighting
from scanner.targets import Network, in_scope
from scanner.topology import mark_guests


def _keep(s: Sighting, scope: Sequence[Network], exclude: Sequence[Network]) -> bool:
    """Sightings outside the scan scope (ARP neighbours of other subnets) are dropped,
    except the scanner itself and devices a collector has direct role evidence for.
    A directory's address-less listings are kept for ``scanner.inventory.listed``."""
    if s.collector in LISTING_COLLECTORS and not s.ips:
        return True
    if s.is_scanner or s.role_hints or s.virtualization or not scope:
        return not any(in_scope(ip, exclude) for ip in s.ips) or s.is_scanner
    return any(in_scope(ip, scope, exclude) for ip in s.ips)


def build_inventory(results: Sequence[CollectorResult], meta: ScanMeta,
                    scope: Sequence[Network] = (), exclude: Sequence[Network] = (),
                    extra_gaps: Sequence[Gap] = ()) -> Inventory:
    """One Inventory from every collector result of a scan."""
    sightings = [s for r in results for s in r.sightings if _keep(s, scope, exclude)]
    network = merge_network(r.network for r in results)
    assets = [assign_roles(a, network)
              for a in resolve(sightings, meta.started, scope, exclude)]
    assets, directories = settle(assets, [r.directory for r in results if r.directory])
    links = resolve_links([h for r in results for h in r.links], assets)
    assets = mark_guests(assets, links)
    versions = dict(meta.tool_versions)
    for r in results:
        versions.update(r.tool_versions)
    return Inventory(
        scan=meta.model_copy(update={"tool_versions": versions}),
        assets=assets,
        links=links,
        gaps=[g for r in results for g in r.gaps] + list(extra_gaps),
        network=network,
        directories=directories,
        mail_domains=[d for r in results for d in r.mail_domains],
    )


def now() -> datetime:
    return datetime.now(UTC)
