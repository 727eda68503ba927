"""Proxmox VE against fakepve on loopback: every guest on its node, the NFS
storage shared and local-lvm per node, HA VMs on shared storage behind an
any-of node (no single node a SPOF for them), the node whose VM is no HA
resource a SPOF for it, and a refused login a gap."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from scanner.collectors import proxmox
from scanner.collectors.proxmox import parse
from scanner.credentials import VirtCredential, VirtEndpoint, VirtOptions
from scanner.inventory.model import Service
from scanner.inventory.sighting import Sighting
from scanner.options import ScanOptions
from scanner.orchestrator import ScanState, scan
from scanner.targets import parse_targets
from tests.collectors.contract import CollectorContract
from tests.collectors.proxmox import fakepve_office as office
from tests.collectors.virt import judge

FIXTURE = Path(__file__).resolve().parents[3] / "fixtures/proxmox/fakepve-office.json"
NAS = Sighting(collector="nmap", ips=[office.NAS_IP], name="nas3",
               services=[Service(port=2049, name="nfs", collector="nmap")])


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    reason = office.missing()
    if reason:
        pytest.skip(reason)
    with office.running(tmp_path_factory.mktemp("drsv-pve")) as address:
        yield address


def endpoint(url: str, password: str = office.PASSWORD) -> VirtEndpoint:
    return VirtEndpoint("proxmox", url, VirtCredential(office.USER, password))


def test_guests_nodes_and_storage(url: str) -> None:
    inv = judge.inventory([proxmox.collect(endpoint(url), insecure=True, timeout=10)], [NAS])
    assert judge.runs_on(inv) == office.EXPECTED_HOSTS
    assets = {a.name: a for a in inv.assets}
    dc = assets["dc-ha"].virtualization
    assert dc is not None and dc.ha_protected is True
    assert dc.disks[0].datastore == f"nfs:{office.NAS_IP}:/export/pve"
    print3 = assets["print3"].virtualization
    assert print3 is not None and print3.ha_protected is False
    assert [d.datastore for d in print3.disks] == ["pve:pve3:local-lvm"]  # cdrom left out
    assert assets["ct-off"].ips == ["10.9.0.200"]


def test_assessment(url: str) -> None:
    inv = judge.inventory([proxmox.collect(endpoint(url), insecure=True, timeout=10)], [NAS])
    result = judge.assess_with_vm_processes(inv)
    blast = judge.spof_blast(result)
    assert "pve1" not in blast and "pve2" not in blast  # HA + shared storage
    assert "print3" in blast["pve3"]
    assert {"dc-ha", "erp-ha"} <= blast["nas3"]
    ids = judge.finding_ids(result)
    assert {"DRS-V01:pve3", "DRS-V02:pve3", "DRS-V03:nas3", "DRS-V06:off:ct-off"} <= ids
    assert not {"DRS-V01:pve1", "DRS-V01:pve2"} & ids


def test_hosts_without_failover_are_spofs(url: str) -> None:
    inv = judge.inventory([proxmox.collect(endpoint(url), insecure=True, timeout=10)], [NAS])
    judge.assert_hosts_without_failover_are_spofs(inv)


def test_recorded_snapshot_parses() -> None:
    result = parse.parse(json.loads(FIXTURE.read_text()), "https://127.0.0.1:8006", False)
    assert judge.runs_on(judge.inventory([result])) == office.EXPECTED_HOSTS


def test_refused_login_is_a_gap(url: str) -> None:
    virt = VirtOptions(endpoints=(endpoint(url, "drsv-wrong"), endpoint(url)), insecure=True,
                       timeout=10)
    inv = asyncio.run(scan(ScanState(ScanOptions(targets=parse_targets(["127.0.0.1/32"]),
                                                 collectors=("localhost",), virt=virt))))
    assert [(g.collector, g.reason) for g in inv.gaps if g.collector == "proxmox"] == [
        ("proxmox", "auth")]
    assert "drsv-wrong" not in inv.model_dump_json()
    assert judge.runs_on(inv) == office.EXPECTED_HOSTS


def _alone(*endpoints: VirtEndpoint) -> ScanOptions:
    return ScanOptions(collectors=("proxmox",),
                       virt=VirtOptions(endpoints=endpoints, insecure=True, timeout=10))


class TestContract(CollectorContract):
    name = "proxmox"

    @pytest.fixture(scope="class")
    @classmethod
    def options(cls, url: str) -> ScanOptions:
        return _alone(endpoint(url))

    @pytest.fixture(scope="class")
    @classmethod
    def failing_options(cls, url: str) -> ScanOptions:
        return _alone(endpoint(url, "drsv-wrong-password"))
