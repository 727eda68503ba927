"""``drscout run`` on real namespaces: a VM bridged through a desktop is found from the
switch's forwarding table (real snmpd, BRIDGE-MIB from the live Linux bridge), placed on
the desktop, counted in its blast radius, and flagged DRS-013; the control, a VMware VM
behind an ESXi-like server's port, is placed on that server and raises no desktop finding."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.lab.netns import ns_argv
from tests.scanner.topology import guestlab as G

pytestmark = pytest.mark.lab
REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    reason = G.unavailable()
    if reason:
        pytest.skip(f"guest lab unavailable: {reason}")
    state = tmp_path_factory.mktemp("drsv-state")
    out = tmp_path_factory.mktemp("drsv-run") / "report"
    with G.running(state):
        proc = subprocess.run(
            ns_argv(G.NS["scan"], [sys.executable, "-m", "drscout.cli", "run", G.LAN,
                                   "--profile", "quick", "--quiet", "-o", str(out)]),
            cwd=REPO, capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode in (0, 1), proc.stderr[-3000:]
    yield {"inventory": json.loads((out / "inventory.json").read_text()),
           "assessment": json.loads((out / "assessment.json").read_text()),
           "report": (out / "gap-report.md").read_text() if (out / "gap-report.md").exists()
           else ""}


def _at(inventory: dict[str, Any], ip: str) -> dict[str, Any]:
    found: dict[str, Any] = next(a for a in inventory["assets"] if ip in a["ips"])
    return found


def test_the_switch_fdb_is_read_over_snmp(run: dict[str, Any]) -> None:
    sw = _at(run["inventory"], G.SWITCH_IP)
    assert "snmp" in sw["sources"] and sw["type"] == "switch"


def test_the_desktop_vm_runs_on_the_desktop(run: dict[str, Any]) -> None:
    inv = run["inventory"]
    ws, vm = _at(inv, G.WS_IP), _at(inv, G.VM_IP)
    assert ws["type"] == "workstation" and ws.get("virtualization") is None
    assert vm["type"] == "vm" and G.VM_MAC in vm["macs"]
    assert vm["virtualization"]["platform"] == "virtualbox"
    assert vm["virtualization"]["kind"] == "vm"
    assert any(s["port"] == 80 for s in vm["services"]) and "web" in vm["roles"]
    (link,) = [ln for ln in inv["links"] if ln["kind"] == "runs_on" and ln["source"] == vm["id"]]
    assert link["target"] == ws["id"] and link["collector"] == "snmp"
    assert "p-ws" in link["evidence"] and G.VM_MAC in link["evidence"]
    sw = _at(inv, G.SWITCH_IP)
    cables = {(ln["target"], ln["source_port"]) for ln in inv["links"]
              if ln["kind"] == "physical" and ln["source"] == sw["id"]}
    assert (ws["id"], "p-ws") in cables  # the VM's MAC on its port does not hide the cable


def test_the_desktop_is_a_spof_with_the_vm_in_its_blast_radius(run: dict[str, Any]) -> None:
    ws, vm = _at(run["inventory"], G.WS_IP), _at(run["inventory"], G.VM_IP)
    spofs = {s["asset_ids"][0]: s for s in run["assessment"]["spofs"] if s["kind"] == "asset"}
    assert ws["id"] in spofs
    assert vm["id"] in spofs[ws["id"]]["blast_radius"]
    assert vm["id"] in spofs[ws["id"]]["workloads"]


def test_business_workload_on_a_desktop_is_flagged(run: dict[str, Any]) -> None:
    ws, vm = _at(run["inventory"], G.WS_IP), _at(run["inventory"], G.VM_IP)
    (found,) = [f for f in run["assessment"]["findings"] if f["id"] == "DRS-013"]
    assert found["asset_ids"] == [ws["id"], vm["id"]]
    assert any("p-ws" in e and "80/tcp" in e for e in found["evidence"])
    assert "Business workload on a desktop" in run["report"]


def test_control_a_vmware_vm_behind_a_server_hypervisor_is_no_desktop_finding(
        run: dict[str, Any]) -> None:
    inv = run["inventory"]
    esx, svm = _at(inv, G.ESX_IP), _at(inv, G.SVM_IP)
    assert esx["type"] == "hypervisor"
    runs_on = {ln["source"]: ln["target"] for ln in inv["links"] if ln["kind"] == "runs_on"}
    assert runs_on.get(svm["id"]) == esx["id"]
    flagged = {i for f in run["assessment"]["findings"] if f["id"].startswith("DRS-013")
               for i in f["asset_ids"]}
    assert not flagged & {esx["id"], svm["id"]}
