"""A small switched LAN with VMs bridged through a desktop and through an ESXi-like server.

Every name starts with ``drsv-`` (outside the office lab's ``drs-*`` sweep); every
address is in 10.79.0.0/24 inside these namespaces; nothing touches the root
namespace's network::

    drsv-sw    switch  10.79.0.250  Linux bridge br0 + snmpd (BRIDGE-MIB from the live bridge)
      p-scan - drsv-scan  10.79.0.2   where drscout runs
      p-ws   - drsv-ws    10.79.0.21  a desktop (no service) whose own bridge carries
                 drsv-vm  10.79.0.31  a "VirtualBox VM" (MAC 08:00:27:79:00:31, HTTP on 80)
      p-esx  - drsv-esx   10.79.0.40  an ESXi-like server (vmware-auth port 902) carrying
                 drsv-svm 10.79.0.41  a server VM (MAC 00:50:56:79:00:41, HTTP on 80)

A VM's frames leave through its host's cable, so the switch learns the host's MAC and
the VM's on one port, as with a real bridged virtual NIC.  The switch's BRIDGE-MIB is
served by the office lab's own ``tests.lab.bridge_mib`` (pass_persist), so the FDB
drscout reads over SNMP is the kernel's.  Daemons run in the foreground, tracked by PID
(tests.lab.daemons); teardown stops them, sweeps the namespaces and deletes them.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.lab.daemons import Daemon, kill_pids, start, stop_pid, wait_ready
from tests.lab.netns import (
    LabError,
    add_addr,
    add_ns,
    del_ns,
    in_ns,
    ns_pids,
    sh,
    veth,
)

PREFIX = "drsv-"
LAN = "10.79.0.0/24"
COMMUNITY = "public"
SWITCH_IP, SCAN_IP, WS_IP, VM_IP, ESX_IP, SVM_IP = (
    "10.79.0.250", "10.79.0.2", "10.79.0.21", "10.79.0.31", "10.79.0.40", "10.79.0.41")
SWITCH_MAC, SCAN_MAC, WS_MAC, ESX_MAC = (
    "02:79:00:00:00:fa", "02:79:00:00:00:02", "02:79:00:00:00:15", "02:79:00:00:00:28")
VM_MAC, SVM_MAC = "08:00:27:79:00:31", "00:50:56:79:00:41"
NS = {k: PREFIX + k for k in ("sw", "scan", "ws", "vm", "esx", "svm")}
LOCK = Path("/run/drsv-lab.lock")
BRIDGE_MIB = Path(__file__).resolve().parents[2] / "lab" / "bridge_mib.py"


def unavailable() -> str | None:
    if os.environ.get("DRSCOUT_SKIP_LAB") == "1":
        return "DRSCOUT_SKIP_LAB=1"
    if os.geteuid() != 0:
        return "the guest lab needs root (network namespaces)"
    for tool in ("ip", "bridge", "snmpd", "snmpget", "nmap"):
        if shutil.which(tool, path="/usr/sbin:/usr/bin:/sbin:/bin") is None:
            return f"{tool} is not installed (scripts/lab-setup)"
    return None


@dataclass
class GuestLab:
    state: Path
    daemons: list[Daemon]


def _switch() -> None:
    ns = NS["sw"]
    sh(["ip", "-n", ns, "link", "add", "br0", "address", SWITCH_MAC, "type", "bridge",
        "stp_state", "0"])
    sh(["ip", "-n", ns, "link", "set", "br0", "up"])
    add_addr(ns, "br0", f"{SWITCH_IP}/24")


def _cable(host: str, port: str, mac: str, port_mac: str) -> None:
    """The host's eth0 to switch port ``port``."""
    veth(NS[host], "eth0", mac, NS["sw"], port, port_mac)
    sh(["ip", "-n", NS["sw"], "link", "set", port, "master", "br0"])


def _vm_host(host: str, host_mac: str, host_ip: str, vm: str, vm_mac: str, vm_ip: str) -> None:
    """A host whose own bridge joins its cable and its VM's virtual NIC (a bridged adapter)."""
    ns = NS[host]
    sh(["ip", "-n", ns, "link", "add", "br0", "address", host_mac, "type", "bridge",
        "stp_state", "0"])
    sh(["ip", "-n", ns, "link", "set", "eth0", "master", "br0"])
    veth(ns, "vnet0", "02:79:00:00:01:" + vm_mac[-2:], NS[vm], "eth0", vm_mac)
    sh(["ip", "-n", ns, "link", "set", "vnet0", "master", "br0"])
    sh(["ip", "-n", ns, "link", "set", "br0", "up"])
    add_addr(ns, "br0", f"{host_ip}/24")
    add_addr(NS[vm], "eth0", f"{vm_ip}/24")


