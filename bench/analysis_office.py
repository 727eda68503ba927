"""Synthetic MSP inventories for the analysis benchmark: many realistic offices.

Office ``k`` lives on its own /24.  Every third office has two internet
gateways, every other one two core switches (access switches then dual-homed),
two offices in three a redundant DNS pair; all have a UPS feeding the rack, two
hypervisors running the server VMs, printers and workstations cabled to access
switches.  Seeded and deterministic.
"""

from __future__ import annotations

import random

from analysis.processes import ProcessSpec
from scanner.inventory.model import Asset, Inventory, Link, NetworkContext, Route, ScanMeta

OFFICE_SIZE = 200
PER_ACCESS = 45


def _asset(aid: str, ip: str, type_: str, roles: list[str]) -> Asset:
    return Asset(id=aid, name=aid, type=type_, roles=roles, ips=[ip])


def _link(a: str, b: str, kind: str = "physical") -> Link:
    return Link(source=a, target=b, kind=kind, collector="bench")


def office(k: int, size: int, rng: random.Random) -> tuple[list[Asset], list[Link], str]:
    net = f"10.{k >> 8}.{k & 255}"
    p = f"o{k}-"
    assets = [_asset(p + "gw1", f"{net}.1", "router", ["gateway", "router"]),
              _asset(p + "core1", f"{net}.3", "switch", ["switch"]),
              _asset(p + "ups", f"{net}.250", "ups", ["ups"])]
    links = [_link(p + "gw1", p + "core1")]
    cores = [p + "core1"]
    if k % 3 == 0:
        assets.append(_asset(p + "gw2", f"{net}.2", "router", ["gateway", "router"]))
        links.append(_link(p + "gw2", p + "core1"))
    if k % 2 == 0:
        assets.append(_asset(p + "core2", f"{net}.4", "switch", ["switch"]))
        links += [_link(p + "core1", p + "core2"), _link(p + "gw1", p + "core2")]
        cores.append(p + "core2")
    for hv in ("hv1", "hv2"):
        assets.append(_asset(p + hv, f"{net}.{20 + len(assets)}", "hypervisor", ["hypervisor"]))
        links += [_link(p + hv, c) for c in cores]
    vms = [("dns1", ["dns", "dhcp"]), ("file", ["file"]), ("db", ["database"]),
           ("web", ["web"]), ("mail", ["mail"])]
    if k % 3 != 2:
        vms.append(("dns2", ["dns"]))
    for i, (name, roles) in enumerate(vms):
        assets.append(_asset(p + name, f"{net}.{40 + i}", "vm", roles))
        links.append(_link(p + name, p + ("hv1" if i % 2 == 0 else "hv2"), "runs_on"))
    rack = [a.id for a in assets if a.type in ("router", "switch", "hypervisor")]
    links += [_link(x, p + "ups", "power") for x in rack]
    host = 100
    access = 0
    while len(assets) < size:
        access += 1
        acc = f"{p}acc{access}"
        assets.append(_asset(acc, f"{net}.{5 + access}", "switch", ["switch"]))
        links += [_link(acc, c) for c in cores]
        for _ in range(PER_ACCESS):
            if len(assets) >= size or host > 249:
                break
            kind = "printer" if rng.random() < 0.04 else "workstation"
            aid = f"{p}{kind[:2]}{host}"
            assets.append(_asset(aid, f"{net}.{host}", kind, [kind]))
            links.append(_link(aid, acc))
            host += 1
        if host > 249:
            break
    return assets, links, f"{net}.0/24"


def synthetic_msp(n_assets: int, office_size: int = OFFICE_SIZE, seed: int = 5) -> Inventory:
    rng = random.Random(seed)
    assets: list[Asset] = []
    links: list[Link] = []
    subnets: list[str] = []
    k = 0
    while len(assets) < n_assets:
        a, ln, net = office(k, min(office_size, n_assets - len(assets)), rng)
        assets += a
        links += ln
        subnets.append(net)
        k += 1
    routes = [Route(destination="0.0.0.0/0", gateway="10.0.0.1", collector="bench")]
    return Inventory(assets=assets, links=links, scan=ScanMeta(collectors=["bench"]),
                     network=NetworkContext(default_gateways=routes, subnets=subnets))


def msp_processes(n_offices: int) -> list[ProcessSpec]:
    """Per office: Accounting (tier 1: database and files) and a web shop (tier 2)."""
    out = []
    for k in range(n_offices):
        p = f"o{k}-"
        out.append(ProcessSpec(f"{p}Accounting", 1, (p + "db", p + "file")))
        out.append(ProcessSpec(f"{p}Web shop", 2, (p + "web", "internet")))
    return out
