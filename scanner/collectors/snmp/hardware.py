"""Model, serial and firmware from ENTITY-MIB, as claims beside the classifier's.

The chassis row is the device's own statement of what it is, so its model name
beats a model guessed from sysDescr; its serial is the only serial most agents
give.  A stack keeps every member (``Asset.modules``); the first member with a
serial stands for the device.
"""

from __future__ import annotations

from dataclasses import replace

from scanner.collectors.snmp import entity
from scanner.collectors.snmp.classify import Claim, Classification
from scanner.model import Module

ENTITY_MODEL = 0.92
ENTITY_SERIAL = 0.95


def module(e: entity.Entity) -> Module:
    return Module(kind=e.cls, name=e.name, description=e.description, model=e.model,
                  serial=e.serial, hardware_rev=e.hardware_rev, firmware_rev=e.firmware_rev,
                  software_rev=e.software_rev, vendor=e.vendor)


def hardware_claims(found: Classification, parts: list[entity.Entity]) -> Classification:
    """``found`` with ENTITY-MIB's chassis model and serial where they are better."""
    chassis = entity.chassis(parts)
    if not chassis:
        return found
    first = chassis[0]
    updates: dict[str, Claim] = {}
    where = f"ENTITY-MIB chassis entPhysicalIndex {first.index}"
    if first.serial:
        updates["serial"] = Claim(first.serial, ENTITY_SERIAL, f"{where} entPhysicalSerialNum")
    model = first.model
    if model and (found.model is None or found.model.confidence < ENTITY_MODEL):
        updates["model"] = Claim(model, ENTITY_MODEL, f"{where} entPhysicalModelName")
    return replace(found, **updates)
