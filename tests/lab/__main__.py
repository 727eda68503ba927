"""``python -m tests.lab up|down|status|exec NS CMD...``: drive the lab office by hand."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from tests.lab.netns import LabError, ns_argv
from tests.lab.office import Office


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.lab", description=__doc__)
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("up", help="build the office and start its daemons (replaces a running one)")
    sub.add_parser("down", help="stop the daemons and delete the drs-* namespaces")
    sub.add_parser("status", help="show namespaces, daemons and DHCP leases as JSON")
    ex = sub.add_parser("exec", help="run a command inside a lab namespace")
    ex.add_argument("ns")
    ex.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    office = Office()
    try:
        if args.cmd == "up":
            office.up()
            print(f"office is up; state in {office.state_dir}", file=sys.stderr)
        elif args.cmd == "down":
            office.down()
            print("office is down", file=sys.stderr)
        elif args.cmd == "status":
            print(json.dumps(office.status(), indent=2))
        else:
            if not args.command:
                parser.error("exec needs a command")
            return subprocess.call(ns_argv(args.ns, args.command))
    except LabError as exc:
        print(f"lab error: {exc}", file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
