"""The WinRM transport: one fixed PowerShell script, answering one JSON document.

pywinrm lives in :mod:`.session` (``pip install drscout[winrm]``).  The script is a
constant: nothing read from a device or typed by a user is ever spliced into it.  It
only reads (CIM classes, the Uninstall registry keys, ``Get-WindowsFeature``,
``Get-WBSummary``/``Get-WBPolicy``, the Veeam event logs); each part runs in its own
``try`` so a client OS without ``Get-WindowsFeature`` still gives software and disks,
and the part's error message comes back under ``errors``.  Times are printed as ISO
8601 text (``ToString('o')``) so Windows PowerShell 5.1 and PowerShell 7 agree.

The transport is a function argument, so :mod:`.parse` runs on recorded output.  This
has NOT been run against a live Windows host (see fixtures/winrm/README.md).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from scanner.collectors.virt.common import fail
from scanner.collectors.winrm.options import WinrmOptions
from scanner.collectors.winrm.session import Transport, powershell

Snapshot = dict[str, Any]
#: runs a PowerShell script on one host, returns its stdout
#: makes the transport for a host (the real one opens a pywinrm session)
Connect = Callable[[str, int, WinrmOptions], Transport]

SCRIPT = r"""
$ErrorActionPreference = 'Stop'
$errors = @{}
function Read-Part([string]$name, [scriptblock]$block) {
  try { & $block } catch { $errors[$name] = [string]$_.Exception.Message; $null }
}
function Iso($t) { if ($t) { ([datetime]$t).ToUniversalTime().ToString('o') } }
$uninstall = 'HKLM:\Software\Microsoft\Windows\CurrentVersion\Uninstall\*',
  'HKLM:\Software\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall\*'
$veeamLogs = 'Veeam Agent', 'Veeam Backup'
$quiet = @{ ErrorAction = 'SilentlyContinue' }
[pscustomobject]@{
  read_at = Iso (Get-Date)
  os = Read-Part 'os' { Get-CimInstance Win32_OperatingSystem |
    Select-Object Caption, Version, CSName, ProductType,
      @{n='LastBootUpTime'; e={Iso $_.LastBootUpTime}} }
  system = Read-Part 'system' { Get-CimInstance Win32_ComputerSystem |
    Select-Object Manufacturer, Model, Domain, NumberOfLogicalProcessors, TotalPhysicalMemory }
  features = Read-Part 'features' {
    if (Get-Command Get-WindowsFeature @quiet) {
      @(Get-WindowsFeature | Where-Object Installed |
        Select-Object Name, DisplayName, FeatureType) } }
  software = Read-Part 'software' { @(Get-ItemProperty $uninstall @quiet |
    Where-Object DisplayName | Select-Object DisplayName, DisplayVersion, Publisher) }
  services = Read-Part 'services' { @(Get-CimInstance Win32_Service |
    Select-Object Name, DisplayName, State, StartMode) }
  disks = Read-Part 'disks' { @(Get-CimInstance Win32_LogicalDisk -Filter 'DriveType=3' |
    Select-Object DeviceID, FileSystem, Size, FreeSpace, VolumeName) }
  wbsummary = Read-Part 'wbsummary' {
    if (Get-Command Get-WBSummary @quiet) {
      Get-WBSummary | Select-Object LastBackupResultHR, NumberOfVersions,
        LastSuccessfulBackupTargetLabel,
        @{n='LastSuccessfulBackupTime'; e={Iso $_.LastSuccessfulBackupTime}},
        @{n='LastBackupTime'; e={Iso $_.LastBackupTime}},
        @{n='NextBackupTime'; e={Iso $_.NextBackupTime}} } }
  wbschedule = Read-Part 'wbschedule' {
    if (Get-Command Get-WBPolicy @quiet) {
      $policy = Get-WBPolicy;
      if ($policy) { @(Get-WBSchedule -Policy $policy |
        ForEach-Object { $_.ToString('HH:mm') }) } } }
  veeam = Read-Part 'veeam' { @(foreach ($log in $veeamLogs) {
    if (Get-WinEvent -ListLog $log @quiet) {
      Get-WinEvent -FilterHashtable @{LogName=$log; Id=190} -MaxEvents 20 @quiet |
        Select-Object LogName, Id, Level, ProviderName, Message,
          @{n='TimeCreated'; e={Iso $_.TimeCreated}} } }) }
  errors = $errors
} | ConvertTo-Json -Compress -Depth 4
"""


def winrm_transport(host: str, port: int, options: WinrmOptions) -> Transport:
    """A pywinrm NTLM session to ``host``: HTTPS on 5986 (certificate checked unless
    ``--insecure``), HTTP on any other port (NTLM still encrypts the messages)."""
    cred = options.credential
    scheme = "https" if port == 5986 else "http"
    return powershell(f"{scheme}://{host}:{port}/wsman", cred.user if cred else "",
                      (cred.password or "") if cred else "", host=host,
                      insecure=options.insecure, timeout=options.timeout,
                      secrets=options.secrets(), extra="winrm")


def fetch(host: str, transport: Transport, secrets: list[str]) -> Snapshot:
    """Run :data:`SCRIPT` through ``transport`` and decode its JSON object."""
    raw = transport(SCRIPT)
    try:
        data = json.loads(raw.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise fail(f"{host} did not answer JSON: {exc}", "error", secrets) from None
    if not isinstance(data, dict):
        raise fail(f"{host} answered {type(data).__name__}, not an object", "error", secrets)
    return data
