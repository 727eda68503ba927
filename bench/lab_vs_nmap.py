"""Wall time of ``drscout run`` on the lab office next to bare nmap with the same arguments.

Run as root from the repo root:
``.venv/bin/python -m bench.lab_vs_nmap [--rounds N] [--profile standard]``.
It brings the lab office up (network namespaces only), then alternates, N times:
  * drscout: ``drscout run 10.77.0.0/24`` inside the scanner namespace (discovery,
    port/service/OS scans, UDP pass, DHCP discovery, SNMP, analysis and every report);
  * bare nmap: the same nmap invocations drscout makes, one after the other, as a person
    would type them (discovery, then the TCP+OS, hypervisor-port and UDP passes over the
    live hosts, then broadcast-dhcp-discover),
and prints each wall time and the ratio drscout / bare nmap. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scanner.collectors.nmap.profiles import (
    DHCP_TIMEOUT,
    PROFILES,
    dhcp_arguments,
    discover_arguments,
    hypervisor_arguments,
    tcp_arguments,
)
from tests.lab import expected as E
from tests.lab.netns import ns_argv
from tests.lab.office import Office

REPO = Path(__file__).resolve().parents[1]
SCAN_NS = E.BY_KEY["scan"].ns


def _timed(argv: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(ns_argv(SCAN_NS, argv), capture_output=True, text=True, cwd=REPO,
                          check=True, timeout=1800)
    return time.perf_counter() - start, proc.stdout


def drscout_run(profile: str) -> float:
    with tempfile.TemporaryDirectory() as out:
        seconds, _ = _timed([sys.executable, "-m", "drscout.cli", "run", E.LAN, "-o", out,
                             "-q", "--profile", profile])
    return seconds


def bare_nmap(profile: str) -> float:
    chosen = PROFILES[profile]
    start = time.perf_counter()
    _, xml = _timed(["nmap", *discover_arguments([], as_root=True).split(), "-oX", "-", E.LAN])
    hosts = re.findall(r'<address addr="([0-9.]+)" addrtype="ipv4"', xml)
    _timed(["nmap", *tcp_arguments(chosen, as_root=True).split(), "-oX", "-", *hosts])
    hv_args = hypervisor_arguments(chosen, as_root=True)
    if hv_args:
        _timed(["nmap", *hv_args.split(), "-oX", "-", *hosts])
    if chosen.udp_arguments:
        _timed(["nmap", *chosen.udp_arguments.split(), "-oX", "-", *hosts])
    _timed(["nmap", *dhcp_arguments("eth0", DHCP_TIMEOUT).split(), "-oX", "-"])
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--profile", default="standard", choices=sorted(PROFILES))
    args = parser.parse_args()
    ours, theirs = [], []
    with Office():
        for _ in range(args.rounds):
            ours.append(drscout_run(args.profile))
            theirs.append(bare_nmap(args.profile))
    for i, (a, b) in enumerate(zip(ours, theirs, strict=True), 1):
        print(f"round {i}: drscout run {a:6.1f} s   bare nmap {b:6.1f} s   ratio {a / b:.2f}")
    a, b = statistics.median(ours), statistics.median(theirs)
    print(f"median:  drscout run {a:6.1f} s   bare nmap {b:6.1f} s   ratio {a / b:.2f}")


if __name__ == "__main__":
    main()
