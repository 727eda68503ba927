"""One number per concept: every SPOF's three impact numbers (processes,
workloads, seats) read the same in the assessment JSON, the HTML and Markdown
gap reports and the worksheet (SPOFs sheet and Priorities), and so does the
summary's worst SPOF.  The assessment comes from a real analysis run."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from io import BytesIO

import openpyxl

from analysis import assess
from analysis.model import Assessment
from reports import render_assessment_json, render_gap_html, render_gap_md
from reports.worksheet.xlsx import render_worksheet_xlsx
from scanner.inventory.model import Asset, Datastore, Link, VirtDisk, VirtInfo
from tests.analysis.offices import asset, cable, cabled_office

Numbers = tuple[int, int, int, int]
_TEXT = re.compile(r"(\d+) process(?:es)?, (\d+) workloads?, (\d+) of (\d+) seats")


def numbers(text: str) -> list[Numbers]:
    return [tuple(int(x) for x in m.groups()) for m in _TEXT.finditer(text)]  # type: ignore[misc]


def _ha_pair() -> tuple[list[Asset], list[Link]]:
    """Two HA hosts sharing one NFS datastore on a NAS, one VM on it: the hosts are
    no SPOFs, the datastore (and the NAS) are."""
    store = Datastore(key="ds1", name="nfs-ds1", type="NFS", shared=True, backing="10.1.0.70")
    hosts = [asset(f"esx{i}", f"10.1.0.7{i}", "hypervisor", ("hypervisor",),
                   virtualization=VirtInfo(platform="vmware", kind="host", cluster="c1",
                                           ha_enabled=True, datastores=[store]))
             for i in (1, 2)]
    vm = asset("erp", "10.1.0.80", "vm", ("database",), virtualization=VirtInfo(
        platform="vmware", kind="vm", host="esx1", disks=[VirtDisk(datastore="ds1")]))
    nas = asset("nas1", "10.1.0.70", "nas", ("nas",))
    links = [cable("esx1", "acc1"), cable("esx1", "core2"), cable("esx2", "acc1"),
             cable("esx2", "core2"), cable("nas1", "acc1"), cable("nas1", "core2"),
             Link(source="erp", target="esx1", kind="runs_on", collector="vmware")]
    return [*hosts, vm, nas], links


def office() -> Assessment:
    """The cabled office plus a standalone hypervisor with two VMs, an HA pair on
    shared storage and more seats."""
    inv = cabled_office()
    ha_assets, ha_links = _ha_pair()
    extra = [asset("hv", "10.1.0.50", "hypervisor", ("hypervisor",),
                   virtualization=VirtInfo(platform="libvirt", kind="host")),
             *(asset(f"vm{i}", f"10.1.0.6{i}", "vm", ("web",),
                     virtualization=VirtInfo(platform="libvirt", kind="vm")) for i in (1, 2)),
             *(asset(f"pc{i}", f"10.1.0.{120 + i}", "workstation", ("workstation",))
               for i in range(6))]
    links = [cable("hv", "acc1"), *(cable(f"pc{i}", "acc2") for i in range(6)),
             *(Link(source=f"vm{i}", target="hv", kind="runs_on", collector="libvirt")
               for i in (1, 2))]
    return assess(inv.model_copy(update={"assets": [*inv.assets, *extra, *ha_assets],
                                         "links": [*inv.links, *links, *ha_links]}))


class _Impacts(HTMLParser):
    """Text of every ``<p class="impact">`` and of the summary."""

    def __init__(self) -> None:
        super().__init__()
        self.impacts: list[str] = []
        self.text: list[str] = []
        self._in = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p" and ("class", "impact") in attrs:
            self._in = True
            self.impacts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._in = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in:
            self.impacts[-1] += data


def test_every_output_shows_the_same_impact_numbers() -> None:
    a = office()
    assert len(a.spofs) >= 5
    truth = [(s.impact.processes, s.impact.workloads, s.impact.seats, s.impact.seats_total)
             for s in a.spofs]
    assert any(t[1] for t in truth) and any(t[2] >= 5 for t in truth)  # not all zeros
    kinds = {s.kind for s in a.spofs}
    assert {"asset", "role", "link", "datastore"} <= kinds
    assert not {"esx1", "esx2"} & {x for s in a.spofs for x in s.asset_ids}

    data = json.loads(render_assessment_json(a))
    assert [(s["impact"]["processes"], s["impact"]["workloads"], s["impact"]["seats"],
             s["impact"]["seats_total"]) for s in data["spofs"]] == truth

    md = render_gap_md(a).decode()
    assert [n for line in md.splitlines() if line.startswith("**Impact:**")
            for n in numbers(line)] == truth

    parser = _Impacts()
    parser.feed(render_gap_html(a).decode())
    assert [numbers(t)[0] for t in parser.impacts] == truth

    book = openpyxl.load_workbook(BytesIO(render_worksheet_xlsx(a)))
    rows = list(book["SPOFs"].iter_rows(values_only=True))
    head = rows[0]
    sheet = [dict(zip(head, r, strict=True)) for r in rows[1:]]
    got = [(r["Processes stopped"], r["Workloads stopped"],
            *numbers(f"0 processes, 0 workloads, {r['Seats cut off']}")[0][2:]) for r in sheet]
    assert got == truth

    prows = list(book["Priorities"].iter_rows(values_only=True))
    prios = {r[0]: dict(zip(prows[0], r, strict=True)) for r in prows[1:]}
    for spof, numbers_ in zip(a.spofs, truth, strict=True):
        if spof.kind == "asset":
            row = prios[spof.asset_ids[0]]
            assert (row["Processes stopped"], row["Workloads stopped"]) == numbers_[:2]
            assert str(row["Seats cut off"]).startswith(f"{numbers_[2]} of {numbers_[3]} ")


def test_summary_names_the_worst_spof_with_its_numbers() -> None:
    a = office()
    worst = max(a.spofs, key=lambda s: (s.blast_weight, s.impact.seats, s.id))
    wanted = worst.impact.text()
    assert f"stops {wanted}" in render_gap_md(a).decode()
    parser = _Impacts()
    parser.feed(render_gap_html(a).decode())
    assert f"stops {wanted}" in " ".join(" ".join(parser.text).split())
    assert worst.label in render_gap_md(a).decode().split("## Business processes")[0]
