"""The SSH collector against real OpenSSH servers (see :mod:`.sshlab`): OS, disks and
services from two hosts, a real restic job on a timer found with its schedule and last
run, and every failure a gap of the right kind: a wrong key or password (auth), a
changed host key (refused, auth), a stopped sshd and a listener that never speaks
(timeout).  No secret appears in any error."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from scanner.collectors.ssh import SshCredential, SshOptions, collect
from scanner.errors import CollectorError
from scanner.inventory.sighting import CollectorResult
from tests.collectors.ssh import sshlab

pytestmark = pytest.mark.lab


def options(lab: sshlab.SshLab, known: Path, *, user: str = "root", key: Path | None = None,
            password: str | None = None, **kw: object) -> SshOptions:
    if key is None and password is None:
        key = lab.client_key
    cred = SshCredential(user, password=password, key_path=str(key) if key else None)
    return SshOptions(credential=cred, known_hosts=known, **kw)  # type: ignore[arg-type]


def read(host: str, opts: SshOptions) -> CollectorResult:
    return asyncio.run(collect(host, opts))


def refused(host: str, opts: SshOptions) -> CollectorError:
    with pytest.raises(CollectorError) as caught:
        read(host, opts)
    return caught.value


def test_os_disks_and_services_from_two_hosts(lab: sshlab.SshLab, tmp_path: Path) -> None:
    known = tmp_path / "known_hosts"
    by_key = read(lab.hosts["files1"].ip, options(lab, known))
    by_password = read(lab.hosts["app2"].ip, options(lab, known, user=sshlab.READONLY_USER,
                                                     password=sshlab.PASSWORD))
    for result, name in ((by_key, "files1"), (by_password, "app2")):
        s, = result.sightings
        assert (s.name, s.os, s.collector) == (name, "Debian GNU/Linux", "ssh") and s.os_version
        assert s.hardware and any(d.mount == "/" and d.total_bytes > d.used_bytes > 0
                                  for d in s.hardware.disks)
        assert {(v.protocol, v.port) for v in s.services} >= {("tcp", 22)}
        assert result.gaps == []
    ports = {(v.protocol, v.port) for v in by_password.sightings[0].services}
    assert {("tcp", 53), ("udp", 53)} <= ports  # dnsmasq, seen by an unprivileged user too


def test_restic_timer_found_with_schedule_and_last_run(lab: sshlab.SshLab,
                                                       tmp_path: Path) -> None:
    s, = read(lab.hosts["files1"].ip, options(lab, tmp_path / "kh")).sightings
    job, = [b for b in s.backups if b.tool == "restic"]
    assert (job.name, job.kind, job.schedule) == ("restic-backup.timer", "systemd-timer",
                                                  "*-*-* 02:30:00")
    assert job.last_run == lab.backup_started
    assert lab.snapshot_time and job.last_run
    assert abs((lab.snapshot_time - job.last_run).total_seconds()) < 120
    assert any(i.name == "restic" and i.type == "backup" for i in s.software)


def test_host_key_recorded_on_first_use_then_checked(lab: sshlab.SshLab,
                                                     tmp_path: Path) -> None:
    known = tmp_path / "data" / "drscout" / "known_hosts"
    host = lab.hosts["files1"].ip
    read(host, options(lab, known))
    first = known.read_text()
    assert first.startswith(f"{host} ssh-ed25519 ") and first.count("\n") == 1
    assert known.stat().st_mode & 0o777 == 0o600
    read(host, options(lab, known))
    assert known.read_text() == first


def test_changed_host_key_is_refused_never_accepted(lab: sshlab.SshLab,
                                                    tmp_path: Path) -> None:
    known = tmp_path / "known_hosts"
    host = lab.hosts["hostile"].ip
    read(host, options(lab, known))
    recorded = known.read_text()
    lab.rekey("hostile")
    error = refused(host, options(lab, known))
    assert error.reason == "auth"
    assert "differs from the one recorded" in str(error) and f"ssh-keygen -R '{host}'" in str(error)
    assert known.read_text() == recorded  # the new key was not written


def test_wrong_password_and_wrong_key_are_auth_gaps(lab: sshlab.SshLab,
                                                    tmp_path: Path) -> None:
    host = lab.hosts["app2"].ip
    wrong_pw = "not-" + sshlab.PASSWORD
    error = refused(host, options(lab, tmp_path / "kh", password=wrong_pw))
    assert error.reason == "auth" and wrong_pw not in str(error)
    assert "refused the login of user root" in str(error)
    error = refused(host, options(lab, tmp_path / "kh", key=lab.wrong_key))
    assert error.reason == "auth"


def test_stopped_sshd_is_a_timeout(lab: sshlab.SshLab, tmp_path: Path) -> None:
    host = lab.hosts["app2"]
    assert host.pid
    os.kill(host.pid, signal.SIGSTOP)  # the kernel still completes TCP handshakes
    try:
        error = refused(host.ip, options(lab, tmp_path / "kh", connect_timeout=2.0))
    finally:
        os.kill(host.pid, signal.SIGCONT)
    assert error.reason == "timeout"


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A TCP listener on loopback that accepts connections and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(5)
    for conn in [*held, server]:
        conn.close()


def test_a_listener_that_never_speaks_is_a_timeout(lab: sshlab.SshLab, tmp_path: Path,
                                                   silent_port: int) -> None:
    opts = options(lab, tmp_path / "kh", password=sshlab.PASSWORD, port=silent_port,
                   connect_timeout=1.5)
    error = refused("127.0.0.1", opts)
    assert error.reason == "timeout" and sshlab.PASSWORD not in str(error)
    assert not (tmp_path / "kh").exists()  # nothing was trusted


def test_closed_port_is_unreachable(lab: sshlab.SshLab, tmp_path: Path) -> None:
    error = refused(lab.hosts["files1"].ip, options(lab, tmp_path / "kh", port=2))
    assert error.reason == "unreachable"


def test_a_command_hanging_mid_read_is_a_timeout_gap_beside_the_facts(
        lab: sshlab.SshLab, tmp_path: Path) -> None:
    """``stuck`` has a FIFO in /etc/cron.d: ``head`` of the cron tables blocks for ever."""
    result = read(lab.hosts["stuck"].ip, options(lab, tmp_path / "kh", command_timeout=3.0))
    assert [(g.reason, g.detail.split(":")[0]) for g in result.gaps] == [
        ("timeout", "cron tables")]
    s, = result.sightings
    assert (s.name, s.os) == ("stuck4", "Debian GNU/Linux") and s.hardware


def test_a_host_that_runs_no_command_is_an_error_gap_not_an_empty_asset(
        lab: sshlab.SshLab, tmp_path: Path) -> None:
    error = refused(lab.hosts["mute"].ip, options(lab, tmp_path / "kh"))
    assert error.reason == "error" and "ran no command" in str(error)
