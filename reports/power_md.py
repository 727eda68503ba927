"""The gap report's "UPS batteries and printers" section, in Markdown.

Mirrors ``templates/_power_printers.html.j2``: one row per UPS (battery health,
charge, runtime, load) and per printer (state, alerts, supply levels).  A UPS or
printer that was found but not read still gets a row, saying so.  Every device
string goes through :func:`reports.sanitize.md_text`.
"""

from __future__ import annotations

from analysis.model import Assessment
from reports.sanitize import md_text
from scanner.inventory.model import Asset, PowerStatus, PrinterStatus

NOT_REPORTED = "not reported"
_ATTENTION = ("low", "empty", "almost-full", "full")


def _row(cells: list[str], width: int) -> str:
    padded = [md_text(c) for c in cells] + [""] * (width - len(cells))
    return "| " + " | ".join(padded) + " |"


def _num(value: int | None, unit: str) -> str:
    return NOT_REPORTED if value is None else f"{value}{unit}"


def _yes_no(value: bool | None) -> str:
    return NOT_REPORTED if value is None else ("yes" if value else "no")


def _ups_row(asset: Asset, p: PowerStatus | None) -> str:
    if p is None:
        return _row([asset.name, "no battery data: not read over SNMP"], 8)
    cells = [asset.name, p.battery_status or NOT_REPORTED, _num(p.charge_percent, "%"),
             _num(p.minutes_remaining, " min"), _yes_no(p.on_battery),
             _num(p.load_percent, "%"), _yes_no(p.replace_battery), ", ".join(p.alarms) or "none"]
    return _row(cells, 8)


def _supplies(pr: PrinterStatus) -> str:
    parts = []
    for s in pr.supplies:
        level = f"{s.level_percent}%" if s.level_percent is not None else (
            "some left" if s.state == "some" else "no level")
        state = f" {s.state}" if s.state in _ATTENTION else ""
        parts.append(f"{s.description or s.kind or 'supply'}: {level}{state}")
    return "; ".join(parts) or "none reported"


def _printer_row(asset: Asset, pr: PrinterStatus | None) -> str:
    if pr is None:
        return _row([asset.name, "not read over SNMP"], 4)
    state = ", ".join(x for x in (pr.status, pr.device_status) if x) or NOT_REPORTED
    alerts = [*pr.errors, *(": ".join(x for x in (a.severity, a.description or f"code {a.code}")
                                      if x) for a in pr.alerts)]
    return _row([asset.name, state, "; ".join(alerts) or "none", _supplies(pr)], 4)


def power_printer_lines(assessment: Assessment) -> list[str]:
    """The section's lines (heading, two tables), ending with a blank line."""
    assets = assessment.inventory.assets
    upses = [_ups_row(a, a.power) for a in assets if a.power or a.type == "ups"]
    printers = [_printer_row(a, a.printer) for a in assets if a.printer or a.type == "printer"]
    return ["## UPS batteries and printers", "",
            "| UPS | Battery | Charge | Runtime left | On battery | Load | Replace battery "
            "| Alarms |", "|---|---|---|---|---|---|---|---|",
            *(upses or [_row(["no UPS found in the scan"], 8)]), "",
            "| Printer | State | Errors and alerts | Supplies (share left) |", "|---|---|---|---|",
            *(printers or [_row(["no printer found"], 4)]), ""]
