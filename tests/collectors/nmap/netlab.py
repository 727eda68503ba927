"""A tiny office in network namespaces, for recording and live-testing the nmap collector.

Every namespace is named ``drsn-*`` (no collision with other helpers' labs) and none is
connected to the root namespace: no route leaves 10.99.7.0/24, so nothing the tests send can
reach a real network.  The layout is the ground truth that ``expected.json`` is written from.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BRIDGE_NS = "drsn-br"
SCAN_NS = "drsn-scan"
SCAN_IFACE = "eth0"
SUBNET = "10.99.7.0/24"
DOMAIN = "drsn.test"
DHCP_RANGE = ("10.99.7.100", "10.99.7.150")
PRODUCTS = {22: "OpenSSH", 53: "dnsmasq", 80: "SimpleHTTPServer"}


@dataclass(frozen=True)
class LabService:
    port: int
    protocol: str
    name: str


@dataclass(frozen=True)
class LabHost:
    ns: str
    ip: str
    mac: str
    hostname: str
    #: the IEEE registrant of the MAC's OUI (chosen so vendor lookup can be verified)
    vendor: str
    services: tuple[LabService, ...] = ()


SCANNER = LabHost(SCAN_NS, "10.99.7.2", "00:0c:29:07:00:02", "scan.drsn.test", "VMware, Inc.")
GATEWAY = LabHost(
    "drsn-gw",
    "10.99.7.1",
    "00:1b:21:07:00:01",
    "gw.drsn.test",
    "Intel Corporate",
    (
        LabService(53, "tcp", "domain"),
        LabService(80, "tcp", "http"),
        LabService(53, "udp", "domain"),
        LabService(67, "udp", "dhcps"),
    ),
)
SSH_HOST = LabHost(
    "drsn-ssh",
    "10.99.7.20",
    "b8:27:eb:07:00:14",
    "ssh.drsn.test",
    "Raspberry Pi Foundation",
    (LabService(22, "tcp", "ssh"),),
)
QUIET_HOST = LabHost(
    "drsn-nas", "10.99.7.30", "00:11:32:07:00:1e", "nas.drsn.test", "Synology Incorporated"
)
HOSTS: tuple[LabHost, ...] = (SCANNER, GATEWAY, SSH_HOST, QUIET_HOST)
TARGETS: tuple[LabHost, ...] = (GATEWAY, SSH_HOST, QUIET_HOST)


def netns_available() -> str | None:
    """Why the lab cannot be built here, or None when it can."""
    if os.geteuid() != 0:
        return "needs root to create network namespaces"
    for tool in ("ip", "nmap", "dnsmasq", "sshd", "ssh-keygen"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            return f"{tool} is not installed"
    probe = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True, check=False)
    if probe.returncode != 0:
        return "ip netns is unavailable: " + probe.stderr.strip()
    return None


def _run(*args: str) -> None:
    subprocess.run(list(args), check=True, capture_output=True, text=True)


def _ns(ns: str, *args: str) -> None:
    _run("ip", "-n", ns, *args)


@dataclass
class Lab:
    """A built lab: its temp dir and the PIDs of the daemons it started."""

    workdir: Path
    pids: list[int] = field(default_factory=list)

    def spawn(self, ns: str, *argv: str) -> int:
        log = open(self.workdir / f"{ns}-{len(self.pids)}.log", "wb")  # noqa: SIM115
        proc = subprocess.Popen(
            ["ip", "netns", "exec", ns, *argv],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        log.close()
        self.pids.append(proc.pid)
        return proc.pid

    def teardown(self) -> None:
        """Kill our daemons by PID, delete our namespaces; safe to call twice."""
        for pid in self.pids:
            try:
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                continue
        self.pids.clear()
        delete_namespaces()
        shutil.rmtree(self.workdir, ignore_errors=True)


def delete_namespaces() -> None:
    """Delete the lab's namespaces (only the names this module owns)."""
    existing = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout
    names = {line.split()[0] for line in existing.splitlines() if line.strip()}
    for ns in [BRIDGE_NS, *(h.ns for h in HOSTS)]:
        if ns in names:
            subprocess.run(["ip", "netns", "del", ns], check=False, capture_output=True)
    shutil.rmtree(f"/etc/netns/{SCAN_NS}", ignore_errors=True)


