"""Endpoint plumbing: a hypervisor found by port but not read is a not-attempted
gap naming the options that would read it; a missing extra names its pip
install; credentials stay out of reprs; the CLI builds endpoints."""

from __future__ import annotations

import asyncio
import sys

import pytest

from drscout.cli.virt import virt_options_from
from scanner.collectors import vmware
from scanner.collectors.virt.common import safe_address
from scanner.collectors.virt.endpoints import collect_endpoint, uncovered
from scanner.credentials import VirtCredential, VirtEndpoint, VirtOptions
from scanner.errors import CollectorError
from scanner.inventory.model import Service
from scanner.inventory.sighting import CollectorResult, Sighting


def _nmap(ip: str, *ports: int) -> CollectorResult:
    return CollectorResult(collector="nmap", target=ip, sightings=[Sighting(
        collector="nmap", ips=[ip], services=[Service(port=p, collector="nmap") for p in ports])])


def test_hypervisor_ports_without_credentials_become_not_attempted_gaps() -> None:
    results = [_nmap("10.9.0.5", 443, 902), _nmap("10.9.0.6", 8006), _nmap("10.9.0.7", 22)]
    opts = VirtOptions(endpoints=(VirtEndpoint("proxmox", "https://10.9.0.6:8006"),))
    gaps = uncovered(results, opts)
    assert [(g.target, g.collector, g.reason) for g in gaps] == [
        ("10.9.0.5", "vmware", "not-attempted")]
    assert "--vcenter https://10.9.0.5" in gaps[0].detail
    assert "credentials would complete the picture" in gaps[0].detail


def test_missing_extra_names_the_pip_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyVmomi", None)
    monkeypatch.setitem(sys.modules, "pyVim.connect", None)
    with pytest.raises(CollectorError) as err:
        asyncio.run(collect_endpoint(vmware.collect, VirtEndpoint("vmware", "https://127.0.0.1:1"),
                                     VirtOptions(timeout=5)))
    assert err.value.reason == "missing-dependency"
    assert "pip install drscout[vmware]" in str(err.value)


def test_secrets_never_in_reprs_or_addresses() -> None:
    cred = VirtCredential("root@pam", "drsv-p", token_id="root@pam!scan", token_secret="drsv-t")
    text = repr(VirtEndpoint("proxmox", "https://pve:8006", cred)) + str(cred)
    assert "drsv-p" not in text and "drsv-t" not in text
    assert safe_address("qemu+ssh://root:drsv-p@kvm1/system") == "qemu+ssh://root@kvm1/system"


def test_cli_values_become_endpoints() -> None:
    opts = virt_options_from({"vcenter": ("https://vc1",), "vcenter_user": "admin",
                              "vcenter_password": "pw", "proxmox": ("https://pve1:8006",),
                              "proxmox_token_id": "root@pam!drs", "proxmox_token_secret": "s",
                              "libvirt": ("qemu+ssh://root@kvm1/system",), "hyperv": (),
                              "insecure": True, "virt_timeout": 12.0})
    assert [(e.platform, e.address) for e in opts.endpoints] == [
        ("vmware", "https://vc1"), ("libvirt", "qemu+ssh://root@kvm1/system"),
        ("proxmox", "https://pve1:8006")]
    assert opts.endpoints[2].credential.token_id == "root@pam!drs"
    assert opts.insecure and opts.timeout == 12.0 and opts.secrets() == ["pw", "s"]
