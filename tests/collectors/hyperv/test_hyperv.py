"""Hyper-V parsing through the transport seam, on SYNTHETIC JSON (see
fixtures/hyperv/README.md): no live host was available."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.collectors.hyperv import api, parse
from scanner.credentials import VirtCredential, VirtEndpoint
from scanner.errors import CollectorError
from scanner.inventory.model import Service
from scanner.inventory.sighting import Sighting
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
