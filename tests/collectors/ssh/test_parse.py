"""SSH parsing on recordings of the SSH lab (fixtures/ssh, made by ``record.py`` from real
sshd, restic and dnsmasq), plus short outputs of commands the lab's Debian hosts do not
produce (netstat, rpm, a running systemd's list-timers, docker).  Those are written here
after each tool's documented output format, and say so."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from analysis.context import build_context
from analysis.rules import disk_full, no_backup
from scanner.collectors.ssh import backups, parse, system
from scanner.inventory.build import build_inventory
from scanner.inventory.model import Inventory, ScanMeta, Service
from scanner.inventory.resolve import resolve
from scanner.inventory.roles import assign_roles
from scanner.inventory.sighting import CollectorResult, Inference, Sighting

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "ssh"
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def snapshot(case: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / case / "snapshot.json").read_text("utf-8"))
    return data


def sighting(case: str) -> Sighting:
    return parse.parse(snapshot(case)).sightings[0]


@pytest.mark.parametrize("case", ["lab-files1-restic-timer", "lab-app2-dnsmasq-cron-dump"])
def test_os_disks_and_services_from_the_inside(case: str) -> None:
    s = sighting(case)
    assert (s.os, s.os_version) == ("Debian GNU/Linux", "12")
    assert s.description and "Linux " in s.description  # the kernel from uname -sr
    assert s.target == s.ips[0] == snapshot(case)["host"]
    assert s.hardware and s.hardware.uptime_seconds and s.hardware.cpu_count
    root = next(d for d in s.hardware.disks if d.mount == "/")
    assert 0 < root.used_bytes < root.total_bytes and root.fstype
    assert not {d.fstype for d in s.hardware.disks} & {"tmpfs", "proc", "overlay"}
    ssh = next(v for v in s.services if v.port == 22)
    assert (ssh.protocol, ssh.product, ssh.name, ssh.collector) == ("tcp", "sshd", "ssh", "ssh")


def test_restic_timer_is_a_backup_with_schedule_and_last_run() -> None:
    snap = snapshot("lab-files1-restic-timer")
    job = next(b for b in sighting("lab-files1-restic-timer").backups if b.tool == "restic")
    assert (job.name, job.kind, job.schedule) == ("restic-backup.timer", "systemd-timer",
                                                  "*-*-* 02:30:00")
    started = datetime.fromisoformat(snap["recorded"]["backup_started"])
    assert job.last_run == started  # the stamp systemd touches when the timer fires
    snapshot_time = datetime.fromisoformat(snap["recorded"]["restic_snapshot_time"])
    assert abs((snapshot_time - job.last_run).total_seconds()) < 120  # restic's own record
    assert "stamp-restic-backup.timer" in job.evidence
    assert "password" not in job.model_dump_json()  # the command line is never kept


def test_backup_packages_and_the_distribution_s_own_timers() -> None:
    s = sighting("lab-files1-restic-timer")
    restic = next(i for i in s.software if i.name == "restic")
    assert (restic.type, restic.collector) == ("backup", "ssh") and restic.version
    names = {b.name for b in s.backups}
    assert "dpkg-db-backup.timer" not in names  # dpkg backing up its own database
    assert not any(n.endswith("@.timer") for n in names)  # templates never fire themselves
    assert s.software_note and "installed packages" in s.software_note


def test_dnsmasq_listening_is_a_dns_role_read_on_the_host() -> None:
    s = sighting("lab-app2-dnsmasq-cron-dump")
    assert {(v.protocol, v.port, v.product) for v in s.services} >= {
        ("tcp", 53, "dnsmasq"), ("udp", 53, "dnsmasq")}
    dns = next(h for h in s.role_hints if h.role == "dns")
    assert dns.confidence > 0.9 and "over SSH" in dns.evidence


def test_cron_entry_dumping_a_database_is_a_backup_job() -> None:
    job = next(b for b in sighting("lab-app2-dnsmasq-cron-dump").backups if b.kind == "cron")
    assert (job.tool, job.schedule, job.name) == ("database dump", "15 1 * * *",
                                                  "/etc/cron.d/db-dump line 3")
    assert job.last_run is None


def test_hostile_strings_lose_their_control_characters() -> None:
    s = sighting("lab-hostile-strings")
    texts = [s.name or "", s.description or "", *s.hostnames,
             *(f"{b.name} {b.evidence}" for b in s.backups)]
    assert s.name and s.name.startswith('=HYPERLINK("x")<b>')  # kept, escaped by renderers
    assert not any(CONTROL.search(t) for t in texts)
    assert any("<b onmouseover" in b.name for b in s.backups)


def test_inside_facts_outrank_outside_guesses() -> None:
    """Resolution: ssh's OS beats an nmap fingerprint; roles: dnsmasq read on the host
    beats port 53 seen from outside, and the evidence says where it came from."""
    s = sighting("lab-app2-dnsmasq-cron-dump")
    nmap = Sighting(collector="nmap", ips=s.ips, os="Linux", os_version="5.X",
                    inferred={"os": Inference(confidence=0.9, evidence="fingerprint")},
                    services=[Service(port=53, protocol="udp", name="domain",
                                      collector="nmap")])
    asset = assign_roles(resolve([nmap, s])[0], build_inventory([], ScanMeta()).network)
    assert (asset.os, asset.os_version) == ("Debian GNU/Linux", "12")
    dns = next(f for f in asset.provenance if f.field == "role" and f.value == "dns")
    assert dns.collector == "ssh" and "over SSH" in dns.evidence
    assert [b.tool for b in asset.backups] == ["database dump"]


def test_a_backup_job_read_over_ssh_answers_no_backup_found() -> None:
    s = sighting("lab-files1-restic-timer")
    with_job = build_inventory([CollectorResult(collector="ssh", target=s.ips[0],
                                                sightings=[s])], ScanMeta())
    assert no_backup.check(build_context(with_job)) == []
    bare = s.model_copy(update={"backups": []})
    without = build_inventory([CollectorResult(collector="ssh", target=s.ips[0],
                                               sightings=[bare])], ScanMeta())
    finding, = no_backup.check(build_context(without))
    assert any("read over SSH (files1)" in e for e in finding.evidence)
    nothing = no_backup.check(build_context(Inventory(assets=[
        a.model_copy(update={"sources": ["nmap"]}) for a in without.assets])))
    assert any("--ssh-user" in e for e in nothing[0].evidence)


# --- outputs written after the tools' documented formats (not produced by the lab) ---

NETSTAT = """Active Internet connections (only servers)
Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name
tcp        0      0 0.0.0.0:5432            0.0.0.0:*               LISTEN      812/postgres
tcp        0      0 127.0.0.1:25            0.0.0.0:*               LISTEN      900/master
tcp6       0      0 :::445                  :::*                    LISTEN      700/smbd
udp        0      0 0.0.0.0:67              0.0.0.0:*                           650/dhcpd
"""


def test_netstat_fallback_and_loopback_only_sockets() -> None:
    assert system.listening(NETSTAT) == [("tcp", 445, "smbd"), ("tcp", 5432, "postgres"),
                                         ("udp", 67, "dhcpd")]


def test_rpm_and_dpkg_lists_keep_the_packages_of_interest() -> None:
    rpm = "bash\t5.1.8-6.el9\tii\nbareos-filedaemon\t22.1.0-1\tii\nmariadb-server\t10.5.22-1\tii\n"
    dpkg = "borgbackup\t1.2.4-1\tii \nrestic\t0.14.0-1\trc \nqemu-system-x86\t1:7.2\tii \n"
    assert [(i.name, i.type) for i in system.packages(rpm)[0]] == [
        ("bareos-filedaemon", "backup"), ("mariadb-server", "database")]
    items, total = system.packages(dpkg)
    assert [(i.name, i.type) for i in items] == [("borgbackup", "backup"),
                                                ("qemu-system-x86", "hypervisor")]
    assert total == 2  # removed-but-configured (rc) packages are not installed


def test_systemctl_list_timers_json_gives_the_last_run() -> None:
    listed = json.dumps([{"next": 1765155000000000, "left": 100, "last": 1765068600000000,
                          "passed": 200, "unit": "borgmatic.timer",
                          "activates": "borgmatic.service"},
                         {"next": 1765155000000000, "left": 1, "last": None, "passed": None,
                          "unit": "logrotate.timer", "activates": "logrotate.service"}])
    job, = backups.timer_jobs("", "", listed)
    assert (job.tool, job.name) == ("borgmatic", "borgmatic.timer")
    assert job.last_run and job.last_run.timestamp() == 1765068600


def test_docker_containers_and_cron_with_and_without_a_user_column() -> None:
    ps = ('{"ID":"a1","Image":"postgres:16","Names":"erp-db","State":"running"}\n'
          "not json\n")
    item, = system.containers(ps)
    assert (item.name, item.type, item.path) == ("erp-db", "container", "postgres:16 (running)")
    system_tab = "==> /etc/crontab <==\n0 3 * * * root /usr/local/bin/borg-nightly.sh\n"
    user_tab = "@daily restic backup /home\n# 0 4 * * * restic forget\n"
    jobs = backups.cron_jobs(system_tab, user_tab, "/etc/cron.daily:\nrsnapshot\nlogrotate\n")
    assert [(j.tool, j.schedule) for j in jobs] == [("borg", "0 3 * * *"),
                                                   ("restic", "@daily"),
                                                   ("rsnapshot", "daily")]


def test_a_command_that_timed_out_is_a_gap_beside_the_partial_result() -> None:
    snap = snapshot("lab-app2-dnsmasq-cron-dump")
    snap["outputs"]["docker"] = {"command": "docker ps", "error": "timeout"}
    snap["outputs"]["df"] = {"command": "df -PT -k", "exit_status": 1, "stdout": "",
                             "stderr": "df: cannot read table of mounted file systems"}
    result = parse.parse(snap)
    assert {(g.reason, g.detail.split(":")[0]) for g in result.gaps} == {
        ("timeout", "docker containers"), ("error", "filesystems not read")}
    assert result.sightings[0].os == "Debian GNU/Linux"


def test_garbage_in_every_output_gives_a_sighting_not_an_exception() -> None:
    snap = snapshot("lab-files1-restic-timer")
    junk = "\x00\xff<html>\n==> <==\n{[\"\n" + "A" * 5000 + "\n-1 -2 x y z w v u\n"
    for entry in snap["outputs"].values():
        entry["stdout"] = junk
    s, = parse.parse(snap).sightings
    assert s.ips == [snap["host"]] and s.backups == [] and s.services == []
    assert s.name and len(s.name) <= 120 and not CONTROL.search(s.name)


def test_drives_from_lsblk_leave_out_compressed_ram() -> None:
    s = sighting("lab-files1-restic-timer")
    assert s.modules and all(m.kind == "disk" and not m.name.startswith("zram")
                             for m in s.modules)


def test_a_full_filesystem_read_over_ssh_is_a_disk_full_finding() -> None:
    snap = snapshot("lab-app2-dnsmasq-cron-dump")
    snap["outputs"]["df"]["stdout"] = (
        "Filesystem     Type 1024-blocks      Used Available Capacity Mounted on\n"
        "/dev/sdb1      xfs    1000000000 960000000  40000000      96% /srv/shares\n")
    s, = parse.parse(snap).sightings
    inventory = build_inventory([CollectorResult(collector="ssh", target=s.ips[0],
                                                 sightings=[s])], ScanMeta())
    finding, = disk_full.check(build_context(inventory))
    assert any("/srv/shares: 96% used" in e for e in finding.evidence)


def test_a_linux_host_without_a_desktop_is_a_server_and_with_one_a_seat() -> None:
    snap = snapshot("lab-files1-restic-timer")
    s = parse.parse(snap).sightings[0]
    assert s.type == "server" and "without a graphical desktop" in s.inferred["type"].evidence
    snap["outputs"]["packages"]["stdout"] += "gnome-shell\t43.9-0+deb12u2\tii \n"
    s = parse.parse(snap).sightings[0]
    assert s.type == "workstation" and s.inferred["type"].confidence < 0.9


def test_qemu_on_a_linux_desktop_is_a_client_hypervisor_not_the_hypervisor_role() -> None:
    """Recorded lab snapshot plus two package lines (the same appending as above): a
    desktop with QEMU/libvirt stays a seat; without the desktop the host is a hypervisor."""
    snap = snapshot("lab-files1-restic-timer")
    snap["outputs"]["packages"]["stdout"] += "qemu-system-x86\t1:7.2+dfsg-7\tii \n"
    server = parse.parse(snap).sightings[0]
    assert server.type == "hypervisor" and "hypervisor" in {h.role for h in server.role_hints}
    snap["outputs"]["packages"]["stdout"] += "gnome-shell\t43.9-0+deb12u2\tii \n"
    desktop = parse.parse(snap).sightings[0]
    assert desktop.type == "workstation"
    assert "hypervisor" not in {h.role for h in desktop.role_hints}
    assert ("qemu-system-x86", "hypervisor") in {(i.name, i.type) for i in desktop.software}
