"""libvirt against libvirtd's test driver on loopback TCP, three hosts: every
domain on its host, dir pool local and netfs pool shared, each standalone host
a SPOF with its VMs, the NAS under the netfs pool a SPOF, and an unreachable
URI a gap while the other hosts are still read."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from scanner.collectors import libvirt as lv
from scanner.collectors.libvirt import api, parse
from scanner.credentials import VirtEndpoint, VirtOptions
from scanner.inventory.model import Service
from scanner.inventory.sighting import CollectorResult, Sighting
from scanner.options import ScanOptions
from scanner.orchestrator import ScanState, scan
from scanner.targets import parse_targets
from tests.collectors.contract import CollectorContract
from tests.collectors.libvirt import libvirt_office, libvirtd
from tests.collectors.virt import judge

FIXTURE = Path(__file__).resolve().parents[3] / "fixtures/libvirt/office.json"
NAS = Sighting(collector="nmap", ips=[libvirt_office.NAS_IP], name="nas2",
               services=[Service(port=2049, name="nfs", collector="nmap")])


@pytest.fixture(scope="module")
def uris(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[str]]:
    reason = libvirtd.missing()
    if reason:
        pytest.skip(reason)
    work = tmp_path_factory.mktemp("drsv-libvirt")
    files = libvirt_office.write(work / "nodes")
    with libvirtd.running(work / "daemon") as port:
        yield [f"test+tcp://127.0.0.1:{port}{path}" for path in files.values()]


def collect_all(uris: list[str]) -> list[CollectorResult]:
    return [lv.collect(VirtEndpoint("libvirt", u), timeout=10) for u in uris]


def test_domains_on_hosts_and_pools(uris: list[str]) -> None:
    inv = judge.inventory(collect_all(uris), [NAS])
    assert judge.runs_on(inv) == libvirt_office.EXPECTED_HOSTS
    assets = {a.name: a for a in inv.assets}
    disk_store = {name: assets[name].virtualization.disks[0].datastore  # type: ignore[union-attr]
                  for name in libvirt_office.EXPECTED_HOSTS}
    assert disk_store["db1"] == disk_store["app2"] == "nfs:10.9.0.60:/export/vms"
    assert disk_store["web1"] == "libvirt:kvm1:default"
    assert assets["old3"].virtualization.power_state == "off"  # type: ignore[union-attr]
    assert assets["web1"].macs == ["52:54:00:00:01:01"] and assets["web1"].type == "vm"


def test_assessment(uris: list[str]) -> None:
    result = judge.assess_with_vm_processes(judge.inventory(collect_all(uris), [NAS]))
    blast = judge.spof_blast(result)
    assert {"web1", "db1"} <= blast["kvm1"] and {"app2", "mail2"} <= blast["kvm2"]
    assert {"db1", "app2", "mail2"} <= blast["nas2"] and "web1" not in blast["nas2"]
    ids = judge.finding_ids(result)
    assert {"DRS-V01:kvm1", "DRS-V01:kvm2", "DRS-V02:kvm1", "DRS-V03:nas2", "DRS-V04:kvm2",
            "DRS-V06:off:old3"} <= ids
    assert "DRS-V04:kvm1" not in ids and "DRS-V01:kvm3" not in ids  # kvm3 runs nothing


def test_hosts_without_failover_are_spofs(uris: list[str]) -> None:
    judge.assert_hosts_without_failover_are_spofs(judge.inventory(collect_all(uris), [NAS]))


def test_recorded_snapshot(uris: list[str]) -> None:
    recorded = json.loads(FIXTURE.read_text())
    live = [api.fetch(VirtEndpoint("libvirt", u), timeout=10) for u in uris]
    assert [s["hostname"] for s in recorded] == [s["hostname"] for s in live]
    inv = judge.inventory([parse.parse(s, s["uri"]) for s in recorded])
    assert judge.runs_on(inv) == libvirt_office.EXPECTED_HOSTS


def test_unreachable_uri_is_a_gap(uris: list[str]) -> None:
    dead = "test+tcp://127.0.0.1:1/nowhere.xml"
    virt = VirtOptions(endpoints=(VirtEndpoint("libvirt", dead),
                                  *(VirtEndpoint("libvirt", u) for u in uris)), timeout=10)
    inv = asyncio.run(scan(ScanState(ScanOptions(targets=parse_targets(["127.0.0.1/32"]),
                                                 collectors=("localhost",), virt=virt))))
    assert [(g.target, g.reason) for g in inv.gaps if g.collector == "libvirt"] == [
        (dead, "unreachable")]
    assert judge.runs_on(inv) == libvirt_office.EXPECTED_HOSTS


def _alone(*uris: str) -> ScanOptions:
    return ScanOptions(collectors=("libvirt",), virt=VirtOptions(
        endpoints=tuple(VirtEndpoint("libvirt", u) for u in uris), timeout=10))


class TestContract(CollectorContract):
    name = "libvirt"

    @pytest.fixture(scope="class")
    @classmethod
    def options(cls, uris: list[str]) -> ScanOptions:
        return _alone(*uris)

    @pytest.fixture(scope="class")
    @classmethod
    def failing_options(cls, uris: list[str]) -> ScanOptions:
        return _alone("test+tcp://127.0.0.1:1/nowhere.xml")
