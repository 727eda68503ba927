"""The field install, proved end to end: a fresh virtualenv with a plain ``pip install`` of
this checkout, plus the system's nmap and nothing else on PATH, scans a host and writes every
report.

What a consultant's laptop has is modelled strictly:

- the virtualenv is new, without ``--system-site-packages``, and gets ``pip install <src>``
  with no extra (not editable, from a copy of the package sources, as an sdist would hold);
- ``drscout`` runs with a PATH that holds one directory with one symlink, to nmap; when
  strace is installed every program the run executes is recorded, and anything but nmap
  (``ip``, snmp tools, an absolute ``/usr/bin/...``) fails the test;
- the scan runs inside two network namespaces this test creates (a scanner and one target
  host joined by a veth pair, no route anywhere else); the target is named explicitly, and
  the only thing listening is a ``python3 -m http.server`` bound to the target's address.

pip may download from PyPI the first time; the wheels are kept in ~/.cache/drscout/
field-wheels so later runs install offline from there.  Set DRSCOUT_FIELD_WHEELS to move it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reports import OUTPUTS

REPO = Path(__file__).resolve().parents[2]
#: what an sdist of the project holds (pyproject's package find + its readme)
SOURCES = ("pyproject.toml", "README.md", "scanner", "analysis", "reports", "drscout")
WHEELS = Path(os.environ.get("DRSCOUT_FIELD_WHEELS",
                             Path.home() / ".cache" / "drscout" / "field-wheels"))
SCAN_NS, HOST_NS = "drsi-scan", "drsi-host"
SCAN_IP, HOST_IP, PORT = "10.214.61.1", "10.214.61.2", 80
IP = shutil.which("ip") or "/usr/sbin/ip"
NMAP = shutil.which("nmap")
STRACE = shutil.which("strace")


def _why_not() -> str | None:
    if os.geteuid() != 0:
        return "needs root (network namespaces, raw sockets for nmap)"
    if NMAP is None or shutil.which("ip") is None:
        return "needs nmap and iproute2"
    return None


pytestmark = [pytest.mark.field,
              pytest.mark.skipif(_why_not() is not None, reason=_why_not() or "")]


def _run(argv: list[str], timeout: float = 600, **kw: object) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False,
                          **kw)  # type: ignore[call-overload]
    assert proc.returncode == 0, f"{' '.join(argv)}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


# --- the virtualenv ---------------------------------------------------------------------

def _copy_sources(dest: Path) -> Path:
    """Build from a copy so pip's in-tree build never writes into the shared checkout."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build")
    dest.mkdir(parents=True)
    for name in SOURCES:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=ignore)
        else:
            shutil.copy2(src, dest / name)
    return dest


def _pip(venv: Path, *args: str) -> subprocess.CompletedProcess[str]:
    argv = [str(venv / "bin" / "python"), "-m", "pip", "--disable-pip-version-check", *args]
    return subprocess.run(argv, capture_output=True, text=True, timeout=900, check=False)


def _install(venv: Path, src: Path) -> None:
    """``pip install <src>``, offline from the wheel cache when it holds everything, else
    filling the cache from the index first (build backend included) and installing from it."""
    # --no-compile: byte-compiling pandas and numpy doubles the install time here; Python
    # compiles what the run imports instead, which changes its speed, not what it does.
    offline = ("install", "--no-compile", "--no-index", "--find-links", str(WHEELS), str(src))
    if WHEELS.is_dir() and _pip(venv, *offline).returncode == 0:
        return
    WHEELS.mkdir(parents=True, exist_ok=True)
    for step in (("download", "-d", str(WHEELS), "setuptools>=68", "wheel"),
                 ("wheel", "-w", str(WHEELS), str(src))):
        proc = _pip(venv, *step)
        assert proc.returncode == 0, proc.stderr[-3000:]
    for built in WHEELS.glob("drscout-*.whl"):  # the project itself is always built fresh
        built.unlink()
    proc = _pip(venv, *offline)
    assert proc.returncode == 0, proc.stderr[-3000:]


@pytest.fixture(scope="module")
def field_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("field")
    venv = root / "venv"
    base = getattr(sys, "_base_executable", sys.executable)
    started = time.monotonic()
    _run([base, "-m", "venv", str(venv)])
    _install(venv, _copy_sources(root / "src"))
    print(f"\nfield install: fresh venv + pip install took {time.monotonic() - started:.1f} s")
    return venv


def test_the_venv_is_isolated_and_not_editable(field_venv: Path) -> None:
    cfg = (field_venv / "pyvenv.cfg").read_text()
    assert "include-system-site-packages = false" in cfg
    site = next(field_venv.glob("lib/python3*/site-packages"))
    assert (site / "scanner").is_dir() and (site / "reports" / "templates").is_dir()
    assert not list(site.glob("__editable__*"))
    assert not (site / "pytest").exists()  # nothing of the test tools came along


# --- the namespaces ---------------------------------------------------------------------

def _ip(*args: str) -> None:
    _run([IP, *args], timeout=30)


def _teardown() -> None:
    for ns in (SCAN_NS, HOST_NS):
        subprocess.run([IP, "netns", "del", ns], capture_output=True, check=False)
        shutil.rmtree(Path("/etc/netns") / ns, ignore_errors=True)


