"""Application servers of the office: Samba file server, nginx intranet, PostgreSQL.

Each function writes a minimal config under the lab state directory and returns
a :class:`Daemon` spec.  All paths (locks, pids, logs, data) point inside the
state directory so the machine's own installs of these servers stay untouched.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import subprocess
from pathlib import Path

from tests.lab import expected as E
from tests.lab.daemons import Daemon
from tests.lab.netns import LabError
from tests.lab.services_net import tcp_probe


def smbd(state: Path, key: str = "files") -> Daemon:
    """A standalone Samba server with one guest share, SMB on 445 and 139."""
    host = E.BY_KEY[key]
    d = state / key / "samba"
    dirs = {k: d / k for k in ("lock", "state", "cache", "run", "private", "ncalrpc", "binddns")}
    for p in (*dirs.values(), d / "share"):
        p.mkdir(parents=True, exist_ok=True)
    (d / "share" / "README.txt").write_text("Office shared documents\n")
    conf = d / "smb.conf"
    conf.write_text(f"""[global]
   server role = standalone server
   workgroup = OFFICE
   netbios name = {key.upper()}
   server string = Office file server
   interfaces = {host.ip}/{E.LAN_PREFIX}
   bind interfaces only = yes
   smb ports = 445 139
   disable netbios = yes
   map to guest = Bad User
   load printers = no
   printing = bsd
   printcap name = /dev/null
   disable spoolss = yes
   usershare path =
   lock directory = {dirs['lock']}
   state directory = {dirs['state']}
   cache directory = {dirs['cache']}
   pid directory = {dirs['run']}
   private dir = {dirs['private']}
   ncalrpc dir = {dirs['ncalrpc']}
   binddns dir = {dirs['binddns']}
   passdb backend = tdbsam:{dirs['private'] / 'passdb.tdb'}
   log file = {d / 'log.%m'}
   log level = 1

[shared]
   path = {d / 'share'}
   read only = no
   guest ok = yes
""")
    argv = ["smbd", "--foreground", "--no-process-group", "--debug-stdout", "-s", str(conf)]
    return Daemon(f"smbd-{key}", host.ns, argv, d / "smbd.log", tcp_probe(str(host.ip), 445))


def nginx(state: Path) -> Daemon:
    """nginx serving the intranet page (with a title the tests look for) on port 80."""
    host = E.BY_KEY["web"]
    d = state / "web" / "nginx"
    (d / "html").mkdir(parents=True, exist_ok=True)
    (d / "tmp").mkdir(exist_ok=True)
    (d / "html" / "index.html").write_text(
        f"<!doctype html><html><head><title>{E.WEB_TITLE}</title></head>"
        "<body><h1>Welcome to the office intranet</h1></body></html>\n")
    temps = "\n".join(f"  {k}_temp_path {d / 'tmp' / k};"
                      for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    conf = d / "nginx.conf"
    conf.write_text(f"""user www-data;
worker_processes 1;
pid {d / 'nginx.pid'};
error_log {d / 'error.log'};
events {{ worker_connections 64; }}
http {{
  default_type text/html;
  access_log {d / 'access.log'};
{temps}
  server {{
    listen {host.ip}:80;
    server_name {host.fqdn};
    root {d / 'html'};
    index index.html;
  }}
}}
""")
    argv = ["nginx", "-c", str(conf), "-p", str(d), "-e", str(d / "error.log"),
            "-g", "daemon off;"]
    return Daemon("nginx", host.ns, argv, d / "nginx.log", tcp_probe(str(host.ip), 80),
                  stop_signal=signal.SIGQUIT)


def _pg_bindir() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"),
                   key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    if not found:
        raise LabError("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin")
    return found[-1].parent


def _as_postgres(argv: list[str]) -> list[str]:
    """Run as the postgres system user; setpriv execs, so the PID stays the server's."""
    return ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", *argv]


def postgres(state: Path) -> Daemon:
    """PostgreSQL initialised into the state directory, listening on the db host's address."""
    host = E.BY_KEY["db"]
    bindir = _pg_bindir()
    d = state / "db" / "pg"
    data = d / "data"
    d.mkdir(parents=True, exist_ok=True)
    pw = pwd.getpwnam("postgres")
    os.chown(d, pw.pw_uid, pw.pw_gid)
    d.chmod(0o700)
    if not (data / "PG_VERSION").exists():
        shutil.rmtree(data, ignore_errors=True)
        pwfile = d / "pwfile"
        pwfile.write_text("drs-lab-db-pw\n")
        os.chown(pwfile, pw.pw_uid, pw.pw_gid)
        init = _as_postgres([str(bindir / "initdb"), "-D", str(data), "-U", "postgres",
                             "--auth=scram-sha-256", f"--pwfile={pwfile}", "-E", "UTF8",
                             "--locale=C", "--no-instructions"])
        res = subprocess.run(init, capture_output=True, text=True, timeout=120, check=False)
        if res.returncode != 0:
            raise LabError(f"initdb failed: {res.stderr.strip()[-800:]}")
        with (data / "pg_hba.conf").open("a") as hba:
            hba.write(f"host all all {E.LAN} scram-sha-256\n")
    argv = _as_postgres([str(bindir / "postgres"), "-D", str(data),
                         "-c", f"listen_addresses={host.ip}", "-c", "port=5432",
                         "-c", f"unix_socket_directories={d}"])
    return Daemon("postgres", host.ns, argv, state / "db" / "postgres.log",
                  tcp_probe(str(host.ip), 5432), stop_signal=signal.SIGINT)
