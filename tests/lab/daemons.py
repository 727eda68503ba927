"""Start, watch and stop the lab's daemons, tracking each one by PID.

Every daemon runs in the foreground under ``ip netns exec`` (which execs, so
the PID we get from Popen is the daemon's own) in a new session, so stopping
its process group also stops the workers it forked and nothing else.
The PID is stored with the process start time: a recycled PID is never killed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.lab.netns import LabError, ns_argv


@dataclass
class Daemon:
    """One lab daemon: how to start it, how to tell it is ready, and its PID once started."""

    name: str
    ns: str
    argv: list[str]
    log: Path
    ready: list[str]  # command run in ``ns`` that exits 0 once the daemon serves
    env: dict[str, str] = field(default_factory=dict)
    stop_signal: int = signal.SIGTERM
    pid: int | None = None
    start_time: int | None = None
    proc: subprocess.Popen[bytes] | None = None

    def record(self) -> dict[str, Any]:
        return {"name": self.name, "ns": self.ns, "pid": self.pid,
                "start_time": self.start_time, "stop_signal": int(self.stop_signal)}


def start(d: Daemon) -> None:
    """Launch ``d`` in its namespace with its output in its log file."""
    d.log.parent.mkdir(parents=True, exist_ok=True)
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8", **d.env}
    with d.log.open("ab") as log:
        d.proc = subprocess.Popen(ns_argv(d.ns, d.argv), stdin=subprocess.DEVNULL, stdout=log,
                                  stderr=subprocess.STDOUT, env=env, start_new_session=True)
    d.pid = d.proc.pid
    d.start_time = proc_start_time(d.pid)


def log_tail(path: Path, lines: int = 25) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError as exc:
        return f"(no log: {exc})"


def wait_ready(d: Daemon, timeout: float) -> None:
    """Poll ``d.ready`` until it succeeds; raise LabError naming the daemon otherwise."""
    deadline = time.monotonic() + timeout
    last = ""
    while True:
        if d.proc is not None and d.proc.poll() is not None:
            raise LabError(f"{d.name} (in {d.ns}) exited with status {d.proc.returncode} "
                           f"before it was ready; log {d.log}:\n{log_tail(d.log)}")
        probe = subprocess.run(ns_argv(d.ns, d.ready), capture_output=True, text=True,
                               timeout=max(5.0, timeout), check=False)
        if probe.returncode == 0:
            return
        last = (probe.stderr or probe.stdout).strip()[-300:]
        if time.monotonic() > deadline:
            raise LabError(f"{d.name} (in {d.ns}) not ready after {timeout:.0f}s "
                           f"(probe {' '.join(d.ready)}: {last}); log {d.log}:\n{log_tail(d.log)}")
        time.sleep(0.2)


def proc_start_time(pid: int) -> int | None:
    """Start time of ``pid`` in clock ticks since boot (field 22 of /proc/PID/stat)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return int(fields[19])


def is_alive(pid: int, start_time: int | None) -> bool:
    """True while ``pid`` is the same live process (zombies and recycled PIDs are not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    fields = stat.rsplit(")", 1)[1].split()
    if fields[0] == "Z":
        return False
    return start_time is None or int(fields[19]) == start_time


def _reap(pid: int) -> None:
    """Collect ``pid`` if it is our child, so it does not stay a zombie."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return


def stop_pid(pid: int, start_time: int | None, sig: int, timeout: float = 10.0,
             group: bool = True) -> None:
    """Signal ``pid`` (and the group it leads), then SIGKILL it if it outlives ``timeout``."""
    if not is_alive(pid, start_time):
        _reap(pid)
        return
    for s in (sig, signal.SIGKILL):
        _signal(pid, s, group)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            _reap(pid)
            if not is_alive(pid, start_time):
                return
            time.sleep(0.05)
    raise LabError(f"process {pid} survived SIGKILL")


def _signal(pid: int, sig: int, group: bool) -> None:
    try:
        if group and os.getpgid(pid) == pid:
            os.killpg(pid, sig)
        else:
            os.kill(pid, sig)
    except ProcessLookupError:
        return


def stop_all(records: list[dict[str, Any]]) -> None:
    """Stop recorded daemons, last started first."""
    for rec in reversed(records):
        if rec.get("pid"):
            stop_pid(int(rec["pid"]), rec.get("start_time"), int(rec.get("stop_signal", 15)))


def kill_pids(pids: list[int], timeout: float = 5.0) -> None:
    """TERM then KILL stray processes found in lab namespaces (crashed-run cleanup)."""
    for pid in pids:
        stop_pid(pid, proc_start_time(pid), signal.SIGTERM, timeout, group=False)