def _wire(host: LabHost, index: int) -> None:
    """One veth from the bridge namespace into the host's namespace, with the lab MAC."""
    _run("ip", "netns", "add", host.ns)
    peer = f"p{index}"
    _ns(BRIDGE_NS, "link", "add", peer, "type", "veth", "peer", "name", "eth0", "netns", host.ns)
    _ns(BRIDGE_NS, "link", "set", peer, "master", "br0", "up")
    _ns(host.ns, "link", "set", "eth0", "address", host.mac)
    _ns(host.ns, "addr", "add", f"{host.ip}/24", "dev", "eth0")
    _ns(host.ns, "link", "set", "eth0", "up")
    _ns(host.ns, "link", "set", "lo", "up")


def _start_dnsmasq(lab: Lab) -> None:
    records = [f"--host-record={h.hostname},{h.ip}" for h in HOSTS]
    lab.spawn(
        GATEWAY.ns,
        "dnsmasq",
        "--keep-in-foreground",
        "--no-resolv",
        "--no-hosts",
        "--conf-file=/dev/null",
        "--user=root",
        "--no-ping",
        "--bind-interfaces",
        f"--listen-address={GATEWAY.ip}",
        f"--domain={DOMAIN}",
        *records,
        f"--dhcp-range={DHCP_RANGE[0]},{DHCP_RANGE[1]},255.255.255.0,10m",
        f"--dhcp-option=option:router,{GATEWAY.ip}",
        f"--dhcp-option=option:dns-server,{GATEWAY.ip},{SSH_HOST.ip}",
        f"--dhcp-leasefile={lab.workdir / 'leases'}",
        f"--pid-file={lab.workdir / 'dnsmasq.pid'}",
    )


def _start_sshd(lab: Lab) -> None:
    key = lab.workdir / "ssh_host_ed25519_key"
    _run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key))
    Path("/run/sshd").mkdir(exist_ok=True)
    lab.spawn(
        SSH_HOST.ns,
        "/usr/sbin/sshd",
        "-D",
        "-e",
        "-f",
        "/dev/null",
        "-h",
        str(key),
        "-o",
        f"ListenAddress={SSH_HOST.ip}",
        "-o",
        "PidFile=none",
    )


def _wait_listening(ns: str, port: int, proto: str = "tcp", tries: int = 50) -> None:
    flag = "-ltnH" if proto == "tcp" else "-lunH"
    for _ in range(tries):
        out = subprocess.run(
            ["ip", "netns", "exec", ns, "ss", flag], capture_output=True, text=True
        ).stdout
        if f":{port} " in out:
            return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {proto}/{port} in {ns}")


def build() -> Lab:
    """Build the lab from scratch (stale drsn- namespaces of ours are removed first)."""
    delete_namespaces()
    lab = Lab(Path(tempfile.mkdtemp(prefix="drsn-nmap-")))
    try:
        _run("ip", "netns", "add", BRIDGE_NS)
        _ns(BRIDGE_NS, "link", "add", "br0", "type", "bridge")
        _ns(BRIDGE_NS, "link", "set", "br0", "up")
        for index, host in enumerate(HOSTS):
            _wire(host, index)
        resolv = Path(f"/etc/netns/{SCAN_NS}")
        resolv.mkdir(parents=True, exist_ok=True)
        (resolv / "resolv.conf").write_text(f"nameserver {GATEWAY.ip}\n")
        _start_dnsmasq(lab)
        www = lab.workdir / "www"
        www.mkdir()
        (www / "index.html").write_text("drscout lab\n")
        lab.spawn(
            GATEWAY.ns,
            "python3",
            "-m",
            "http.server",
            "80",
            "--bind",
            GATEWAY.ip,
            "--directory",
            str(www),
        )
        _start_sshd(lab)
        _wait_listening(GATEWAY.ns, 53)
        _wait_listening(GATEWAY.ns, 80)
        _wait_listening(SSH_HOST.ns, 22)
    except BaseException:
        lab.teardown()
        raise
    return lab
