"""A small SSH lab: real OpenSSH servers in network namespaces this module creates.

Each host is a namespace ``drsh-<key>`` (outside the office lab's ``drs-*`` sweep),
cabled to the root namespace by a veth pair on its own /30 of 10.213.0.0/16, so every
packet the tests send goes to an address inside a namespace built here.  Its sshd runs
under ``unshare --uts --mount`` (see :mod:`.launch`) with its own host key, host name,
users and systemd/cron files, started and stopped by PID.

Host ``files1`` has a REAL restic job: the fixture runs ``restic init`` and one
``restic backup`` of a data folder, with a systemd timer + service unit naming that
exact command.  No systemd runs in this machine's container, so the fixture does what
systemd does when a persistent timer fires: it touches
/var/lib/systemd/timers/stamp-restic-backup.timer at the moment the backup starts.
Host ``app2`` runs dnsmasq (DNS on 53) and has a cron.d entry dumping a database.
Host ``hostile`` has a host name, a timer and an os-release written to break reports.
Host ``stuck`` has a FIFO in /etc/cron.d: reading the cron tables hangs mid-command.
Host ``mute`` accepts logins but no session (``MaxSessions 0``): no command can run.
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
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from scanner.collectors.ssh import client
from scanner.errors import CollectorError
from tests.lab.netns import LabError, sh

PREFIX = "drsh-"
REPO = Path(__file__).resolve().parents[3]
#: lab-only credentials (valid nowhere else)
PASSWORD = "drsh-lab-pw-7Qx9"
RESTIC_PASSWORD = "drsh-restic-pw-41k"
LOGIN_USER = "root"
READONLY_USER = "scout"
HOSTILE_NAME = "=HYPERLINK(\"x\")<b>\x1b[31m"
HOSTILE_TIMER = "<b onmouseover=alert(1)>=HYPERLINK(\"x\")\x1b[31mbackup.timer"
HOSTILE_PRETTY = "<img src=x onerror=alert(1)>\x07=2+5"


@dataclass
class Host:
    key: str
    hostname: str
    index: int
    dir: Path = Path()
    pid: int | None = None
    proc: subprocess.Popen[bytes] | None = None
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def ns(self) -> str:
        return f"{PREFIX}{self.key}"

    @property
    def ip(self) -> str:
        return f"10.213.{self.index}.2"

    @property
    def root_ip(self) -> str:
        return f"10.213.{self.index}.1"


@dataclass
class SshLab:
    root: Path
    hosts: dict[str, Host]
    client_key: Path
    wrong_key: Path
    #: when the fixture's restic backup started, and restic's own snapshot time
    backup_started: datetime | None = None
    snapshot_time: datetime | None = None

    @property
    def scanned(self) -> list[Host]:
        """The hosts a whole-lab scan reads (``stuck`` and ``mute`` serve their own tests)."""
        return [h for k, h in self.hosts.items() if k not in ("stuck", "mute")]

    def stop(self, key: str) -> None:
        _stop(self.hosts[key])

    def start(self, key: str) -> None:
        _start(self.hosts[key])

    def rekey(self, key: str) -> None:
        """Give ``key`` a new host key (a reinstalled server): restart its sshd with it."""
        host = self.hosts[key]
        _stop(host)
        (host.dir / "ssh_host_ed25519_key").unlink()
        (host.dir / "ssh_host_ed25519_key.pub").unlink()
        _keygen(host.dir / "ssh_host_ed25519_key")
        _start(host)


def missing() -> str | None:
    """Why this lab cannot run here, or None."""
    if os.geteuid() != 0:
        return "the SSH lab needs root (network namespaces, bind mounts)"
    for tool in ("ip", "unshare", "ssh-keygen", "openssl", "restic", "dnsmasq"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (scripts/install)"
    if not Path("/usr/sbin/sshd").exists():
        return "openssh-server is not installed (scripts/install)"
    try:
        client.asyncssh()
    except CollectorError:
        return "asyncssh is not installed: pip install drscout[ssh]"
    return None


def _keygen(path: Path, kind: str = "ed25519") -> None:
    sh(["ssh-keygen", "-q", "-t", kind, "-N", "", "-C", "drsh-lab", "-f", str(path)])


def _users(root: Path) -> list[list[str]]:
    """passwd/shadow/group copies with the lab users; bind-mounted over the real ones."""
    pw_hash = sh(["openssl", "passwd", "-6", PASSWORD]).stdout.strip()
    home = root / "home-scout"
    home.mkdir(exist_ok=True)
    files = {"passwd": Path("/etc/passwd").read_text(), "group": Path("/etc/group").read_text(),
             "shadow": Path("/etc/shadow").read_text()}
    files["passwd"] += f"{READONLY_USER}:x:4242:4242:drscout lab:{home}:/bin/sh\n"
    files["group"] += f"{READONLY_USER}:x:4242:\n"
    shadow = [f"root:{pw_hash}:20000:0:99999:7:::" if line.startswith("root:") else line
              for line in files["shadow"].splitlines()]
    files["shadow"] = "\n".join(shadow) + f"\n{READONLY_USER}:{pw_hash}:20000:0:99999:7:::\n"
    binds = []
    for name, content in files.items():
        path = root / f"etc-{name}"
        path.write_text(content)
        path.chmod(0o640 if name == "shadow" else 0o644)
        binds.append([str(path), f"/etc/{name}"])
    return binds


def _restic(root: Path, host: Host, lab: SshLab) -> None:
    """A real repository and one real backup run, scheduled by a timer unit naming it."""
    data, repo, pwfile = root / "data", root / "restic-repo", root / "restic-password"
    data.mkdir()
    (data / "ledger.csv").write_text("invoice,amount\n1,100\n")
    pwfile.write_text(RESTIC_PASSWORD + "\n")
    pwfile.chmod(0o600)
    env = {**os.environ, "RESTIC_PASSWORD_FILE": str(pwfile), "RESTIC_CACHE_DIR": str(root)}
    subprocess.run(["restic", "init", "-q", "-r", str(repo)], env=env, check=True,
                   capture_output=True, timeout=120)
    units = host.dir / "systemd-system"
    exec_start = f"/usr/bin/restic -r {repo} --password-file {pwfile} backup {data}"
    (units / "restic-backup.service").write_text(
        f"[Unit]\nDescription=restic backup of {data}\n\n[Service]\nType=oneshot\n"
        f"ExecStart={exec_start}\n")
    (units / "restic-backup.timer").write_text(
        "[Unit]\nDescription=Nightly restic backup\n\n[Timer]\nOnCalendar=*-*-* 02:30:00\n"
        "Persistent=true\n\n[Install]\nWantedBy=timers.target\n")
    wants = units / "timers.target.wants"
    wants.mkdir()
    (wants / "restic-backup.timer").symlink_to("../restic-backup.timer")  # systemctl enable
    started = time.time()
    stamp = host.dir / "var-lib-systemd" / "timers" / "stamp-restic-backup.timer"
    stamp.touch()
    os.utime(stamp, (started, started))  # what systemd does when the timer fires
    subprocess.run(exec_start.split(), env=env, check=True, capture_output=True, timeout=300)
    snaps = json.loads(subprocess.run(["restic", "-r", str(repo), "snapshots", "--json"],
                                      env=env, check=True, capture_output=True, timeout=120
                                      ).stdout)
    lab.backup_started = datetime.fromtimestamp(int(started), UTC)
    lab.snapshot_time = datetime.fromisoformat(snaps[0]["time"].replace("Z", "+00:00"))


def _prepare(root: Path, host: Host, user_binds: list[list[str]]) -> None:
    host.dir = root / host.key
    for sub in ("systemd-system", "var-lib-systemd/timers", "cron.d", "authorized_keys"):
        (host.dir / sub).mkdir(parents=True)
    _keygen(host.dir / "ssh_host_ed25519_key")
    keys = (root / "client_ed25519.pub").read_text()
    for user in (LOGIN_USER, READONLY_USER):
        (host.dir / "authorized_keys" / user).write_text(keys)
    (host.dir / "sshd_config").write_text(
        f"ListenAddress {host.ip}\nPort 22\nHostKey {host.dir}/ssh_host_ed25519_key\n"
        f"PidFile none\nAuthorizedKeysFile {host.dir}/authorized_keys/%u\n"
        "PermitRootLogin yes\nPasswordAuthentication yes\nKbdInteractiveAuthentication no\n"
        "PubkeyAuthentication yes\nUsePAM no\nStrictModes no\nLogLevel VERBOSE\n"
        "MaxStartups 100\n" + str(host.extra.get("sshd", "MaxSessions 20\n")))
    binds = [*user_binds,
             [str(host.dir / "systemd-system"), "/etc/systemd/system"],
             [str(host.dir / "var-lib-systemd"), "/var/lib/systemd"],
             [str(host.dir / "cron.d"), "/etc/cron.d"]]
    if "os_release" in host.extra:
        release = host.dir / "os-release"
        release.write_text(str(host.extra["os_release"]))
        binds.append([str(release), "/etc/os-release"])
    daemons = list(host.extra.get("daemons", []))  # type: ignore[call-overload]
    plan = {"hostname": host.hostname, "binds": binds, "daemons": daemons,
            "sshd": ["/usr/sbin/sshd", "-D", "-e", "-f", str(host.dir / "sshd_config")]}
    (host.dir / "plan.json").write_text(json.dumps(plan))


def _network(host: Host) -> None:
    sh(["ip", "netns", "add", host.ns])
    sh(["ip", "-n", host.ns, "link", "set", "lo", "up"])
    sh(["ip", "link", "add", host.ns, "type", "veth", "peer", "name", "eth0",
        "netns", host.ns])
    sh(["ip", "addr", "add", f"{host.root_ip}/30", "dev", host.ns])
    sh(["ip", "link", "set", host.ns, "up"])
    sh(["ip", "-n", host.ns, "addr", "add", f"{host.ip}/30", "dev", "eth0"])
    sh(["ip", "-n", host.ns, "link", "set", "eth0", "up"])


def _start(host: Host) -> None:
    log = (host.dir / "sshd.log").open("ab")
    host.proc = subprocess.Popen(
        ["ip", "netns", "exec", host.ns, "unshare", "--uts", "--mount",
         "--propagation", "private", sys.executable, "-m", "tests.collectors.ssh.launch",
         str(host.dir / "plan.json")],
        cwd=REPO, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True)
    host.pid = host.proc.pid
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if host.proc.poll() is not None:
            raise LabError(f"sshd of {host.key} exited: {(host.dir / 'sshd.log').read_text()}")
        probe = subprocess.run(["ip", "netns", "exec", host.ns, "ss", "-ltnH",
                                "sport = :22"], capture_output=True, text=True, check=False)
        if probe.stdout.strip():
            return
        time.sleep(0.1)
    raise LabError(f"sshd of {host.key} did not listen within 20 s")


def _stop(host: Host) -> None:
    """SIGCONT (it may be stopped by a test) then SIGTERM to the group led by our PID."""
    if host.proc is None or host.proc.poll() is not None:
        return
    for sig in (signal.SIGCONT, signal.SIGTERM):
        try:
            os.killpg(host.proc.pid, sig)
        except ProcessLookupError:
            return
    try:
        host.proc.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(host.proc.pid, signal.SIGKILL)
        host.proc.wait(10)


def _teardown(hosts: dict[str, Host]) -> None:
    """Stop each sshd, then every process still inside the host's namespace (a session
    blocked on the stuck host's FIFO outlives the connection), then the namespace."""
    for host in hosts.values():
        _stop(host)
        pids = sh(["ip", "netns", "pids", host.ns], check=False).stdout.split()
        for pid in (int(p) for p in pids if p.isdigit()):
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        sh(["ip", "netns", "del", host.ns], check=False)


