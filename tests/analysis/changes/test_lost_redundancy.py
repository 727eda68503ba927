"""drscout diff: removing a redundant DNS server is a new risk, never "resolved"."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from analysis import assess
from analysis.changes.diff import NOT_A_FIX, diff
from drscout.cli.main import cli
from reports.diff_md import render_diff_md
from scanner.files import load_inventory
from scanner.inventory.model import Inventory

BEFORE = Path(__file__).resolve().parents[3] / "fixtures" / "reports" / "lab-before.json"
DNS2 = "dns2.office.lan"


def _without_dns2(inv: Inventory, still_handed_out: bool) -> Inventory:
    """The lab with dns2 unplugged; DHCP may still hand out its address (a stale option)."""
    gone = next(a for a in inv.assets if a.name == DNS2)
    network = inv.network if still_handed_out else inv.network.model_copy(update={
        "dns_servers": [ip for ip in inv.network.dns_servers if ip not in gone.ips]})
    return inv.model_copy(update={
        "assets": [a for a in inv.assets if a.id != gone.id],
        "links": [x for x in inv.links if gone.id not in (x.source, x.target)],
        "network": network})


def test_losing_dns2_is_a_new_risk_and_not_a_fix() -> None:
    before = load_inventory(BEFORE)
    old = assess(before)
    for stale in (False, True):
        result = diff(old, assess(_without_dns2(before, stale)))
        assert [a.name for a in result.assets_gone] == [DNS2]
        assert len(result.redundancy_lost) == 1, result.redundancy_lost
        lost = result.redundancy_lost[0]
        assert f"{DNS2} gone" in lost.title and "dns.office.lan now without a replica" in lost.title
        assert lost in result.new_at_or_above("high")
        assert all(f.note == NOT_A_FIX for f in result.findings_resolved
                   if {"mac-02770000000a", "mac-02770000000b"} & set(
                       next(x for x in old.findings if x.id == f.id).asset_ids))
        assert "Redundancy lost (new risk)" in render_diff_md(result)


def test_no_lost_redundancy_between_identical_runs_or_when_it_returns() -> None:
    before = load_inventory(BEFORE)
    old = assess(before)
    assert diff(old, old).redundancy_lost == []
    back = diff(assess(_without_dns2(before, False)), old)
    assert back.redundancy_lost == [] and [a.name for a in back.assets_new] == [DNS2]


def test_cli_fail_on_new_counts_lost_redundancy(tmp_path: Path) -> None:
    before = load_inventory(BEFORE)
    after = tmp_path / "after.json"
    after.write_text(_without_dns2(before, False).model_dump_json(), encoding="utf-8")
    runner = CliRunner()
    shown = runner.invoke(cli, ["diff", str(BEFORE), str(after), "--json"])
    assert shown.exit_code == 0, shown.output
    assert len(json.loads(shown.stdout)["redundancy_lost"]) == 1
    failing = runner.invoke(cli, ["diff", str(BEFORE), str(after), "--fail-on-new", "high"])
    assert failing.exit_code == 1 and "redundancy lost" in failing.stdout


def test_a_finding_that_gains_an_asset_is_a_new_risk() -> None:
    """One finding per problem: a second device with a default SNMP community widens
    DRS-004 (same id), and the diff must still say so."""
    before = load_inventory(BEFORE)
    target = next(a for a in before.assets if a.name == "web.office.lan")
    after = before.model_copy(update={"assets": [
        a.model_copy(update={"snmp_community_default": True}) if a.id == target.id else a
        for a in before.assets]})
    result = diff(assess(before), assess(after))
    assert [(i.id, i.note) for i in result.findings_widened] == [
        ("DRS-004", "now also on web.office.lan")]
    assert result.findings_new == [] and result.findings_widened[0] in \
        result.new_at_or_above("high")
    assert "Findings on more assets" in render_diff_md(result)
