"""The Hyper-V transport: one PowerShell script over WinRM, answering JSON.

The session (pywinrm) is :mod:`scanner.collectors.winrm.session`.  The script asks the
Hyper-V and failover clustering modules (``Get-VMHost``, ``Get-VM``, ``Get-VMHardDiskDrive``,
``Get-VMNetworkAdapter``, ``Get-Cluster``, ``Get-ClusterNode``,
``Get-ClusterSharedVolume``) and prints one ``ConvertTo-Json`` document; the
transport is a function argument, so :mod:`.parse` runs on recorded output.
This has NOT been run against a live Hyper-V host (see README).
"""

from __future__ import annotations

import json
from typing import Any

from scanner.collectors.virt.common import fail
from scanner.collectors.winrm.session import Transport, powershell
from scanner.credentials import VirtEndpoint

Snapshot = dict[str, Any]

SCRIPT = r"""
$ErrorActionPreference = 'Stop'
$vms = @(Get-VM)
$cluster = $null; $nodes = @(); $csv = @()
if (Get-Command Get-Cluster -ErrorAction SilentlyContinue) {
  try {
    $cluster = Get-Cluster | Select-Object Name
    $nodes = @(Get-ClusterNode | Select-Object Name, State)
    $csv = @(Get-ClusterSharedVolume | Select-Object Name,
      @{n='Path'; e={$_.SharedVolumeInfo.FriendlyVolumeName}})
  } catch { $cluster = $null }
}
[pscustomobject]@{
  host = Get-VMHost | Select-Object ComputerName, FullyQualifiedDomainName,
    LogicalProcessorCount, MemoryCapacity, VirtualHardDiskPath
  os = Get-CimInstance Win32_OperatingSystem | Select-Object Caption, Version
  system = Get-CimInstance Win32_ComputerSystem | Select-Object Manufacturer, Model
  bios = Get-CimInstance Win32_BIOS | Select-Object SerialNumber
  vms = @($vms | Select-Object Name, Id, State, ProcessorCount, MemoryStartup,
    MemoryAssigned, DynamicMemoryEnabled, IsClustered, Generation, Path)
  disks = @($vms | Get-VMHardDiskDrive | Select-Object VMName, VMId, Path,
    ControllerType, ControllerNumber, ControllerLocation)
  nics = @($vms | Get-VMNetworkAdapter | Select-Object VMName, VMId, MacAddress,
    IPAddresses, SwitchName)
  cluster = $cluster; nodes = $nodes; csv = $csv
} | ConvertTo-Json -Depth 4 -Compress
"""


def winrm_transport(endpoint: VirtEndpoint, *, insecure: bool, timeout: float) -> Transport:
    cred = endpoint.credential
    address = endpoint.address if "//" in endpoint.address else f"https://{endpoint.address}:5986"
    return powershell(address, cred.user or "", cred.password or "", host=endpoint.address,
                      insecure=insecure, timeout=timeout, secrets=cred.secrets(),
                      extra="hyperv")


def fetch(endpoint: VirtEndpoint, transport: Transport) -> Snapshot:
    """Run the script through ``transport`` and decode its JSON."""
    text = transport(SCRIPT)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise fail(f"{endpoint.address} did not answer JSON: {exc}", "error",
                   endpoint.credential.secrets()) from exc
    if not isinstance(data, dict):
        raise fail(f"{endpoint.address} answered {type(data).__name__}, not an object", "error")
    return data