def default_hosts() -> dict[str, Host]:
    dns = ["/usr/sbin/dnsmasq", "-k", "--conf-file=/dev/null", "--no-resolv", "--no-hosts",
           "--bind-interfaces", "--listen-address=10.213.2.2", "--port=53",
           "--address=/app2.lab/10.213.2.2", "--pid-file=", "--user=root"]
    return {
        "files1": Host("files1", "files1", 1),
        "app2": Host("app2", "app2", 2, extra={"daemons": [dns]}),
        "hostile": Host("hostile", HOSTILE_NAME, 3, extra={"os_release": (
            f'NAME="Debian GNU/Linux"\nVERSION_ID="12"\nPRETTY_NAME="{HOSTILE_PRETTY}"\n'
            "ID=debian\n")}),
        "stuck": Host("stuck", "stuck4", 4),
        "mute": Host("mute", "mute5", 5, extra={"sshd": "MaxSessions 0\n"}),
    }


@contextmanager
def running(root: Path) -> Iterator[SshLab]:
    """Build the hosts, start their sshd, yield, and tear everything down by PID."""
    hosts = default_hosts()
    for host in hosts.values():
        sh(["ip", "netns", "del", host.ns], check=False)  # a crashed earlier run
        sh(["ip", "link", "del", host.ns], check=False)  # its veth, if a process kept it
    _keygen(root / "client_ed25519")
    _keygen(root / "wrong_ed25519")
    lab = SshLab(root, hosts, root / "client_ed25519", root / "wrong_ed25519")
    try:
        user_binds = _users(root)
        for host in hosts.values():
            _prepare(root, host, user_binds)
        _restic(root, hosts["files1"], lab)
        (hosts["app2"].dir / "cron.d" / "db-dump").write_text(
            "# nightly dump of the accounting database\nSHELL=/bin/sh\n"
            "15 1 * * * postgres pg_dump accounting > /var/backups/accounting.sql\n")
        os.mkfifo(hosts["stuck"].dir / "cron.d" / "pending")  # reading it never ends
        (hosts["hostile"].dir / "systemd-system" / HOSTILE_TIMER).write_text(
            "[Timer]\nOnCalendar=daily\n")
        for host in hosts.values():
            _network(host)
            _start(host)
        yield lab
    finally:
        _teardown(hosts)
