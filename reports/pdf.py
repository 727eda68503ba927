"""gap-report.pdf: the gap report's HTML printed by a real browser engine.

Why headless Chromium and not WeasyPrint: the PDF is then the same page the client
opens in a browser, laid out by the same engine (flexbox cards, inline SVG, the
print CSS), and the engine is very likely already on the consultant's laptop as
Chrome, Edge or Chromium, while WeasyPrint would add a pip dependency that needs
Pango from the system (a GTK install on Windows) to the field install, which is
``pip install`` plus nmap only.  When no engine is found the PDF is skipped, with
one line saying so: it is never a failure of the run.

The browser runs with a throwaway profile, every background service off and all
traffic sent to a closed loopback port, so printing reaches nothing on the network
(the page itself loads nothing: see the CSP in :mod:`reports.gap_html`).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Literal

from scanner.errors import OperationalError

Paper = Literal["a4", "letter"]
#: env var naming the browser to print with (a path or a program name)
ENV = "DRSCOUT_BROWSER"
#: env var choosing the PDF's paper: a4 (default) or letter
PAPER_ENV = "DRSCOUT_PAPER"
#: program names tried on PATH, then the usual install places
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome",
         "microsoft-edge", "microsoft-edge-stable", "msedge")
PLACES = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
    r"C:\Program Files\Microsoft\Edge\Application\msedge.exe",
)
FLAGS = ("--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--disable-quic",
         "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
         "--no-pdf-header-footer")
TIMEOUT_S = 180
MISSING = ("gap-report.pdf skipped: no Chromium, Chrome or Edge found to print it "
           f"(install one, or set {ENV} to its path)")
_PAGE_SIZE = {"a4": "A4", "letter": "letter"}


class PdfError(OperationalError):
    """The browser was found but did not print the page."""


def paper_from_env() -> Paper:
    """$DRSCOUT_PAPER: ``letter`` for US Letter, anything else A4."""
    return "letter" if os.environ.get(PAPER_ENV, "").strip().lower() == "letter" else "a4"


def find_engine() -> str | None:
    """The browser to print with: $DRSCOUT_BROWSER, a known name on PATH, or a
    usual install place; None when there is none."""
    chosen = os.environ.get(ENV, "").strip()
    if chosen:
        return shutil.which(chosen) or (chosen if Path(chosen).is_file() else None)
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in PLACES if Path(p).is_file()), None)


def paper_css(html: bytes, paper: Paper) -> bytes:
    """The page with its paper size set: the report leaves the size to the printer (a
    browser prints on the reader's paper), the PDF needs one."""
    size = _PAGE_SIZE[paper]
    rule = (f"<style>@page {{ size: {size}; }} @page wide {{ size: {size} landscape; }}"
            "</style>\n</head>").encode()
    return html.replace(b"</head>", rule, 1)


def html_to_pdf(html: bytes, paper: Paper = "a4", engine: str | None = None) -> bytes:
    """Print ``html`` (a self-contained page) to PDF with a headless browser.

    Raises :class:`PdfError` when no engine is found or it fails; the caller
    decides that a missing PDF is a note, not an error."""
    binary = engine or find_engine()
    if binary is None:
        raise PdfError(MISSING)
    with tempfile.TemporaryDirectory(prefix="drscout-pdf-") as work:
        folder = Path(work)
        page, out = folder / "gap-report.html", folder / "gap-report.pdf"
        page.write_bytes(paper_css(html, paper))
        argv = [binary, *FLAGS, *_sandbox(), f"--user-data-dir={folder / 'profile'}",
                f"--print-to-pdf={out}", page.as_uri()]
        _run(argv)
        data = out.read_bytes() if out.is_file() else b""
    if not data.startswith(b"%PDF-"):
        raise PdfError(f"gap-report.pdf skipped: {Path(binary).name} printed no PDF")
    return data


def _sandbox() -> tuple[str, ...]:
    """Chromium refuses to run as root with its sandbox on (a lab or a container)."""
    return ("--no-sandbox",) if hasattr(os, "geteuid") and os.geteuid() == 0 else ()


def _run(argv: list[str]) -> None:
    """Run the browser; on timeout end it and every process it started (a new session)."""
    posix = os.name == "posix"
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=posix)
    except OSError as exc:
        raise PdfError(f"gap-report.pdf skipped: cannot start {Path(argv[0]).name}: "
                       f"{exc.strerror or exc}") from None
    try:
        proc.wait(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        if posix:
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
        proc.wait()
        raise PdfError(f"gap-report.pdf skipped: {Path(argv[0]).name} did not finish "
                       f"printing in {TIMEOUT_S} s") from None
