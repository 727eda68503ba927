"""A test's own snmpd in a throwaway namespace: waiting until it answers, stopping it
(by its process handle) and removing the namespace."""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path


@contextlib.contextmanager
def running(ns: str, community: str, prefix: str,
            command: Callable[[Path], list[str]]) -> Iterator[None]:
    """A fresh namespace ``ns`` (loopback up) running ``command(tmp)`` (snmpd, state in
    the temporary folder ``tmp``) until it answers ``community``, for the duration of
    the block; the agent and the namespace are always removed afterwards."""
    subprocess.run(["ip", "netns", "del", ns], capture_output=True, check=False)
    proc: subprocess.Popen[str] | None = None
    with tempfile.TemporaryDirectory(prefix=prefix) as raw:
        tmp = Path(raw)
        try:
            subprocess.run(["ip", "netns", "add", ns], capture_output=True, check=True)
            subprocess.run(["ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up"],
                           capture_output=True, check=True)
            proc = subprocess.Popen(
                ["ip", "netns", "exec", ns, *command(tmp)],
                stdout=(tmp / "snmpd.log").open("w"), stderr=subprocess.STDOUT, text=True,
                env=dict(os.environ, SNMP_PERSISTENT_DIR=str(tmp)))
            wait_answering(proc, ns, community)
            yield
        finally:
            stop(proc, ns)


def wait_answering(proc: subprocess.Popen[str], ns: str, community: str) -> None:
    """Return once snmpd in ``ns`` answers a sysName GET (about 20 s at most); raise
    when it exits or never answers."""
    for _ in range(100):
        answer = subprocess.run(
            ["ip", "netns", "exec", ns, "snmpget", "-v2c", "-c", community, "-t", "0.3", "-r",
             "0", "127.0.0.1", "1.3.6.1.2.1.1.5.0"], capture_output=True, text=True,
            check=False, timeout=60)
        if answer.returncode == 0:
            return
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    raise RuntimeError("snmpd did not start in namespace " + ns)


def terminate(proc: subprocess.Popen[str] | subprocess.Popen[bytes]) -> None:
    """Terminate a process we started (by its handle, so by PID); kill it after 10 s."""
    if proc.poll() is None:
        proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def stop(proc: subprocess.Popen[str] | None, ns: str) -> None:
    """Terminate the agent we started, then delete its namespace."""
    if proc is not None:
        terminate(proc)
    _wait_empty(ns)
    subprocess.run(["ip", "netns", "del", ns], check=False, capture_output=True)


def _wait_empty(ns: str, timeout: float = 10.0) -> None:
    """snmpd is a grandchild (under sh or unshare) and writes its persistent state on
    exit: wait until nothing runs in the namespace, so the caller can delete its files."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pids = subprocess.run(["ip", "netns", "pids", ns], capture_output=True, text=True)
        if pids.returncode != 0 or not pids.stdout.strip():
            return
        time.sleep(0.1)
