"""The office's hypervisor host hv (libvirtd, test driver) through ``drscout run``.

Without credentials the scan finds hv by its libvirt port and says, as a
"not-attempted" gap, which option would read its VMs; given the libvirt URI it
collects them, each ``runs_on`` hv, and hv stays one asset: the test driver
names its host after the node file ("hv"), which is also hv's DNS name, so the
API's host and nmap's 10.77.0.50 merge by name (libvirt reports no address for
its own host).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.lab import expected as E
from tests.lab import services_virt
from tests.lab.office import Office
from tests.lab.test_end_to_end import DRSCOUT, SCAN_NS

HV = E.BY_KEY["hv"]
HV_ID = "mac-" + HV.mac.replace(":", "")


def _run(office: Office, repo: Path, out: Path, *extra: str) -> dict[str, Any]:
    proc = office.run_in(SCAN_NS, [*DRSCOUT, "run", E.LAN, "-o", str(out), "--json", "-q",
                                   *extra], cwd=repo, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return {name: json.loads((out / f"{name}.json").read_text())
            for name in ("inventory", "assessment")}


@pytest.fixture(scope="module")
def plain(office: Office, repo_root: Path, tmp_path_factory: pytest.TempPathFactory
          ) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("hv-plain") / "report"
    return out, _run(office, repo_root, out)


@pytest.fixture(scope="module")
def with_libvirt(office: Office, repo_root: Path, tmp_path_factory: pytest.TempPathFactory
                 ) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("hv-libvirt") / "report"
    uri = E.hv_libvirt_uri(str(services_virt.node_file(office.state_dir)))
    return _run(office, repo_root, out, "--libvirt", uri)


def _hv_assets(inventory: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for a in inventory["assets"] if HV.ip in a["ips"] or a["name"] == "hv"]


def test_plain_run_finds_hv_by_port_as_hypervisor(plain: tuple[Path, dict[str, Any]]) -> None:
    (asset,) = _hv_assets(plain[1]["inventory"])
    assert asset["id"] == HV_ID and "hypervisor" in asset["roles"]
    assert any(s["port"] == E.HV_LIBVIRT_PORT and s["protocol"] == "tcp"
               for s in asset["services"])
    evidence = [f["evidence"] for f in asset["provenance"]
                if f["field"] == "role" and f["value"] == "hypervisor"]
    assert any("16509" in e for e in evidence), evidence


def test_plain_run_says_which_credentials_would_complete_hv(
        plain: tuple[Path, dict[str, Any]]) -> None:
    out, data = plain
    # hv runs no SNMP agent, so snmp's timeout gap for it is true and not asserted on
    gaps = [g for g in data["inventory"]["gaps"] if g["target"] == HV.ip
            and g["collector"] != "snmp"]
    assert [(g["collector"], g["reason"]) for g in gaps] == [("libvirt", "not-attempted")]
    assert f"--libvirt qemu+tcp://{HV.ip}/system" in gaps[0]["detail"]
    report = (out / "gap-report.html").read_text()
    assert f"qemu+tcp://{HV.ip}/system" in report


def test_plain_run_hv_takes_down_only_virtualization(
        plain: tuple[Path, dict[str, Any]]) -> None:
    """The only hypervisor is a SPOF of the default "Virtualization" process (design:
    analysis/processes.py) and of nothing else: no lab process runs on it."""
    spofs = [s for s in plain[1]["assessment"]["spofs"] if HV_ID in s["asset_ids"]]
    assert any(s["kind"] == "role" and "(role hypervisor)" in s["reason"] for s in spofs)
    assert {p for s in spofs for p in s["processes"]} == {"Virtualization"}


def test_libvirt_run_puts_every_vm_on_hv(with_libvirt: dict[str, Any]) -> None:
    inv = with_libvirt["inventory"]
    vms = {a["name"]: a for a in inv["assets"] if a["type"] == "vm"}
    assert set(vms) == set(E.HV_VMS)
    for name, (mac, vcpus, mib, state) in E.HV_VMS.items():
        vm = vms[name]
        assert mac in vm["macs"]
        assert vm["virtualization"]["vcpus"] == vcpus
        assert vm["virtualization"]["memory_bytes"] == mib * 1024 * 1024
        assert (vm["virtualization"]["power_state"] == "off") == (state == 5)
    runs_on = {ln["source"]: ln["target"] for ln in inv["links"] if ln["kind"] == "runs_on"}
    assert {vm["id"]: runs_on.get(vm["id"]) for vm in vms.values()} == {
        vm["id"]: HV_ID for vm in vms.values()}
    assert not [g for g in inv["gaps"] if g["collector"] == "libvirt"]


def test_libvirt_run_keeps_hv_one_asset(with_libvirt: dict[str, Any]) -> None:
    inv = with_libvirt["inventory"]
    (asset,) = _hv_assets(inv)
    assert asset["id"] == HV_ID and asset["name"] == "hv"
    assert HV.mac in asset["macs"] and HV.fqdn in asset["hostnames"]
    assert asset["virtualization"]["kind"] == "host"
    assert asset["virtualization"]["platform"] == "libvirt"
    assert "hypervisor" in asset["roles"]
    assert len(inv["assets"]) == len(E.HOSTS) + len(E.HV_VMS)


def test_libvirt_run_hv_carries_its_running_vms(with_libvirt: dict[str, Any]) -> None:
    """A standalone host with VMs on a local pool: its failure takes them down."""
    names = {a["id"]: a["name"] for a in with_libvirt["inventory"]["assets"]}
    blast = {names.get(x) for s in with_libvirt["assessment"]["spofs"]
             if HV_ID in s["asset_ids"] for x in s["blast_radius"]}
    running = {n for n, spec in E.HV_VMS.items() if spec[3] == 1}
    assert running <= blast, blast
