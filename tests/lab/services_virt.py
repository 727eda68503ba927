"""The office's hypervisor host: libvirtd with the test driver, on hv's LAN address.

The daemon loads no real driver (``LIBVIRT_DRIVER_DIR`` is an empty directory:
no QEMU, no virtual networks, nothing touches the machine), listens on
10.77.0.50:16509 without authentication, and serves the node file the lab
writes here (one KVM host with the guests of ``E.HV_VMS`` on a local pool).
Everything it writes (sockets, pid, log) stays in the lab state directory.
"""

from __future__ import annotations

import signal
from pathlib import Path
from xml.sax.saxutils import escape

from tests.lab import expected as E
from tests.lab.daemons import Daemon

_POOL = """<pool type='dir'><name>default</name><capacity>214748364800</capacity>
<allocation>0</allocation><available>214748364800</available><source/>
<target><path>/var/lib/libvirt/images</path></target></pool>"""
_CPU = ("<cpu><nodes>1</nodes><sockets>1</sockets><cores>8</cores><threads>1</threads>"
        "<active>8</active><mhz>2400</mhz><model>x86_64</model></cpu>")


def _domain(name: str, mac: str, vcpus: int, mib: int, state: int) -> str:
    disk = f"/var/lib/libvirt/images/{name}.qcow2"
    return f"""<domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
<name>{escape(name)}</name><memory unit='MiB'>{mib}</memory><vcpu>{vcpus}</vcpu>
<test:runstate>{state}</test:runstate><os><type arch='x86_64'>hvm</type></os><devices>
<disk type='file' device='disk'><source file='{disk}'/><target dev='vda' bus='virtio'/></disk>
<interface type='user'><mac address='{mac}'/></interface></devices></domain>"""


def node_file(state: Path) -> Path:
    """Where the hv host's node XML lives; named after the host (see expected.py)."""
    return state / "hv" / "libvirt" / "hv.xml"


def write_node(state: Path) -> Path:
    domains = "".join(_domain(n, *spec) for n, spec in E.HV_VMS.items())
    path = node_file(state)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<node>{_CPU}<memory>{32 * 1024 * 1024}</memory>{domains}{_POOL}</node>")
    return path


def libvirtd(state: Path) -> Daemon:
    """libvirtd serving the test driver on hv's address; ready once the node answers."""
    host = E.BY_KEY["hv"]
    d = state / "hv" / "libvirt"
    run, drivers = d / "run", d / "no-drivers"
    for p in (run, drivers):
        p.mkdir(parents=True, exist_ok=True)
    node = write_node(state)
    conf = d / "libvirtd.conf"
    conf.write_text(f'listen_tls = 0\nlisten_tcp = 1\ntcp_port = "{E.HV_LIBVIRT_PORT}"\n'
                    f'listen_addr = "{host.ip}"\nauth_tcp = "none"\n'
                    f'unix_sock_dir = "{run}"\nlog_outputs = "3:file:{d / "libvirtd.log"}"\n')
    uri = E.hv_libvirt_uri(str(node))
    return Daemon("libvirtd-hv", host.ns,
                  ["libvirtd", "--listen", "-f", str(conf), "-p", str(d / "libvirtd.pid")],
                  d / "stdout.log", ["virsh", "-c", uri, "list", "--all", "--name"],
                  env={"LIBVIRT_DRIVER_DIR": str(drivers), "HOME": str(d)},
                  stop_signal=signal.SIGTERM)
