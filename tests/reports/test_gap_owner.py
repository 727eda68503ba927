"""The gap report for two readers, on the recorded demo office (fixtures/reports/
lab-before.json) and on a generated 10k-asset campus: the owner's first page, names
instead of ids, confidences in words, the assumed-process glossary, the switch port
maps, and a page that stays usable at 10k."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from analysis import assess
from analysis.model import Assessment
from analysis.processes import ProcessSpec
from bench.campus import generate
from reports import render_gap_html, render_gap_md
from reports.audience import client_view
from reports.gap_html import INVENTORY_ROWS, SPOFS_DETAILED
from reports.glossary import assumed_glossary
from reports.owner import by_business_impact, first_actions, owner_page
from reports.plain import confidence_word, namer
from reports.portmap import link_index
from scanner.files import load_inventory
from scanner.inventory.model import Inventory
from tests.lab import expected as E

LAB = Path(__file__).resolve().parents[2] / "fixtures" / "reports" / "lab-before.json"
_TAG = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module")
def demo() -> Assessment:
    """What the client sees (the scanning laptop left out), as every report renders it."""
    return client_view(assess(load_inventory(LAB)))


@pytest.fixture(scope="module")
def campus() -> Assessment:
    return assess(Inventory.model_validate(generate(10_000)))


def _text(html: str) -> str:
    return " ".join(unescape(_TAG.sub(" ", html)).split())


def _section(html: str, name: str) -> str:
    start = html.index(f'<section id="{name}">')
    return html[start:html.index("</section>", start)]


def test_owner_page_names_what_could_stop_the_business(demo: Assessment) -> None:
    page = owner_page(demo)
    assert page.headline == ("13 things can each stop part of the business on their own "
                             "failure. The worst is sw.office.lan: it stops 6 processes, "
                             "6 workloads, 2 of 2 seats (100.0%).")
    assert [t.name for t in page.threats][:3] == [
        "sw.office.lan", "cable sw.office.lan - dns.office.lan",
        "dns.office.lan: only DHCP server (role dhcp)"]
    assert page.threats[0].stops.startswith("File shares, Line-of-business databases")
    assert len(page.threats) == 5 and page.more_threats == 8


def test_owner_actions_worst_then_quickest_then_cheapest(demo: Assessment) -> None:
    page = owner_page(demo)
    assert 3 <= len(page.actions) <= 5
    assert [(a.severity, a.effort, a.cost) for a in page.actions] == [
        ("high", "minutes", "no purchase"), ("high", "days", "a purchase"),
        ("high", "days", "a purchase"), ("medium", "hours", "no purchase"),
        ("medium", "hours", "a purchase")]
    assert page.actions[0].title.startswith("SNMP default community accepted by gw.office.lan")
    assert all(f.severity != "info" for f in first_actions(demo.findings))


def test_owner_page_says_what_the_scan_could_not_see(demo: Assessment) -> None:
    unseen = owner_page(demo).unseen
    assert unseen[0].startswith("SNMP (switches, UPS, printers) got no answer in time from 8 "
                                "devices: dns.office.lan, dns2.office.lan")
    assert any(line.startswith("Backups on db.office.lan") for line in unseen)
    assert unseen[-1].startswith("Only 10.77.0.0/24 was scanned")


def test_owner_page_comes_first_in_html_and_markdown(demo: Assessment) -> None:
    html = render_gap_html(demo).decode()
    owner = _text(_section(html, "owner"))
    assert html.index('<section id="owner">') < html.index('<section id="summary">')
    assert owner_page(demo).headline in owner
    assert "What to do first" in owner and "What the scan could not see" in owner
    md = render_gap_md(demo).decode()
    assert md.index("## For the owner: what could stop the business") < md.index(
        "## Technician's detail: summary")
    assert f"**{owner_page(demo).headline}**" in md


def test_names_not_ids_and_words_not_decimals(demo: Assessment) -> None:
    html = render_gap_html(demo).decode()
    text = _text(html)
    for asset in demo.inventory.assets:
        # once: the id column of its inventory row, nowhere in prose
        assert text.count(asset.id) == 1, asset.id
    assert "physical link sw.office.lan port p-gw - gw.office.lan port lan0" in text
    assert not re.search(r"\(0\.\d+[:)]", text), "confidences are words"
    assert "(high confidence: nmap OS match 'Linux 5.3 - 5.4' (96% accuracy))" in text
    md = render_gap_md(demo).decode()
    assert not re.search(r"mac-0277\d{8}", md)


def test_namer_and_confidence_words(demo: Assessment) -> None:
    plain = namer(demo)
    assert plain("no link data for mac-02770000000b") == "no link data for dns2.office.lan"
    assert plain("mac-027700000002:p-gw") == "sw.office.lan port p-gw"
    assert plain("mac-999999999999 is unknown") == "mac-999999999999 is unknown"
    assert [confidence_word(c) for c in (1.0, 0.8, 0.65, 0.5, 0.3)] == [
        "high", "high", "medium", "medium", "low"]


def test_glossary_explains_each_assumed_process(demo: Assessment) -> None:
    entries = {g.process: g for g in assumed_glossary(demo)}
    assert set(entries) == {p.name for p in demo.processes if p.assumed}
    assert entries["File shares"].why == "a device provides the file role"
    assert any(line.startswith("files.office.lan has role file") for line in
               entries["File shares"].evidence)
    assert entries["Internet access"].why == "a gateway to the internet was found"
    assert entries["Internet access"].evidence[0].startswith("gw.office.lan has role gateway")
    html = _text(_section(render_gap_html(demo).decode(), "glossary"))
    assert '"(assumed)" marks a business process nobody declared' in html


def test_declared_processes_need_no_glossary(demo: Assessment) -> None:
    declared = assess(demo.inventory, processes=[ProcessSpec("Accounting", 1, ("role:file",))])
    assert assumed_glossary(declared) == []
    assert '<section id="glossary">' not in render_gap_html(declared).decode()


def test_port_map_per_switch(demo: Assessment) -> None:
    switches = link_index(demo.inventory).switches
    assert [s.name for s in switches] == ["sw.office.lan"]
    rows = [(r.port, r.device, r.device_port, r.how) for r in switches[0].rows]
    hosts = sorted(k for k in E.LLDP_HOSTS)
    assert rows == [(E.BY_KEY[k].switch_port, f"{k}.office.lan",
                     "lan0" if k == "gw" else "eth0", "LLDP, high confidence") for k in hosts]
    text = _text(_section(render_gap_html(demo).decode(), "ports"))
    assert "p-db db.office.lan eth0 server LLDP, high confidence" in text
    assert "| p-gw | gw.office.lan | lan0 | router | LLDP, high confidence |" in \
        render_gap_md(demo).decode()


def test_ten_thousand_assets_stay_usable(campus: Assessment) -> None:
    html = render_gap_html(campus).decode()
    assert len(html) < 1_500_000, len(html)
    inventory = _section(html, "inventory")
    assert inventory.count('<tr id="asset-') == INVENTORY_ROWS
    assert f"{len(campus.inventory.assets) - INVENTORY_ROWS:,} more in assets.csv" in inventory
    assert (f"<details>\n<summary>{len(campus.inventory.assets)} assets, most important first "
            f"(the first {INVENTORY_ROWS})") in inventory
    spofs = _section(html, "spofs")
    assert spofs.count('<div class="spof">') == SPOFS_DETAILED
    ranked = by_business_impact(campus.spofs)
    assert spofs.index(ranked[0].label) < spofs.index(ranked[1].label)
    assert "too many to draw" in _section(html, "diagram")
    assert html.index('<section id="owner">') < html.index('<section id="summary">')
    assert len(render_gap_md(campus)) < 1_500_000


def test_heading_names_the_client_and_who_prepared_it(demo: Assessment) -> None:
    site = demo.model_copy(update={"site_client": "Contoso <Dental>", "site_name": "Main office",
                                   "site_location": "Leeds", "site_prepared_by": "A. Consultant"})
    html = render_gap_html(site).decode()
    assert "<h1>Disaster recovery gap report: Contoso &lt;Dental&gt;</h1>" in html
    assert "<p>Main office, Leeds. Prepared by A. Consultant</p>" in html
    md = render_gap_md(site).decode()
    assert md.startswith("# Disaster recovery gap report: Contoso &lt;Dental&gt;\n\n"
                         "Main office, Leeds. Prepared by A. Consultant\n")
    assert "<h1>Disaster recovery gap report</h1>" in render_gap_html(demo).decode()


def test_an_unfound_mail_provider_is_not_called_a_failure(demo: Assessment) -> None:
    """An internal domain with no MX (most offices) leaves a maildns gap: the owner reads
    that the mail provider was not found and how to name it, not that something failed."""
    from scanner.inventory.model import Gap
    gap = Gap(target="DNS 10.77.0.10", collector="maildns", reason="error",
              detail="the DNS server 10.77.0.10 holds no MX, SPF or autodiscover record")
    inv = demo.inventory.model_copy(update={"gaps": [*demo.inventory.gaps, gap]})
    unseen = owner_page(demo.model_copy(update={"inventory": inv})).unseen
    (line,) = [u for u in unseen if "mail" in u]
    assert line.startswith("Which mail and cloud services the office uses was not found")
    assert "DNS 10.77.0.10" in line and "--mail-domain" in line
    assert not any("failed" in u for u in unseen)
