"""Re-make fixtures/nmap/: build the namespaced lab, run real nmap, store -oX XML and the
expected result derived from the lab's own layout (not from parsing the XML).

Run as root from the repo root:  .venv/bin/python tests/collectors/nmap/record.py
Arguments are taken from scanner.collectors.nmap.profiles, so the fixtures show exactly
what drscout runs (quick/standard test scans are limited to the lab's three targets).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import netlab

from scanner.collectors.nmap.profiles import (
    PROFILES,
    dhcp_arguments,
    discover_arguments,
    tcp_arguments,
)

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "nmap"
EXCLUDED = netlab.QUIET_HOST.ip


def host_record(host: netlab.LabHost, *, with_mac: bool, protocols: tuple[str, ...] = ()) -> dict:
    mac = None if host is netlab.SCANNER or not with_mac else host.mac
    services = [
        {
            "port": s.port,
            "protocol": s.protocol,
            "name": s.name,
            "product": netlab.PRODUCTS.get(s.port, ""),
        }
        for s in host.services
        if s.protocol in protocols
    ]
    return {
        "ip": host.ip,
        "mac": mac,
        "hostname": host.hostname,
        "vendor": host.vendor if mac else None,
        "is_scanner": host is netlab.SCANNER,
        "services": services,
    }


def record(case: str, targets: list[str], arguments: str, expected: dict[str, Any]) -> None:
    folder = FIXTURES / case
    folder.mkdir(parents=True, exist_ok=True)
    xml = folder / "scan.xml"
    argv = [
        "ip",
        "netns",
        "exec",
        netlab.SCAN_NS,
        "nmap",
        "-oX",
        str(xml),
        *targets,
        *arguments.split(),
    ]
    subprocess.run(argv, check=True, capture_output=True, timeout=600)
    expected = {"command": "nmap " + " ".join([*targets, *arguments.split()]), **expected}
    (folder / "expected.json").write_text(json.dumps(expected, indent=2) + "\n")


def record_all() -> None:
    target_ips = [h.ip for h in netlab.TARGETS]
    record(
        "discover_root",
        [netlab.SUBNET],
        discover_arguments((), as_root=True),
        {"hosts": [host_record(h, with_mac=True) for h in netlab.HOSTS]},
    )
    record(
        "discover_unprivileged_exclude",
        [netlab.SUBNET],
        discover_arguments((EXCLUDED,), as_root=False),
        {"hosts": [host_record(h, with_mac=False) for h in netlab.HOSTS if h.ip != EXCLUDED]},
    )
    record(
        "ports_standard_tcp_root",
        target_ips,
        tcp_arguments(PROFILES["standard"], as_root=True),
        {
            "hosts": [host_record(h, with_mac=True, protocols=("tcp",)) for h in netlab.TARGETS],
            "os_family": "Linux",
        },
    )
    record(
        "ports_standard_udp_root",
        target_ips,
        PROFILES["standard"].udp_arguments,
        {"hosts": [host_record(h, with_mac=True, protocols=("udp",)) for h in netlab.TARGETS]},
    )
    record(
        "ports_quick_unprivileged",
        target_ips,
        tcp_arguments(PROFILES["quick"], as_root=False),
        {"hosts": [host_record(h, with_mac=False, protocols=("tcp",)) for h in netlab.TARGETS]},
    )
    record(
        "dhcp_discover",
        [],
        dhcp_arguments(netlab.SCAN_IFACE, 3),
        {
            "interface": netlab.SCAN_IFACE,
            "dhcp_servers": [netlab.GATEWAY.ip],
            "dns_servers": [netlab.GATEWAY.ip, netlab.SSH_HOST.ip],
            "routers": [netlab.GATEWAY.ip],
            "offer_range": list(netlab.DHCP_RANGE),
        },
    )


def main() -> int:
    reason = netlab.netns_available()
    if reason:
        print(f"cannot record: {reason}", file=sys.stderr)
        return 1
    lab = netlab.build()
    try:
        record_all()
    finally:
        lab.teardown()
    print(f"recorded into {FIXTURES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
