"""Model, serial and firmware from ENTITY-MIB, vendor MIBs and the sysDescr's shape, as
claims beside the classifier's.

The chassis row is the device's own statement of what it is, so its model beats a
model guessed from sysDescr and its serial is the only serial many agents give; a
vendor's own "product name" scalar (see :mod:`.vendors`) is more precise still, and
a product name read off the start of an unknown sysDescr (:mod:`.descr_identity`)
is the weakest claim of all.  A stack keeps every member (``Asset.modules``); the
first member with a serial stands for the device.  Per field the most confident
claim wins, ties keep the earlier one; a placeholder serial, an OS name or (on an
appliance) a CPU architecture never stands as the device's serial or model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from scanner.collectors.snmp import oids
from scanner.collectors.snmp.identify import descr_identity, vendors
from scanner.collectors.snmp.identify.classify import Claim, Classification
from scanner.collectors.snmp.identify.enterprises import enterprise_number
from scanner.collectors.snmp.mibs import entity
from scanner.collectors.snmp.values import Walk, oid_text, placeholder_serial, text
from scanner.inventory.model import Module

ENTITY_MODEL = 0.92
ENTITY_SERIAL = 0.95
ENTITY_VERSION = 0.85
#: an entPhysicalDescr without a model name: a hint, below any sysDescr product rule
ENTITY_DESCR_ONLY = 0.6
#: agents of general-purpose OSes (net-snmp, FreeBSD bsnmpd, Windows): on these a CPU
#: architecture is the only hardware description there is; on an appliance it is noise
GENERAL_PURPOSE_AGENTS = frozenset({8072, 12325, 311})
#: device types that are appliances even when their agent is net-snmp
APPLIANCE_TYPES = frozenset({"switch", "router", "wireless", "ups", "printer", "other"})
_ARCHITECTURE = re.compile(
    r"^(x86(_64)?|amd64|i[3-6]86|aarch64|arm64|armv\d\w*|mips\w*|ppc\w*|sparc\w*|"
    r"intel x64|amd x64|x64|arm)$",
    re.IGNORECASE,
)
#: operating systems are never a model ("Linux" on a router names its OS)
_OS_NAMES = frozenset({"linux", "unix", "freebsd", "openbsd", "netbsd", "windows", "vxworks"})
#: a position in the box, not a product ("chassis 1", "Unit 1", "Slot 2")
_POSITION = re.compile(r"^(chassis|unit|slot|module|stack|switch|system|board)\s*\d*$",
                       re.IGNORECASE)
_HEX_NOISE = re.compile(r"(\b[0-9a-f]{2}\b.*){4}", re.IGNORECASE)
_VERSION_TOKEN = re.compile(r"[A-Za-z]*\.?\d[\w.()-]*")


def module(e: entity.Entity) -> Module:
    return Module(
        kind=e.cls,
        name=e.name,
        description=e.description,
        model=e.model,
        serial=e.serial,
        hardware_rev=e.hardware_rev,
        firmware_rev=e.firmware_rev,
        software_rev=e.software_rev,
        vendor=e.vendor,
    )


def product_descr(descr: str) -> bool:
    """Whether an entPhysicalDescr reads like a product name (not a sentence or noise)."""
    return (
        bool(descr)
        and len(descr) <= 96
        and not re.search(r"[,:;#]", descr)
        and re.search(r"\d", descr) is not None
        and not _HEX_NOISE.search(descr)
        and not _POSITION.match(descr)
    )


def _descr_name(descr: str) -> str:
    """An entPhysicalDescr without the software release some agents append to it
    ("HP A5500-24G EI Switch ... Software Version 5.20.99")."""
    descr = re.split(r"\s+Software Version\b", descr, maxsplit=1, flags=re.IGNORECASE)[0]
    return descr if product_descr(descr) else ""


def model_text(e: entity.Entity) -> tuple[str, float]:
    """The chassis model as people read it: "<product name> (<part number>)" when the
    agent gives both (Aruba CX "6100 12G ... Switch (JL679A)"), else whichever exists."""
    descr = _descr_name(e.description)
    if e.model and descr and e.model.lower() not in descr.lower():
        return f"{descr} ({e.model})", ENTITY_MODEL
    if e.model:
        return (descr or e.model), ENTITY_MODEL
    return descr, ENTITY_DESCR_ONLY


def version_text(software_rev: str) -> str:
    """The release in an entPhysicalSoftwareRev: its first dotted number ("Everest
    16.6.7" -> "16.6.7", "5.20.99 Release 2222P08" -> "5.20.99"); "" when it has none
    (a build tag such as "10500-CMW-1201" is no version)."""
    tokens = [t for t in _VERSION_TOKEN.findall(software_rev) if re.search(r"\d\.\d", t)]
    return tokens[0] if tokens else ""


def _entity_claims(rows: list[entity.Entity], walk: Walk | None) -> Iterable[tuple[str, Claim]]:
    if not rows:
        descr = _descr_name(entity.first_descr(walk)) if walk is not None else ""
        if descr:
            why = "ENTITY-MIB entPhysicalDescr (lowest index)"
            yield "model", Claim(descr, ENTITY_DESCR_ONLY, why)
        return
    first = rows[0]
    where = f"ENTITY-MIB chassis entPhysicalIndex {first.index}"
    if first.serial:
        yield "serial", Claim(first.serial, ENTITY_SERIAL, f"{where} entPhysicalSerialNum")
    model, confidence = model_text(first)
    stack = entity.stack_row(walk) if walk is not None else None
    if stack is not None and stack.model and model_text(stack)[0]:
        model, confidence = model_text(stack)
        where = f"ENTITY-MIB stack entPhysicalIndex {stack.index}"
    if model:
        yield "model", Claim(model, confidence, f"{where} entPhysicalDescr/ModelName")
    version = version_text(first.software_rev)
    # a member unit's software revision is not necessarily the running OS's release
    top = first.cls in ("chassis", "unknown") or first.contained_in in (0, None)
    if version and (model or first.serial) and top:
        yield "os_version", Claim(version, ENTITY_VERSION, f"{where} entPhysicalSoftwareRev")


def _descr_claims(walk: Walk) -> Iterable[tuple[str, Claim]]:
    found = descr_identity.parse(text(walk.get(oids.SYS_DESCR), limit=512))
    if found.model:
        yield "model", Claim(found.model[:128], descr_identity.DESCR_MODEL,
                             "product name at the start of sysDescr")
    if found.version:
        yield "os_version", Claim(found.version[:128], descr_identity.DESCR_VERSION,
                                  "firmware version stated in sysDescr")


#: 32-bit architecture names people know by family ("i686" is x86, "armv7l" is ARMv7)
_ARCH_FAMILY = ((re.compile(r"^i[3-6]86$"), "x86"), (re.compile(r"^armv(\d)\w*$"), r"ARMv\1"))


def architecture_name(value: str) -> str:
    """A kernel's machine name as its architecture family; other values unchanged."""
    for pattern, family in _ARCH_FAMILY:
        if pattern.match(value):
            return pattern.sub(family, value)
    return value


def acceptable(field: str, value: str, general_host: bool) -> bool:
    """Whether a claimed value may stand for the device at all.

    A placeholder is never a serial and an OS name never a model; a bare CPU
    architecture is a model only on a general-purpose host (a Linux server), never on
    an appliance built on one.
    """
    if field == "serial":
        return not placeholder_serial(value)
    if field == "model" and value.strip().lower() in _OS_NAMES:
        return False
    if field == "model" and _ARCHITECTURE.match(value.strip()):
        return general_host
    return True


def general_purpose_host(walk: Walk | None, found: Classification, appliance: bool) -> bool:
    """A general-purpose OS's agent (net-snmp, bsnmpd, Windows) on a box that neither
    answered an appliance vendor's MIB nor was typed as network gear, a UPS, a printer
    or an embedded "other" device (camera, phone, BMC)."""
    if walk is None or appliance or found.value("type") in APPLIANCE_TYPES:
        return False
    return enterprise_number(oid_text(walk.get(oids.SYS_OBJECT_ID))) in GENERAL_PURPOSE_AGENTS


def hardware_claims(
    found: Classification,
    parts: list[entity.Entity],
    walk: Walk | None = None,
    present: frozenset[str] = frozenset(),
) -> Classification:
    """``found`` with ENTITY-MIB's and the vendor MIBs' claims where they are better.

    Without ``walk`` only ``parts`` (the kept ENTITY rows) are used.
    """
    rows = entity.device_rows(walk) if walk is not None else entity.chassis(parts)
    claims = list(_entity_claims(rows, walk))
    appliance = False
    if walk is not None:
        facts = vendors.facts(walk, present)
        appliance = any(f.appliance for f in facts)
        claims += [(f.field, Claim(f.value[:128], f.confidence, f.evidence)) for f in facts]
        claims += list(_descr_claims(walk))
    return _merge(found, claims, general_purpose_host(walk, found, appliance))


def _merge(found: Classification, claims: list[tuple[str, Claim]],
           general_host: bool) -> Classification:
    """Per field the most confident acceptable claim; the classifier's own model or
    serial goes when it is not acceptable (a CPU architecture from a kernel banner)."""
    updates: dict[str, Claim | None] = {}
    for field in ("model", "serial"):
        current = getattr(found, field)
        if current is not None and not acceptable(field, current.value, general_host):
            updates[field] = None
    for field, claim in claims:
        if not acceptable(field, claim.value, general_host):
            continue
        best = updates.get(field) if field in updates else getattr(found, field)
        if best is None or claim.confidence > best.confidence:
            updates[field] = claim
    model = updates.get("model", found.model)
    if model is not None and _ARCHITECTURE.match(model.value):
        updates["model"] = replace(model, value=architecture_name(model.value))
    return replace(found, **updates)
