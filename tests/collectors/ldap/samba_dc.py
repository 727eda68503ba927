"""A real Samba AD domain controller in its own network namespace, for the LDAP tests.

Topology (every address lives in namespaces made here; nothing touches the root
namespace's network)::

    drsl-dc  dc1   10.77.0.10  samba (AD DC, internal DNS)  -+
    drsl-ws  ws01  10.77.0.21  a live domain workstation    -+- br0 in drsl-cl
    drsl-cl        10.77.0.2   where drscout runs (resolver: the DC, search ad.drscout.test)

The domain is provisioned with ``samba-tool domain provision`` into a private tree
(smb.conf, private/, state/, cache/ under one directory).  Provisioning takes ~10 s,
so the freshly provisioned tree is cached under ``~/.cache/drscout/samba-ad-<key>`` (a hash
of the Samba version, the password and the DC's address)
and copied for each session (only smb.conf names its own directory; it is rewritten).
Computer objects, DNS records, a site and a subnet are added once samba runs:

* ``WS01`` (Windows 10 Pro) with A/PTR records for 10.77.0.21, where a host answers;
* ``LAPTOP07`` (Windows 11 Pro): enabled, no live host anywhere;
* ``OLD-PC`` (Windows 7 Professional): disabled, no live host;
* ``FS01`` (Windows Server 2019 Standard): no live host;
* site ``Branch`` and subnet ``10.77.0.0/24`` of ``Default-First-Site-Name``.

Teardown stops only the samba it started (by PID; samba ends its children), then
whatever still runs inside the namespaces it made, and deletes them.  The names and
addresses are fixed, so one lab runs per machine at a time: a second pytest session
waits on a file lock instead of tearing the first one's namespaces down.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.lab.star import Member, build_star

REALM = "AD.DRSCOUT.TEST"
DOMAIN = "ad.drscout.test"
NETBIOS = "DRSCOUT"
#: the Administrator password: tests search every output for it
PASSWORD = "Drs-Lab-Adm1n-Secret-7q!"
DC_IP, WS_IP, CLIENT_IP = "10.77.0.10", "10.77.0.21", "10.77.0.2"
NS_DC, NS_WS, NS_CLIENT = "drsl-dc", "drsl-ws", "drsl-cl"
NAMESPACES = (NS_DC, NS_WS, NS_CLIENT)
BASE_DN = "DC=ad,DC=drscout,DC=test"
#: name -> (operatingSystem, operatingSystemVersion, disabled)
COMPUTERS = {
    "WS01": ("Windows 10 Pro", "10.0 (19045)", False),
    "LAPTOP07": ("Windows 11 Pro", "10.0 (22631)", False),
    "OLD-PC": ("Windows 7 Professional", "6.1 (7601)", True),
    "FS01": ("Windows Server 2019 Standard", "10.0 (17763)", False),
}
LIVE = frozenset({"WS01", "DC1"})
PACKAGES = "samba samba-ad-dc samba-ad-provision samba-dsdb-modules ldb-tools"


def unavailable() -> str | None:
    """Why the Samba lab cannot run here, or None."""
    if os.geteuid() != 0:
        return "the Samba AD lab needs root (network namespaces)"
    for tool in ("samba", "samba-tool", "ldbmodify", "ip"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (scripts/install installs: {PACKAGES})"
    if not Path("/usr/share/samba/setup/ad-schema").is_dir():
        return "samba-ad-provision is not installed (the AD schema files)"
    return None


def sh(*argv: str, check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:6])}... failed ({done.returncode}): "
                           f"{(done.stderr or done.stdout)[-800:]}")
    return done


def in_ns(ns: str, *argv: str, check: bool = True,
          timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return sh("ip", "netns", "exec", ns, *argv, check=check, timeout=timeout)


def samba_version() -> str:
    return sh("samba", "--version").stdout.strip() or "unknown"


@dataclass(frozen=True)
class SambaLab:
    tree: Path
    conf: Path
    pid: int

    @property
    def url(self) -> str:
        return f"ldap://{DC_IP}"

    @property
    def admin(self) -> str:
        return f"Administrator@{DOMAIN}"


def _provision(into: Path) -> None:
    sh("samba-tool", "domain", "provision", "--use-rfc2307", "--server-role=dc",
       "--dns-backend=SAMBA_INTERNAL", f"--realm={REALM}", f"--domain={NETBIOS}",
       f"--adminpass={PASSWORD}", "--host-name=dc1", f"--host-ip={DC_IP}",
       f"--targetdir={into}", "--option=interfaces=lo dc0",
       "--option=bind interfaces only=yes", f"--option=dns forwarder={DC_IP}",
       timeout=300)


def provisioned_tree(work: Path) -> Path:
    """A provisioned domain in ``work/dc``: copied from the cache, provisioned on a miss."""
    key = hashlib.sha256(f"{samba_version()} {PASSWORD} {DC_IP}".encode()).hexdigest()[:12]
    cache = _cache_root() / f"samba-ad-{key}"
    tree = work / "dc"
    if not (cache / "etc" / "smb.conf").is_file():
        fresh = work / "fresh"
        _provision(fresh)
        cache.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=cache.parent, prefix=".staging-"))
        shutil.copytree(fresh, staging / "tree", symlinks=True)
        _rewrite(staging / "tree", str(fresh), "@TREE@")
        with contextlib.suppress(OSError):  # another session cached it first
            (staging / "tree").rename(cache)
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(cache, tree, symlinks=True)
    _rewrite(tree, "@TREE@", str(tree))
    return tree


def _rewrite(tree: Path, old: str, new: str) -> None:
    conf = tree / "etc" / "smb.conf"
    conf.write_text(conf.read_text().replace(old, new))


def _configure(tree: Path) -> Path:
    """Keep every runtime file inside the tree (other labs run smbd on this machine)."""
    conf = tree / "etc" / "smb.conf"
    run = tree / "run"
    run.mkdir(exist_ok=True)
    extra = (f"\tpid directory = {run}\n\tncalrpc dir = {run}/ncalrpc\n"
             f"\twinbindd socket directory = {run}/winbindd\n"
             f"\tntp signd socket directory = {run}/ntp_signd\n"
             f"\tlog file = {tree}/log.%m\n")
    conf.write_text(conf.read_text().replace("[global]\n", "[global]\n" + extra, 1))
    return conf


def _network() -> None:
    build_star(NS_CLIENT, CLIENT_IP, (Member(NS_DC, "dc0", "pdc", DC_IP, "02:77:00:00:00:10"),
                Member(NS_WS, "ws0", "pws", WS_IP, "02:77:00:00:00:21")), DC_IP, DOMAIN)


def _wait_ldap(proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"samba exited ({proc.returncode}): {log.read_text()[-1500:]}")
        answer = in_ns(NS_CLIENT, "bash", "-c", f"exec 3<>/dev/tcp/{DC_IP}/389", check=False,
                       timeout=10)
        dns = in_ns(NS_CLIENT, "bash", "-c", f"exec 3<>/dev/tcp/{DC_IP}/53", check=False,
                    timeout=10)
        if answer.returncode == 0 and dns.returncode == 0:
            return
        time.sleep(0.5)
    raise RuntimeError("samba did not open 389/tcp and 53/tcp within 120 s")


def _populate(conf: Path, tree: Path) -> None:
    creds = f"Administrator%{PASSWORD}"
    ldif = []
    for name, (os_name, os_version, disabled) in COMPUTERS.items():
        in_ns(NS_DC, "samba-tool", "computer", "add", name, "-s", str(conf))
        # samba-tool adds a disabled account (4098) without dNSHostName, as a
        # pre-staged account; a joined machine sets both, and writes its OS
        ldif.append(f"dn: CN={name},CN=Computers,{BASE_DN}\nchangetype: modify\n"
                    f"replace: dNSHostName\ndNSHostName: {name.lower()}.{DOMAIN}\n-\n"
                    f"replace: operatingSystem\noperatingSystem: {os_name}\n-\n"
                    f"replace: operatingSystemVersion\noperatingSystemVersion: {os_version}\n"
                    f"-\nreplace: userAccountControl\n"
                    f"userAccountControl: {4098 if disabled else 4096}\n")
    path = tree / "computers.ldif"
    path.write_text("\n".join(ldif))
    in_ns(NS_DC, "ldbmodify", "-H", str(tree / "private" / "sam.ldb"), str(path))
    dns = ("samba-tool", "dns")
    in_ns(NS_DC, *dns, "add", DC_IP, DOMAIN, "ws01", "A", WS_IP, "-U", creds, "-s", str(conf))
    in_ns(NS_DC, *dns, "zonecreate", DC_IP, "0.77.10.in-addr.arpa", "-U", creds,
          "-s", str(conf))
    for last, host in (("10", "dc1"), ("21", "ws01")):
        in_ns(NS_DC, *dns, "add", DC_IP, "0.77.10.in-addr.arpa", last, "PTR",
              f"{host}.{DOMAIN}", "-U", creds, "-s", str(conf))
    in_ns(NS_DC, "samba-tool", "sites", "create", "Branch", "-s", str(conf))
    in_ns(NS_DC, "samba-tool", "sites", "subnet", "create", "10.77.0.0/24",
          "Default-First-Site-Name", "-s", str(conf))


def _stop(proc: subprocess.Popen[bytes] | None) -> None:
    if proc is not None and proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    for ns in NAMESPACES:  # children samba left behind: they live in our namespaces only
        pids = sh("ip", "netns", "pids", ns, check=False).stdout.split()
        for pid in (int(p) for p in pids if p.isdigit()):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        sh("ip", "netns", "del", ns, check=False)
        shutil.rmtree(Path("/etc/netns") / ns, ignore_errors=True)


def _cache_root() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "drscout"


@contextlib.contextmanager
def _one_lab_at_a_time() -> Iterator[None]:
    """The lab's names and addresses are fixed: a second lab on this machine (another
    pytest session) waits for the first instead of tearing its namespaces down."""
    _cache_root().mkdir(parents=True, exist_ok=True)
    with (_cache_root() / "samba-lab.lock").open("w") as lock:
        deadline = time.monotonic() + 1800
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise RuntimeError("another Samba AD lab has held the lock for 30 min") \
                        from None
                time.sleep(1)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@contextlib.contextmanager
def samba_lab() -> Iterator[SambaLab]:
    """The whole lab for the block; everything it made is removed afterwards."""
    proc: subprocess.Popen[bytes] | None = None
    with _one_lab_at_a_time(), tempfile.TemporaryDirectory(prefix="drsl-samba-") as raw:
        work = Path(raw)
        try:
            tree = provisioned_tree(work)
            conf = _configure(tree)
            _network()
            log = tree / "samba.out"
            with log.open("wb") as out:
                proc = subprocess.Popen(["ip", "netns", "exec", NS_DC, "samba", "-i",
                                         "--no-process-group", "-s", str(conf)],
                                        stdout=out, stderr=subprocess.STDOUT)
            _wait_ldap(proc, log)
            _populate(conf, tree)
            yield SambaLab(tree=tree, conf=conf, pid=proc.pid)
        finally:
            _stop(proc)
