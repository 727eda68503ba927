"""Parse the recorded nmap XML (fixtures/nmap/*) and compare with what the lab really was.

No root and no nmap needed: only the transport is recorded, parsing runs for real.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scanner.collectors.nmap import PROFILES, parse_xml
from scanner.collectors.nmap import dhcp as dhcp_mod
from scanner.collectors.nmap.api import _merge_udp
from scanner.errors import InputFileError
from scanner.inventory.sighting import Sighting

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "nmap"
HOST_CASES = [
    "discover_root",
    "discover_unprivileged_exclude",
    "ports_standard_tcp_root",
    "ports_standard_udp_root",
    "ports_quick_unprivileged",
]


def load(case: str) -> tuple[str, dict[str, Any]]:
    folder = FIXTURES / case
    return (folder / "scan.xml").read_text(), json.loads((folder / "expected.json").read_text())


def by_ip(sightings: list[Sighting]) -> dict[str, Sighting]:
    return {s.ips[0]: s for s in sightings}


@pytest.mark.parametrize("case", HOST_CASES)
def test_hosts_ips_macs_names_vendors(case: str) -> None:
    xml, expected = load(case)
    found = by_ip(parse_xml(xml))
    assert set(found) == {h["ip"] for h in expected["hosts"]}
    for host in expected["hosts"]:
        seen = found[host["ip"]]
        assert seen.collector == "nmap"
        assert seen.macs == ([host["mac"]] if host["mac"] else [])
        assert seen.hostnames == [host["hostname"]]
        assert seen.vendor == host["vendor"]
        if host["vendor"]:
            assert seen.inferred["vendor"].confidence == pytest.approx(0.6)
            assert seen.inferred["vendor"].evidence == (
                f"MAC OUI {host['mac'][:8]} registered to {host['vendor']}"
            )


@pytest.mark.parametrize("case", HOST_CASES)
def test_services_are_exactly_the_open_ones(case: str) -> None:
    xml, expected = load(case)
    found = by_ip(parse_xml(xml))
    for host in expected["hosts"]:
        services = found[host["ip"]].services
        assert {(s.port, s.protocol, s.name) for s in services} == {
            (e["port"], e["protocol"], e["name"]) for e in host["services"]
        }
        products = {(s.port, s.protocol): s.product for s in services}
        for e in host["services"]:
            assert products[(e["port"], e["protocol"])] == e["product"]
        assert all(s.collector == "nmap" for s in services)


def test_root_discovery_marks_the_scanner_itself() -> None:
    xml, expected = load("discover_root")
    found = by_ip(parse_xml(xml))
    assert {ip for ip, s in found.items() if s.is_scanner} == {
        h["ip"] for h in expected["hosts"] if h["is_scanner"]
    }


def test_exclude_was_honoured_in_recording() -> None:
    xml, expected = load("discover_unprivileged_exclude")
    assert "--exclude 10.99.7.30" in expected["command"]
    assert "10.99.7.30" not in by_ip(parse_xml(xml))


def test_os_guess_from_osmatch() -> None:
    xml, expected = load("ports_standard_tcp_root")
    found = by_ip(parse_xml(xml))
    for host in expected["hosts"]:
        seen = found[host["ip"]]
        if not host["services"]:
            # --osscan-limit: no open port, no OS detection, so no guess at all
            assert seen.os is None and "os" not in seen.inferred
            continue
        assert seen.os == expected["os_family"]
        assert seen.type is None  # "general purpose" says nothing about the device's job
        assert 0.5 < seen.inferred["os"].confidence <= 1.0
        assert seen.inferred["os"].evidence.startswith("nmap OS match 'Linux")


def test_tcp_and_udp_passes_merge_per_host() -> None:
    tcp = parse_xml(load("ports_standard_tcp_root")[0])
    udp = parse_xml(load("ports_standard_udp_root")[0])
    merged = by_ip(_merge_udp(tcp, udp))
    assert len(merged) == 3
    gw = merged["10.99.7.1"]
    assert {(s.port, s.protocol) for s in gw.services} == {
        (53, "tcp"),
        (80, "tcp"),
        (53, "udp"),
        (67, "udp"),
    }
    assert gw.os == "Linux"  # kept from the TCP pass


def test_dhcp_offer_parsed_into_network_and_role_hint() -> None:
    xml, expected = load("dhcp_discover")
    offers = dhcp_mod.offers(xml, "eth0")
    network = dhcp_mod.network(offers)
    assert network.dhcp_servers == expected["dhcp_servers"]
    assert network.dns_servers == expected["dns_servers"]
    assert [r.gateway for r in network.default_gateways] == expected["routers"]
    low, high = (int(ip.rsplit(".", 1)[1]) for ip in expected["offer_range"])
    assert low <= int(offers[0].offered.rsplit(".", 1)[1]) <= high
    (server,) = dhcp_mod.sightings(offers)
    assert server.ips == expected["dhcp_servers"]
    (hint,) = server.role_hints
    assert hint.role == "dhcp"
    assert hint.evidence == (
        f"answered DHCPDISCOVER on eth0: offered {offers[0].offered}, router 10.99.7.1, "
        "DNS 10.99.7.1, 10.99.7.20"
    )


def test_dhcp_without_offers_is_empty_not_an_error() -> None:
    xml, _ = load("discover_root")  # a run with no pre-scan script output
    assert dhcp_mod.offers(xml, "eth0") == []
    assert dhcp_mod.network([]).dhcp_servers == []


def test_bytes_input_and_garbage() -> None:
    xml, _ = load("discover_root")
    assert parse_xml(xml.encode()) == parse_xml(xml)
    with pytest.raises(InputFileError):
        parse_xml("<html>not nmap</html>")
    with pytest.raises(InputFileError):
        parse_xml("")


def test_hostile_strings_are_cleaned() -> None:
    xml, _ = load("ports_quick_unprivileged")
    evil = xml.replace('product="OpenSSH"', 'product="Open&#x9;&#x202e;SSH&#x0a;=cmd()"')
    assert evil != xml
    ssh = by_ip(parse_xml(evil))["10.99.7.20"].services[0]
    assert ssh.product == "Open SSH =cmd()"
    assert not any(ord(ch) < 32 for ch in ssh.product)


def test_profiles_document_their_arguments() -> None:
    assert set(PROFILES) == {"quick", "standard", "deep"}
    assert "--top-ports 100 " in PROFILES["quick"].tcp_arguments
    assert "--top-ports 1000 " in PROFILES["standard"].tcp_arguments
    assert "-p- " in PROFILES["deep"].tcp_arguments
    assert "-p 53,67,123,161" in PROFILES["standard"].udp_arguments
    assert PROFILES["quick"].udp_arguments == ""
    for profile in PROFILES.values():
        assert "-sV" in profile.tcp_arguments and "--host-timeout" in profile.tcp_arguments
        assert profile.description and "\n" not in profile.description
    for name in ("standard", "deep"):
        assert "-O --osscan-limit" in PROFILES[name].root_arguments


def test_no_dns_server_warning_is_not_a_failure() -> None:
    """nmap in a network with no DNS server says so on stderr (reverse DNS is then off);
    that is chatter, not a failed scan: no gap.  A real failure line still is one."""
    from scanner.collectors.nmap.runner import _stderr_gaps

    warning = ("mass_dns: warning: Unable to determine any DNS servers. Reverse DNS is "
               "disabled. Try using --system-dns or specify valid servers with --dns-servers")
    failure = "Failed to resolve \"no-such-host\"."
    parsed = {"nmap": {"scaninfo": {"error": [f"{warning}\n{failure}\n", warning]}}}
    gaps = _stderr_gaps("10.0.0.1", parsed)
    assert [g.detail for g in gaps] == [failure]
