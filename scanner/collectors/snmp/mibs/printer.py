"""Printer-MIB (RFC 3805) and HOST-RESOURCES printer rows -> :class:`PrinterStatus`.

Supply levels are where printers lie most: RFC 3805 reserves -1 (other / no
restriction), -2 (unknown) and -3 ("some remains") for levels, and -1/-2 for the
capacity, and many agents report only those.  A special value becomes "no
number" (``level_percent=None``) with a state word, never a negative percent.
A waste receptacle's level is its remaining *space*, so its low states read
"almost-full"/"full".
"""

from __future__ import annotations

from scanner.collectors.snmp.mibs.tables import table
from scanner.collectors.snmp.values import Value, Walk, oid_text, text
from scanner.inventory.model import PrinterAlert, PrinterStatus, PrinterSupply, SupplyState

PRT_GENERAL_NAME = "1.3.6.1.2.1.43.5.1.1.16"
PRT_GENERAL_SERIAL = "1.3.6.1.2.1.43.5.1.1.17"
SUPPLIES_ENTRY = "1.3.6.1.2.1.43.11.1.1"
COLORANT_VALUE = "1.3.6.1.2.1.43.12.1.1.4"
ALERT_ENTRY = "1.3.6.1.2.1.43.18.1.1"
HR_DEVICE_TYPE = "1.3.6.1.2.1.25.3.2.1.2"
HR_DEVICE_STATUS = "1.3.6.1.2.1.25.3.2.1.5"
HR_PRINTER_ENTRY = "1.3.6.1.2.1.25.3.5.1"
HR_DEVICE_PRINTER = "1.3.6.1.2.1.25.3.1.5"
#: walked only on agents that implement Printer-MIB
WALK_ROOTS: tuple[str, ...] = (PRT_GENERAL_NAME, PRT_GENERAL_SERIAL, SUPPLIES_ENTRY,
                               COLORANT_VALUE, ALERT_ENTRY, HR_DEVICE_TYPE, HR_DEVICE_STATUS,
                               HR_PRINTER_ENTRY)

LOW_PERCENT = 10
MAX_SUPPLIES = 64
MAX_ALERTS = 32

_SUPPLY_TYPES = {
    1: "other", 2: "unknown", 3: "toner", 4: "wasteToner", 5: "ink", 6: "inkCartridge",
    7: "inkRibbon", 8: "wasteInk", 9: "opc", 10: "developer", 11: "fuserOil", 12: "solidWax",
    13: "ribbonWax", 14: "wasteWax", 15: "fuser", 16: "coronaWire", 17: "fuserOilWick",
    18: "cleanerUnit", 19: "fuserCleaningPad", 20: "transferUnit", 21: "tonerCartridge",
    22: "fuserOiler", 23: "water", 24: "wasteWater", 25: "glueWaterAdditive", 26: "wastePaper",
    27: "bindingSupply", 28: "bandingSupply", 29: "stitchingWire", 30: "shrinkWrap",
    31: "paperWrap", 32: "staples", 33: "inserts", 34: "covers", 35: "matteToner",
    36: "matteInk",
}
_WASTE_TYPES = {4, 8, 14, 24, 26}
_RECEPTACLE_CLASS = 4
_HR_PRINTER_STATUS = {1: "other", 2: "unknown", 3: "idle", 4: "printing", 5: "warmup"}
_HR_DEVICE_STATUS = {1: "unknown", 2: "running", 3: "warning", 4: "testing", 5: "down"}
#: hrPrinterDetectedErrorState bits, most significant bit of the first octet first
_ERROR_BITS = ("lowPaper", "noPaper", "lowToner", "noToner", "doorOpen", "jammed", "offline",
               "serviceRequested", "inputTrayMissing", "outputTrayMissing",
               "markerSupplyMissing", "outputNearFull", "outputFull", "inputTrayEmpty",
               "overduePreventMaint")
_SEVERITY = {1: "other", 3: "critical", 4: "warning", 5: "warning"}


def _int(value: Value | None) -> int | None:
    return value if isinstance(value, int) else None


def _state(percent: int | None, level: int | None, receptacle: bool) -> SupplyState:
    if percent is None:
        return "some" if level == -3 else "unknown"
    if percent == 0:
        return "full" if receptacle else "empty"
    if percent <= LOW_PERCENT:
        return "almost-full" if receptacle else "low"
    return "ok"


def _percent(level: int | None, capacity: int | None) -> int | None:
    """Level as a share of capacity; a printer without a capacity reports percent."""
    if level is None or level < 0:
        return None
    if capacity is None or capacity in (-1, -2):
        return level if level <= 100 else None
    if capacity <= 0:
        return None
    return min(100, round(100 * level / capacity))


