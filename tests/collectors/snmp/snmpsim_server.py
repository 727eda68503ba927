"""Serve snmprec recordings with snmpsim on 127.0.0.1 (a free UDP port) for tests/bench,
and probe what is served with the real collector."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from scanner.collectors.snmp import probe
from scanner.collectors.snmp.transport import wire
from scanner.credentials import SnmpCommunity
from scanner.inventory.sighting import CollectorResult
from scanner.options import SnmpOptions
from tests.collectors.snmp.agentproc import terminate

READY = "Listening at UDP/IPv4 endpoint"


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _responder() -> str:
    candidate = Path(sys.executable).with_name("snmpsim-command-responder")
    return str(candidate) if candidate.exists() else "snmpsim-command-responder"


@contextlib.contextmanager
def serve(data_dir: Path, startup_timeout: float = 90.0) -> Iterator[int]:
    """Run snmpsim over ``data_dir`` (community = file stem); yield its UDP port."""
    with serve_process(data_dir, startup_timeout) as (port, _proc):
        yield port


def probe_served(port: int, community: str) -> CollectorResult:
    """The real SNMP probe of the recording ``community`` served on ``port``."""
    options = SnmpOptions(credentials=(SnmpCommunity(community),), port=port, timeout=2.0,
                          retries=1)
    return asyncio.run(probe("127.0.0.1", options))


@contextlib.contextmanager
def serve_process(
    data_dir: Path, startup_timeout: float = 90.0
) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """Like :func:`serve`, also yielding the process (tests kill it by PID)."""
    port = free_udp_port()
    with tempfile.TemporaryDirectory(prefix="drss-snmpsim-") as tmp:
        log_path = Path(tmp) / "snmpsim.log"
        env = dict(os.environ, SNMPSIM_ALLOW_ROOT="true")
        args = [
            _responder(),
            f"--data-dir={data_dir}",
            f"--cache-dir={tmp}/cache",
            f"--agent-udpv4-endpoint=127.0.0.1:{port}",
            "--log-level=error",
        ]
        with log_path.open("w") as log:
            proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env)
        try:
            _wait_ready(proc, log_path, startup_timeout)
            _warm_up(port, data_dir)
            yield port, proc
        finally:
            terminate(proc)


def _warm_up(port: int, data_dir: Path, timeout: float = 30.0) -> None:
    """Ask for one recording's sysDescr until snmpsim answers.

    snmpsim can drop the very first request it gets (net-snmp's own snmpget sees no
    reply either), so a test's first probe would otherwise read as a timeout.
    """
    stem = next((p.stem for p in sorted(data_dir.glob("*.snmprec"))), None)
    if stem is None:
        return
    message = wire.encode(1, stem.encode(), wire.GET, 1, [(1, 3, 6, 1, 2, 1, 1, 1, 0)])
    deadline = time.monotonic() + timeout
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(1.0)
        while time.monotonic() < deadline:
            sock.sendto(message, ("127.0.0.1", port))
            try:
                sock.recvfrom(65535)
                return
            except TimeoutError:
                continue


def _wait_ready(proc: subprocess.Popen[bytes], log_path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if READY in log_path.read_text(errors="replace"):
            return
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    raise RuntimeError(f"snmpsim did not start: {log_path.read_text(errors='replace')[-2000:]}")
