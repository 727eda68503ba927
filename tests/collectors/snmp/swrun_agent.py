"""A real net-snmp snmpd publishing hrSWRunTable, alone in namespace ``drsw-sw``.

Why a PID namespace as well as a network one: snmpd reads the process table
from ``/proc``, and this machine's processes (and their command lines) must not
reach a test or a fixture.  So snmpd runs as PID 1 of its own PID namespace with
its own ``/proc`` (``unshare --pid --mount-proc``): its hrSWRunTable lists only
itself, the shell that started it and what the test starts there, namely
``drs-test-daemon`` (a symlink to ``sh`` whose command line carries
``SECRET``, so a test can tell that hrSWRunParameters is served but never read)
and optionally ``extra`` sleeps to overflow the size cap.  The view includes the
whole hrSWRun group, parameters too.
"""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

from tests.collectors.snmp import hostres_agent
from tests.collectors.snmp.agentproc import running
from tests.collectors.snmp.hostres_agent import unavailable

__all__ = ["COMMUNITY", "DAEMON", "NS", "SECRET", "agent", "probe_json", "unavailable"]

NS = "drsw-sw"
COMMUNITY = "drsw-swrun"
DAEMON = "drs-test-daemon"
SECRET = "drsw-secret-parameter"
VIEW = ("1.3.6.1.2.1.1", "1.3.6.1.2.1.2", "1.3.6.1.2.1.4", "1.3.6.1.2.1.31",
        "1.3.6.1.2.1.25.1.1", "1.3.6.1.2.1.25.2", "1.3.6.1.2.1.25.3.2", "1.3.6.1.2.1.25.4")


def _sh(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, check=check, timeout=60)


def _config(tmp: Path) -> Path:
    conf = tmp / "snmpd.conf"
    conf.write_text(
        "agentAddress udp:127.0.0.1:161\n"
        + "".join(f"view drswview included {oid}\n" for oid in VIEW)
        + f"rocommunity {COMMUNITY} 127.0.0.1 -V drswview\n"
        "sysName drsw-swrun\nsysLocation drscout test namespace\nsysContact tests\n")
    return conf


def _script(tmp: Path, extra: int) -> str:
    daemon = tmp / DAEMON
    daemon.symlink_to("/bin/sh")
    sleeps = (f"i=0; while [ $i -lt {extra} ]; do sleep 600 & i=$((i+1)); done; "
              if extra else "")
    return (f"{daemon} -c 'sleep 600; : {SECRET}' & {sleeps}"
            f"exec snmpd -f -Lo -C -c {_config(tmp)} -p {tmp / 'snmpd.pid'}")


@contextlib.contextmanager
def agent(extra: int = 0) -> Iterator[None]:
    """Namespace + PID-namespaced snmpd for the block; all of it removed afterwards
    (ending unshare ends snmpd, PID 1, and the kernel then ends the namespace)."""
    def command(tmp: Path) -> list[str]:
        return ["unshare", "--pid", "--fork", "--mount-proc", "--kill-child=SIGTERM",
                "sh", "-c", _script(tmp, extra)]

    with running(NS, COMMUNITY, "drsw-snmpd-", command):
        yield


def walk(oid: str) -> str:
    """net-snmp's own snmpwalk of ``oid`` inside the namespace (to show what is served)."""
    return _sh("ip", "netns", "exec", NS, "snmpwalk", "-v2c", "-c", COMMUNITY, "-On",
               "127.0.0.1", oid).stdout


def probe_json() -> dict[str, object]:
    """drscout's whole SNMP probe of the agent, with every requested and returned OID."""
    return hostres_agent.probe_json("run_swrun.py", NS, COMMUNITY)
