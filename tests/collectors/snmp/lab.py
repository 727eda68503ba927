"""A two-namespace SNMP lab: ``drss-snmpa`` runs net-snmp snmpd behind a Linux bridge
with two veth member ports, ``drss-snmpp`` is where the probe runs.  Neither is
connected to the root namespace; everything is torn down on exit.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.collectors.snmp.agentproc import terminate

AGENT_NS = "drss-snmpa"
PROBE_NS = "drss-snmpp"
AGENT_IP = "10.213.77.1"
PROBE_IP = "10.213.77.2"
BRIDGE_IP = "10.213.78.1"
COMMUNITY = "drss-lab-ro"
V3_USER = "drsslab"
V3_AUTH = "drss-auth-secret"
V3_PRIV = "drss-priv-secret"
SYS_NAME = "drss-lab-switch"
PYTHON = str(Path(sys.executable))
VIEW = (".1.3.6.1.2.1.1", ".1.3.6.1.2.1.2", ".1.3.6.1.2.1.4", ".1.3.6.1.2.1.31")


def unavailable_reason() -> str | None:
    """Why the lab cannot run here (None when it can)."""
    if os.geteuid() != 0:
        return "needs root for ip netns"
    for tool in ("ip", "snmpd"):
        if shutil.which(tool) is None:
            return f"{tool} not installed"
    return None


def sh(*args: str, ns: str | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    cmd = (["ip", "netns", "exec", ns] if ns else []) + list(args)
    return subprocess.run(cmd, check=check, capture_output=True, text=True, timeout=60)


def _build_network() -> None:
    for ns in (AGENT_NS, PROBE_NS):
        sh("ip", "netns", "add", ns)
        sh("ip", "link", "set", "lo", "up", ns=ns)
    sh(
        "ip",
        "link",
        "add",
        "drss-up0",
        "netns",
        AGENT_NS,
        "type",
        "veth",
        "peer",
        "name",
        "drss-up1",
        "netns",
        PROBE_NS,
    )
    sh("ip", "addr", "add", f"{AGENT_IP}/24", "dev", "drss-up0", ns=AGENT_NS)
    sh("ip", "link", "set", "drss-up0", "up", ns=AGENT_NS)
    sh("ip", "addr", "add", f"{PROBE_IP}/24", "dev", "drss-up1", ns=PROBE_NS)
    sh("ip", "link", "set", "drss-up1", "up", ns=PROBE_NS)
    sh("ip", "link", "add", "br0", "type", "bridge", ns=AGENT_NS)
    for port in ("1", "2"):
        sh(
            "ip",
            "link",
            "add",
            f"port{port}",
            "type",
            "veth",
            "peer",
            "name",
            f"host{port}",
            ns=AGENT_NS,
        )
        sh("ip", "link", "set", f"port{port}", "master", "br0", ns=AGENT_NS)
        sh("ip", "link", "set", f"port{port}", "up", ns=AGENT_NS)
        sh("ip", "link", "set", f"host{port}", "up", ns=AGENT_NS)
    sh("ip", "addr", "add", f"{BRIDGE_IP}/24", "dev", "br0", ns=AGENT_NS)
    sh("ip", "link", "set", "br0", "up", ns=AGENT_NS)
    sh("sysctl", "-qw", "net.ipv4.ip_forward=0", ns=AGENT_NS)


def _teardown_network() -> None:
    for ns in (AGENT_NS, PROBE_NS):
        sh("ip", "netns", "del", ns, check=False)


def _snmpd_config(tmp: Path) -> Path:
    conf = tmp / "snmpd.conf"
    conf.write_text(
        f"agentAddress udp:{AGENT_IP}:161\n"
        # only the MIB groups the collector reads: the agent shares the host's process
        # table, and HOST-RESOURCES would expose every process's command line
        + "".join(f"view drssview included {oid}\n" for oid in VIEW)
        + f"rocommunity {COMMUNITY} default -V drssview\n"
        f'createUser {V3_USER} SHA "{V3_AUTH}" AES "{V3_PRIV}"\n'
        f"rouser {V3_USER} priv -V drssview\n"
        f"sysName {SYS_NAME}\n"
        "sysLocation drscout lab rack 1\n"
        "sysContact lab-admin\n"
        "sysServices 72\n"
    )
    return conf


@dataclass
class Lab:
    tmp: Path

    def run_probe(self, request: dict[str, object]) -> str:
        """Run ``run_probe.py`` inside the probe namespace; returns its JSON output."""
        import json

        script = Path(__file__).with_name("run_probe.py")
        done = subprocess.run(
            ["ip", "netns", "exec", PROBE_NS, PYTHON, str(script)],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            timeout=180,
            check=True,
        )
        return done.stdout


def _wait_for_snmpd(proc: subprocess.Popen[str]) -> None:
    for _ in range(100):
        probe = sh(
            "snmpget",
            "-v2c",
            "-c",
            COMMUNITY,
            "-t",
            "0.3",
            "-r",
            "0",
            AGENT_IP,
            "1.3.6.1.2.1.1.5.0",
            ns=PROBE_NS,
            check=False,
        )
        if probe.returncode == 0:
            return
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    raise RuntimeError("snmpd did not start in the lab namespace")


@contextlib.contextmanager
def snmp_lab(tmp: Path) -> Iterator[Lab]:
    """Build the namespaces, start snmpd, yield; always stop snmpd and delete the namespaces."""
    _teardown_network()
    proc: subprocess.Popen[str] | None = None
    try:
        _build_network()
        conf = _snmpd_config(tmp)
        persist = tmp / "persist"
        persist.mkdir()
        env = dict(os.environ, SNMP_PERSISTENT_DIR=str(persist))
        proc = subprocess.Popen(
            [
                "ip",
                "netns",
                "exec",
                AGENT_NS,
                "snmpd",
                "-f",
                "-Lo",
                "-C",
                "-c",
                str(conf),
                "-p",
                str(tmp / "snmpd.pid"),
            ],
            stdout=(tmp / "snmpd.log").open("w"),
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        _wait_for_snmpd(proc)
        yield Lab(tmp)
    finally:
        if proc is not None:
            terminate(proc)
        _teardown_network()