@pytest.fixture(scope="module")
def network() -> Iterator[None]:
    """Scanner and target namespaces on one veth pair; no other interface, no route out,
    and a resolv.conf with no name server so not even a DNS query leaves."""
    _teardown()
    try:
        for ns in (SCAN_NS, HOST_NS):
            _ip("netns", "add", ns)
            _ip("-n", ns, "link", "set", "lo", "up")
            etc = Path("/etc/netns") / ns
            etc.mkdir(parents=True, exist_ok=True)
            (etc / "resolv.conf").write_text("# drscout field-install test: no resolver\n")
        _ip("-n", SCAN_NS, "link", "add", "fi0", "type", "veth", "peer", "name", "fi1",
            "netns", HOST_NS)
        for ns, dev, addr in ((SCAN_NS, "fi0", SCAN_IP), (HOST_NS, "fi1", HOST_IP)):
            _ip("-n", ns, "addr", "add", f"{addr}/24", "dev", dev)
            _ip("-n", ns, "link", "set", dev, "up")
        yield
    finally:
        _teardown()


@pytest.fixture(scope="module")
def web_host(network: None) -> Iterator[int]:
    """``python3 -m http.server`` on the target's address; killed by its PID."""
    server = subprocess.Popen(
        [IP, "netns", "exec", HOST_NS, sys.executable, "-u", "-m", "http.server", str(PORT),
         "--bind", HOST_IP], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert server.stdout is not None
        assert "Serving HTTP" in server.stdout.readline(), "http.server did not start"
        yield server.pid
    finally:
        os.kill(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


# --- the run ----------------------------------------------------------------------------

def _field_env(root: Path) -> dict[str, str]:
    """PATH with only nmap on it (a symlink to the system's), and a fresh home."""
    bindir, home = root / "bin", root / "home"
    bindir.mkdir()
    home.mkdir()
    assert NMAP is not None
    (bindir / "nmap").symlink_to(os.path.realpath(NMAP))
    return {"PATH": str(bindir), "HOME": str(home), "LANG": "C.UTF-8"}


def _traced(argv: list[str], log: Path) -> list[str]:
    """``argv`` under strace recording every execve (when strace is installed)."""
    if STRACE is None:
        return argv
    return [STRACE, "-f", "-qq", "--seccomp-bpf", "-e", "trace=execve", "-o", str(log), *argv]


def _executed(log: Path) -> set[str]:
    """Every program path the traced run tried to execute, successful or not."""
    programs = set()
    for line in log.read_text().splitlines():
        if "execve(" in line:
            programs.add(line.split('execve("', 1)[1].split('"', 1)[0])
    return programs


@pytest.fixture(scope="module")
def field_run(field_venv: Path, web_host: int,
              tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("field-run")
    env = _field_env(root)
    out, log = root / "report", root / "exec.log"
    drscout = str(field_venv / "bin" / "drscout")
    argv = [drscout, "run", HOST_IP, "-o", str(out), "--profile", "quick"]
    started = time.monotonic()
    _run([IP, "netns", "exec", SCAN_NS, *_traced(argv, log)], env=env)
    print(f"\nfield run: drscout run --profile quick took {time.monotonic() - started:.1f} s")
    return root, out, env


def test_run_writes_every_report(field_run: tuple[Path, Path, dict[str, str]]) -> None:
    _, out, _ = field_run
    for name, _render in OUTPUTS:
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name


def test_the_target_and_its_open_port_are_in_the_inventory(
        field_run: tuple[Path, Path, dict[str, str]]) -> None:
    _, out, _ = field_run
    assets = json.loads((out / "inventory.json").read_text())["assets"]
    target = [a for a in assets if HOST_IP in a.get("ips", [])]
    assert len(target) == 1, [a.get("ips") for a in assets]
    ports = {(s["port"], s.get("protocol", "tcp")) for s in target[0]["services"]}
    assert (PORT, "tcp") in ports
    ipv4 = {ip for a in assets for ip in a.get("ips", []) if "." in ip}
    assert ipv4 <= {HOST_IP, SCAN_IP, "127.0.0.1"}, ipv4  # the scanner itself, the target


@pytest.mark.skipif(STRACE is None, reason="strace not installed: cannot record executions")
def test_the_run_executes_nmap_and_nothing_else(
        field_venv: Path, field_run: tuple[Path, Path, dict[str, str]]) -> None:
    root, _, _ = field_run
    executed = _executed(root / "exec.log")
    nmap = str(root / "bin" / "nmap")
    assert nmap in executed  # the trace saw the scan itself
    assert executed <= {str(field_venv / "bin" / "drscout"), nmap}, executed


def test_doctor_in_the_field_venv_finds_nmap(
        field_venv: Path, field_run: tuple[Path, Path, dict[str, str]]) -> None:
    root, _, env = field_run
    argv = [str(field_venv / "bin" / "drscout"), "doctor", "--json", "-o", str(root / "d")]
    proc = _run([IP, "netns", "exec", SCAN_NS, *argv], env=env, timeout=120)
    checks = {c["name"]: c for c in json.loads(proc.stdout)}
    assert checks["nmap"]["status"] == "ok", checks["nmap"]
    assert checks["output folder"]["status"] == "ok"
