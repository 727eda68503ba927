"""The exported dependency graph: nodes, edge kinds and evidence."""

from __future__ import annotations

from analysis import assess
from analysis.context import build_context
from scanner.inventory.model import Inventory, Link, NetworkContext
from tests.analysis.offices import asset, cabled_office, one_switch_office


def test_every_edge_has_a_kind_and_evidence() -> None:
    for inv in (one_switch_office(), cabled_office()):
        graph = assess(inv).graph
        ids = {n.id for n in graph.nodes}
        assert {"users", "internet", "role:gateway", "role:dns"} <= ids
        assert {a.id for a in inv.assets} <= ids
        for edge in graph.edges:
            assert edge.source in ids and edge.target in ids
            assert edge.kind in ("power", "network", "compute", "storage", "service", "process")
            assert edge.evidence


def test_one_switch_office_edges() -> None:
    graph = assess(one_switch_office()).graph
    edges = {(e.source, e.target): e for e in graph.edges}
    seg = "segment:10.0.0.0/24"
    assert edges[seg, "sw"].confidence == 0.5
    assert edges["ws1", "role:dns"].kind == "service"  # no evidence of what clients get
    assert edges["internet", "role:gateway"].kind == "network"
    assert ("laptop", "role:dns") not in edges  # the consultant's laptop is no client
    assert ("role:dns", "laptop") not in edges  # nor a provider, whatever it runs
    assert edges["users", "process:file-shares"].kind == "process"
    nodes = {n.id: n for n in graph.nodes}
    assert not nodes["process:file-shares"].any_of
    assert nodes["process:file-shares"].criticality == 1
    # a role is "all of" its providers: two file servers are two workloads
    assert not nodes["role:file"].any_of
    assert {("role:file", "fs1"), ("role:file", "fs2")} <= set(edges)
    assert nodes["role:printer"].any_of  # printers are seats: any one prints


def test_evidenced_replicas_become_one_any_of_unit() -> None:
    inv = one_switch_office([asset("dns2", "10.0.0.4", "server", ("dns",))])
    inv = inv.model_copy(update={"network": inv.network.model_copy(
        update={"dns_servers": ["10.0.0.3", "10.0.0.4"]})})
    graph = assess(inv).graph
    nodes = {n.id: n for n in graph.nodes}
    edges = {(e.source, e.target): e for e in graph.edges}
    unit = "replicas:dns:dns2+dnsmasq"
    assert nodes[unit].any_of and ("role:dns", unit) in edges
    assert {(unit, "dns2"), (unit, "dnsmasq")} <= set(edges)
    assert "handed out together" in edges["role:dns", unit].evidence
    assert nodes["clients:dns"].any_of and ("ws1", "clients:dns") in edges


def test_segments_fall_back_to_slash_24() -> None:
    inv = Inventory(assets=[asset("a", "192.168.7.9"), asset("b", "172.16.3.4")],
                    network=NetworkContext(subnets=["172.16.0.0/16", "not-a-subnet"]))
    ctx = build_context(inv)
    assert ctx.segments_of == {"a": ["192.168.7.0/24"], "b": ["172.16.0.0/16"]}


def test_cabled_office_uses_dominators_not_the_segment_rule() -> None:
    edges = {(e.source, e.target) for e in assess(cabled_office()).graph.edges}
    assert ("acc2", "core1") in edges and ("fs", "acc1") in edges
    assert ("acc1", "core1") not in edges and ("acc1", "core2") not in edges  # dual-homed
    assert not any(s.startswith("segment:") and t.startswith("core") for s, t in edges)


def test_empty_and_odd_inventories_do_not_break() -> None:
    empty = assess(Inventory())
    assert empty.spofs == [] and empty.priorities == [] and empty.recovery_waves == []
    assert {f.id for f in empty.findings} == set()
    odd = Inventory(assets=[asset("v6", "fe80::1%eth0"), asset("bad", "999.1.1.1")],
                    links=[Link(source="v6", target="ghost", kind="physical", collector="x"),
                           Link(source="v6", target="bad", kind="physical", collector="x")])
    result = assess(odd)
    assert sorted(p.asset_id for p in result.priorities) == ["bad", "v6"]
    # two servers on one cable, no switch: the cabling is rooted at "bad", so it stands
    # between v6 (a workload) and the rest; the cable is v6's own (cutting it is v6 failing)
    assert {s.id for s in result.spofs} == {"spof:asset:bad"}
