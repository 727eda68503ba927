"""The simulated office LAN as a context manager: ``with Office() as office: ...``.

``up()`` wires the namespaces (:mod:`tests.lab.topology`), starts every daemon
and waits until each one answers; ``down()`` stops exactly the recorded PIDs,
sweeps any process still inside a ``drs-*`` namespace (a crashed earlier run)
and deletes the namespaces and their /etc/netns directories.  The PIDs live in
a state file so ``python -m tests.lab down`` works from another process.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from types import TracebackType
from typing import Any, ClassVar

from tests.lab import expected as E
from tests.lab import services_app as app
from tests.lab import services_net as net
from tests.lab import services_virt as virt
from tests.lab import topology
from tests.lab.daemons import Daemon, kill_pids, start, stop_all, wait_ready
from tests.lab.netns import NETNS_ETC, LabError, del_ns, list_lab_namespaces, ns_argv, ns_pids

DEFAULT_STATE = Path(os.environ.get("DRS_LAB_STATE", "/run/drs-lab"))
#: One office at a time on a machine: two test sessions would tear down each other's lab.
LOCK_FILE = Path("/run/drs-lab.lock")
REQUIRED_BINARIES = ("ip", "iptables", "sysctl", "setpriv", "snmpd", "snmpget", "snmpwalk",
                     "lldpd", "lldpcli", "dnsmasq", "smbd", "nginx", "dhclient", "nmap",
                     "libvirtd", "virsh")


def missing_binaries() -> list[str]:
    """Daemons and tools the lab needs that are not installed."""
    missing = [b for b in REQUIRED_BINARIES if shutil.which(b, path=_SBIN_PATH) is None]
    if not list(Path("/usr/lib/postgresql").glob("*/bin/postgres")):
        missing.append("postgres (/usr/lib/postgresql/*/bin/postgres)")
    return missing


_SBIN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


class Office:
    """The lab office: build it with :meth:`up`, tear it down with :meth:`down`."""

    expected: ClassVar = E

    def __init__(self, state_dir: Path = DEFAULT_STATE, timeout: float = 30.0) -> None:
        self.state_dir = state_dir
        self.timeout = timeout
        self.daemons: list[Daemon] = []
        self._lock_fd: int | None = None

    def _acquire(self, wait: float = 600.0) -> None:
        """Take the machine-wide lab lock, waiting while another session uses the lab."""
        if self._lock_fd is not None:
            return
        fd = os.open(LOCK_FILE, os.O_CREAT | os.O_RDWR, 0o644)
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() > deadline:
                    os.close(fd)
                    raise LabError(f"another process holds {LOCK_FILE} (a lab is in use)") from None
                time.sleep(1.0)
                continue
            self._lock_fd = fd
            return

    def _release(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def __enter__(self) -> Office:
        return self.up()

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.down()

    @property
    def state_file(self) -> Path:
        return self.state_dir / "state.json"

    def up(self) -> Office:
        """Build the office afresh (cleaning any leftover lab first); return once all serve."""
        self._acquire()
        self._teardown()
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self.state_dir.chmod(0o755)
        try:
            topology.build()
            self._launch(self._servers())
            # lldpd connects to AgentX only after snmpd made the socket (else it retries in 15s);
            # dhclient needs dnsmasq: both wait for the first wave.
            self._launch([*(self._lldp_switch(k) for k in E.SWITCHES),
                          *(net.dhclient(self.state_dir, k) for k in ("ws1", "ws2"))])
            self._wait_lldp_neighbours()
        except BaseException:
            self.down()
            raise
        return self

    def _agentx(self, key: str) -> Path:
        return self.state_dir / key / "agentx.sock"

    def _servers(self) -> list[Daemon]:
        s = self.state_dir
        return [
            net.internet_http(s), net.dnsmasq(s), net.dnsmasq_secondary(s),
            net.snmpd(s, "gw", 76, None),
            *(net.snmpd(s, k, 2, self._agentx(k)) for k in E.SWITCHES),
            *(net.lldpd(s, k, "lan0" if k == "gw" else "eth0", None) for k in E.LLDP_HOSTS),
            app.smbd(s, "files"), app.smbd(s, "files2"), app.nginx(s), app.postgres(s),
            virt.libvirtd(s),
        ]

    def _lldp_switch(self, key: str) -> Daemon:
        """A switch's lldpd, ready only once its LLDP-MIB answers through snmpd's AgentX."""
        d = net.lldpd(self.state_dir, key, "p-*,up*", self._agentx(key))
        get = " ".join(net.snmp_probe(str(E.BY_KEY[key].ip), f"{E.LLDP_MIB}.1.3.2.0"))
        d.ready = ["sh", "-c", f'out=$({get} -Oqv) && case "$out" in *"No Such"*|"") '
                   'exit 1;; esac']
        return d

    def _launch(self, daemons: list[Daemon]) -> None:
        """Start all of ``daemons`` at once, then wait for each (so waits overlap)."""
        for d in daemons:
            start(d)
            self.daemons.append(d)
            self._save()
        for d in daemons:
            wait_ready(d, self.timeout)

    def _wait_lldp_neighbours(self) -> None:
        for key in E.SWITCHES:
            sw = E.BY_KEY[key]
            lldp = self.state_dir / key / "lldpd"
            count = E.lldp_neighbour_count(key)
            probe = Daemon(f"lldp-neighbours-{key}", sw.ns, [], lldp / "lldpd.log",
                           ["sh", "-c", f"lldpcli -u {lldp / 'lldpd.socket'} -f keyvalue show "
                            f"neighbors | grep -c '\\.chassis\\.name=' | grep -qx {count}"])
            wait_ready(probe, self.timeout)

    def _save(self) -> None:
        state = {"daemons": [d.record() for d in self.daemons]}
        self.state_file.write_text(json.dumps(state, indent=1))

    def _load(self) -> list[dict[str, Any]]:
        try:
            return list(json.loads(self.state_file.read_text())["daemons"])
        except (OSError, ValueError, KeyError):
            return []

    def down(self) -> None:
        """Stop recorded daemons, sweep stray lab processes, delete namespaces and netns dirs."""
        self._acquire()
        try:
            self._teardown()
        finally:
            self._release()

    def _teardown(self) -> None:
        stop_all(self._load())
        self.daemons = []
        for ns in list_lab_namespaces():
            kill_pids(ns_pids(ns))
            del_ns(ns)
        if NETNS_ETC.is_dir():
            for leftover in NETNS_ETC.glob("drs-*"):
                shutil.rmtree(leftover, ignore_errors=True)
        if list_lab_namespaces():
            raise LabError(f"lab namespaces survived teardown: {list_lab_namespaces()}")
        shutil.rmtree(self.state_dir, ignore_errors=True)

    def run_in(self, ns: str, argv: list[str], **kw: Any) -> subprocess.CompletedProcess[Any]:
        """Run ``argv`` inside lab namespace ``ns``; output is captured as text unless told."""
        if not any(k in kw for k in ("stdout", "stderr", "capture_output")):
            kw["capture_output"] = True
        kw.setdefault("text", True)
        kw.setdefault("check", False)
        kw.setdefault("timeout", 120)
        return subprocess.run(ns_argv(ns, argv), **kw)

    def leases(self) -> dict[str, tuple[str, str]]:
        """DHCP leases handed out by dnsmasq: hostname -> (mac, ip)."""
        path = self.state_dir / "dns" / "leases"
        out: dict[str, tuple[str, str]] = {}
        for line in path.read_text().splitlines() if path.exists() else []:
            parts = line.split()
            if len(parts) >= 4:
                out[parts[3]] = (parts[1], parts[2])
        return out

    def status(self) -> dict[str, Any]:
        """Which lab namespaces exist and which recorded daemons are still alive."""
        from tests.lab.daemons import is_alive

        daemons = {r["name"]: {"ns": r["ns"], "pid": r["pid"],
                               "alive": bool(r.get("pid")) and is_alive(int(r["pid"]),
                                                                     r.get("start_time"))}
                   for r in self._load()}
        return {"namespaces": list_lab_namespaces(), "daemons": daemons, "leases": self.leases()}
