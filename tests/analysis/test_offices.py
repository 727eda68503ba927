"""Exact SPOFs, blast radii, tiers and waves on small offices built in Python."""

from __future__ import annotations

from analysis import ProcessSpec, assess
from analysis.model import Assessment, Spof
from scanner.inventory.model import Link
from tests.analysis.offices import asset, cabled_office, gateway_pair_office, one_switch_office


def spofs(a: Assessment) -> dict[str, list[str]]:
    return {s.id: s.blast_radius for s in a.spofs}


def by_spof(a: Assessment) -> dict[str, Spof]:
    return {s.id: s for s in a.spofs}


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
        # two file servers, nothing says they replicate: each holds its own files
        "spof:role:file:fs1": ["process:file-shares"],
        "spof:role:file:fs2": ["process:file-shares"],
    }
    by_id = {s.id: s for s in a.spofs}
    dns = by_id["spof:role:dns:dnsmasq"]
    assert dns.kind == "role" and dns.asset_ids == ["dnsmasq"]
    assert dns.reason.startswith("only DNS server (role dns)")
    # 4 (name resolution) + 3 (addressing) + 4 (file shares) + 2 (printing) + 3 workstations
    assert dns.blast_weight == 16
    # the three numbers: processes, workloads (servers, not itself), seats (the laptop is none)
    assert (dns.impact.processes, dns.impact.workloads, dns.impact.seats,
            dns.impact.seats_total) == (4, 0, 3, 4)
    sw = by_id["spof:asset:sw"]
    assert (sw.impact.processes, sw.impact.workloads, sw.impact.seats) == (5, 3, 4)
    assert sw.workloads == ["dnsmasq", "fs1", "fs2"]
    assert sw.seats == ["printer", "ws1", "ws2", "ws3"]
    assert by_id["spof:role:file:fs1"].reason.startswith("file server without a known replica")
    assert by_id["spof:asset:gw"].reason.startswith("only gateway")
    assert by_id["spof:asset:sw"].evidence == ["only switch seen on 10.0.0.0/24; no topology data"]
    assert [(r.role, r.asset_ids) for r in a.assumed_separate] == [("file", ["fs1", "fs2"])]


def test_same_role_is_not_redundancy_but_tier_flows_to_every_provider() -> None:
    a = assess(one_switch_office())
    flagged = {x for s in a.spofs for x in s.asset_ids}
    assert not flagged & {"laptop", "ws1"}
    for fs in ("fs1", "fs2"):  # "File shares" is criticality 1: both need RTO <= 4 h
        assert prio(a, fs).suggested_tier == 1
        assert prio(a, fs).suggested_rto == "<= 4 h"
        assert prio(a, fs).tier_reason.startswith("runs File shares (tier 1)")


def test_declared_redundancy_makes_file_servers_replicas_but_keeps_their_tier() -> None:
    from analysis.site.load import parse_site

    site = parse_site('[[redundancy]]\nmembers = ["fs1", "fs2"]\nroles = ["file"]\n'
                      'reason = "DFS replication of every share"\n')
    a = assess(one_switch_office(), site=site)
    assert not {"fs1", "fs2"} & {x for s in a.spofs for x in s.asset_ids}
    assert a.assumed_separate == []
    assert [g.asset_ids for g in a.replica_groups] == [["fs1", "fs2"]]
    assert "DFS replication" in a.replica_groups[0].evidence
    assert prio(a, "fs1").suggested_tier == prio(a, "fs2").suggested_tier == 1


