"""A private libvirtd serving the test driver on loopback TCP, for the tests.

Node files (one per fake KVM host) are written by the tests; each is reached as
``test+tcp://127.0.0.1:PORT/<dir>/<host>.xml``.  ``LIBVIRT_DRIVER_DIR`` points at
an empty directory, so the daemon loads none of the real drivers (no QEMU, no
virtual networks or bridges): only the built-in test driver answers.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def missing() -> str | None:
    if not shutil.which("libvirtd"):
        return "libvirtd is not installed (apt-get install libvirt-daemon libvirt-clients)"
    try:
        import libvirt  # noqa: F401
    except ImportError:
        return "libvirt-python is not installed (pip install drscout[libvirt]; needs libvirt-dev)"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running(workdir: Path) -> Iterator[int]:
    """Start libvirtd; yields its loopback TCP port."""
    port = _free_port()
    run, drivers = workdir / "run", workdir / "no-drivers"
    run.mkdir(parents=True, exist_ok=True)
    drivers.mkdir(exist_ok=True)
    conf = workdir / "libvirtd.conf"
    conf.write_text(f'listen_tls = 0\nlisten_tcp = 1\ntcp_port = "{port}"\n'
                    f'listen_addr = "127.0.0.1"\nauth_tcp = "none"\n'
                    f'unix_sock_dir = "{run}"\nlog_outputs = "3:file:{workdir}/libvirtd.log"\n')
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LIBVIRT_DRIVER_DIR": str(drivers),
           "HOME": str(workdir)}
    proc = subprocess.Popen(["libvirtd", "--listen", "-f", str(conf), "-p",
                             str(workdir / "libvirtd.pid")], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for(port, proc)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def _wait_for(port: int, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(100):
        if proc.poll() is not None:
            err = proc.stderr.read().decode() if proc.stderr else ""
            raise RuntimeError(f"libvirtd exited: {err[-500:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("libvirtd did not listen")
