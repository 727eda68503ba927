"""A real net-snmp snmpd serving HOST-RESOURCES-MIB, alone in namespace ``drsu-hr``.

The namespace has only its loopback (nothing connects it to the root namespace),
so the probe runs inside it too (``ip netns exec``).  The view exposes the
system, interface, IP and HOST-RESOURCES groups the collector reads, but not
hrSWRun: the agent shares this machine's process table and would publish every
command line.  ``python -m tests.collectors.snmp.hostres_agent OUT`` records the
agent's walk into an snmprec fixture.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tests.collectors.snmp.agentproc import running

NS = "drsu-hr"
COMMUNITY = "drsu-hostres"
VIEW = ("1.3.6.1.2.1.1", "1.3.6.1.2.1.2", "1.3.6.1.2.1.4", "1.3.6.1.2.1.31",
        "1.3.6.1.2.1.25.1", "1.3.6.1.2.1.25.2", "1.3.6.1.2.1.25.3.2")
ROOT = Path(__file__).resolve().parents[3]
VOLUME_MB = 64
FILL_MB = 60
PYTHON = str(ROOT / ".venv/bin/python") if (ROOT / ".venv/bin/python").exists() else sys.executable


def unavailable() -> str | None:
    """Why the agent cannot run here, or None."""
    if os.geteuid() != 0:
        return "needs root for ip netns"
    for tool in ("ip", "snmpd", "snmpget"):
        if shutil.which(tool) is None:
            return f"{tool} not installed"
    return None


def _sh(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, check=check, timeout=60)


def _in_ns(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return _sh("ip", "netns", "exec", NS, *args, check=check)


def _config(tmp: Path) -> Path:
    conf = tmp / "snmpd.conf"
    conf.write_text(
        "agentAddress udp:127.0.0.1:161\n"
        + "".join(f"view drsuview included {oid}\n" for oid in VIEW)
        # hrSystemInitialLoadParameters: this machine's kernel command line
        + "view drsuview excluded 1.3.6.1.2.1.25.1.4\n"
        + f"rocommunity {COMMUNITY} 127.0.0.1 -V drsuview\n"
        "sysName drsu-hostres\nsysLocation drscout test namespace\nsysContact tests\n")
    return conf


def _command(tmp: Path) -> list[str]:
    """snmpd behind a real, 94%-full volume mounted only in its own mount namespace."""
    data = tmp / "data"
    data.mkdir()
    return ["sh", "-c", f"mount -t tmpfs -o size={VOLUME_MB}m drsu-data {data} && "
                        f"head -c {FILL_MB}M /dev/zero > {data}/fill && exec snmpd -f -Lo -C "
                        f"-c {_config(tmp)} -p {tmp / 'snmpd.pid'}"]


@contextlib.contextmanager
def agent() -> Iterator[None]:
    """Namespace + snmpd for the duration of the block; both always removed."""
    with running(NS, COMMUNITY, "drsu-snmpd-", _command):
        yield


def probe_json(script: str = "run_probe.py", ns: str = NS,
               community: str = COMMUNITY) -> dict[str, object]:
    """drscout's SNMP probe of the agent, run by ``script`` inside the namespace, as JSON."""
    request = {"host": "127.0.0.1", "communities": [community], "timeout": 2.0, "retries": 1}
    done = subprocess.run(
        ["ip", "netns", "exec", ns, PYTHON, str(Path(__file__).with_name(script))],
        input=json.dumps(request), capture_output=True, text=True, timeout=180, check=True)
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _keep_storage(lines: list[str]) -> list[str]:
    """Drop hrStorage rows of mounts that belong to this machine, not to the test:
    memory rows, "/", /dev/shm and the test's own volume stay."""
    prefix = "1.3.6.1.2.1.25.2.3.1."
    descr: dict[str, str] = {}
    for line in lines:
        oid, tag, value = line.split("|", 2)
        if oid.startswith(prefix + "3."):
            text = bytes.fromhex(value).decode() if tag == "4x" else value
            descr[oid.rsplit(".", 1)[1]] = text
    keep = {i for i, d in descr.items()
            if not d.startswith("/") or d in ("/", "/dev/shm") or d.startswith("/tmp/drsu-snmpd-")}
    return [line for line in lines if not line.startswith(prefix)
            or line.split("|", 1)[0].rsplit(".", 1)[1] in keep]


def main(out: str) -> None:
    with agent(), tempfile.TemporaryDirectory(prefix="drsu-rec-") as tmp:
        raw = Path(tmp) / "raw.snmprec"
        _in_ns(PYTHON, "-c", "import sys; from tests.lab import snmpwalk_rec as r; "
               f"sys.exit(r.main(['127.0.0.1', '{COMMUNITY}', '{raw}']))")
        lines = raw.read_text(encoding="iso-8859-1").splitlines()
        Path(out).write_text("\n".join(_keep_storage(lines)) + "\n", encoding="iso-8859-1")


if __name__ == "__main__":
    main(sys.argv[1])
