"""SYNTHETIC Hyper-V answers: written by this script, not captured from a host.

No Hyper-V host was available, so these documents follow Microsoft's documented
object shapes (Get-VM, Get-VMHost, Get-VMHardDiskDrive, Get-VMNetworkAdapter,
Get-Cluster, Get-ClusterNode) the way Windows PowerShell 5.1's
``ConvertTo-Json -Depth 4 -Compress`` prints them: enums as numbers (VMState
Running=2, Off=3; ClusterNodeState Up=0), a one-element array unwrapped to the
bare object, an empty one as null, MacAddress as 12 hex digits.
Run ``python -m tests.collectors.hyperv.hyperv_synthetic`` to rewrite fixtures/hyperv/.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[3] / "fixtures/hyperv"
GIB = 1024 ** 3


def _vm(name: str, vm_id: str, state: int, clustered: bool, mem_gib: int) -> dict[str, Any]:
    return {"Name": name, "Id": vm_id, "State": state, "ProcessorCount": 2,
            "MemoryStartup": mem_gib * GIB, "MemoryAssigned": mem_gib * GIB if state == 2 else 0,
            "DynamicMemoryEnabled": False, "IsClustered": clustered, "Generation": 2,
            "Path": "C:\\ProgramData\\Microsoft\\Windows\\Hyper-V"}


def _disk(vm: str, vm_id: str, path: str) -> dict[str, Any]:
    return {"VMName": vm, "VMId": vm_id, "Path": path, "ControllerType": 1,
            "ControllerNumber": 0, "ControllerLocation": 0}


def _nic(vm: str, vm_id: str, mac: str, ips: list[str]) -> dict[str, Any]:
    return {"VMName": vm, "VMId": vm_id, "MacAddress": mac,
            "IPAddresses": ips[0] if len(ips) == 1 else ips, "SwitchName": "LAN"}


def _host(name: str, mem_gib: int) -> dict[str, Any]:
    return {"ComputerName": name, "FullyQualifiedDomainName": "corp.example",
            "LogicalProcessorCount": 16, "MemoryCapacity": mem_gib * GIB,
            "VirtualHardDiskPath": "C:\\ProgramData\\Microsoft\\Windows\\Virtual Hard Disks"}


def cluster_node() -> dict[str, Any]:
    ids = ["0c1d0000-0000-4000-8000-000000000001", "0c1d0000-0000-4000-8000-000000000002",
           "0c1d0000-0000-4000-8000-000000000003"]
    return {
        "host": _host("HV1", 128),
        "os": {"Caption": "Microsoft Windows Server 2022 Datacenter", "Version": "10.0.20348"},
        "system": {"Manufacturer": "Dell Inc.", "Model": "PowerEdge R650"},
        "bios": {"SerialNumber": "HV1SYNTH"},
        "vms": [_vm("DC01", ids[0], 2, True, 8), _vm("APP01", ids[1], 2, False, 16),
                _vm("FILE01", ids[2], 3, True, 8)],
        "disks": [_disk("DC01", ids[0], "C:\\ClusterStorage\\Volume1\\DC01\\DC01.vhdx"),
                  _disk("APP01", ids[1], "D:\\Hyper-V\\APP01\\APP01.vhdx"),
                  _disk("FILE01", ids[2], "\\\\NAS4\\vms\\FILE01\\FILE01.vhdx")],
        "nics": [_nic("DC01", ids[0], "00155D010101", ["10.9.0.31", "fe80::1"]),
                 _nic("APP01", ids[1], "00155D010102", ["10.9.0.32"]),
                 _nic("FILE01", ids[2], "00155D010103", [])],
        "cluster": {"Name": "HVCLUSTER"},
        "nodes": [{"Name": "HV1", "State": 0}, {"Name": "HV2", "State": 0}],
        "csv": {"Name": "Cluster Disk 1", "Path": "C:\\ClusterStorage\\Volume1"},
    }


def standalone() -> dict[str, Any]:
    vm_id = "0c1d0000-0000-4000-8000-000000000009"
    return {
        "host": _host("HV9", 32),
        "os": {"Caption": "Microsoft Windows Server 2019 Standard", "Version": "10.0.17763"},
        "system": {"Manufacturer": "HPE", "Model": "ProLiant DL20 Gen10"},
        "bios": {"SerialNumber": "HV9SYNTH"},
        "vms": _vm("ERP9", vm_id, 2, False, 48),
        "disks": _disk("ERP9", vm_id, "E:\\VMs\\ERP9.vhdx"),
        "nics": _nic("ERP9", vm_id, "00155D010909", ["10.9.0.39"]),
        "cluster": None, "nodes": None, "csv": None,
    }


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for name, doc in (("synthetic-cluster-node.json", cluster_node()),
                      ("synthetic-standalone.json", standalone())):
        (OUT / name).write_text(json.dumps(doc, separators=(",", ":")) + "\n")
