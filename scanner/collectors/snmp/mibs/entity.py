"""ENTITY-MIB entPhysicalTable: chassis, stack members and modules with their serials.

A stack of switches is one agent with several chassis rows; every one is kept
(a stack member's serial is exactly what an RMA or a warranty check needs).
"""

from __future__ import annotations

from dataclasses import dataclass

from scanner.collectors.snmp.mibs.tables import table
from scanner.collectors.snmp.values import Walk, integer, placeholder_serial, text

ENT_PHYSICAL_ENTRY = "1.3.6.1.2.1.47.1.1.1.1"
WALK_ROOTS: tuple[str, ...] = tuple(f"{ENT_PHYSICAL_ENTRY}.{c}"
                                    for c in (2, 4, 5, 7, 8, 9, 10, 11, 12, 13))
CLASSES = {1: "other", 2: "unknown", 3: "chassis", 4: "backplane", 5: "container",
           6: "powerSupply", 7: "fan", 8: "sensor", 9: "module", 10: "port", 11: "stack",
           12: "cpu", 13: "energyObject", 14: "battery", 15: "storageDrive"}
#: classes worth an inventory line (ports, sensors and fans would flood it)
KEPT = frozenset({"chassis", "module", "stack", "powerSupply", "storageDrive"})
_PLACEHOLDERS = frozenset({"", "n/a", "na", "none", "unknown", "not available", "0", "<private>"})


@dataclass(frozen=True)
class Entity:
    index: int
    cls: str
    name: str
    description: str
    model: str
    serial: str
    hardware_rev: str
    firmware_rev: str
    software_rev: str
    vendor: str
    contained_in: int | None


def _clean(value: object, limit: int = 128) -> str:
    found = text(value if isinstance(value, bytes | str | int) else None, limit=limit)
    return "" if found.lower() in _PLACEHOLDERS else found


def parse(walk: Walk) -> list[Entity]:
    """Every physical entity of a kept class, in index order."""
    return [e for e in rows(walk) if e.cls in KEPT]


def rows(walk: Walk) -> list[Entity]:
    """Every physical entity, whatever its class, in index order."""
    out = []
    for index, row in table(walk, ENT_PHYSICAL_ENTRY).items():
        if not index.isdigit():
            continue
        cls = CLASSES.get(integer(row.get(5)) or 0, "unknown")
        serial = _clean(row.get(11), 64)
        serial = "" if serial and placeholder_serial(serial) else serial
        out.append(Entity(int(index), cls, _clean(row.get(7)), _clean(row.get(2), 256),
                          _clean(row.get(13)), serial, _clean(row.get(8), 64),
                          _clean(row.get(9), 64), _clean(row.get(10), 64), _clean(row.get(12)),
                          integer(row.get(4))))
    return sorted(out, key=lambda e: e.index)


def chassis(entities: list[Entity]) -> list[Entity]:
    """The chassis rows (several for a stack), those with a serial first."""
    found = [e for e in entities if e.cls == "chassis"]
    return sorted(found, key=lambda e: (not e.serial, e.index))


def _depths(entities: list[Entity]) -> dict[int, int]:
    """Each row's distance from the top of the containment tree (0 = top level)."""
    parent = {e.index: e.contained_in or 0 for e in entities}
    depths: dict[int, int] = {}
    for index in parent:
        depth, seen, node = 0, {index}, parent[index]
        while node in parent and node not in seen:
            seen.add(node)
            depth, node = depth + 1, parent[node]
        depths[index] = depth
    return depths


def device_rows(walk: Walk) -> list[Entity]:
    """The rows that describe the device itself: its chassis rows when the agent gives
    entPhysicalClass, else the highest rows in the containment tree that carry a model
    or serial.

    FortiGate and some Cisco agents omit the class column, ESXi files its SMBIOS box
    under another class, and Edgecore lists each stack unit as a container under an
    empty stack row; the highest row with a model or serial is still the box.
    """
    every = rows(walk)
    found = chassis(every)
    if found:
        return found
    named = [e for e in every if e.model or e.serial]
    if not named:
        return []
    depths = _depths(every)
    top = min(depths[e.index] for e in named)
    return sorted((e for e in named if depths[e.index] == top),
                  key=lambda e: (not e.serial, e.index))


def stack_row(walk: Walk) -> Entity | None:
    """The top-level stack row (entPhysicalClass stack), which names a stacked or
    virtual-chassis switch as a whole ("Aruba 6300 VSF Stack")."""
    return next((e for e in rows(walk) if e.cls == "stack" and e.contained_in in (0, None)),
                None)


def first_descr(walk: Walk) -> str:
    """entPhysicalDescr of the lowest index, for agents that give no other column."""
    found = rows(walk)
    return found[0].description if found else ""
