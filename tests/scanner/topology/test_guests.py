"""VMs found from the outside: a hypervisor vendor's MAC behind another machine's port."""

from __future__ import annotations

import pytest

from scanner.inventory.identity import ip_key, key_list, mac_key
from scanner.inventory.model import Asset, Fact, Link, VirtInfo
from scanner.inventory.resolve import resolve_links
from scanner.inventory.sighting import LinkHint
from scanner.topology import mark_guests
from scanner.topology.guests import guest_oui

SW = Asset(id="sw", name="sw", type="switch", ips=["10.0.0.1"], macs=["02:00:00:00:00:01"])
WS = Asset(id="ws", name="pc-anna", type="workstation", ips=["10.0.0.21"],
           macs=["02:00:00:00:00:21"])
VM = Asset(id="vm", name="erp-vm", type="server", roles=["web"], ips=["10.0.0.31"],
           macs=["08:00:27:00:00:31"])
BARE = Asset(id="bare", name="10.0.0.32", type="workstation", roles=["workstation"],
             ips=["10.0.0.32"], macs=["52:54:00:00:00:32"],
             provenance=[Fact(field="role", value="workstation", collector="drscout",
                              confidence=0.5, evidence="no server role found (open ports: none)")])
PC2 = Asset(id="pc2", name="pc2", type="workstation", ips=["10.0.0.22"],
            macs=["02:00:00:00:00:22"])


def _fdb(port: str, mac: str, switch: str = "10.0.0.1") -> LinkHint:
    return LinkHint(source_keys=key_list(ip_key(switch)), target_keys=key_list(mac_key(mac)),
                    kind="fdb", source_port=port, collector="snmp", confidence=0.8,
                    evidence="fdb")


def _runs_on(links: list[Link]) -> dict[str, str]:
    return {ln.source: ln.target for ln in links if ln.kind == "runs_on"}


@pytest.mark.parametrize(("mac", "platform"), [
    ("08:00:27:aa:bb:cc", "virtualbox"), ("00:0C:29:01:02:03", "vmware"),
    ("00-50-56-01-02-03", "vmware"), ("00:15:5d:01:02:03", "hyperv"),
    ("52:54:00:01:02:03", "qemu"), ("00:1c:42:01:02:03", "parallels"),
    ("02:00:00:00:00:21", None)])
def test_vendor_blocks(mac: str, platform: str | None) -> None:
    found = guest_oui(mac)
    assert (found[0] if found else None) == platform


def test_vm_mac_beside_one_workstation_runs_on_it() -> None:
    assets = [SW, WS, VM]
    links = resolve_links([_fdb("p3", WS.macs[0]), _fdb("p3", VM.macs[0])], assets)
    assert _runs_on(links) == {"vm": "ws"}
    (link,) = [ln for ln in links if ln.kind == "runs_on"]
    assert "port p3" in link.evidence and "08:00:27:00:00:31" in link.evidence
    assert "VirtualBox" in link.evidence and link.confidence < 0.8
    marked = {a.id: a for a in mark_guests(assets, links)}
    virt = marked["vm"].virtualization
    assert virt is not None and (virt.kind, virt.platform, virt.host) == ("vm", "virtualbox",
                                                                            "pc-anna")
    assert marked["vm"].type == "vm" and marked["vm"].roles == ["web"]
    assert marked["ws"] == WS  # the host itself is untouched
    (cable,) = [ln for ln in links if ln.kind == "physical"]
    assert (cable.source, cable.source_port, cable.target) == ("sw", "p3", "ws")
    assert "besides 1 VM MAC(s)" in cable.evidence  # the VM's MAC does not hide the cable


def test_a_vm_loses_the_nothing_listens_workstation_fallback() -> None:
    assets = [SW, WS, BARE]
    links = resolve_links([_fdb("p3", WS.macs[0]), _fdb("p3", BARE.macs[0])], assets)
    vm = {a.id: a for a in mark_guests(assets, links)}["bare"]
    assert vm.type == "vm" and vm.roles == []
    assert any(f.field == "virtualization" and "qemu" in f.value for f in vm.provenance)


@pytest.mark.parametrize("extra", [
    pytest.param(["02:00:00:00:00:22"], id="two ordinary devices (a desk switch)"),
    pytest.param(["02:00:00:00:00:99"], id="an unidentified ordinary MAC"),
    pytest.param(["02:00:00:00:00:02"], id="the port leads to another switch"),
])
def test_unclear_ports_place_nothing(extra: list[str]) -> None:
    sw2 = Asset(id="sw2", name="sw2", type="switch", ips=["10.0.0.2"],
                macs=["02:00:00:00:00:02"])
    hints = [_fdb("p3", WS.macs[0]), _fdb("p3", VM.macs[0]), *(_fdb("p3", m) for m in extra)]
    links = resolve_links(hints, [SW, sw2, WS, PC2, VM])
    assert _runs_on(links) == {}
    assert not [ln for ln in links if ln.kind == "physical" and ln.target == "ws"]


def test_a_vm_learned_beside_two_hosts_is_not_placed() -> None:
    sw2 = Asset(id="sw2", name="sw2", type="switch", ips=["10.0.0.2"],
                macs=["02:00:00:00:00:02"])
    hints = [_fdb("p3", WS.macs[0]), _fdb("p3", VM.macs[0]),
             _fdb("e1", PC2.macs[0], "10.0.0.2"), _fdb("e1", VM.macs[0], "10.0.0.2")]
    assert _runs_on(resolve_links(hints, [SW, sw2, WS, PC2, VM])) == {}


def test_an_api_placement_wins() -> None:
    read = VM.model_copy(update={"virtualization": VirtInfo(platform="vmware", kind="vm",
                                                            host="esx1")})
    assert _runs_on(resolve_links([_fdb("p3", WS.macs[0]), _fdb("p3", VM.macs[0])],
                                  [SW, WS, read])) == {}


def test_the_scanning_machine_hosts_nothing() -> None:
    me = WS.model_copy(update={"is_scanner": True})
    assert _runs_on(resolve_links([_fdb("p3", WS.macs[0]), _fdb("p3", VM.macs[0])],
                                  [SW, me, VM])) == {}