def test_two_dns_servers_handed_out_together_remove_the_dns_spof_but_not_dhcp() -> None:
    inv = one_switch_office([asset("dns2", "10.0.0.4", "server", ("dns",))])
    separate = assess(inv)
    assert {"spof:role:dns:dnsmasq", "spof:role:dns:dns2"} <= set(spofs(separate))
    handed = inv.model_copy(update={"network": inv.network.model_copy(
        update={"dns_servers": ["10.0.0.3", "10.0.0.4"]})})
    a = assess(handed)
    ids = set(spofs(a))
    assert not any(i.startswith("spof:role:dns:") for i in ids)
    assert "spof:role:dhcp:dnsmasq" in ids
    assert spofs(a)["spof:role:dhcp:dnsmasq"] == sorted(
        ["process:network-addressing", "ws1", "ws2", "ws3"])
    assert [g.id for g in a.replica_groups] == ["replicas:dns:clients"]


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
    assert (sw.suggested_tier, sw.recovery_wave) == (1, 1)
    assert (sw.category, sw.suggested_rto, sw.suggested_rpo) == ("network", "<= 4 h", "<= 1 h")
    # 5 processes stop: 4+3+4+3+2, plus 9 assets
    assert sw.blast_weight == 16 + 9 and prio(a, "ws1").blast_weight == 0
    # the Priority's impact is the SPOF's impact: one computation, one set of numbers
    assert sw.impact == next(s.impact for s in a.spofs if s.id == "spof:asset:sw")
    assert dnsmasq.tier_reason == ("runs Name resolution (tier 1); its failure stops "
                                   "4 processes, 0 workloads, 3 of 4 seats (75.0%)")
    assert prio(a, "gw").suggested_tier == 2 and prio(a, "printer").suggested_tier == 3
    assert ws1.depends_on == ["dnsmasq", "sw"]
    assert ws1.spofs_on_path == ["spof:asset:sw", "spof:role:dhcp:dnsmasq",
                                 "spof:role:dns:dnsmasq"]
    assert prio(a, "printer").suggested_tier == 3
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
        # no process stops (dns1 remains), but a workload does (dns2), and two seats
        "spof:asset:acc2": ["dns2", "ws2", "ws3"],
        "spof:link:acc2:core1": ["acc2", "dns2", "ws2", "ws3"],
    }
    # a server on one cable whose loss stops nothing else: its cable is no SPOF either
    assert "spof:link:acc1:dns1" not in spofs(a) and "spof:link:acc2:dns2" not in spofs(a)
    by_id = {s.id: s for s in a.spofs}
    assert by_id["spof:asset:acc1"].reason.startswith("articulation point")
    assert by_id["spof:link:acc1:fs"].asset_ids == ["acc1", "fs"]
    assert by_id["spof:asset:acc2"].impact.text() == "0 processes, 1 workload, 2 of 3 seats (66.7%)"
    assert prio(a, "acc2").suggested_tier == 2  # raised: 1 workload and 2 seats stop with it
    assert prio(a, "core2").suggested_tier == 4
    assert a.recovery_waves[0] == ["acc1", "core1", "core2"]
    assert a.recovery_waves[-1] == ["ws1", "ws2", "ws3"]


def test_seats_threshold_decides_when_cut_off_seats_make_a_spof() -> None:
    from analysis.site.load import parse_site

    inv = cabled_office()
    no_dns2 = inv.model_copy(update={"assets": [x for x in inv.assets if x.id != "dns2"],
                                     "links": [ln for ln in inv.links if "dns2" not in
                                               (ln.source, ln.target)]})
    assert "spof:asset:acc2" not in spofs(assess(no_dns2))  # 2 seats < 5 (default)
    two = parse_site("[site]\nseats_threshold = 2\n")
    assert "spof:asset:acc2" in spofs(assess(no_dns2, site=two))
    assert assess(no_dns2, site=two).seats_threshold == 2


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
    assert by_spof(a)["spof:asset:fs1"].impact.processes == 1


def test_domain_controllers_of_one_domain_and_replica_facts_are_replicas() -> None:
    from scanner.inventory.model import Fact
    from tests.analysis.offices import svc

    ldap = "Domain: corp.example0., Site: Default-First-Site-Name"
    dcs = [asset(f"dc{i}", f"10.0.0.{60 + i}", "server", ("directory", "dns"),
                 services=[svc(389, "ldap", extrainfo=ldap)]) for i in (1, 2)]
    other = asset("dc3", "10.0.0.63", "server", ("directory",),
                  services=[svc(389, "ldap", extrainfo="Domain: lab.example0., Site: x")])
    a = assess(one_switch_office([*dcs, other]))
    groups = {g.id: g for g in a.replica_groups}
    assert groups["replicas:ad:corp.example"].asset_ids == ["dc1", "dc2"]
    flagged = {x for s in a.spofs if s.kind == "role" for x in s.asset_ids}
    assert "dc3" in flagged and not {"dc1", "dc2"} & flagged  # dc3: another domain
    vrrp = [Fact(field="replica_group", value="vrrp:10.0.0.254", collector="snmp",
                 evidence="VRRP virtual address 10.0.0.254")]
    webs = [asset(f"web{i}", f"10.0.0.{70 + i}", "server", ("web",)) for i in (1, 2)]
    webs = [w.model_copy(update={"provenance": [*w.provenance, *vrrp]}) for w in webs]
    a = assess(one_switch_office(webs))
    assert [g.asset_ids for g in a.replica_groups if g.id.startswith("replicas:fact:")] == [
        ["web1", "web2"]]
    assert not {"web1", "web2"} & {x for s in a.spofs if s.kind == "role" for x in s.asset_ids}


def test_switches_and_firewalls_are_never_listed_as_assumed_separate() -> None:
    a = assess(cabled_office())  # four switches, all with role "switch"
    assert [r.role for r in a.assumed_separate] == []
