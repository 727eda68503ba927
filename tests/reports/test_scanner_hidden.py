"""The scanning machine stays in inventory.json and assessment.json (marked
``is_scanner``) and appears in no client-facing file: worksheet, CSV files, NetBox
import, GraphML, the diagrams (SVG and Mermaid), recovery waves, gap reports."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from analysis import assess
from analysis.model import Assessment, Finding
from reports import OUTPUTS
from reports.audience import client_view
from reports.exports import FORMATS, export_files
from scanner.files import load_inventory
from scanner.inventory.model import Service

LAB = Path(__file__).resolve().parents[2] / "fixtures" / "reports" / "lab-before.json"
NAME, HOST = "consultant-laptop-q7", "consultant-laptop-q7.office.lan"
RAW = {"inventory.json", "assessment.json"}


def _lab_with_marked_scanner() -> Assessment:
    """The recorded lab run; its scanner gets a name no other string contains, a
    telnet port (so a rule could flag it) and a finding that names it with a server."""
    inv = load_inventory(LAB)
    me = next(a for a in inv.assets if a.is_scanner)
    telnet = Service(port=23, name="telnet", collector="nmap")
    renamed = me.model_copy(update={"name": NAME, "hostnames": [HOST],
                                    "services": [*me.services, telnet]})
    inv = inv.model_copy(update={
        "assets": [renamed if a.is_scanner else a for a in inv.assets],
        "scan": inv.scan.model_copy(update={"scanner_host": NAME})})
    assessment = assess(inv)
    other = next(a for a in inv.assets if not a.is_scanner)
    mixed = Finding(id="X-1", rule="test", title="a finding about two machines",
                    severity="low", asset_ids=[me.id, other.id],
                    evidence=[f"{NAME} ({me.ips[0]}): something", f"{other.name}: something"],
                    recommendation="none", effort="minutes", cost="none")
    return assessment.model_copy(update={"findings": [*assessment.findings, mixed]})


def _text(name: str, data: bytes) -> str:
    if name.endswith(".xlsx"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "\n".join(z.read(n).decode("utf-8") for n in z.namelist())
    return data.decode("utf-8")


def _rendered(assessment: Assessment) -> dict[str, str]:
    files = {name: _text(name, render(assessment)) for name, render in OUTPUTS}
    for fmt in FORMATS:
        files.update({f"export/{name}": _text(name, render(assessment))
                      for name, render in export_files(fmt)})
    return files


@pytest.fixture(scope="module")
def lab() -> Assessment:
    return _lab_with_marked_scanner()


def test_the_scanner_is_in_the_raw_data_and_nowhere_else(lab: Assessment) -> None:
    me = next(a for a in lab.inventory.assets if a.is_scanner)
    needles = [NAME, me.id, *me.ips, *me.macs]
    files = _rendered(lab)
    assert {"worksheet.xlsx", "worksheet.md", "gap-report.html", "gap-report.md", "assets.csv",
            "graph.graphml", "export/csv/assets.csv", "export/netbox/04-devices.csv"} <= set(files)
    leaks = {(name, needle) for name, text in files.items() for needle in needles
             if needle in text and name.rsplit("/", 1)[-1] not in RAW}
    assert leaks == set()
    raw = json.loads(files["inventory.json"])
    assert [a["name"] for a in raw["assets"] if a["is_scanner"]] == [NAME]
    assert me.id in files["assessment.json"]


def test_client_view_keeps_everything_else(lab: Assessment) -> None:
    view = client_view(lab)
    me = next(a.id for a in lab.inventory.assets if a.is_scanner)
    assert len(view.inventory.assets) == len(lab.inventory.assets) - 1
    assert me not in {p.asset_id for p in view.priorities}
    assert all(me not in wave for wave in view.recovery_waves)
    assert sum(map(len, view.recovery_waves)) == sum(map(len, lab.recovery_waves)) - 1
    mixed = next(f for f in view.findings if f.id == "X-1")
    assert len(mixed.asset_ids) == 1 and len(mixed.evidence) == 1
    assert client_view(view) is view  # nothing left to hide: the same object


def test_rules_never_flag_the_scanning_machine(lab: Assessment) -> None:
    me = next(a.id for a in lab.inventory.assets if a.is_scanner)
    assert not [f.id for f in lab.findings if me in f.asset_ids and f.id != "X-1"]


def test_a_filled_worksheet_listing_the_scanner_does_not_bring_it_back(lab: Assessment) -> None:
    """A worksheet filled before the scanner was left out still has its row; carried
    over, it must not come back as a "gone" asset."""
    from reports.filled import read_filled
    from reports.worksheet.xlsx import render_worksheet_xlsx

    inv = lab.inventory
    unmarked = lab.model_copy(update={"inventory": inv.model_copy(update={"assets": [
        a.model_copy(update={"is_scanner": False}) for a in inv.assets]})})
    old = render_worksheet_xlsx(unmarked)
    assert NAME in _text("worksheet.xlsx", old)  # the old worksheet lists it
    carried = render_worksheet_xlsx(lab, read_filled(old))
    assert NAME not in _text("worksheet.xlsx", carried)
