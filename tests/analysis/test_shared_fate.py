"""Hand-built graphs for redundancy, shared fate and the dominator tree; what-if."""

from __future__ import annotations

import networkx as nx
import pytest

from analysis import assess
from analysis.dominators import dominator_chain, exact_nodes, supply_dominators
from analysis.failure import blast_radii, dead_after, kill_sets
from analysis.shared_fate import defeated_redundancy, minimal_pairs
from analysis.whatif import what_if
from scanner.errors import UsageError
from scanner.inventory.model import Link
from tests.analysis.offices import asset, cabled_office, gateway_pair_office, one_switch_office


def graph(edges: list[tuple[str, str]], any_of: tuple[str, ...] = ()) -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_edges_from(edges)
    for n in g.nodes:
        g.nodes[n]["any_of"] = n in any_of
    return g


def dns_office(same_host: bool) -> nx.DiGraph:
    """P needs DNS (dns1 OR dns2) and the app; each DNS server runs on a hypervisor."""
    return graph([("P", "role:dns"), ("P", "app"), ("role:dns", "dns1"), ("role:dns", "dns2"),
                  ("dns1", "hv1"), ("dns2", "hv1" if same_host else "hv2"), ("app", "sw"),
                  ("hv1", "sw"), ("hv2", "sw")], any_of=("role:dns",))


def test_defeated_redundancy_on_one_hypervisor() -> None:
    g = dns_office(same_host=True)
    kills = kill_sets(g)
    assert defeated_redundancy(g, kills, {"hv1", "dns1", "dns2"}) == [
        ("role:dns", ["dns1", "dns2"], ["hv1"])]
    assert "hv1" in kills["P"]


def test_no_defeat_on_separate_hypervisors() -> None:
    g = dns_office(same_host=False)
    assert defeated_redundancy(g, kill_sets(g), {"hv1", "hv2", "dns1", "dns2"}) == []


def test_minimal_pairs_are_exact_and_minimal() -> None:
    g = dns_office(same_host=False)
    kills = kill_sets(g)
    assets = {"dns1", "dns2", "hv1", "hv2", "app", "sw"}
    result = minimal_pairs(g, kills, "P", assets)
    assert result.complete
    assert result.pairs == [("dns1", "dns2"), ("dns1", "hv2"), ("dns2", "hv1"), ("hv1", "hv2")]
    for a, b in result.pairs:  # brute force: the pair stops P, neither alone does
        assert "P" in dead_after(g, [a, b])
        assert "P" not in dead_after(g, [a]) and "P" not in dead_after(g, [b])
    others = sorted(assets - kills["P"])
    brute = {(a, b) for i, a in enumerate(others) for b in others[i + 1:]
             if "P" in dead_after(g, [a, b])}
    assert set(result.pairs) == brute


def test_pair_search_bound_is_reported() -> None:
    g = dns_office(same_host=False)
    result = minimal_pairs(g, kill_sets(g), "P", {"dns1", "dns2", "hv1", "hv2"},
                           max_candidates=1)
    assert not result.complete and result.candidates == 4


def test_dominators_exact_only_without_and_nodes() -> None:
    g = dns_office(same_host=False)
    exact = exact_nodes(g)
    assert "P" not in exact  # P needs DNS AND the app
    assert {"role:dns", "dns1", "hv1", "sw", "app"} <= exact
    idom = supply_dominators(g)
    kills = kill_sets(g)
    for node in exact:
        assert dominator_chain(idom, node) == kills[node]
    # where it is not exact the dominators give a subset of the kill set
    assert dominator_chain(idom, "P") < kills["P"]


def test_assessment_exports_dominators_where_exact() -> None:
    """Real offices are mostly AND nodes (a workstation needs its switch AND DNS),
    and a switch on its own segment is a cycle: few nodes get a dominator."""
    nodes = {n.id: n.dominator for n in assess(cabled_office()).graph.nodes}
    assert {n: d for n, d in nodes.items() if d} == {
        "acc1": "segment:10.1.0.0/24", "core1": "segment:10.1.0.0/24",
        "core2": "segment:10.1.0.0/24"}
    assert not any(n.dominator for n in assess(one_switch_office()).graph.nodes)


def test_shared_fate_finding_for_dns_on_one_hypervisor() -> None:
    inv = gateway_pair_office()
    extra = [asset("dns2", "10.2.0.11", "server", ("dns",)), asset("hv", "10.2.0.50",
                                                                   "hypervisor", ())]
    links = [Link(source=d, target="hv", kind="runs_on", collector="libvirt")
             for d in ("dns", "dns2")]
    handed = inv.network.model_copy(update={"dns_servers": ["10.2.0.10", "10.2.0.11"]})
    a = assess(inv.model_copy(update={"assets": [*inv.assets, *extra], "links": links,
                                      "network": handed}))
    defeated = [f for f in a.findings if f.rule == "shared-fate"]
    assert len(defeated) == 1  # clients' DNS and the DNS replicas: one problem, one finding
    finding = defeated[0]
    assert finding.asset_ids == ["hv"] and finding.severity == "high"
    assert "dns -> hv" in " ".join(finding.evidence)
    assert "spof:asset:hv" in {s.id for s in a.spofs}


def test_what_if_lists_stopped_and_dead_paths() -> None:
    a = assess(one_switch_office())
    result = what_if(a, "10.0.0.3")  # dnsmasq, by address
    assert result.failed == "dnsmasq"
    assert set(result.stopped) == {"process:file-shares", "process:name-resolution",
                                   "process:network-addressing", "process:printing",
                                   "ws1", "ws2", "ws3"}
    assert ["File shares", "role:dns", "dnsmasq"] in result.paths
    with pytest.raises(UsageError):
        what_if(a, "nonexistent")


def test_blast_of_every_node_matches_brute_force_on_an_office() -> None:
    from analysis.context import build_context
    from analysis.graph import build_graph
    from analysis.physical import build_physical
    from analysis.processes import default_processes

    ctx = build_context(one_switch_office())
    g = build_graph(ctx, default_processes(ctx.providers, True), build_physical(ctx))
    blast = blast_radii(kill_sets(g))
    assert all(blast.get(n, {n}) == dead_after(g, [n]) for n in g.nodes)
