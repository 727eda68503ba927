"""The SPOF rule (process, workload, or N seats) and evidenced redundancy, against
brute-force failure propagation on random offices (seeded, no hypothesis).

Two properties:

1. On random cabled offices with hypervisors, every asset's impact and SPOF flag
   equal what propagating its single failure through the exported graph gives
   (``dead_after``), with workloads and seats counted by asset type here.
2. Role semantics without any cabling: a role's process stops when a provider
   fails exactly when no replica of it (same evidenced or declared group) is
   left; that is computed here from the groups alone, not from the graph.
"""

from __future__ import annotations

import random

import networkx as nx
import pytest

from analysis import assess
from analysis.failure import dead_after
from analysis.model import Assessment
from analysis.site.load import parse_site
from scanner.inventory.model import Asset, Inventory, Link, NetworkContext, Route, VirtInfo
from tests.analysis.offices import asset, cable

ROLES = ("file", "database", "dns", "web")
SEAT_TYPES = ("workstation", "printer")
WORKLOAD_TYPES = ("server", "vm", "nas")


def graph_of(a: Assessment) -> nx.DiGraph:
    g = nx.DiGraph()
    for node in a.graph.nodes:
        g.add_node(node.id, any_of=node.any_of, kind=node.kind)
    g.add_edges_from((e.source, e.target) for e in a.graph.edges)
    return g


def random_office(rng: random.Random) -> Inventory:
    switches = [f"sw{i}" for i in range(rng.randint(1, 5))]
    assets = [asset("gw", "10.0.0.1", "router", ("gateway",))]
    assets += [asset(s, f"10.0.0.{2 + i}", "switch", ("switch",)) for i, s in enumerate(switches)]
    links = [cable("gw", switches[0])]
    for i, s in enumerate(switches[1:], start=1):
        for up in rng.sample(switches[:i], min(i, rng.choice((1, 1, 2)))):
            links.append(cable(s, up))
    for i in range(rng.randint(1, 6)):
        roles = tuple(rng.sample(ROLES, rng.randint(0, 2)))
        kind = rng.choice(("server", "nas"))
        assets.append(asset(f"srv{i}", f"10.0.1.{i + 1}", kind, roles))
        for up in rng.sample(switches, min(len(switches), rng.choice((1, 1, 2)))):
            links.append(cable(f"srv{i}", up))
    for h in range(rng.randint(0, 2)):
        host = f"hv{h}"
        assets.append(asset(host, f"10.0.2.{h + 1}", "hypervisor", ("hypervisor",),
                            virtualization=VirtInfo(platform="libvirt", kind="host")))
        links.append(cable(host, rng.choice(switches)))
        for v in range(rng.randint(0, 3)):
            vm = f"vm{h}-{v}"
            assets.append(asset(vm, f"10.0.3.{h * 10 + v + 1}", "vm",
                                tuple(rng.sample(ROLES, rng.randint(0, 1))),
                                virtualization=VirtInfo(platform="libvirt", kind="vm")))
            links.append(Link(source=vm, target=host, kind="runs_on", collector="libvirt"))
    for i in range(rng.randint(0, 14)):
        kind = rng.choice(SEAT_TYPES)
        assets.append(asset(f"seat{i}", f"10.0.4.{i + 1}", kind, (kind,)))
        links.append(cable(f"seat{i}", rng.choice(switches)))
    dns_ips = [a.ips[0] for a in assets if "dns" in a.roles]
    handed = rng.sample(dns_ips, rng.randint(0, len(dns_ips)))
    return Inventory(assets=assets, links=links, network=NetworkContext(
        default_gateways=[Route(destination="0.0.0.0/0", gateway="10.0.0.1",
                                collector="localhost")],
        subnets=["10.0.0.0/16"], dns_servers=handed))


def _expected(a: Assessment, g: nx.DiGraph, failed: str, threshold: int) -> tuple[int, ...]:
    dead = dead_after(g, {failed}) - {failed}
    types = {x.id: x.type for x in a.inventory.assets}
    procs = sum(1 for n in dead if g.nodes[n]["kind"] == "process")
    workloads = sum(1 for n in dead if types.get(n) in WORKLOAD_TYPES)
    seats = sum(1 for n in dead if types.get(n) in SEAT_TYPES)
    flagged = bool(procs or workloads or seats >= threshold)
    return procs, workloads, seats, int(flagged)


