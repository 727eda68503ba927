"""The gap report's UPS and printer section (HTML and Markdown), benign and hostile."""

from __future__ import annotations

import re
from html import unescape
from io import BytesIO

import pytest
from openpyxl import load_workbook

from analysis.model import Assessment
from reports import OUTPUTS, Renderer
from reports.gap_html import render_gap_html
from reports.gap_md import render_gap_md
from scanner.inventory.model import Asset, PowerStatus, PrinterAlert, PrinterStatus, PrinterSupply
from tests.reports.sample import PAYLOADS, sample_assessment
from tests.reports.test_hostile_everywhere import CHECKS

POWER = PowerStatus(source_mib="PowerNet-MIB, UPS-MIB", battery_status="low", charge_percent=64,
                    minutes_remaining=7, on_battery=True, output_source="onBattery",
                    load_percent=76, replace_battery=True, alarms=["lowBattery"],
                    model="Smart-UPS X 750")
PRINTER = PrinterStatus(
    status="idle", device_status="warning", errors=["lowToner"],
    alerts=[PrinterAlert(severity="critical", code="1101", description="Toner empty")],
    supplies=[PrinterSupply(description="Black Toner", kind="toner", level_percent=4,
                            state="low"),
              PrinterSupply(description="Waste Toner Box", kind="wasteToner", state="some",
                            receptacle=True)])


def _with(assessment: Assessment, power: PowerStatus | None,
          printer: PrinterStatus | None) -> Assessment:
    def update(asset: Asset) -> Asset:
        if asset.type == "ups":
            return asset.model_copy(update={"power": power})
        if asset.type == "printer":
            return asset.model_copy(update={"printer": printer})
        return asset

    inventory = assessment.inventory
    assets = [update(a) for a in inventory.assets]
    return assessment.model_copy(
        update={"inventory": inventory.model_copy(update={"assets": assets})})


def _section(html: str) -> str:
    match = re.search(r'<section id="power-printers">(.*?)</section>', html, re.S)
    assert match, "section missing"
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split())


def test_gap_report_shows_ups_runtime_and_supplies() -> None:
    report = _with(sample_assessment(), POWER, PRINTER)
    text = _section(render_gap_html(report).decode())
    assert "ups01 Smart-UPS X 750 low 64% 7 min yes (onBattery) 76% yes lowBattery" in text
    assert "printer-1 idle, warning lowToner; critical: Toner empty" in text
    assert "Black Toner: 4% low" in text and "Waste Toner Box: some left" in text
    md = render_gap_md(report).decode()
    assert ("| ups01 | low | 64% | 7 min | yes | 76% | yes | lowBattery |" in md)
    assert "Black Toner: 4% low; Waste Toner Box: some left |" in md


def test_unread_ups_and_printer_are_listed_as_gaps() -> None:
    text = _section(render_gap_html(sample_assessment()).decode())
    assert "ups01 No battery data: the UPS was not read over SNMP" in text
    assert "printer-1 Not read over SNMP" in text
    md = render_gap_md(sample_assessment()).decode()
    assert "| ups01 | no battery data: not read over SNMP |" in md


def _hostile_status() -> tuple[PowerStatus, PrinterStatus]:
    p = iter(PAYLOADS * 4)
    power = POWER.model_copy(update={"alarms": [next(p), next(p)], "model": next(p),
                                     "output_source": next(p), "source_mib": next(p)})
    printer = PrinterStatus(
        name=next(p), status=next(p), device_status=next(p), errors=[next(p)],
        alerts=[PrinterAlert(severity=next(p), code=next(p), description=next(p))],
        supplies=[PrinterSupply(description=next(p), kind=next(p), colorant=next(p),
                                level_percent=50, state="ok") for _ in range(3)])
    return power, printer


def _content(name: str, data: bytes) -> object:
    """What a file says: an xlsx's cell values (its zip carries the time it was written),
    any other file's bytes."""
    if not name.endswith(".xlsx"):
        return data
    book = load_workbook(BytesIO(data))
    return [(sheet.title, list(sheet.iter_rows(values_only=True))) for sheet in book]


#: the outputs that show UPS and printer status (the others must not change with it)
SHOWN_IN = ("inventory.json", "gap-report.html", "gap-report.md")


@pytest.mark.parametrize(("name", "render"), OUTPUTS, ids=[n for n, _ in OUTPUTS])
def test_hostile_power_and_printer_strings_stay_inert(name: str, render: Renderer) -> None:
    """Where the hostile status reaches a file (it differs from the benign one's), the
    file passes its format's inertness check; elsewhere it must not reach at all, so a
    renderer that starts showing it without being checked here fails."""
    power, printer = _hostile_status()
    hostile = render(_with(sample_assessment(hostile=True), power, printer))
    benign = render(_with(sample_assessment(hostile=True), POWER, PRINTER))
    if name not in SHOWN_IN:
        assert _content(name, hostile) == _content(name, benign), (
            f"{name} now shows power/printer status: add it to SHOWN_IN")
        return
    assert _content(name, hostile) != _content(name, benign), (
        f"{name} no longer shows the power/printer strings")
    try:
        CHECKS["." + name.rsplit(".", 1)[1]](hostile)
    except AssertionError as exc:
        raise AssertionError(f"{name}: {exc}") from exc


def test_hostile_payloads_reach_the_section_escaped() -> None:
    power, printer = _hostile_status()
    hostile = _with(sample_assessment(hostile=True), power, printer)
    html = render_gap_html(hostile).decode()
    section = html[html.index('<section id="power-printers">'):]
    section = section[:section.index("</section>")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in section and "<script" not in section
    md = render_gap_md(hostile).decode()
    part = md[md.index("## UPS batteries and printers"):md.index("## Scan coverage")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in part
    assert "\\[link\\](javascript:alert(1))" in part
