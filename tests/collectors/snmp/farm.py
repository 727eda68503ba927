"""A farm of SNMP agents: every corpus recording served as its own agent on its own address.

What a consultant's scan of a real LAN meets: hundreds of different devices, each at
one address.  The agents live in namespace ``drsf-agents`` (snmpsim's lite responder,
one process per 31 recordings, every address on its loopback); the scanner runs in
``drsf-scan``, routed to them through one veth pair.  Neither namespace reaches the
root namespace.  Recordings are copied only into a temp dir (snmpsim resolves
symlinks and would then not find the transport-id layout).

The lite responder needs pysnmp < 7.1, so it runs from its own venv under
``~/.cache/drscout`` that :func:`lite_python` installs from PyPI on first use.
Used by ``test_corpus_farm.py`` and ``bench/snmp_farm.py``.
"""

from __future__ import annotations

import contextlib
import fcntl
import ipaddress
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.lab.netns import add_addr, add_ns, del_ns, ns_argv, ns_pids, sh, veth

ROOT = Path(__file__).resolve().parents[3]
CORPUS_CANDIDATES = (ROOT.parent / "shared/corpus/snmp", Path("/work/shared/corpus/snmp"))
AGENT_NS = "drsf-agents"
SCAN_NS = "drsf-scan"
AGENT_LINK = "10.231.255.2"
SCAN_LINK = "10.231.255.1"
FARM_BASE = "10.231.0.0"
FARM_ROUTE = "10.231.0.0/16"
COMMUNITY = "public"
#: one lite responder keeps at most 32 data files open
PER_PROCESS = 31
LITE_SNMPSIM = "1.1.7"
LITE_PYSNMP = "6.2.6"
READY = "Listening at UDP/IPv4 endpoint"
TRANSPORT_ID = "1.3.6.1.6.1.1"
SYS_OBJECT_ID = "1.3.6.1.2.1.1.2.0|"


def corpus_dir() -> Path | None:
    """``shared/corpus/snmp`` beside the repo (or the work tree's), None when absent."""
    return next((c for c in CORPUS_CANDIDATES if (c / "dev/manifest.csv").exists()), None)


def recordings(corpus: Path, sets: tuple[str, ...] = ("dev", "train")) -> list[Path]:
    """Every recording of the named sets, in a fixed order (set, then file name)."""
    return [p for s in sets for p in sorted((corpus / s).glob("*.snmprec"))]


def unavailable_reason() -> str | None:
    """Why the farm cannot run here (None when it can)."""
    if os.geteuid() != 0:
        return "needs root for ip netns"
    if shutil.which("ip") is None:
        return "iproute2 not installed"
    if corpus_dir() is None:
        return "shared/corpus/snmp not present"
    return None


