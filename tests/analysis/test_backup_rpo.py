"""DRS-012: a host a process needs, with an RPO, whose backup is older than it (or absent)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from analysis.context import build_context
from analysis.model import Finding
from analysis.rules import RULES, backup_rpo
from analysis.site.apply import apply_site
from analysis.site.load import parse_site
from scanner.inventory.model import (
    BackupJob,
    Datastore,
    Inventory,
    Link,
    ScanMeta,
    VirtDisk,
    VirtInfo,
)
from tests.analysis.offices import asset, one_switch_office

SCAN = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)
SITE = ('[[process]]\nname = "Accounts"\nneeds = ["Shared files"]\nrpo_hours = 24\n'
        'criticality = 1\n'
        '[[process]]\nname = "Shared files"\nneeds = ["role:file"]\n')


def _job(hours_ago: float | None, success: bool = True) -> BackupJob:
    stamp = SCAN - timedelta(hours=hours_ago) if hours_ago is not None else None
    return BackupJob(tool="restic", name="restic-nightly.timer", kind="systemd-timer",
                     schedule="*-*-* 02:00:00", collector="ssh", evidence="systemctl",
                     last_success=stamp if success else None,
                     last_run=None if success else stamp)


def _check(fs1_jobs: list[BackupJob], fs2_jobs: list[BackupJob],
           site: str = SITE) -> list[Finding]:
    office = one_switch_office()
    assets = [a.model_copy(update={"backups": {"fs1": fs1_jobs, "fs2": fs2_jobs}[a.id],
                                   "sources": ["nmap", "ssh"]})
              if a.id in ("fs1", "fs2") else a for a in office.assets]
    inv = Inventory(assets=assets, links=office.links, network=office.network,
                    scan=ScanMeta(started=SCAN - timedelta(minutes=5), finished=SCAN))
    new_inv, facts = apply_site(inv, parse_site(site))
    return backup_rpo.check(build_context(new_inv, facts))


def test_rpo_check_is_registered() -> None:
    assert backup_rpo.check in RULES


def test_backups_younger_than_the_rpo_are_quiet() -> None:
    assert _check([_job(6)], [_job(23.5)]) == []


def test_a_backup_older_than_the_rpo_is_a_finding_through_a_process_need() -> None:
    [found] = _check([_job(6)], [_job(50)])
    assert (found.id, found.severity, found.asset_ids) == ("DRS-012", "high", ["fs2"])
    assert len(found.evidence) == 1
    assert "last success 2026-05-02 10:00 UTC, 50 h (2.1 days) before the scan" in found.evidence[0]
    assert "Accounts needs it with an RPO of 24 h" in found.evidence[0]


def test_last_run_stands_in_for_an_unknown_success_and_says_so() -> None:
    [found] = _check([_job(30, success=False)], [_job(1)])
    assert found.asset_ids == ["fs1"]
    assert "last run (success unknown)" in found.evidence[0]


def test_a_needed_host_without_a_job_is_named_with_what_was_read() -> None:
    [found] = _check([_job(1)], [])
    assert (found.severity, found.asset_ids) == ("low", ["fs2"])
    assert "no backup job found (read over SSH)" in found.evidence[0]
    covered = SITE + '[[backup]]\nsources = ["fs2"]\ntarget = "fs1"\n'
    assert _check([_job(1)], [], covered) == []


def test_without_an_rpo_nothing_is_judged() -> None:
    assert _check([_job(500)], [], SITE.replace("rpo_hours = 24\n", "")) == []


def test_a_host_not_read_from_the_inside_could_not_be_checked() -> None:
    office = one_switch_office([asset("db", "10.0.0.30", "server", ("database",))])
    inv = office.model_copy(update={"scan": ScanMeta(finished=SCAN)})
    new_inv, facts = apply_site(inv, parse_site(
        '[[process]]\nname = "ERP"\nneeds = ["role:database"]\nrpo_hours = 4\n'))
    [found] = backup_rpo.check(build_context(new_inv, facts))
    assert found.asset_ids == ["db"]
    assert "could not be checked" in found.evidence[0]


def _vm_office(host_jobs: list[BackupJob], nas_jobs: list[BackupJob] | None = None,
               site_extra: str = "") -> list[Finding]:
    """Accounting (RPO 24 h) needs the VM erp; erp runs on esx with its disk on datastore ds1,
    which nas holds.  Only esx and nas may have jobs (image-level / storage backups)."""
    store = Datastore(key="ds1", name="ds1", type="NFS", shared=True, backing="nas")
    esx = asset("esx", "10.0.0.50", "hypervisor", ("hypervisor",), backups=host_jobs,
                sources=["nmap", "ssh"], virtualization=VirtInfo(
                    platform="proxmox", kind="host", endpoint="https://10.0.0.50:8006",
                    datastores=[store]))
    nas = asset("nas", "10.0.0.60", "nas", ("nas",), backups=nas_jobs or [],
                sources=["nmap"])
    erp = asset("erp", "10.0.0.51", "vm", ("database",), virtualization=VirtInfo(
        platform="proxmox", kind="vm", host="esx", disks=[VirtDisk(datastore="ds1")]))
    office = one_switch_office([esx, nas, erp])
    inv = office.model_copy(update={
        "scan": ScanMeta(finished=SCAN),
        "links": [Link(source="erp", target="esx", kind="runs_on", collector="proxmox")]})
    new_inv, facts = apply_site(inv, parse_site(
        '[[process]]\nname = "Accounting"\nneeds = ["erp"]\nrpo_hours = 24\ncriticality = 1\n'
        + site_extra))
    return backup_rpo.check(build_context(new_inv, facts))


def test_a_vm_without_its_own_job_is_covered_by_its_hosts_fresh_image_backup() -> None:
    assert _vm_office([_job(6)]) == []


def test_a_vm_whose_host_backup_is_older_than_the_rpo_is_late_through_the_host() -> None:
    [found] = _vm_office([_job(50)])
    assert (found.severity, found.asset_ids) == ("high", ["erp"])
    assert "erp (10.0.0.51) has no job of its own; its host esx (10.0.0.50): restic job" \
        in found.evidence[0]
    assert "50 h (2.1 days) before the scan" in found.evidence[0]


def test_the_storage_under_the_vm_counts_and_a_missing_backup_names_what_was_checked() -> None:
    assert _vm_office([], [_job(3)]) == []
    [found] = _vm_office([])
    assert (found.severity, found.asset_ids) == ("low", ["erp"])
    text = found.evidence[0]
    assert "its host esx (10.0.0.50): no backup job found (read over SSH)" in text
    assert "the device under its datastore ds1, nas (10.0.0.60): not read from the inside" \
        in text
    assert _vm_office([], site_extra='[[backup]]\nsources = ["esx"]\ntarget = "nas"\n') == []