def _supply(row: dict[int, Value], colorants: dict[str, str], device: str) -> PrinterSupply:
    kind_code = _int(row.get(5))
    description = text(row.get(6), limit=200)
    receptacle = (_int(row.get(4)) == _RECEPTACLE_CLASS or kind_code in _WASTE_TYPES
                  or "waste" in description.lower())
    level = _int(row.get(9))
    percent = _percent(level, _int(row.get(8)))
    colorant_index = _int(row.get(3))
    return PrinterSupply(
        description=description,
        kind=_SUPPLY_TYPES.get(kind_code, "") if kind_code is not None else "",
        colorant=colorants.get(f"{device}.{colorant_index}", "") if colorant_index else "",
        level_percent=percent,
        state=_state(percent, level, receptacle),
        receptacle=receptacle,
    )


def _supplies(walk: Walk) -> list[PrinterSupply]:
    colorants = {index: text(v, limit=64) for index, v in
                 ((o[len(COLORANT_VALUE) + 1:], v) for o, v in walk.items()
                  if o.startswith(COLORANT_VALUE + "."))}
    rows = table(walk, SUPPLIES_ENTRY)
    out = []
    for index in sorted(rows, key=_index_key)[:MAX_SUPPLIES]:
        out.append(_supply(rows[index], colorants, index.partition(".")[0]))
    return out


def _index_key(index: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else -1 for p in index.split("."))


def _alerts(walk: Walk) -> list[PrinterAlert]:
    rows = table(walk, ALERT_ENTRY)
    out = []
    for index in sorted(rows, key=_index_key)[:MAX_ALERTS]:
        row = rows[index]
        severity = _int(row.get(2))
        code = _int(row.get(7))
        out.append(PrinterAlert(
            severity=_SEVERITY.get(severity, "") if severity is not None else "",
            code=str(code) if code is not None else "",
            description=text(row.get(8), limit=200),
        ))
    return out


def _errors(walk: Walk) -> list[str]:
    found: list[str] = []
    for oid, value in walk.items():
        if not oid.startswith(HR_PRINTER_ENTRY + ".2.") or not isinstance(value, bytes):
            continue
        bits = int.from_bytes(value[:2].ljust(2, b"\0"), "big")
        found += [name for i, name in enumerate(_ERROR_BITS) if bits & (0x8000 >> i)]
    return list(dict.fromkeys(found))


def _printer_rows(walk: Walk) -> list[str]:
    """hrDevice indexes of the printer(s), from hrDeviceType or hrPrinterTable."""
    typed = [o[len(HR_DEVICE_TYPE) + 1:] for o, v in walk.items()
             if o.startswith(HR_DEVICE_TYPE + ".") and oid_text(v) == HR_DEVICE_PRINTER]
    listed = [o[len(HR_PRINTER_ENTRY) + 1:].partition(".")[2] for o in walk
              if o.startswith(HR_PRINTER_ENTRY + ".")]
    return sorted(set(typed or listed), key=_index_key)


def _first_word(walk: Walk, column: str, rows: list[str], words: dict[int, str]) -> str | None:
    for index in rows:
        value = _int(walk.get(f"{column}.{index}"))
        if value is not None:
            return words.get(value, f"unknown ({value})")
    return None


def _first_text(walk: Walk, column: str) -> str | None:
    values = [v for o, v in sorted(walk.items()) if o.startswith(column + ".")]
    return (text(values[0], limit=128) or None) if values else None


def parse(walk: Walk) -> PrinterStatus | None:
    """The printer's state and supplies, or None when the walk has no Printer-MIB data."""
    supplies, alerts = _supplies(walk), _alerts(walk)
    rows = _printer_rows(walk)
    name = _first_text(walk, PRT_GENERAL_NAME)
    serial = _first_text(walk, PRT_GENERAL_SERIAL)
    if not (supplies or alerts or name or serial or _has_printer_table(walk)):
        return None
    return PrinterStatus(
        name=name,
        serial=serial,
        status=_first_word(walk, HR_PRINTER_ENTRY + ".1", rows, _HR_PRINTER_STATUS),
        device_status=_first_word(walk, HR_DEVICE_STATUS, rows, _HR_DEVICE_STATUS),
        errors=_errors(walk),
        alerts=alerts,
        supplies=supplies,
    )


def _has_printer_table(walk: Walk) -> bool:
    return any(o.startswith(HR_PRINTER_ENTRY + ".") for o in walk)
