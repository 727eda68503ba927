"""Exact SPOFs, blast radii, tiers and waves on small offices built in Python."""

from __future__ import annotations

from analysis import ProcessSpec, assess
from analysis.model import Assessment
from scanner.model import Link
from tests.analysis.offices import asset, cabled_office, gateway_pair_office, one_switch_office


def spofs(a: Assessment) -> dict[str, list[str]]:
    return {s.id: s.blast_radius for s in a.spofs}


def prio(a: Assessment, asset_id: str):  # type: ignore[no-untyped-def]
    return next(p for p in a.priorities if p.asset_id == asset_id)


def test_one_switch_office_spofs_and_blast_radii() -> None:
    a = assess(one_switch_office())
    clients = ["ws1", "ws2", "ws3"]
    dns_blast = sorted(["process:file-shares", "process:name-resolution",
                        "process:network-addressing", "process:printing", *clients])
    assert spofs(a) == {
        "spof:asset:sw": sorted(["dnsmasq", "fs1", "fs2", "gw", "internet", "laptop", "printer",
                                 "process:file-shares", "process:internet-access",
                                 "process:name-resolution", "process:network-addressing",
                                 "process:printing", *clients]),
        "spof:role:dns:dnsmasq": dns_blast,
        "spof:role:dhcp:dnsmasq": dns_blast,
        "spof:asset:gw": ["internet", "process:internet-access"],
        "spof:role:printer:printer": ["process:printing"],
    }
    by_id = {s.id: s for s in a.spofs}
    dns = by_id["spof:role:dns:dnsmasq"]
    assert dns.kind == "role" and dns.asset_ids == ["dnsmasq"]
    assert dns.reason.startswith("only DNS server (role dns)")
    # 4 (name resolution) + 3 (addressing) + 4 (file shares) + 2 (printing) + 3 workstations
    assert dns.blast_weight == 16
    assert by_id["spof:asset:gw"].reason.startswith("only gateway")
    assert by_id["spof:asset:sw"].evidence == ["only switch seen on 10.0.0.0/24; no topology data"]


def test_redundant_file_servers_and_scanner_are_not_spofs() -> None:
    a = assess(one_switch_office())
    flagged = {x for s in a.spofs for x in s.asset_ids}
    assert not flagged & {"fs1", "fs2", "laptop", "ws1"}
    assert prio(a, "fs1").suggested_tier == 4
    assert "other providers of File shares" in prio(a, "fs1").tier_reason


def test_two_dns_servers_remove_the_dns_spof_but_not_dhcp() -> None:
    a = assess(one_switch_office([asset("dns2", "10.0.0.4", "server", ("dns",))]))
    ids = set(spofs(a))
    assert not any(i.startswith("spof:role:dns:") for i in ids)
    assert "spof:role:dhcp:dnsmasq" in ids
    assert spofs(a)["spof:role:dhcp:dnsmasq"] == sorted(
        ["process:network-addressing", "ws1", "ws2", "ws3"])


def test_process_statuses_list_their_spofs() -> None:
    a = assess(one_switch_office())
    status = {p.name: p for p in a.processes}
    assert set(status) == {"Internet access", "Name resolution", "Network addressing",
                           "File shares", "Printing"}
    assert status["Internet access"].spofs == ["spof:asset:sw", "spof:asset:gw"]
    assert status["File shares"].needs == ["role:dns", "role:file", "segment:10.0.0.0/24"]
    assert all(p.assumed for p in a.processes)


def test_tiers_and_recovery_waves_in_one_switch_office() -> None:
    a = assess(one_switch_office())
    # power, network, directory/DNS, files, applications, workstations; gw after sw
    # because it hangs off it
    assert a.recovery_waves == [["sw"], ["gw"], ["dnsmasq"], ["fs1", "fs2"], ["printer"],
                                ["laptop", "ws1", "ws2", "ws3"]]
    assert [p.asset_id for p in sorted(a.priorities, key=lambda p: p.recovery_order)] == \
        [x for wave in a.recovery_waves for x in wave]
    sw, dnsmasq, ws1 = prio(a, "sw"), prio(a, "dnsmasq"), prio(a, "ws1")
    assert (sw.suggested_tier, sw.recovery_wave, sw.blast_radius) == (1, 1, 14)
    assert (sw.category, sw.suggested_rto, sw.suggested_rpo) == ("network", "<= 4 h", "<= 1 h")
    # 5 processes stop: 4+3+4+3+2, plus 9 assets
    assert sw.blast_weight == 16 + 9 and prio(a, "ws1").blast_weight == 0
    assert dnsmasq.tier_reason == "runs Name resolution (tier 1); its failure stops 3 other assets"
    assert prio(a, "gw").suggested_tier == 2 and prio(a, "printer").suggested_tier == 3
    assert ws1.depends_on == ["dnsmasq", "sw"]
    assert ws1.spofs_on_path == ["spof:asset:sw", "spof:role:dhcp:dnsmasq",
                                 "spof:role:dns:dnsmasq"]
    assert prio(a, "gw").spofs_on_path == ["spof:asset:sw"]


