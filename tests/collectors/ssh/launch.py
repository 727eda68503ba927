"""Run inside a fresh UTS + mount namespace (``unshare --uts --mount``): give this lab host
its own host name and its own view of a few files, then become its sshd.

Bind mounts (this namespace only; the machine's files are never written): /etc/passwd,
/etc/shadow and /etc/group copies holding the lab users, and per host /etc/systemd/system,
/var/lib/systemd/timers, /etc/cron.d and optionally /etc/os-release.  Extra daemons named
in the plan (dnsmasq answering DNS) start first, in the same process group, so stopping
the group stops them with sshd.

Usage: python -m tests.collectors.ssh.launch PLAN.json
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys


def main(plan_path: str) -> None:
    with open(plan_path, encoding="utf-8") as f:
        plan = json.load(f)
    socket.sethostname(plan["hostname"])
    for source, target in plan["binds"]:
        subprocess.run(["mount", "--bind", source, target], check=True)
    for argv in plan.get("daemons", []):
        subprocess.Popen(argv, stdin=subprocess.DEVNULL)
    os.execv(plan["sshd"][0], plan["sshd"])


if __name__ == "__main__":
    main(sys.argv[1])
