"""Command-line options for the WinRM collector (Windows servers and workstations).

``winrm_options`` adds them to ``scan`` and ``run``; ``winrm_options_from`` turns the
parsed values into :class:`~scanner.collectors.winrm.options.WinrmOptions`.  The
password comes from the environment (``DRSCOUT_WINRM_PASSWORD``) or the ``--config``
file only: a command line is visible to every user of the machine.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any

import click

from scanner.collectors.winrm.options import WinrmCredential, WinrmOptions
from scanner.errors import UsageError

PASSWORD_ENV = "DRSCOUT_WINRM_PASSWORD"


def winrm_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--winrm-user``, ``--winrm-host``, ``--winrm-only``, ``--winrm-timeout`` (a
    self-signed certificate on 5986 is accepted with the shared ``--insecure``)."""
    decorators = [
        click.option("--winrm-user", envvar="DRSCOUT_WINRM_USER", metavar="USER",
                     help="Log in over WinRM (NTLM) as USER (DOMAIN\\user) to read Windows "
                          "features, installed software, services, disks, Windows Server "
                          "Backup and Veeam job results with one fixed read-only PowerShell "
                          "script, on every live host with 5986/5985 open; --insecure "
                          "accepts a self-signed certificate. Password: env "
                          f"{PASSWORD_ENV} or the --config file [winrm]. Needs pip install "
                          "drscout[winrm]. Env: DRSCOUT_WINRM_USER."),
        click.option("--winrm-host", "winrm_hosts", multiple=True, metavar="HOST",
                     help="Windows host to read over WinRM even if the scan did not find "
                          "it (repeatable)."),
        click.option("--winrm-only", is_flag=True,
                     help="Read only the --winrm-host hosts, not every live host with "
                          "5986/5985 open."),
        click.option("--winrm-timeout", default=30.0, show_default=True,
                     type=click.FloatRange(1, 600),
                     help="Seconds for each WinRM connection and script run."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def winrm_options_from(kw: dict[str, Any], environ: Mapping[str, str] | None = None
                       ) -> WinrmOptions:
    """WinrmOptions from the parsed click values (absent keys mean "none given")."""
    env = os.environ if environ is None else environ
    user = (kw.get("winrm_user") or "").strip() or None
    hosts = tuple(h.strip() for h in kw.get("winrm_hosts") or () if h.strip())
    if any(c.isspace() or c in "[],/" for h in hosts for c in h):
        raise UsageError("--winrm-host takes one host name or address per option")
    if hosts and not user:
        raise UsageError("--winrm-host needs --winrm-user")
    if kw.get("winrm_only") and not hosts:
        raise UsageError("--winrm-only needs at least one --winrm-host")
    cred = WinrmCredential(user, password=env.get(PASSWORD_ENV) or None) if user else None
    return WinrmOptions(credential=cred, hosts=hosts, discovered=not kw.get("winrm_only"),
                        insecure=bool(kw.get("insecure")),
                        timeout=float(kw.get("winrm_timeout") or 30.0))
