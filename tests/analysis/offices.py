"""Small offices built in Python for the analysis tests.

Each builder returns a valid Inventory; tests assert exact SPOFs, blast radii,
findings, tiers and waves on them.
"""

from __future__ import annotations

from typing import Any

from scanner.inventory.model import (
    Asset,
    Fact,
    Inventory,
    Link,
    NetworkContext,
    Route,
    ScanMeta,
    Service,
)


def svc(port: int, name: str, proto: str = "tcp", **kw: Any) -> Service:
    return Service(port=port, protocol=proto, name=name, collector="nmap", **kw)


def asset(asset_id: str, ip: str, type_: str = "server", roles: tuple[str, ...] = (),
          **kw: Any) -> Asset:
    facts = [Fact(field="role", value=r, collector="nmap", confidence=0.9,
                  evidence=f"test evidence for {r}") for r in roles]
    return Asset(id=asset_id, name=asset_id, type=type_, roles=list(roles),
                 ips=[ip], provenance=facts, **kw)


def cable(a: str, b: str) -> Link:
    return Link(source=a, target=b, kind="physical", collector="lldp", source_port="p1",
                target_port="p2")


def inventory(assets: list[Asset], gateway_ip: str | None, subnet: str,
              links: list[Link] | None = None, dns_servers: list[str] | None = None
              ) -> Inventory:
    """``dns_servers``: what clients are handed (the evidence that DNS servers
    replicate each other)."""
    routes = [Route(destination="0.0.0.0/0", gateway=gateway_ip, collector="localhost")] \
        if gateway_ip else []
    return Inventory(assets=assets, links=links or [],
                     scan=ScanMeta(collectors=["nmap", "snmp", "localhost"]),
                     network=NetworkContext(default_gateways=routes, subnets=[subnet],
                                            dns_servers=dns_servers or []))


def one_switch_office(extra: list[Asset] | None = None) -> Inventory:
    """gw, one switch, a dnsmasq box (dns+dhcp), two file servers, an HTTP-only
    printer, three workstations and the consultant's laptop; no cabling data."""
    assets = [
        asset("gw", "10.0.0.1", "router", ("gateway", "router")),
        asset("sw", "10.0.0.2", "switch", ("switch",), snmp_community_default=True,
              services=[svc(161, "snmp", "udp"), svc(23, "telnet")]),
        asset("dnsmasq", "10.0.0.3", "server", ("dhcp", "dns"),
              services=[svc(53, "domain", "udp", product="dnsmasq", version="2.89"),
                        svc(67, "dhcps", "udp")]),
        asset("fs1", "10.0.0.10", "server", ("file",), services=[svc(445, "microsoft-ds")]),
        asset("fs2", "10.0.0.11", "nas", ("file", "nas"),
              services=[svc(445, "microsoft-ds"), svc(443, "https"), svc(80, "http")]),
        asset("printer", "10.0.0.20", "printer", ("printer",),
              services=[svc(80, "http"), svc(9100, "jetdirect")]),
        asset("ws1", "10.0.0.101", "workstation", ("workstation",)),
        asset("ws2", "10.0.0.102", "workstation", ("workstation",)),
        asset("ws3", "10.0.0.103", "workstation", ("workstation",)),
        asset("laptop", "10.0.0.200", "workstation", ("dns", "scanner"), is_scanner=True),
        *(extra or []),
    ]
    return inventory(assets, "10.0.0.1", "10.0.0.0/24")


def cabled_office() -> Inventory:
    """Two meshed core switches, acc1 dual-homed, acc2 on one uplink, two DNS
    servers on different access switches (handed out together), one file server;
    core1-core2 has two parallel cables."""
    assets = [
        asset("gw", "10.1.0.1", "router", ("gateway",)),
        asset("core1", "10.1.0.2", "switch", ("switch",)),
        asset("core2", "10.1.0.3", "switch", ("switch",)),
        asset("acc1", "10.1.0.4", "switch", ("switch",)),
        asset("acc2", "10.1.0.5", "switch", ("switch",)),
        asset("dns1", "10.1.0.10", "server", ("dns",)),
        asset("dns2", "10.1.0.11", "server", ("dns",)),
        asset("fs", "10.1.0.12", "server", ("file",)),
        asset("ws1", "10.1.0.101", "workstation", ("workstation",)),
        asset("ws2", "10.1.0.102", "workstation", ("workstation",)),
        asset("ws3", "10.1.0.103", "workstation", ("workstation",)),
    ]
    links = [cable("gw", "core1"), cable("core1", "core2"), cable("core2", "core1"),
             cable("acc1", "core1"), cable("acc1", "core2"), cable("acc2", "core1"),
             cable("dns1", "acc1"), cable("fs", "acc1"), cable("ws1", "acc1"),
             cable("dns2", "acc2"), cable("ws2", "acc2"), cable("ws3", "acc2")]
    return inventory(assets, "10.1.0.1", "10.1.0.0/24", links, ["10.1.0.10", "10.1.0.11"])


def gateway_pair_office() -> Inventory:
    assets = [
        asset("gw1", "10.2.0.1", "router", ("gateway",)),
        asset("gw2", "10.2.0.2", "firewall", ()),
        asset("sw", "10.2.0.3", "switch", ("switch",)),
        asset("dns", "10.2.0.10", "server", ("dns",)),
        asset("ups", "10.2.0.30", "ups", ("ups",), services=[svc(443, "https")]),
        asset("ws1", "10.2.0.101", "workstation", ("workstation",)),
    ]
    inv = inventory(assets, "10.2.0.1", "10.2.0.0/24")
    routes = [*inv.network.default_gateways,
              Route(destination="0.0.0.0/0", gateway="10.2.0.2", collector="localhost")]
    return inv.model_copy(update={"network": inv.network.model_copy(
        update={"default_gateways": routes})})
