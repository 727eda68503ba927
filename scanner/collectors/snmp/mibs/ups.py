"""UPS-MIB (RFC 1628) and APC PowerNet-MIB battery objects -> :class:`PowerStatus`.

Both MIBs are read when present and merged field by field, PowerNet first: an
APC card's own MIB is more precise (high-precision capacity, runtime in ticks)
and its UPS-MIB, when it has one, is often a stub (the Smart-UPS X recordings
answer only upsIdentManufacturer).  Out-of-range values are dropped rather than
clamped: 65535 minutes or -273 degrees are an agent's way of saying "unknown".
"""

from __future__ import annotations

from typing import Any

from scanner.collectors.snmp.values import Value, Walk, integer, oid_text, text
from scanner.inventory.model import PowerStatus

UPS_MIB = "1.3.6.1.2.1.33.1"
UPS_IDENT = UPS_MIB + ".1"
UPS_BATTERY = UPS_MIB + ".2"
UPS_OUTPUT = UPS_MIB + ".4"
UPS_ALARM_DESCR = UPS_MIB + ".6.2.1.2"
UPS_WELL_KNOWN_ALARMS = UPS_MIB + ".6.3"
#: what the collector walks when the agent has UPS-MIB (each a few dozen varbinds)
UPS_WALK_ROOTS: tuple[str, ...] = (UPS_IDENT, UPS_BATTERY, UPS_OUTPUT, UPS_ALARM_DESCR)

APC_UPS = "1.3.6.1.4.1.318.1.1.1"
#: upsIdent, upsBattery and upsOutput of PowerNet-MIB's ups group
APC_WALK_ROOTS: tuple[str, ...] = (APC_UPS + ".1", APC_UPS + ".2", APC_UPS + ".4")

_RFC_BATTERY = {1: "unknown", 2: "normal", 3: "low", 4: "depleted"}
_RFC_SOURCE = {1: "other", 2: "none", 3: "normal", 4: "bypass", 5: "battery", 6: "booster",
               7: "reducer"}
#: RFC 1628 upsWellKnownAlarms, by last arc
_RFC_ALARMS = {
    1: "batteryBad", 2: "onBattery", 3: "lowBattery", 4: "depletedBattery", 5: "tempBad",
    6: "inputBad", 7: "outputBad", 8: "outputOverload", 9: "onBypass", 10: "bypassBad",
    11: "outputOffAsRequested", 12: "upsOffAsRequested", 13: "chargerFailed",
    14: "upsOutputOff", 15: "upsSystemOff", 16: "fanFailure", 17: "fuseFailure",
    18: "generalFault", 19: "diagnosticTestFailed", 20: "communicationsLost",
    21: "awaitingPower", 22: "shutdownPending", 23: "shutdownImminent", 24: "testInProgress",
}
_APC_BATTERY = {1: "unknown", 2: "normal", 3: "low", 4: "fault", 5: "fault"}
#: PowerNet-MIB upsBasicOutputStatus
_APC_OUTPUT = {
    1: "unknown", 2: "onLine", 3: "onBattery", 4: "onSmartBoost", 5: "timedSleeping",
    6: "softwareBypass", 7: "off", 8: "rebooting", 9: "switchedBypass",
    10: "hardwareFailureBypass", 11: "sleepingUntilPowerReturn", 12: "onSmartTrim",
    13: "ecoMode", 14: "hotStandby", 15: "onBatteryTest", 16: "emergencyStaticBypass",
    17: "staticBypassStandby", 18: "powerSavingMode", 19: "spotMode", 20: "eConversion",
}
_APC_ON_BATTERY = {3, 15}
MAX_ALARMS = 24


def _ranged(value: Value | None, low: int, high: int, scale: int = 1) -> int | None:
    """``value / scale`` rounded, or None when missing or outside ``low..high``."""
    number = integer(value) if not isinstance(value, bytes) else None
    if number is None:
        return None
    scaled = round(number / scale)
    return scaled if low <= scaled <= high else None


def _word(table: dict[int, str], value: Value | None) -> str | None:
    number = integer(value) if isinstance(value, int) else None
    return table.get(number) if number is not None else None


def _ident(walk: Walk, oid: str) -> str | None:
    return text(walk.get(oid), limit=128) or None


def _alarms(walk: Walk) -> list[str]:
    names: list[str] = []
    prefix = UPS_ALARM_DESCR + "."
    for oid, value in walk.items():
        if not oid.startswith(prefix):
            continue
        descr = oid_text(value)
        base, _, arc = descr.rpartition(".")
        known = _RFC_ALARMS.get(int(arc)) if base == UPS_WELL_KNOWN_ALARMS else None
        names.append(known or f"alarm {descr or '?'}")
    return list(dict.fromkeys(names))[:MAX_ALARMS]