def test_cabled_office_with_redundant_core_and_parallel_uplinks() -> None:
    a = assess(cabled_office())
    assert spofs(a) == {
        "spof:asset:core1": ["acc2", "dns2", "gw", "internet", "process:internet-access",
                             "ws2", "ws3"],
        "spof:asset:acc1": ["dns1", "fs", "process:file-shares", "ws1"],
        "spof:link:acc1:fs": ["fs", "process:file-shares"],
        "spof:link:core1:gw": ["gw", "internet", "process:internet-access"],
        "spof:role:file:fs": ["process:file-shares"],
        "spof:asset:gw": ["internet", "process:internet-access"],
    }
    by_id = {s.id: s for s in a.spofs}
    assert by_id["spof:asset:acc1"].reason.startswith("articulation point")
    assert by_id["spof:link:acc1:fs"].asset_ids == ["acc1", "fs"]
    # acc2 is an articulation point but its loss stops no process (dns1 remains)
    assert prio(a, "acc2").suggested_tier == 2  # raised: it takes 3 assets down
    assert prio(a, "core2").suggested_tier == 4
    assert a.recovery_waves[0] == ["acc1", "core1", "core2"]
    assert a.recovery_waves[-1] == ["ws1", "ws2", "ws3"]


def test_single_uplink_makes_core_a_spof_for_the_access_switch() -> None:
    inv = cabled_office()
    links = [ln for ln in inv.links if (ln.source, ln.target) != ("acc1", "core2")]
    a = assess(inv.model_copy(update={"links": links}))
    assert "fs" in spofs(a)["spof:asset:core1"]
    assert "spof:link:acc1:core1" in spofs(a)


def test_gateway_pair_has_no_gateway_spof() -> None:
    a = assess(gateway_pair_office())
    ids = set(spofs(a))
    assert ids == {"spof:asset:sw", "spof:role:dns:dns"}
    edges = {(e.source, e.target): e for e in a.graph.edges}
    assert edges["role:gateway", "gw2"].kind == "network"
    assert "process:internet-access" in spofs(a)["spof:asset:sw"]


def test_hypervisor_hosting_the_only_dns_is_an_asset_spof() -> None:
    inv = gateway_pair_office()
    hv = asset("hv", "10.2.0.50", "hypervisor", ())  # no role: not a sole provider
    link = Link(source="dns", target="hv", kind="runs_on", collector="libvirt")
    power = Link(source="hv", target="ups", kind="power", collector="snmp")
    a = assess(inv.model_copy(update={"assets": [*inv.assets, hv], "links": [link, power]}))
    by_id = {s.id: s for s in a.spofs}
    assert by_id["spof:asset:hv"].kind == "asset"
    assert "process:name-resolution" in by_id["spof:asset:hv"].blast_radius
    assert "hv" in by_id["spof:asset:ups"].blast_radius
    waves = a.recovery_waves
    flat = {x: i for i, wave in enumerate(waves) for x in wave}
    assert flat["sw"] < flat["ups"] < flat["hv"] < flat["dns"] < flat["ws1"]


def test_declared_processes_replace_the_defaults() -> None:
    spec = ProcessSpec("Accounting", 1, ("fs1",))
    a = assess(one_switch_office(), processes=[spec])
    assert [p.id for p in a.processes] == ["process:accounting"]
    assert not a.processes[0].assumed
    assert set(spofs(a)) == {"spof:asset:sw", "spof:asset:fs1", "spof:role:dns:dnsmasq"}
