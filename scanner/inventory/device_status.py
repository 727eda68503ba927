"""Device state read over SNMP: a UPS's battery and a printer's supplies.

Part of the Inventory contract (``Asset.power``, ``Asset.printer``) and re-exported
by :mod:`scanner.inventory.model`; kept in its own module so the model stays small.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


BatteryStatus = Literal["normal", "low", "depleted", "replace", "fault", "unknown"]


class PowerStatus(_Frozen):
    """What a UPS says of its battery and load (UPS-MIB RFC 1628, APC PowerNet-MIB).

    ``None`` means "not reported", never "zero": a UPS that does not say how long
    it can run must not read as one that cannot run at all.  ``battery_status``
    is ``"replace"`` when the battery is otherwise normal but the UPS asks for a
    new one; ``source_mib`` names the MIBs the values came from."""

    source_mib: str = ""
    battery_status: BatteryStatus | None = None
    charge_percent: int | None = Field(default=None, ge=0, le=100)
    minutes_remaining: int | None = Field(default=None, ge=0)
    seconds_on_battery: int | None = Field(default=None, ge=0)
    on_battery: bool | None = None
    output_source: str | None = None
    load_percent: int | None = Field(default=None, ge=0)
    replace_battery: bool | None = None
    temperature_c: int | None = None
    alarms: list[str] = Field(default_factory=list)
    manufacturer: str | None = None
    model: str | None = None
    serial: str | None = None
    firmware: str | None = None


SupplyState = Literal["ok", "low", "empty", "almost-full", "full", "some", "unknown"]


class PrinterSupply(_Frozen):
    """One marker supply (toner, drum, waste box) from Printer-MIB prtMarkerSuppliesTable.

    ``level_percent`` is the share left (of the supply, or of the free space in a
    waste receptacle), ``None`` when the printer gives no number (levels -1/-2/-3)."""

    description: str = ""
    kind: str = ""
    colorant: str = ""
    level_percent: int | None = Field(default=None, ge=0, le=100)
    state: SupplyState = "unknown"
    receptacle: bool = False


class PrinterAlert(_Frozen):
    severity: str = ""
    code: str = ""
    description: str = ""


class PrinterStatus(_Frozen):
    """A printer's state (HOST-RESOURCES hrPrinter/hrDevice, Printer-MIB alerts and supplies)."""

    name: str | None = None
    serial: str | None = None
    status: str | None = None
    device_status: str | None = None
    errors: list[str] = Field(default_factory=list)
    alerts: list[PrinterAlert] = Field(default_factory=list)
    supplies: list[PrinterSupply] = Field(default_factory=list)
