"""Port maps: for each switch, its ports and what is plugged into each.

A technician walking to the rack wants "port 7: files.office.lan", not a list of
links.  The rows come from the inventory's physical links (LLDP/CDP neighbours,
the switch's forwarding table), each with how it was learned and a confidence in
words.  One pass over the links builds every index, so 100k links cost 100k
steps: the same pass gives the inventory table's "attached to" and "runs on"
columns (what :func:`reports.rows.attachments` says, without a scan per asset).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from reports.plain import confidence_word
from reports.rows import SWITCH_LIKE
from scanner.inventory.model import Asset, Inventory, Link

#: switches drawn in full, and ports listed per switch, before "N more"
SWITCH_LIMIT = 40
PORT_LIMIT = 64
_DIGITS = re.compile(r"(\d+)")


class PortRow(NamedTuple):
    """One port of a switch and the device on the other end of its cable (a tuple:
    100k of them are made per report)."""

    port: str
    device: str
    device_id: str
    device_port: str
    device_type: str
    link: Link

    @property
    def how(self) -> str:
        """Worded only for the rows shown (a few thousand of 100k)."""
        return how_learned(self.link)


@dataclass
class SwitchPorts:
    name: str
    asset_id: str
    rows: list[PortRow] = field(default_factory=list)

    def shown(self) -> list[PortRow]:
        return self.rows[:PORT_LIMIT]

    @property
    def more(self) -> int:
        return max(0, len(self.rows) - PORT_LIMIT)


@dataclass
class LinkIndex:
    """Everything the gap report reads from the links, built in one pass."""

    switches: list[SwitchPorts]
    attached: dict[str, list[str]]
    runs_on: dict[str, list[str]]


def how_learned(link: Link) -> str:
    """``LLDP, high confidence``: the method a person can check on the switch."""
    text = link.evidence.lstrip()
    method = ("LLDP" if text.startswith("LLDP") else "CDP" if text.startswith("CDP")
              else "address table" if text.startswith("forwarding table")
              else f"{link.collector}")
    return f"{method}, {confidence_word(link.confidence)} confidence"


def port_key(port: str) -> tuple[object, ...]:
    """Natural order: Gi1/0/2 before Gi1/0/10; no port last."""
    if not port:
        return (1,)
    return (0, *((int(p) if p.isdigit() else p.lower()) for p in _DIGITS.split(port) if p))


#: the last (inventory, index): the HTML and Markdown reports of one run share it
_LAST: list[tuple[Inventory, LinkIndex]] = []


def link_index(inventory: Inventory) -> LinkIndex:
    """The index of ``inventory`` (built once per inventory object)."""
    if _LAST and _LAST[0][0] is inventory:
        return _LAST[0][1]
    index = _build(inventory)
    _LAST[:] = [(inventory, index)]
    return index


def _build(inventory: Inventory) -> LinkIndex:
    by_id = {a.id: a for a in inventory.assets}
    maps: dict[str, SwitchPorts] = {}
    attached: dict[str, list[str]] = {}
    runs_on: dict[str, list[str]] = {}
    for link in inventory.links:
        source, target = by_id.get(link.source), by_id.get(link.target)
        if source is None or target is None:
            continue
        if link.kind == "runs_on":
            runs_on.setdefault(source.id, []).append(target.name)
        elif link.kind == "physical":
            _add_ports(maps, link, source, target)
            _add_attachments(attached, link, source, target)
    switches = sorted(maps.values(), key=lambda s: (-len(s.rows), s.name.lower(), s.asset_id))
    for s in switches[:SWITCH_LIMIT]:  # the rest are only counted
        s.rows.sort(key=lambda r: (port_key(r.port), r.device.lower()))
    return LinkIndex(switches, attached, runs_on)


def _add_ports(maps: dict[str, SwitchPorts], link: Link, source: Asset,
               target: Asset) -> None:
    """Both ends that are switches get a row: the cable is on a port of each."""
    for me, port, other, other_port in ((source, link.source_port, target, link.target_port),
                                        (target, link.target_port, source, link.source_port)):
        if me.type not in ("switch", "wireless"):
            continue
        entry = maps.get(me.id)
        if entry is None:
            entry = maps[me.id] = SwitchPorts(me.name, me.id)
        entry.rows.append(PortRow(port or "", other.name, other.id, other_port or "",
                                  other.type, link))


def _add_attachments(attached: dict[str, list[str]], link: Link, source: Asset,
                     target: Asset) -> None:
    """The rule of :func:`reports.rows.attachments`: a host is attached to the
    switch-like device at either end; between two switch-like devices only the
    source (the access side) is attached to the target (its uplink)."""
    if source.type in SWITCH_LIKE or target.type in SWITCH_LIKE:
        port = link.target_port
        attached.setdefault(source.id, []).append(f"{target.name}:{port}" if port
                                                  else target.name)
    if source.type in SWITCH_LIKE and target.type not in SWITCH_LIKE:
        port = link.source_port
        attached.setdefault(target.id, []).append(f"{source.name}:{port}" if port
                                                  else source.name)
