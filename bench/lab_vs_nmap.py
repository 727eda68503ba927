"""Wall time of ``drscout run`` on the lab office next to ONE nmap command of the same depth.

Run as root from the repo root:
``.venv/bin/python -m bench.lab_vs_nmap [--rounds N] [--profile quick|standard]``.
It brings the lab office up (network namespaces only), then alternates, N times, inside
the scanner's namespace:

* drscout: ``drscout run 10.77.0.0/24 --profile P`` (discovery, port/service/OS scans,
  UDP, DHCP discovery, SNMP, analysis and every report);
* the baseline: the single nmap command a skilled person types for the same depth,
  letting nmap parallelise across hosts itself:

  - quick: ``nmap -sV --version-light --top-ports 100 -T4 LAN``
    (drscout quick probes the same 100 ports with the same version intensity);
  - standard: ``nmap -sS -sU -sV --version-light -O --osscan-limit -T4 --max-retries 2
    -p T:<nmap's top 1000 + the hypervisor ports>,U:53,67,123,161 LAN``, the same TCP and
    UDP ports drscout's standard profile scans, in one combined invocation.

Why this is fair: both sides start from nothing in the same namespace, scan the same
ports with the same probes, use the same timing template, and nmap gets to schedule
all hosts at once, which is the fastest way to run it.  drscout also does SNMP, DHCP
discovery, analysis and writes every report inside its time; the baseline does none of
that.  Both commands are printed.  Nothing is asserted.

Where drscout's lead comes from, said plainly: its quick and standard profiles run
nmap's own service probes with LAN waits (``scanner.collectors.nmap.probes``: 2 s for a
banner, 3 s per probe answer, instead of nmap's 6 s and 5 s).  So a third line times the
baseline command again with that same probe file (``--versiondb``): nmap alone with
drscout's timing, to show how much of the gain is the timing and how much the rest.
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

from scanner.collectors.nmap.probes import lan_probes_file
from scanner.collectors.nmap.profiles import HYPERVISOR_TCP_ARGUMENTS, PROFILES
from tests.lab import expected as E
from tests.lab.netns import ns_argv
from tests.lab.office import Office

REPO = Path(__file__).resolve().parents[1]
SCAN_NS = E.BY_KEY["scan"].ns
UDP_PORTS = "53,67,123,161"


def _timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(ns_argv(SCAN_NS, argv), capture_output=True, text=True, cwd=REPO,
                   check=True, timeout=3600)
    return time.perf_counter() - start


def top_tcp_ports(count: int) -> str:
    """nmap's own top-``count`` TCP list, read from its scaninfo of a loopback scan."""
    xml = subprocess.run(["nmap", "-sT", "-Pn", "-n", "--top-ports", str(count),
                          "--max-retries", "0", "-oX", "-", "127.0.0.1"],
                         capture_output=True, text=True, check=True, timeout=120).stdout
    found = re.search(r'<scaninfo [^>]*protocol="tcp"[^>]*services="([^"]+)"', xml)
    if found is None:
        raise SystemExit("nmap printed no scaninfo for its top ports")
    return found.group(1)


def _hypervisor_ports() -> str:
    return HYPERVISOR_TCP_ARGUMENTS.split("-p ", 1)[1].split()[0]


def baseline(profile: str) -> list[str]:
    """The one nmap command of the same depth as drscout's ``profile``."""
    if profile == "quick":
        return ["nmap", "-sV", "--version-light", "--top-ports", "100", "-T4", "-oX", "-",
                E.LAN]
    tcp = f"{top_tcp_ports(1000)},{_hypervisor_ports()}"
    return ["nmap", "-sS", "-sU", "-sV", "--version-light", "-O", "--osscan-limit", "-T4",
            "--max-retries", "2", "-p", f"T:{tcp},U:{UDP_PORTS}", "-oX", "-", E.LAN]


def drscout(profile: str, out: str) -> list[str]:
    return [sys.executable, "-m", "drscout.cli", "run", E.LAN, "-o", out, "-q",
            "--profile", profile]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--profile", default="standard", choices=["quick", "standard"])
    args = parser.parse_args()
    assert args.profile in PROFILES
    theirs_argv = baseline(args.profile)
    probes = lan_probes_file()
    if probes is None:
        raise SystemExit("nmap's nmap-service-probes was not found")
    lan_argv = [theirs_argv[0], "--versiondb", str(probes), *theirs_argv[1:]]
    ours, theirs, lan = [], [], []
    with Office(), tempfile.TemporaryDirectory() as out:
        for i in range(args.rounds):
            ours.append(_timed(drscout(args.profile, f"{out}/round{i}")))
            theirs.append(_timed(theirs_argv))
            lan.append(_timed(lan_argv))
    print(f"drscout:  drscout run {E.LAN} --profile {args.profile}")
    print(f"baseline: {_shown(theirs_argv)}")
    print(f"nmap+lan: {_shown(lan_argv)}")
    for i, (a, b, c) in enumerate(zip(ours, theirs, lan, strict=True), 1):
        print(f"round {i}: drscout {a:6.1f} s   nmap {b:6.1f} s   ratio {a / b:.2f}"
              f"   (nmap with LAN waits {c:6.1f} s, ratio {a / c:.2f})")
    a, b, c = (statistics.median(x) for x in (ours, theirs, lan))
    print(f"median:  drscout {a:6.1f} s   nmap {b:6.1f} s   ratio {a / b:.2f}"
          f"   (nmap with LAN waits {c:6.1f} s, ratio {a / c:.2f})")


def _shown(argv: list[str]) -> str:
    return " ".join(a if len(a) < 60 else a[:40] + "...(" + str(a.count(",") + 1) + " ports)"
                    for a in argv)


if __name__ == "__main__":
    main()
