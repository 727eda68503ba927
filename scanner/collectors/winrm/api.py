"""The WinRM transport: one fixed PowerShell script, answering one JSON document.

pywinrm is imported here only (``pip install drscout[winrm]``).  The script is a
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

from scanner.collectors.virt.common import fail, missing_extra
from scanner.collectors.winrm.options import WinrmOptions
from scanner.errors import CollectorError
from scanner.inventory.model import GapReason

Snapshot = dict[str, Any]
#: runs a PowerShell script on one host, returns its stdout
Transport = Callable[[str], str]
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
    try:
        import requests
        import winrm
        from winrm import exceptions as wx
    except ImportError as exc:
        raise missing_extra("winrm", "pywinrm") from exc
    failures = (wx.WinRMError, wx.WinRMTransportError, wx.WinRMOperationTimeoutError,
                requests.RequestException, OSError)
    cred = options.credential
    scheme = "https" if port == 5986 else "http"
    session = winrm.Session(f"{scheme}://{host}:{port}/wsman",
                            auth=(cred.user if cred else "", cred.password or "" if cred else ""),
                            transport="ntlm",
                            server_cert_validation="ignore" if options.insecure else "validate",
                            read_timeout_sec=int(options.timeout) + 10,
                            operation_timeout_sec=int(options.timeout))

    def run(script: str) -> str:
        try:
            result = session.run_ps(script)
        except failures as exc:
            raise classify(exc, host, options.secrets()) from None
        if result.status_code != 0:
            raise fail(f"PowerShell failed on {host}: "
                       f"{result.std_err.decode('utf-8', 'replace')[:300]}", "error",
                       options.secrets())
        return str(result.std_out.decode("utf-8", "replace"))

    return run


def classify(exc: Exception, host: str, secrets: list[str]) -> CollectorError:
    """pywinrm's and requests' exceptions -> a gap reason (by class name, so this module
    needs neither import to understand them)."""
    names = {c.__name__ for c in type(exc).__mro__}
    reason: GapReason = "error"
    if names & {"AuthenticationError", "PermissionError"}:  # requests_ntlm: no NTLM offered
        reason = "auth"
    elif names & {"Timeout", "WinRMOperationTimeoutError", "TimeoutError"}:
        reason = "timeout"
    elif names & {"ConnectionError", "SSLError", "ConnectionRefusedError"}:
        reason = "unreachable"
    what = {"auth": "login refused", "timeout": "no answer in time",
            "unreachable": "cannot connect"}.get(reason, "WinRM failed")
    return fail(f"{host}: {what} ({type(exc).__name__}: {exc})", reason, secrets)


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
