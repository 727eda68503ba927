"""DRS-013: a business VM on a desktop makes the desktop its host, its SPOF, and a finding."""

from __future__ import annotations

from analysis import assess
from analysis.context import build_context
from analysis.rules import desktop_vm
from scanner.inventory.model import (
    Asset,
    Fact,
    Interface,
    Inventory,
    Link,
    SoftwareItem,
    VirtInfo,
)
from tests.analysis.offices import asset, one_switch_office, svc

FDB_WHY = ("forwarding table: sw port p7 learns erp-vm's MAC 08:00:27:00:00:40 "
           "(VirtualBox (08:00:27)) beside ws1's 02:00:00:00:01:01 and no other device")


def _vm(vm_id: str, ip: str, host: str, platform: str = "virtualbox",
        services: bool = True) -> Asset:
    return asset(vm_id, ip, "vm", ("web",) if services else (),
                 services=[svc(80, "http", product="nginx")] if services else [],
                 virtualization=VirtInfo(platform=platform, kind="vm", host=host))


def _office(extra: list[Asset], links: list[Link]) -> Inventory:
    inv = one_switch_office(extra)
    return inv.model_copy(update={"links": [*inv.links, *links]})


def _runs_on(vm: str, host: str) -> Link:
    return Link(source=vm, target=host, kind="runs_on", collector="snmp", confidence=0.7,
                evidence=FDB_WHY)


def test_vm_on_a_desktop_is_a_workload_in_its_blast_radius_and_a_finding() -> None:
    result = assess(_office([_vm("erp-vm", "10.0.0.40", "ws1")], [_runs_on("erp-vm", "ws1")]))
    spofs = {s.asset_ids[0]: s for s in result.spofs if s.kind == "asset"}
    assert "ws1" in spofs, "the desktop stops a workload: it is a SPOF"
    assert "erp-vm" in spofs["ws1"].blast_radius and "erp-vm" in spofs["ws1"].workloads
    findings = {f.id: f for f in result.findings}
    found = findings["DRS-013"]
    assert found.severity == "high" and found.asset_ids == ["ws1", "erp-vm"]
    assert any("runs on desktop ws1" in e and "port p7" in e and "80/tcp http" in e
               for e in found.evidence)
    assert "Move the VM to a server or hypervisor host with backups" in found.recommendation
    assert (found.effort, found.cost) == ("days", "high")
    assert "DRS-013:installed" not in findings


def test_a_vm_on_a_server_hypervisor_is_not_a_desktop_finding() -> None:
    """The control: 00:50:56 VMs behind an ESXi-like host's port are server VMs."""
    esx = asset("esx", "10.0.0.50", "hypervisor", ("hypervisor",),
                services=[svc(902, "vmware-auth")])
    inv = _office([esx, _vm("app", "10.0.0.51", "esx", "vmware")], [_runs_on("app", "esx")])
    assert desktop_vm.check(build_context(inv)) == []


def test_an_existing_hypervisor_makes_the_move_cheap() -> None:
    esx = asset("esx", "10.0.0.50", "hypervisor", ("hypervisor",))
    inv = _office([esx, _vm("erp-vm", "10.0.0.40", "ws1")], [_runs_on("erp-vm", "ws1")])
    (found,) = desktop_vm.check(build_context(inv))
    assert found.cost == "low" and "the existing hypervisor esx" in found.recommendation


def test_client_hypervisor_read_inside_without_a_vm_is_a_low_question() -> None:
    pc = asset("pc-anna", "10.0.0.60", "workstation", ("workstation",), software=[
        SoftwareItem(name="Oracle VM VirtualBox 7.0.14", version="7.0.14", collector="winrm"),
        SoftwareItem(name="Microsoft 365 Apps", collector="winrm")])
    (found,) = desktop_vm.check(build_context(one_switch_office([pc])))
    assert (found.id, found.severity, found.asset_ids) == ("DRS-013:installed", "low",
                                                           ["pc-anna"])
    assert any("Oracle VM VirtualBox 7.0.14 (read over winrm)" in e
               for e in found.evidence)


