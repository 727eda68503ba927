"""Headless Chromium for the gap report tests: load a file, return the DOM and the console.

Chromium runs with a throwaway profile and every background service off; with
``--enable-logging=stderr`` each console message (including Content-Security-
Policy refusals) appears on stderr as an ``INFO:CONSOLE`` line.  All HTTP(S)
goes to a proxy on 127.0.0.1 that this module runs and that only counts
connections, so "no network request" is measured, not assumed, and nothing can
leave the machine.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

BINARY = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
         "--enable-logging=stderr", "--v=0")


#: Chromium's own background calls (network time, component updater, sign-in) still
#: happen with every flag above; they reach only our proxy and are not the page's.
BROWSER_OWN = re.compile(r"^\S+ (https?://)?[a-z0-9.-]*\.(google\.com|googleapis\.com|"
                         r"gvt1\.com|gstatic\.com)[:/]")


@dataclass
class Result:
    dom: str
    console: list[str]
    requests: list[str]

    @property
    def page_requests(self) -> list[str]:
        """Requests the page made (everything except the browser's own background calls)."""
        return [r for r in self.requests if not BROWSER_OWN.match(r)]


class CountingProxy:
    """Accepts connections on 127.0.0.1 and closes them, counting."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.count = 0
        self.requests: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def address(self) -> str:
        host, port = self.sock.getsockname()
        return f"{host}:{port}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.count += 1
            conn.settimeout(1.0)
            try:
                first = conn.recv(512).split(b"\r\n", 1)[0]
            except OSError:
                first = b""
            self.requests.append(first.decode("latin-1"))
            conn.close()

    def __enter__(self) -> CountingProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


def _run(extra: list[str], page: Path, proxy: str) -> subprocess.CompletedProcess[str]:
    assert BINARY is not None
    with tempfile.TemporaryDirectory(prefix="drscout-chromium-") as profile:
        argv = [BINARY, *FLAGS, f"--user-data-dir={profile}", f"--proxy-server={proxy}",
                "--proxy-bypass-list=<-loopback>", *extra, page.resolve().as_uri()]
        return subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)


def load(page: Path, screenshot: Path | None = None) -> Result:
    """Load ``page``; optionally save a full-width screenshot."""
    with CountingProxy() as proxy:
        proc = _run(["--dump-dom"], page, proxy.address)
        requests = list(proxy.requests)
        if screenshot is not None:
            _run([f"--screenshot={screenshot}", "--window-size=1300,4200",
                  "--hide-scrollbars"], page, proxy.address)
    console = [line for line in proc.stderr.splitlines() if ":CONSOLE" in line]
    return Result(proc.stdout, console, requests)