@pytest.mark.parametrize("seed", range(60))
def test_impact_and_spof_flag_match_brute_force(seed: int) -> None:
    rng = random.Random(30_000 + seed)
    threshold = rng.randint(1, 6)
    site = parse_site(f"[site]\nseats_threshold = {threshold}\n")
    a = assess(random_office(rng), site=site)
    g = graph_of(a)
    flagged = {x for s in a.spofs if s.kind in ("asset", "role") for x in s.asset_ids}
    for p in a.priorities:
        procs, workloads, seats, flag = _expected(a, g, p.asset_id, threshold)
        got = p.impact
        assert (got.processes, got.workloads, got.seats) == (procs, workloads, seats), p.asset_id
        assert (p.asset_id in flagged) == bool(flag), p.asset_id
    for s in a.spofs:  # every SPOF entry carries the same numbers as brute force
        if s.kind in ("asset", "role"):
            assert s.impact == next(p.impact for p in a.priorities if p.asset_id == s.asset_ids[0])


Group = tuple[set[str], str | None]


def _role_office(rng: random.Random) -> tuple[Inventory, str, list[Group]]:
    """Servers with random roles on one unswitched segment, a random declared group
    and random DNS hand-out; returns the inventory, the site text and the groups
    (members, the one role they replicate or None for every role)."""
    servers: list[Asset] = []
    for i in range(rng.randint(2, 7)):
        roles = tuple(rng.sample(ROLES, rng.randint(1, 2)))
        servers.append(asset(f"s{i}", f"10.5.0.{i + 10}", "server", roles))
    seats = [asset(f"ws{i}", f"10.5.0.{i + 100}", "workstation", ("workstation",))
             for i in range(3)]
    dns = [s for s in servers if "dns" in s.roles]
    handed = rng.sample(dns, rng.randint(0, len(dns)))
    groups: list[Group] = []
    site = ""
    if rng.random() < 0.7:
        members = rng.sample([s.id for s in servers], rng.randint(2, len(servers)))
        role = rng.choice((None, *ROLES))
        groups.append((set(members), role))
        site = "[[redundancy]]\nmembers = [" + ", ".join(f'"{m}"' for m in members) + "]\n"
        site += 'reason = "replicated"\n' + (f'roles = ["{role}"]\n' if role else "")
    if len(handed) >= 2:
        groups.append(({s.id for s in handed}, "dns"))
    inv = Inventory(assets=[*servers, *seats], network=NetworkContext(
        subnets=["10.5.0.0/24"], dns_servers=[s.ips[0] for s in handed]))
    return inv, site, groups


def _stands_in(groups: list[Group], role: str, a: str, providers: list[str]) -> bool:
    """Another provider of ``role`` is a replica of ``a`` (groups merged transitively)."""
    usable = [members & set(providers) for members, only in groups if only in (None, role)]
    unit = {a}
    changed = True
    while changed:
        changed = False
        for inside in usable:
            if inside & unit and not inside <= unit:
                unit |= inside
                changed = True
    return len(unit) > 1


PROCESS = {"file": "process:file-shares", "database": "process:line-of-business-databases",
           "dns": "process:name-resolution", "web": "process:web-applications"}


@pytest.mark.parametrize("seed", range(80))
def test_role_stops_exactly_when_no_evidenced_replica_is_left(seed: int) -> None:
    rng = random.Random(40_000 + seed)
    inv, site, groups = _role_office(rng)
    a = assess(inv, site=parse_site(site))
    g = graph_of(a)
    providers = {r: sorted(x.id for x in inv.assets if r in x.roles) for r in ROLES}

    def alone(role: str, p: str) -> bool:
        return p in providers[role] and not _stands_in(groups, role, p, providers[role])

    for role in ROLES:
        for p in (x.id for x in inv.assets if x.type == "server"):
            if not providers[role]:
                continue
            # a process also needs DNS (clients reach its servers by name)
            expected = alone(role, p) or (role != "dns" and alone("dns", p))
            assert (PROCESS[role] in dead_after(g, {p})) == expected, (role, p, groups)
