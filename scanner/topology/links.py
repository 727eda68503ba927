"""Neighbour-protocol links (LLDP/CDP): match, normalise port names, merge both sides.

A cable reported by both ends becomes one link whose evidence cites both; a
cable reported by one end only is kept (a phone or a server without LLDP-MIB
cannot report back).  Parallel cables (two uplinks, one blocked by STP) stay
separate links, which is exactly how the analysis sees redundancy.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from scanner.inventory.identity import IdentityKey, norm_mac
from scanner.inventory.model import Asset, Link
from scanner.inventory.sighting import LinkHint, LinkHintKind

#: a link end's alternative keys -> the asset id the first known one names, or None
Lookup = Callable[[Sequence[IdentityKey]], str | None]
PHYSICAL_HINT_KINDS: frozenset[LinkHintKind] = frozenset({"physical", "fdb"})


def port_name(asset: Asset | None, port: str | None) -> str | None:
    """A port given as a MAC becomes that interface's name when the asset has one."""
    if not port or asset is None:
        return port
    address = norm_mac(port) if len(port) >= 12 else None
    if address:
        for interface in asset.interfaces:
            if interface.mac == address:
                return interface.name
    return port


def _same_port(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.lower() == b.lower()


def _merge(into: Link, other: Link) -> Link:
    """Fill unknown ports from the other report and cite both sides."""
    flip = into.source != other.source
    o_src, o_dst = (other.target_port, other.source_port) if flip else (
        other.source_port, other.target_port)
    evidence = into.evidence if other.evidence in into.evidence else (
        f"{into.evidence}; {other.evidence}")
    return into.model_copy(update={
        "source_port": into.source_port or o_src, "target_port": into.target_port or o_dst,
        "confidence": max(into.confidence, other.confidence), "evidence": evidence[:1000]})


def _matches(link: Link, other: Link) -> bool:
    if {link.source, link.target} != {other.source, other.target}:
        return False
    if link.source == other.source:
        pairs = ((link.source_port, other.source_port), (link.target_port, other.target_port))
    else:
        pairs = ((link.source_port, other.target_port), (link.target_port, other.source_port))
    return all(_same_port(a, b) for a, b in pairs)


def dedupe(links: Sequence[Link]) -> list[Link]:
    """One link per cable: reports agreeing on both ends' ports (or silent on one) merge."""
    out: list[Link] = []
    for link in links:
        for i, kept in enumerate(out):
            if _matches(kept, link):
                out[i] = _merge(kept, link)
                break
        else:
            out.append(link)
    return out


def neighbour_links(hints: Sequence[LinkHint], lookup: Lookup,
                    assets: Mapping[str, Asset]) -> list[Link]:
    """LLDP/CDP reports whose far end matches a known asset, merged per cable."""
    links = []
    for h in hints:
        src, dst = lookup(h.source_keys), lookup(h.target_keys)
        if not src or not dst or src == dst:
            continue
        links.append(Link(source=src, target=dst, kind="physical",
                          source_port=port_name(assets.get(src), h.source_port),
                          target_port=port_name(assets.get(dst), h.target_port),
                          collector=h.collector, confidence=h.confidence, evidence=h.evidence))
    return dedupe(links)
