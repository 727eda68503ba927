"""Hyper-V parsing through the transport seam, on SYNTHETIC JSON (see
fixtures/hyperv/README.md): no live host was available."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.collectors.hyperv import api, parse
from scanner.collectors.registry import Entry
from scanner.collectors.virt.endpoints import EndpointCollector
from scanner.credentials import VirtCredential, VirtEndpoint, VirtOptions
from scanner.errors import CollectorError
from scanner.inventory.model import Service
from scanner.inventory.sighting import CollectorResult, Sighting
from scanner.options import ScanOptions
from tests.collectors.contract import CollectorContract, registered
from tests.collectors.virt import judge

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures/hyperv"
NAS = Sighting(collector="nmap", ips=["10.9.0.80"], name="nas4",
               services=[Service(port=445, name="microsoft-ds", collector="nmap")])


def recorded(name: str) -> api.Transport:
    text = (FIXTURES / name).read_text()

    def transport(script: str) -> str:
        assert "Get-VMHardDiskDrive" in script and "ConvertTo-Json" in script
        return text

    return transport


def parsed(name: str, host: str):  # type: ignore[no-untyped-def]
    endpoint = VirtEndpoint("hyperv", host, VirtCredential("CORP\\scan", "drsv-hv-pw"))
    return parse.parse(api.fetch(endpoint, recorded(name)), host)


def test_cluster_node_storage_and_ha() -> None:
    inv = judge.inventory([parsed("synthetic-cluster-node.json", "hv1")], [NAS])
    assert judge.runs_on(inv) == {"DC01": "HV1", "APP01": "HV1", "FILE01": "HV1"}
    assets = {a.name: a for a in inv.assets}
    disks = {n: assets[n].virtualization.disks[0].datastore  # type: ignore[union-attr]
             for n in ("DC01", "APP01", "FILE01")}
    assert disks == {"DC01": "csv:volume1", "APP01": "hyperv:hv1:D:",
                     "FILE01": "smb:nas4:vms"}
    assert assets["DC01"].ips == ["10.9.0.31"] and assets["DC01"].macs == ["00:15:5d:01:01:01"]
    assert assets["FILE01"].virtualization.power_state == "off"  # type: ignore[union-attr]
    assert assets["HV1"].serial == "HV1SYNTH"


def test_standalone_host_is_a_spof_for_its_vm() -> None:
    result = judge.assess_with_vm_processes(
        judge.inventory([parsed("synthetic-standalone.json", "hv9")]))
    assert "ERP9" in judge.spof_blast(result)["HV9"]
    assert {"DRS-V01:HV9", "DRS-V02:HV9", "DRS-V04:HV9"} <= judge.finding_ids(result)


def test_non_json_answer_is_an_error_without_the_password() -> None:
    endpoint = VirtEndpoint("hyperv", "hv1", VirtCredential("u", "drsv-hv-pw"))
    with pytest.raises(CollectorError) as err:
        api.fetch(endpoint, lambda _script: "Get-VM : drsv-hv-pw is not recognized")
    assert err.value.reason == "error" and "drsv-hv-pw" not in str(err.value)


def _recorded_collect(endpoint: VirtEndpoint, *, insecure: bool = False,
                      timeout: float = 30.0) -> CollectorResult:
    """The real fetch and parse over recorded answers: the cluster node, or (for host
    "hv-garbage") an error text that echoes the password."""
    def garbage(_script: str) -> str:
        return "Get-VM : drsv-hv-pw is not recognized"

    transport = (garbage if endpoint.address == "hv-garbage"
                 else recorded("synthetic-cluster-node.json"))
    return parse.parse(api.fetch(endpoint, transport), endpoint.address)


def _alone(host: str) -> ScanOptions:
    return ScanOptions(collectors=("hyperv",), virt=VirtOptions(endpoints=(
        VirtEndpoint("hyperv", host, VirtCredential("CORP\\scan", "drsv-hv-pw")),)))


class TestContract(CollectorContract):
    """Only WinRM is swapped for recorded answers (no live Hyper-V host was available)."""

    name = "hyperv"

    @pytest.fixture(scope="class")
    @classmethod
    def entry(cls) -> Entry:
        real = registered("hyperv")
        needs = real.load().needs
        return Entry("hyperv", real.trust,
                     lambda: EndpointCollector("hyperv", _recorded_collect, needs))

    @pytest.fixture(scope="class")
    @classmethod
    def options(cls) -> ScanOptions:
        return _alone("hv1")

    @pytest.fixture(scope="class")
    @classmethod
    def failing_options(cls) -> ScanOptions:
        return _alone("hv-garbage")
