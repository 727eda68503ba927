"""One PowerShell-over-WinRM session (pywinrm, NTLM), shared by the WinRM and Hyper-V
collectors: the only place pywinrm is imported, and the one mapping of its failures to
gap reasons.
"""

from __future__ import annotations

from collections.abc import Callable

from scanner.collectors.virt.common import fail, missing_extra
from scanner.errors import CollectorError
from scanner.inventory.model import GapReason

#: runs one PowerShell script, returns its stdout
Transport = Callable[[str], str]


def powershell(url: str, user: str, password: str, *, host: str, insecure: bool,
               timeout: float, secrets: list[str], extra: str) -> Transport:
    """A transport to ``url`` (``https://host:5986/wsman`` or ``http://...:5985``); a
    client library missing says ``pip install drscout[extra]``."""
    try:
        import requests
        import winrm
        from winrm import exceptions as wx
    except ImportError as exc:
        raise missing_extra(extra, "pywinrm") from exc
    failures = (wx.WinRMError, wx.WinRMTransportError, wx.WinRMOperationTimeoutError,
                requests.RequestException, OSError)
    session = winrm.Session(url, auth=(user, password), transport="ntlm",
                            server_cert_validation="ignore" if insecure else "validate",
                            read_timeout_sec=int(timeout) + 10,
                            operation_timeout_sec=int(timeout))

    def run(script: str) -> str:
        try:
            result = session.run_ps(script)
        except failures as exc:
            raise classify(exc, host, secrets) from None
        if result.status_code != 0:
            raise fail(f"PowerShell failed on {host}: "
                       f"{result.std_err.decode('utf-8', 'replace')[:300]}", "error", secrets)
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
