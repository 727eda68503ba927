"""Record real fixtures from the running lab office into ``fixtures/lab/``.

``python -m tests.lab.record_fixtures [--reuse] [--out DIR]`` brings the office
up (or uses a running one with ``--reuse``), runs nmap and SNMP walks from the
scanner namespace exactly as drscout would, checks the captures against
:mod:`tests.lab.expected` (a capture that misses a host is refused), and writes
a README with the commands and the date.
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

from tests.lab import expected as E
from tests.lab.netns import LabError
from tests.lab.office import Office

REPO = Path(__file__).resolve().parents[2]
SCAN = E.BY_KEY["scan"].ns


def commands(office: Office, out: Path) -> list[tuple[str, list[str]]]:
    """(file, argv) pairs, all run inside drs-scan."""
    leased = [ip for _mac, ip in office.leases().values()]
    targets = [str(h.ip) for h in E.HOSTS if h.ip and h.key != "scan"] + sorted(leased)
    py = [sys.executable, "-m", "tests.lab.snmpwalk_rec"]
    return [
        ("nmap-discovery.xml", ["nmap", "-sn", "-PR", "-oX", str(out / "nmap-discovery.xml"),
                                E.LAN]),
        ("nmap-ports.xml", ["nmap", "-sV", "-O", "--top-ports", "1000", "-T4",
                            "-oX", str(out / "nmap-ports.xml"), *targets]),
        ("nmap-udp.xml", ["nmap", "-sU", "-sV", "-p", "53,67,123,161", "-T4",
                          "-oX", str(out / "nmap-udp.xml"), *targets]),
        ("switch.snmprec", [*py, str(E.BY_KEY["sw"].ip), E.SNMP_COMMUNITY,
                            str(out / "switch.snmprec")]),
        ("gw.snmprec", [*py, str(E.BY_KEY["gw"].ip), E.SNMP_COMMUNITY, str(out / "gw.snmprec")]),
    ]


def check_discovery(path: Path, office: Office) -> None:
    """Refuse a discovery capture that does not show every lab host with its MAC."""
    seen: dict[str, str] = {}
    for host in ET.parse(path).getroot().iter("host"):
        addrs = {a.get("addrtype"): a.get("addr", "") for a in host.iter("address")}
        seen[addrs.get("ipv4", "")] = addrs.get("mac", "").lower()
    for h in E.HOSTS:
        ip = h.ip or office.leases()[h.key][1]
        if ip not in seen or (h.key != "scan" and seen[ip] != h.mac):
            raise LabError(f"discovery capture lacks {h.key} ({ip}, {h.mac}); got {seen}")


def record(office: Office, out: Path) -> list[tuple[str, list[str]]]:
    out.mkdir(parents=True, exist_ok=True)
    done = []
    for name, argv in commands(office, out):
        res = office.run_in(SCAN, argv, cwd=REPO, timeout=900)
        if res.returncode != 0:
            raise LabError(f"recording {name} failed: {res.stderr.strip()[-800:]}")
        done.append((name, argv))
    check_discovery(out / "nmap-discovery.xml", office)
    for name in ("switch.snmprec", "gw.snmprec"):
        if "1.3.6.1.2.1.1.5.0|" not in (out / name).read_text(encoding="iso-8859-1"):
            raise LabError(f"{name} lacks sysName.0")
    return done


def readme(done: list[tuple[str, list[str]]], out: Path) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = ["# Lab fixtures", "",
             f"Captured {when} by `python -m tests.lab.record_fixtures` from the simulated office",
             "(`tests/lab/`, ground truth in `tests/lab/expected.py`). Every command ran inside",
             "the `drs-scan` namespace (10.77.0.250) as root. Re-record with:", "",
             "    sudo .venv/bin/python -m tests.lab.record_fixtures", "",
             "SNMP walks are written by `tests/lab/snmpwalk_rec.py` (pysnmp GETBULK walk from",
             "OID 1.0, values encoded by snmpsim's own `SnmprecRecord`), because",
             "`snmpsim-record-commands` crashes with pysnmp 7. Serve them with",
             "`snmpsim-command-responder --data-dir fixtures/lab`.", "", "| file | command |",
             "|---|---|"]
    for name, argv in done:
        cmd = " ".join(a.replace(str(out) + "/", "").replace(sys.executable, "python")
                       for a in argv)
        lines.append(f"| `{name}` | `{cmd}` |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.lab.record_fixtures",
                                     description=__doc__)
    parser.add_argument("--reuse", action="store_true", help="use the office already running")
    parser.add_argument("--out", type=Path, default=REPO / "fixtures" / "lab")
    args = parser.parse_args(argv)
    office = Office()
    out = args.out.resolve()
    try:
        if not args.reuse:
            office.up()
        done = record(office, out)
        (out / "README.md").write_text(readme(done, out))
    finally:
        if not args.reuse:
            office.down()
    print(f"fixtures written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