def _build() -> None:
    for ns in NS.values():
        add_ns(ns, None)
    _switch()
    _cable("scan", "p-scan", SCAN_MAC, "02:79:00:00:02:02")
    # the host's NIC and its bridge share one MAC, as a bridged adapter leaves the NIC's own
    _cable("ws", "p-ws", WS_MAC, "02:79:00:00:02:15")
    _cable("esx", "p-esx", ESX_MAC, "02:79:00:00:02:28")
    add_addr(NS["scan"], "eth0", f"{SCAN_IP}/24")
    _vm_host("ws", WS_MAC, WS_IP, "vm", VM_MAC, VM_IP)
    _vm_host("esx", ESX_MAC, ESX_IP, "svm", SVM_MAC, SVM_IP)


def _snmpd(state: Path) -> Daemon:
    d = state / "snmpd"
    (d / "persist").mkdir(parents=True, exist_ok=True)
    conf = d / "snmpd.conf"
    conf.write_text("\n".join([
        "view labview included .1",
        *(f"view labview excluded .1.3.6.1.2.1.25.{n}" for n in ("2.3", "3.8", 4, 5, 6)),
        "view labview excluded .1.3.6.1.4.1.2021.13.15",
        f"rocommunity {COMMUNITY} {LAN} -V labview",
        "sysname sw.guests.test", "syslocation desk row", "sysservices 2",
        f"pass_persist .1.3.6.1.2.1.17 {sys.executable} {BRIDGE_MIB} br0", ""]))
    conf.chmod(0o600)
    argv = ["snmpd", "-f", "-Lo", "-C", "-c", str(conf), "-p", str(d / "snmpd.pid"), "-I",
            "-smux", f"udp:{SWITCH_IP}:161"]
    ready = ["snmpget", "-v2c", "-c", COMMUNITY, "-t", "1", "-r", "0", "-On", SWITCH_IP,
             "1.3.6.1.2.1.17.1.1.0"]
    return Daemon("snmpd-sw", NS["sw"], argv, d / "snmpd.log", ready,
                  {"SNMP_PERSISTENT_DIR": str(d / "persist"), "MIBS": ""})


def _http(state: Path, key: str, ip: str, port: int, page: str) -> Daemon:
    www = state / key
    www.mkdir(parents=True, exist_ok=True)
    (www / "index.html").write_text(f"<html><title>{page}</title><body>{page}</body></html>\n")
    code = f"import socket; socket.create_connection(({ip!r}, {port}), 1).close()"
    return Daemon(f"http-{key}", NS[key], [sys.executable, "-m", "http.server", str(port),
                                           "--bind", ip, "--directory", str(www)],
                  www / "http.log", [sys.executable, "-c", code])


def _learn() -> None:
    """Every host speaks once, so the switch has learned each MAC on its port."""
    for key in ("scan", "ws", "vm", "esx", "svm"):
        in_ns(NS[key], ["ping", "-c", "1", "-W", "2", SWITCH_IP], check=False)


def _teardown(daemons: list[Daemon]) -> None:
    for d in reversed(daemons):
        if d.pid:
            stop_pid(d.pid, d.start_time, int(d.stop_signal))
    for ns in NS.values():
        with contextlib.suppress(LabError):
            kill_pids(ns_pids(ns))
        del_ns(ns)


@contextlib.contextmanager
def running(state: Path) -> Iterator[GuestLab]:
    """The lab, up; torn down on exit even when a step failed."""
    LOCK.parent.mkdir(parents=True, exist_ok=True)
    with LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        daemons: list[Daemon] = []
        _teardown([])  # a crashed earlier run
        try:
            _build()
            daemons += [_snmpd(state), _http(state, "vm", VM_IP, 80, "ERP (desktop VM)"),
                        _http(state, "svm", SVM_IP, 80, "app (server VM)"),
                        _http(state, "esx", ESX_IP, 902, "vmware-authd stand-in")]
            for d in daemons:
                start(d)
            for d in daemons:
                wait_ready(d, 20.0)
            _learn()
            yield GuestLab(state, daemons)
        finally:
            _teardown(daemons)