def _rfc_load(walk: Walk) -> int | None:
    """The most loaded output line (upsOutputPercentLoad): the phase that trips first."""
    prefix = UPS_OUTPUT + ".4.1.5."
    loads = [_ranged(v, 0, 1000) for o, v in walk.items() if o.startswith(prefix)]
    known = [x for x in loads if x is not None]
    return max(known) if known else None


def _rfc1628(walk: Walk) -> dict[str, Any]:
    source = _word(_RFC_SOURCE, walk.get(UPS_OUTPUT + ".1.0"))
    seconds = _ranged(walk.get(UPS_BATTERY + ".2.0"), 0, 2**31)
    alarms = _alarms(walk)
    on_battery = source == "battery" if source else (seconds > 0 if seconds is not None else None)
    return {
        "manufacturer": _ident(walk, UPS_IDENT + ".1.0"),
        "model": _ident(walk, UPS_IDENT + ".2.0"),
        "firmware": _ident(walk, UPS_IDENT + ".3.0"),
        "battery_status": _word(_RFC_BATTERY, walk.get(UPS_BATTERY + ".1.0")),
        "seconds_on_battery": seconds,
        "minutes_remaining": _ranged(walk.get(UPS_BATTERY + ".3.0"), 0, 65534),
        "charge_percent": _ranged(walk.get(UPS_BATTERY + ".4.0"), 0, 100),
        "temperature_c": _ranged(walk.get(UPS_BATTERY + ".7.0"), -40, 150),
        "output_source": source,
        "on_battery": on_battery,
        "load_percent": _rfc_load(walk),
        "alarms": alarms,
        "replace_battery": True if "batteryBad" in alarms else None,
    }


def _first(*values: int | None) -> int | None:
    return next((v for v in values if v is not None), None)


def _apc_replace(walk: Walk) -> bool | None:
    indicator = integer(walk.get(APC_UPS + ".2.2.4.0"))
    bad_packs = _ranged(walk.get(APC_UPS + ".2.2.6.0"), 0, 1000)
    if indicator == 2 or (bad_packs or 0) > 0:
        return True
    return False if indicator == 1 else None


def _apc(walk: Walk) -> dict[str, Any]:
    b, o = APC_UPS + ".2", APC_UPS + ".4"
    status = integer(walk.get(o + ".1.1.0"))
    ticks_left = _ranged(walk.get(b + ".2.3.0"), 0, 2**32)
    ticks_on = _ranged(walk.get(b + ".1.2.0"), 0, 2**32)
    return {
        "model": _ident(walk, APC_UPS + ".1.1.1.0"),
        "firmware": _ident(walk, APC_UPS + ".1.2.1.0"),
        "serial": _ident(walk, APC_UPS + ".1.2.3.0"),
        "battery_status": _word(_APC_BATTERY, walk.get(b + ".1.1.0")),
        "seconds_on_battery": ticks_on // 100 if ticks_on is not None else None,
        "minutes_remaining": ticks_left // 6000 if ticks_left is not None else None,
        "charge_percent": _first(_ranged(walk.get(b + ".2.1.0"), 0, 100),
                                 _ranged(walk.get(b + ".3.1.0"), 0, 100, scale=10)),
        "temperature_c": _first(_ranged(walk.get(b + ".2.2.0"), -40, 150),
                                _ranged(walk.get(b + ".3.2.0"), -40, 150, scale=10)),
        "output_source": _word(_APC_OUTPUT, status),
        "on_battery": status in _APC_ON_BATTERY if status in _APC_OUTPUT else None,
        "load_percent": _first(_ranged(walk.get(o + ".2.3.0"), 0, 1000),
                               _ranged(walk.get(o + ".3.3.0"), 0, 1000, scale=10)),
        "replace_battery": _apc_replace(walk),
    }


def _has(walk: Walk, root: str) -> bool:
    prefix = root + "."
    return any(oid.startswith(prefix) for oid in walk)


def parse(walk: Walk) -> PowerStatus | None:
    """The UPS's power state, or None when the walk holds neither MIB."""
    sources = [(name, read(walk)) for name, root, read in (
        ("PowerNet-MIB", APC_UPS, _apc), ("UPS-MIB", UPS_MIB, _rfc1628)) if _has(walk, root)]
    if not sources:
        return None
    merged: dict[str, Any] = {}
    for _name, values in sources:
        for key, value in values.items():
            if merged.get(key) in (None, []) and value not in (None, []):
                merged[key] = value
    if merged.get("replace_battery") and merged.get("battery_status") in (None, "normal"):
        merged["battery_status"] = "replace"
    return PowerStatus(source_mib=", ".join(name for name, _ in sources), **merged)
