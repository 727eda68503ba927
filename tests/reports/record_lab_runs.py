"""Record two lab inventories, before and after a change, for the worksheet round trip.

``sudo .venv/bin/python -m tests.reports.record_lab_runs`` builds the lab office
(holding the lab lock for the whole recording), runs ``drscout scan`` in the
scanner namespace, then changes the office the way a quarter changes a real one
(the second file server is unplugged, the database server gains an address) and
scans again.  Output: ``fixtures/reports/lab-before.json`` and ``lab-after.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.lab import expected as E
from tests.lab.office import Office

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "fixtures" / "reports"
DRSCOUT = [sys.executable, "-m", "drscout.cli"]


def _scan(office: Office, name: str) -> None:
    target = OUT / name
    proc = office.run_in(E.BY_KEY["scan"].ns, [*DRSCOUT, "scan", E.LAN, "-q", "-o", str(target)],
                         cwd=ROOT, timeout=900)
    if proc.returncode != 0:
        raise SystemExit(f"scan failed: {proc.stderr}")


def _change(office: Office) -> None:
    office.run_in(E.BY_KEY["files2"].ns, ["ip", "link", "set", "eth0", "down"], check=True)
    # A quarter later the scanner's neighbour cache no longer remembers the old server.
    office.run_in(E.BY_KEY["scan"].ns, ["ip", "neigh", "flush", "all"], check=True)
    office.run_in(E.BY_KEY["db"].ns, ["ip", "addr", "add", "10.77.0.41/24", "dev", "eth0"],
                  check=True)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with Office() as office:
        _scan(office, "lab-before.json")
        _change(office)
        _scan(office, "lab-after.json")


if __name__ == "__main__":
    main()
