"""The collector's API against real nmap in the drsn- namespace lab.

Each call runs in a child Python started with ``ip netns exec drsn-scan`` (the way a
user would run drscout on that machine), which prints the CollectorResult as JSON.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from scanner.inventory.sighting import CollectorResult
from tests.collectors.nmap import netlab

REPO = Path(__file__).resolve().parents[3]
_REASON = netlab.netns_available()
pytestmark = [
    pytest.mark.lab,
    pytest.mark.skipif(_REASON is not None, reason=f"nmap live lab: {_REASON}"),
]


@pytest.fixture(scope="module")
def lab() -> Iterator[netlab.Lab]:
    built = netlab.build()
    try:
        yield built
    finally:
        built.teardown()


NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def _python_in_scan_ns(code: str, prefix: tuple[str, ...] = ()) -> str:
    """Run ``code`` in the scanner's namespace; its stdout (a failure shows stderr)."""
    done = subprocess.run(
        ["ip", "netns", "exec", netlab.SCAN_NS, *prefix, sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def in_scan_ns(call: str, prefix: tuple[str, ...] = ()) -> CollectorResult:
    code = f"import scanner.collectors.nmap as n\nprint(n.{call}.model_dump_json())"
    return CollectorResult.model_validate_json(_python_in_scan_ns(code, prefix))


def test_discover_as_root_finds_every_host_with_mac_name_vendor(lab: netlab.Lab) -> None:
    result = in_scan_ns(f"discover([{netlab.SUBNET!r}], as_root=True)")
    assert result.gaps == [] and result.tool_versions["nmap"]
    seen = {s.ips[0]: s for s in result.sightings}
    assert set(seen) == {h.ip for h in netlab.HOSTS}
    for host in netlab.TARGETS:
        assert seen[host.ip].macs == [host.mac]
        assert seen[host.ip].hostnames == [host.hostname]
        assert seen[host.ip].vendor == host.vendor
    assert [ip for ip, s in seen.items() if s.is_scanner] == [netlab.SCANNER.ip]


def test_discover_unprivileged_honours_exclude(lab: netlab.Lab) -> None:
    quiet = netlab.QUIET_HOST.ip
    # a /27 holds every lab host; connect() pings to absent hosts wait for ARP to fail
    result = in_scan_ns(f"discover(['10.99.7.0/27'], [{quiet!r}], as_root=False)")
    seen = {s.ips[0]: s for s in result.sightings}
    assert set(seen) == {h.ip for h in netlab.HOSTS} - {quiet}
    assert all(s.macs == [] for s in seen.values())  # TCP connect ping learns no MACs
    assert seen[netlab.SCANNER.ip].is_scanner  # matched against our own addresses


def test_scan_ports_quick_finds_the_services(lab: netlab.Lab) -> None:
    ips = [h.ip for h in netlab.TARGETS]
    result = in_scan_ns(f"scan_ports({ips!r}, 'quick', as_root=True)")
    assert result.gaps == []
    seen = {s.ips[0]: s for s in result.sightings}
    for host in netlab.TARGETS:
        found = {(s.port, s.protocol, s.name, s.product) for s in seen[host.ip].services}
        assert found == {
            (s.port, s.protocol, s.name, netlab.PRODUCTS[s.port])
            for s in host.services
            if s.protocol == "tcp"
        }
        assert seen[host.ip].macs == [host.mac]


def test_dhcp_discover_reports_the_server(lab: netlab.Lab) -> None:
    result = in_scan_ns(f"dhcp_discover({netlab.SCAN_IFACE!r}, as_root=True, timeout=3)")
    assert result.gaps == []
    assert result.network is not None
    assert result.network.dhcp_servers == [netlab.GATEWAY.ip]
    assert result.network.dns_servers == [netlab.GATEWAY.ip, netlab.SSH_HOST.ip]
    (server,) = result.sightings
    assert server.ips == [netlab.GATEWAY.ip]
    assert server.role_hints[0].role == "dhcp"
    assert server.role_hints[0].evidence.startswith(
        "answered DHCPDISCOVER on eth0: offered 10.99.7."
    )


def test_nmap_failures_become_gaps(lab: netlab.Lab) -> None:
    # resolved by the lab's own dnsmasq (the namespace's resolv.conf), which has no upstream
    result = in_scan_ns("discover(['nonexistent.invalid', '10.99.7.1'], as_root=True)")
    assert [s.ips for s in result.sightings] == [["10.99.7.1"]]
    assert [g.reason for g in result.gaps] == ["error"]
    assert "nonexistent.invalid" in result.gaps[0].detail
    bad_iface = in_scan_ns("dhcp_discover('nosuch0', as_root=True, timeout=1)")
    assert [g.reason for g in bad_iface.gaps] == ["error"]
    assert "nosuch0" in bad_iface.gaps[0].detail
    assert bad_iface.network is not None and bad_iface.network.dhcp_servers == []


def test_claimed_root_without_root_gives_permission_gaps(lab: netlab.Lab) -> None:
    ports = in_scan_ns("scan_ports(['10.99.7.1'], 'standard', as_root=True)", tuple(NOBODY))
    assert ports.gaps and {g.reason for g in ports.gaps} == {"permission"}
    assert any("requires root" in g.detail for g in ports.gaps)
    dhcp = in_scan_ns("dhcp_discover('eth0', as_root=True, timeout=1)", tuple(NOBODY))
    assert [g.reason for g in dhcp.gaps] == ["permission"]


def test_concurrent_calls_keep_their_own_results(lab: netlab.Lab) -> None:
    code = (
        "from concurrent.futures import ThreadPoolExecutor\n"
        "import scanner.collectors.nmap as n\n"
        "ips = ['10.99.7.1', '10.99.7.20', '10.99.7.30']\n"
        "with ThreadPoolExecutor(3) as pool:\n"
        "    results = list(pool.map(lambda ip: n.scan_ports([ip], 'quick', as_root=True), ips))\n"
        "print('\\n'.join(r.model_dump_json() for r in results))"
    )
    results = [CollectorResult.model_validate_json(line)
               for line in _python_in_scan_ns(code).splitlines()]
    assert [r.target for r in results] == [h.ip for h in netlab.TARGETS]
    for result, host in zip(results, netlab.TARGETS, strict=True):
        assert [s.ips for s in result.sightings] == [[host.ip]]
        assert {s.port for s in result.sightings[0].services} == {
            s.port for s in host.services if s.protocol == "tcp"
        }


def _services(result: CollectorResult) -> dict[str, set[tuple[object, ...]]]:
    return {s.ips[0]: {(v.port, v.protocol, v.name, v.product, v.version)
                       for v in s.services} for s in result.sightings}


def test_lan_service_timing_finds_what_nmaps_own_timing_finds(lab: netlab.Lab) -> None:
    """The LAN-capped probe waits must not cost a service, product or version: the
    standard profile (TCP, OS detection, UDP) both ways over every target."""
    ips = [h.ip for h in netlab.TARGETS]
    lan = in_scan_ns(f"scan_ports({ips!r}, 'standard', as_root=True, timing='lan')")
    stock = in_scan_ns(f"scan_ports({ips!r}, 'standard', as_root=True, timing='nmap')")
    assert lan.gaps == stock.gaps == []
    assert _services(lan) == _services(stock)
    for host in netlab.TARGETS:  # and it is what the lab serves, UDP included
        assert {found[:2] for found in _services(lan)[host.ip]} == {
            (s.port, s.protocol) for s in host.services}