def cover(count: int, base: str = FARM_BASE) -> list[ipaddress.IPv4Network]:
    """Networks whose scannable hosts number exactly ``count``, from ``base`` upwards,
    so a scan of them probes every agent and no empty address."""
    nets: list[ipaddress.IPv4Network] = []
    start, remaining = int(ipaddress.IPv4Address(base)), count
    while remaining > 0:
        prefix = next(p for p in range(24, 33) if _hosts(p) <= remaining)
        size = 2 ** (32 - prefix)
        start = -(-start // size) * size
        nets.append(ipaddress.IPv4Network((start, prefix)))
        start += size
        remaining -= _hosts(prefix)
    return nets


def _hosts(prefix: int) -> int:
    return 2 ** (32 - prefix) - (2 if prefix <= 30 else 0)


def addresses(nets: list[ipaddress.IPv4Network]) -> list[str]:
    """The scannable hosts of ``nets``, as the orchestrator enumerates them."""
    return [str(h) for n in nets for h in (n.hosts() if n.num_addresses > 2 else n)]


def sys_object_id(recording: Path) -> str | None:
    """The recording's sysObjectID, as served (None when it has none)."""
    with recording.open(errors="replace") as fh:
        for line in fh:
            if line.startswith(SYS_OBJECT_ID):
                return line.rstrip("\n").split("|", 2)[2].strip(".")
    return None


# --- the snmpsim-lite venv ------------------------------------------------------------

def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "drscout"


def lite_python() -> Path:
    """The Python of a venv with snmpsim-lite's pinned versions, installed once from PyPI
    (a file lock keeps two concurrent runs from installing at the same time)."""
    venv = cache_root() / f"snmpsim-lite-{LITE_SNMPSIM}-pysnmp-{LITE_PYSNMP}"
    python, stamp = venv / "bin/python", venv / ".installed"
    if stamp.exists():
        return python
    venv.parent.mkdir(parents=True, exist_ok=True)
    with (venv.parent / "snmpsim-lite.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not stamp.exists():
            subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True,
                           capture_output=True, timeout=300)
            subprocess.run([str(python), "-m", "pip", "install", "-q",
                            "--disable-pip-version-check",
                            f"snmpsim=={LITE_SNMPSIM}", f"pysnmp=={LITE_PYSNMP}"],
                           check=True, capture_output=True, timeout=900)
            stamp.write_text(f"snmpsim=={LITE_SNMPSIM} pysnmp=={LITE_PYSNMP}\n")
    return python


# --- the farm -------------------------------------------------------------------------

@dataclass(frozen=True)
class Agent:
    address: str
    recording: Path


@dataclass
class Farm:
    """A running farm: its agents (address -> recording), scan targets and responders."""

    workdir: Path
    agents: list[Agent]
    targets: list[str]
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def run(self, argv: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
        """Run ``argv`` in the scanner's namespace, output captured as text."""
        return subprocess.run(ns_argv(SCAN_NS, argv), capture_output=True, text=True,
                              check=False, **kw)  # type: ignore[call-overload, no-any-return]


def _teardown(procs: list[subprocess.Popen[bytes]]) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    for ns in (AGENT_NS, SCAN_NS):
        if ns_pids(ns):  # only what an earlier crashed farm run left behind
            for pid in ns_pids(ns):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        del_ns(ns)


def _network(agent_ips: list[str]) -> None:
    add_ns(AGENT_NS, None)
    add_ns(SCAN_NS, None)
    veth(AGENT_NS, "farm0", "02:46:00:00:00:02", SCAN_NS, "farm1", "02:46:00:00:00:01")
    add_addr(AGENT_NS, "farm0", f"{AGENT_LINK}/30")
    add_addr(SCAN_NS, "farm1", f"{SCAN_LINK}/30")
    sh(["ip", "-n", SCAN_NS, "route", "add", FARM_ROUTE, "via", AGENT_LINK])
    batch = "".join(f"address add {ip}/32 dev lo\n" for ip in agent_ips)
    done = subprocess.run(["ip", "-n", AGENT_NS, "-batch", "-"], input=batch, text=True,
                          capture_output=True, check=False, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"adding farm addresses failed: {done.stderr.strip()[:500]}")


def _responder(workdir: Path, n: int, agents: list[Agent], delay: float) -> subprocess.Popen[bytes]:
    """One lite responder for ``agents``: endpoint k answers from transport id k+1."""
    data = workdir / f"data{n:02d}" / COMMUNITY
    data.mkdir(parents=True)
    for k, agent in enumerate(agents, start=1):
        shutil.copyfile(agent.recording, data / f"{TRANSPORT_ID}.{k}.snmprec")
    argv = [str(lite_python()), str(Path(__file__).with_name("farm_responder.py")),
            f"--data-dir={data.parent}", f"--cache-dir={workdir / f'cache{n:02d}'}",
            "--transport-id-offset=1", "--log-level=error",
            *(f"--agent-udpv4-endpoint={a.address}:161" for a in agents)]
    env = dict(os.environ, SNMPSIM_ALLOW_ROOT="true", DRSCOUT_FARM_DELAY=str(delay))
    with (workdir / f"responder{n:02d}.log").open("wb") as log:
        return subprocess.Popen(ns_argv(AGENT_NS, argv), stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, env=env)


def _wait_ready(workdir: Path, procs: list[subprocess.Popen[bytes]], sizes: list[int],
                timeout: float) -> None:
    deadline = time.monotonic() + timeout
    waiting = list(range(len(procs)))
    while waiting and time.monotonic() < deadline:
        for n in list(waiting):
            log = (workdir / f"responder{n:02d}.log").read_text(errors="replace")
            if log.count(READY) >= sizes[n]:
                waiting.remove(n)
            elif procs[n].poll() is not None:
                raise RuntimeError(f"snmpsim-lite {n} exited: {log[-2000:]}")
        time.sleep(0.3)
    if waiting:
        raise RuntimeError(f"snmpsim-lite processes {waiting} not ready after {timeout:.0f} s")


def _deal(agents: list[Agent]) -> list[list[Agent]]:
    """Agents dealt round-robin to as few processes as hold them: neighbours in name
    order (all the large Cisco IOS recordings) would otherwise share one responder and
    queue behind each other, which no real network does."""
    processes = -(-len(agents) // PER_PROCESS)
    return [agents[n::processes] for n in range(processes)]


def _answering(fm: Farm) -> None:
    """Every agent answers a GET of sysObjectID from the scanner's namespace (net-snmp),
    so a scan meets a farm that is up, and a broken recording fails here by name."""
    hosts = fm.workdir / "agents.txt"
    hosts.write_text("".join(f"{a.address}\n" for a in fm.agents))
    script = (f"xargs -P 16 -I@ sh -c 'snmpget -v2c -c {COMMUNITY} -t 5 -r 3 -Oqv @ "
              f"{SYS_OBJECT_ID[:-1]} >/dev/null 2>&1 && echo @' < {hosts}")
    done = fm.run(["sh", "-c", script], timeout=900)
    silent = sorted({a.address for a in fm.agents} - set(done.stdout.split()))
    if silent:
        names = {a.address: a.recording.name for a in fm.agents}
        raise RuntimeError(f"{len(silent)} farm agents do not answer: "
                           + ", ".join(f"{ip} ({names[ip]})" for ip in silent[:10]))


@contextlib.contextmanager
def _exclusive() -> Iterator[None]:
    """One farm at a time on a machine: a second one (a test while a bench runs) waits
    instead of tearing down the first one's namespaces."""
    cache_root().mkdir(parents=True, exist_ok=True)
    with (cache_root() / "farm.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


@contextlib.contextmanager
def farm(records: list[Path], workdir: Path, delay: float = 0.0,
         startup_timeout: float = 600.0) -> Iterator[Farm]:
    """Serve ``records`` (one agent each), yield the farm; always stop every responder
    we started (by PID) and delete both namespaces."""
    nets = cover(len(records))
    agents = [Agent(ip, rec) for ip, rec in zip(addresses(nets), records, strict=True)]
    procs: list[subprocess.Popen[bytes]] = []
    with _exclusive():
        _teardown([])
        try:
            _network([a.address for a in agents])
            chunks = _deal(agents)
            lite_python()
            for n, chunk in enumerate(chunks):
                procs.append(_responder(workdir, n, chunk, delay))
            _wait_ready(workdir, procs, [len(c) for c in chunks], startup_timeout)
            made = Farm(workdir, agents, [str(n) for n in nets], procs)
            _answering(made)
            yield made
        finally:
            _teardown(procs)


def drscout() -> str:
    """The drscout command of the Python running this code."""
    candidate = Path(sys.executable).with_name("drscout")
    return str(candidate) if candidate.exists() else "drscout"
