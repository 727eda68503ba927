"""vSphere against vcsim (built from Debian's govmomi sources, on loopback):
every VM on its host, local vs NFS storage, the HA cluster not a SPOF, the
standalone host a SPOF with its VM, and a refused login / a silent endpoint
become gaps while the rest of the scan completes."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from scanner.collectors import vmware
from scanner.collectors.vmware import api, parse
from scanner.credentials import VirtCredential, VirtEndpoint, VirtOptions
from scanner.inventory.model import Service
from scanner.inventory.sighting import Sighting
from scanner.options import ScanOptions
from scanner.orchestrator import ScanState, scan
from scanner.targets import parse_targets
from tests.collectors.contract import CollectorContract
from tests.collectors.virt import judge
from tests.collectors.vmware import vcsim

FIXTURE = Path(__file__).resolve().parents[3] / "fixtures/vmware/vcsim-office.json"
NAS = Sighting(collector="nmap", ips=[vcsim.NAS_IP], name="nas1",
               services=[Service(port=2049, name="nfs", collector="nmap")])
EXPECTED_HOSTS = {"DC0_C0_RP0_VM0": "DC0_C0_H1", "DC0_C1_RP0_VM0": "DC0_C1_H0",
                  "DC0_H0_VM0": "DC0_H0", "app-ha": "DC0_C0_H0"}


@pytest.fixture(scope="module")
def vc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    reason = vcsim.missing()
    if reason:
        pytest.skip(reason)
    with vcsim.running() as addr:
        vcsim.shape_office(addr, tmp_path_factory.mktemp("drsv-nfs") / "nfs-shared")
        yield addr


def endpoint(addr: str, password: str = vcsim.PASSWORD) -> VirtEndpoint:
    return VirtEndpoint("vmware", f"https://{addr}", VirtCredential(vcsim.USER, password))


def test_vms_hosts_and_storage(vc: str) -> None:
    result = vmware.collect(endpoint(vc), insecure=True, timeout=20)
    inv = judge.inventory([result], [NAS])
    assert judge.runs_on(inv) == EXPECTED_HOSTS
    assets = {a.name: a for a in inv.assets}
    assert assets["app-ha"].ips == ["10.9.0.24"] and assets["app-ha"].type == "vm"
    stores = {d.name: d for a in inv.assets if a.virtualization
              for d in a.virtualization.datastores}
    assert stores["nfs-shared"].shared is True and stores["nfs-shared"].backing == vcsim.NAS_IP
    assert stores["LocalDS_0"].shared is False
    hosts = {a.name for a in inv.assets if a.type == "hypervisor"}
    assert hosts == {"DC0_H0", "DC0_C0_H0", "DC0_C0_H1", "DC0_C1_H0", "DC0_C1_H1"}
    assert assets["DC0_C0_H0"].virtualization.ha_enabled is True  # type: ignore[union-attr]
    assert assets["DC0_C1_H0"].virtualization.ha_enabled is False  # type: ignore[union-attr]


def test_assessment_ha_cluster_versus_standalone(vc: str) -> None:
    inv = judge.inventory([vmware.collect(endpoint(vc), insecure=True, timeout=20)], [NAS])
    result = judge.assess_with_vm_processes(inv)
    blast = judge.spof_blast(result)
    assert "DC0_H0_VM0" in blast["DC0_H0"]  # standalone host
    assert "DC0_C1_RP0_VM0" in blast["DC0_C1_H0"]  # cluster without HA
    assert "DC0_C0_RP0_VM0" in blast["DC0_C0_H1"]  # HA cluster, but a local disk
    assert "DC0_C0_H0" not in blast  # HA + NFS: app-ha can restart on DC0_C0_H1
    assert "app-ha" in blast["nas1"]  # the single NAS under the shared datastore
    ids = judge.finding_ids(result)
    assert {"DRS-V01:DC0_H0", "DRS-V01:DC0_C1_H0", "DRS-V02:DC0_C0_H1", "DRS-V03:nas1",
            "DRS-V07"} <= ids
    assert "DRS-V01:DC0_C0_H0" not in ids


def test_hosts_without_failover_are_spofs(vc: str) -> None:
    inv = judge.inventory([vmware.collect(endpoint(vc), insecure=True, timeout=20)], [NAS])
    result = judge.assert_hosts_without_failover_are_spofs(inv)
    spofs = {s.label: s for s in result.spofs}
    assert "DC0_C0_H0" not in spofs  # HA with shared storage: not a SPOF ...
    assert any(s.kind == "datastore" or "nas1" in s.label for s in result.spofs)  # ... but it


def test_recorded_snapshot_parses_the_same(vc: str) -> None:
    """The fixture was recorded from this simulator; parsing it needs no server."""
    snap = json.loads(FIXTURE.read_text())
    result = parse.parse(snap, "https://127.0.0.1:8989", tls_verified=False)
    inv = judge.inventory([result], [NAS])
    assert judge.runs_on(inv) == EXPECTED_HOSTS
    live = api.fetch(endpoint(vc), insecure=True, timeout=20)
    assert sorted(snap) == sorted(live) and len(snap["vms"]) == len(live["vms"])


def test_fixture_without_simulator() -> None:
    result = parse.parse(json.loads(FIXTURE.read_text()), "https://127.0.0.1:8989", False)
    assert judge.runs_on(judge.inventory([result])) == EXPECTED_HOSTS


def test_refused_login_and_silent_endpoint_are_gaps(vc: str) -> None:
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts into the backlog, never answers
    port = silent.getsockname()[1]
    virt = VirtOptions(endpoints=(endpoint(vc, "drsv-wrong-password"), endpoint(vc),
                                  VirtEndpoint("vmware", f"https://127.0.0.1:{port}",
                                               VirtCredential("u", "drsv-pw"))),
                       insecure=True, timeout=2)
    options = ScanOptions(targets=parse_targets(["127.0.0.1/32"]), collectors=("localhost",),
                          virt=virt)
    try:
        inv = asyncio.run(scan(ScanState(options)))
    finally:
        silent.close()
    gaps = {(g.collector, g.reason) for g in inv.gaps}
    assert ("vmware", "auth") in gaps and ("vmware", "timeout") in gaps
    assert "drsv-wrong-password" not in inv.model_dump_json()
    assert {a.name for a in inv.assets} >= set(EXPECTED_HOSTS)  # the good endpoint completed


def _alone(*endpoints: VirtEndpoint) -> ScanOptions:
    """Only the vCenter read: no targets, no network scan (``--collectors vmware``)."""
    return ScanOptions(collectors=("vmware",),
                       virt=VirtOptions(endpoints=endpoints, insecure=True, timeout=10))


class TestContract(CollectorContract):
    name = "vmware"

    @pytest.fixture(scope="class")
    @classmethod
    def options(cls, vc: str) -> ScanOptions:
        return _alone(endpoint(vc))

    @pytest.fixture(scope="class")
    @classmethod
    def failing_options(cls, vc: str) -> ScanOptions:
        return _alone(endpoint(vc, "drsv-wrong-password"))