def test_hyperv_on_a_client_read_over_winrm_counts() -> None:
    pc = asset("pc-bob", "10.0.0.61", "workstation", ("workstation",)).model_copy(update={
        "roles": ["hypervisor", "workstation"],
        "provenance": [Fact(field="role", value="hypervisor", collector="winrm",
                            confidence=0.95, evidence="WinRM: service vmms running")]})
    (found,) = desktop_vm.check(build_context(one_switch_office([pc])))
    assert found.id == "DRS-013:installed"
    assert any("service vmms running" in e for e in found.evidence)


def test_a_nat_forwarded_port_read_over_ssh_is_a_business_workload() -> None:
    pc = asset("pc-linux", "10.0.0.62", "workstation", ("workstation",), services=[
        svc(8080, "", product="VBoxHeadless").model_copy(update={"collector": "ssh"})])
    (found,) = desktop_vm.check(build_context(one_switch_office([pc])))
    assert found.id == "DRS-013" and found.asset_ids == ["pc-linux"]
    assert any("port 8080/tcp on the desktop itself is held by VBoxHeadless" in e
               and "NAT" in e and "over SSH" in e for e in found.evidence)


def test_hostile_vm_names_are_cleaned() -> None:
    vm = _vm("evil", "10.0.0.41", "ws1").model_copy(update={"name": "=cmd|'x'!A0\x1b[31m\r\n"})
    (found,) = desktop_vm.check(build_context(_office([vm], [_runs_on("evil", "ws1")])))
    assert not any(ch in "".join(found.evidence) for ch in "\x1b\r\n")


def test_virtualbox_package_on_a_linux_desktop_read_over_ssh() -> None:
    pc = asset("pc-linux", "10.0.0.63", "workstation", ("workstation",), software=[
        SoftwareItem(name="virtualbox-7.0", version="7.0.14-161095~Debian~bookworm",
                     type="hypervisor", collector="ssh"),
        SoftwareItem(name="gnome-shell", version="43.9", type="desktop", collector="ssh")])
    (found,) = desktop_vm.check(build_context(one_switch_office([pc])))
    assert found.id == "DRS-013:installed"
    assert any("virtualbox-7.0 7.0.14" in e and "read over ssh" in e for e in found.evidence)
    assert not any("gnome-shell" in e for e in found.evidence)


def test_a_virtual_adapter_in_the_interface_table_is_client_hypervisor_evidence() -> None:
    """SNMP's ifTable of a Windows desktop lists VirtualBox's host-only adapter."""
    pc = asset("pc-snmp", "10.0.0.64", "workstation", ("workstation",), interfaces=[
        Interface(name="Ethernet", description="Intel(R) Ethernet Connection I219-LM"),
        Interface(name="Ethernet 2",
                  description="VirtualBox Host-Only Ethernet Adapter")])
    (found,) = desktop_vm.check(build_context(one_switch_office([pc])))
    assert found.id == "DRS-013:installed"
    assert any("VirtualBox Host-Only Ethernet Adapter" in e for e in found.evidence)


def test_server_ports_on_a_desktop_with_a_client_hypervisor_are_a_business_workload() -> None:
    """From the outside: the desktop's own address answers HTTP while VMware's NAT adapter
    is in its interface table: a NAT-forwarded VM (or the desktop serving itself)."""
    pc = asset("pc-nat", "10.0.0.65", "workstation", ("web", "workstation"),
               services=[svc(8080, "http-proxy")],
               interfaces=[Interface(name="VMware Network Adapter VMnet8",
                                     description="VMware Virtual Ethernet Adapter for VMnet8")])
    (found,) = desktop_vm.check(build_context(one_switch_office([pc])))
    assert found.id == "DRS-013" and found.asset_ids == ["pc-nat"]
    assert any("answers as a server (web: 8080/tcp http-proxy)" in e for e in found.evidence)
    plain = pc.model_copy(update={"interfaces": []})  # no client hypervisor: not this rule
    assert desktop_vm.check(build_context(one_switch_office([plain]))) == []
