"""The gap report's directory section with hostile directory strings: computer names,
OS texts and DNS names an attacker could set on a computer object reach the report only
as escaped text (autoescape), and the section counts seen and unseen machines."""

from __future__ import annotations

from datetime import UTC, datetime

from analysis import assess
from reports.gap_html import render_gap_html
from scanner.inventory.directory import Directory, DirectoryComputer
from scanner.inventory.model import Inventory

SCRIPT = "<script>alert(1)</script>"
HANDLER = '"><img src=x onerror=alert(2)>'


def _inventory() -> Inventory:
    computers = [
        DirectoryComputer(name=SCRIPT, dns_host_name="evil.ad.test", os=HANDLER,
                          os_version="=cmd|' /C calc'!A0", enabled=False,
                          last_logon=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)),
        DirectoryComputer(name="LAPTOP07", dns_host_name="laptop07.ad.test", os="Windows 11"),
        DirectoryComputer(name="WS01", seen_on_network=True, asset="host-ws01"),
    ]
    return Inventory(directories=[Directory(domain="ad.test", server="dc1.ad.test",
                                            transport="clear-text",
                                            domain_controllers=["dc1.ad.test"],
                                            dns_zones=[f"{SCRIPT}.zone"],
                                            computers=computers)])


def test_directory_section_escapes_hostile_strings() -> None:
    html = render_gap_html(assess(_inventory())).decode("utf-8")
    section = html.split('id="directory"', 1)[1].split("</section>", 1)[0]
    assert "<script>" not in section and "<img" not in section
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in section
    assert "LAPTOP07" in section and "WS01" not in section
    assert "3 computer objects, 1 seen on the network" in " ".join(section.split())
    assert "disabled" in section and "2026-01-02T03:04:05+00:00" in section
    assert "in clear text" in section


def test_no_directory_no_section() -> None:
    html = render_gap_html(assess(Inventory())).decode("utf-8")
    assert 'id="directory"' not in html


def test_markdown_report_lists_the_unseen_computers_safely() -> None:
    from reports.gap_md import render_gap_md

    md = render_gap_md(assess(_inventory())).decode("utf-8")
    section = md.split("## In the directory, not seen on the network", 1)[1].split("\n## ")[0]
    assert "LAPTOP07" in section and "WS01" not in section
    assert "<script>" not in section and "<img" not in section
    assert "| disabled |" in section and "3 computer objects, 1 seen on the network" in section
    assert "## In the directory" not in render_gap_md(assess(Inventory())).decode("utf-8")
