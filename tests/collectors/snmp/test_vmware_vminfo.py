"""ESXi's VM table (VMWARE-VMINFO-MIB): parsed from the dev corpus recording, and read
by the whole probe from that recording served by snmpsim over real UDP."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from analysis import assess
from scanner.collectors.snmp.mibs.vmware_vminfo import NET_ENTRY, parse, steps, vm_sightings
from scanner.collectors.snmp.values import Value
from scanner.inventory.build import build_inventory
from scanner.inventory.identity import IdentityKey
from scanner.inventory.model import ScanMeta
from scanner.inventory.sighting import CollectorResult
from scanner.targets import parse_target
from tests.collectors.snmp.snmprec import load
from tests.collectors.snmp.snmpsim_server import probe_served, serve

ROOT = Path(__file__).resolve().parents[3]
CANDIDATES = (Path("/work/shared/corpus/snmp/dev"), ROOT.parent / "shared/corpus/snmp/dev")
CORPUS = next((c for c in CANDIDATES if (c / "vmware-esxi.snmprec").exists()), None)
pytestmark = pytest.mark.skipif(CORPUS is None, reason="../shared/corpus/snmp/dev absent")
STEM = "vmware-esxi"


def _walk(stem: str = STEM) -> dict[str, Value]:
    assert CORPUS is not None
    return dict(load(CORPUS / f"{stem}.snmprec"))


def test_parse_reads_every_registered_vm() -> None:
    rows = {r.index: r for r in parse(_walk())}
    assert len(rows) == 32
    debian = rows["7092"]
    assert (debian.guest_os, debian.memory_mb, debian.vcpus, debian.power_state) == (
        "Linux 4.19.0-10-amd64 Debian GNU/Linux 10 (buster)", 4096, 2, "on")
    assert debian.uuid == "420b8b04-70bb-c0c8-0493-2707cfbf399e"
    off = rows["708"]
    assert off.power_state == "off" and off.guest_os is None  # "E: tools not running"
    assert sum(r.power_state == "off" for r in rows.values()) == 3
    assert all(r.macs == [] for r in rows.values())  # the recording has no vmwVmNetTable


def test_only_vmware_agents_are_asked() -> None:
    assert [label for label, _ in steps(_walk())] == [
        "VMWARE-VMINFO-MIB vmwVmTable", "VMWARE-VMINFO-MIB vmwVmNetTable"]
    assert steps(_walk("ios_2960x")) == []
    assert steps(_walk("proxmox")) == []


def test_shared_display_names_do_not_merge_vms() -> None:
    sightings, links = vm_sightings("192.0.2.5", _walk())
    names = [s.name for s in sightings]
    assert len(set(names)) == 32  # the recording anonymised every name to "<private>"
    assert names[0] == "<private> [420753f9-d904-e5e6-da53-d75590bde424]"
    assert {link.target_keys for link in links} == {(IdentityKey("ip", "192.0.2.5"),)}
    assert {link.kind for link in links} == {"runs_on"}


def test_net_table_macs_identify_the_guest() -> None:
    walk = _walk()
    walk[f"{NET_ENTRY}.7.7092.4000"] = bytes.fromhex("005056aa0001")
    walk[f"{NET_ENTRY}.7.7092.4001"] = bytes(6)  # zeroed: tools never ran
    sightings, links = vm_sightings("192.0.2.5", walk)
    debian = next(s for s in sightings if s.os and "4.19.0-10" in s.os and s.macs)
    assert debian.macs == ["00:50:56:aa:00:01"]
    assert any(link.source_keys[0] == IdentityKey("mac", "00:50:56:aa:00:01") for link in links)


@pytest.fixture(scope="module")
def port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    assert CORPUS is not None
    data = tmp_path_factory.mktemp("drsv-snmprec")
    for stem in (STEM, "ios_2960x"):
        shutil.copy(CORPUS / f"{stem}.snmprec", data / f"{stem}.snmprec")
    with serve(data) as udp_port:
        yield udp_port


def _probe(port: int, community: str) -> CollectorResult:
    result = probe_served(port, community)
    assert result.gaps == []
    return result


def test_probe_of_esxi_puts_its_vms_in_its_blast_radius(port: int) -> None:
    result = _probe(port, STEM)
    assert len([s for s in result.sightings if s.type == "vm"]) == 32
    inventory = build_inventory([result], ScanMeta(collectors=["snmp"]),
                                [parse_target("127.0.0.1/32")])
    esxi = next(a for a in inventory.assets if "127.0.0.1" in a.ips)
    vms = {a.id for a in inventory.assets if a.type == "vm"}
    assert len(vms) == 32
    runs_on = [ln for ln in inventory.links if ln.kind == "runs_on"]
    assert {ln.target for ln in runs_on} == {esxi.id} and {ln.source for ln in runs_on} == vms
    spof = next(s for s in assess(inventory).spofs if s.asset_ids == [esxi.id])
    assert vms <= set(spof.blast_radius)


def test_probe_of_a_switch_has_no_vms(port: int) -> None:
    result = _probe(port, "ios_2960x")
    assert not [s for s in result.sightings if s.type == "vm"]
    assert not [ln for ln in result.links if ln.kind == "runs_on"]
