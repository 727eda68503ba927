"""Command-line options for hypervisor APIs (vCenter/ESXi, libvirt, Proxmox, Hyper-V).

``virt_options`` adds them to ``scan`` and ``run``; ``virt_options_from`` turns
the parsed values into :class:`~scanner.credentials.VirtOptions`.  Passwords
and token secrets are best given through the environment variables named in
each option's help: a command line is visible to every user of the machine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from scanner.credentials import PLATFORM_WORDS, VirtCredential, VirtEndpoint, VirtOptions
from scanner.errors import UsageError


def _login(prefix: str, env: str, what: str) -> list[Callable[..., Any]]:
    upper = env.upper()
    return [
        click.option(f"--{prefix}-user", envvar=f"DRSCOUT_{upper}_USER", metavar="USER",
                     help=f"User for {what}. Env: DRSCOUT_{upper}_USER."),
        click.option(f"--{prefix}-password", envvar=f"DRSCOUT_{upper}_PASSWORD",
                     metavar="PASSWORD",
                     help=f"Password for {what} (prefer the env var DRSCOUT_{upper}_PASSWORD: "
                          "command lines are visible to ps)."),
    ]


def virt_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Hypervisor endpoints and their credentials, for ``scan`` and ``run``."""
    decorators = [
        click.option("--vcenter", multiple=True, metavar="URL",
                     help="vCenter or ESXi host to read VMs, hosts, clusters and datastores "
                          "from, e.g. https://vcenter.example (repeatable; needs "
                          "pip install drscout[vmware])."),
        *_login("vcenter", "vcenter", "--vcenter"),
        click.option("--libvirt", multiple=True, metavar="URI",
                     help="libvirt URI to read, e.g. qemu+ssh://root@kvm1/system or "
                          "qemu+tcp://kvm1/system (repeatable; needs "
                          "pip install drscout[libvirt])."),
        *_login("libvirt", "libvirt", "--libvirt (SASL logins; ssh uses your ssh keys)"),
        click.option("--proxmox", multiple=True, metavar="URL",
                     help="Proxmox VE node or cluster API, e.g. https://pve1:8006 "
                          "(repeatable; needs pip install drscout[proxmox])."),
        *_login("proxmox", "proxmox", "--proxmox, e.g. root@pam"),
        click.option("--proxmox-token-id", envvar="DRSCOUT_PROXMOX_TOKEN_ID",
                     metavar="USER@REALM!NAME",
                     help="Proxmox API token id (instead of a password). "
                          "Env: DRSCOUT_PROXMOX_TOKEN_ID."),
        click.option("--proxmox-token-secret", envvar="DRSCOUT_PROXMOX_TOKEN_SECRET",
                     metavar="SECRET",
                     help="Proxmox API token secret (prefer the env var "
                          "DRSCOUT_PROXMOX_TOKEN_SECRET)."),
        click.option("--hyperv", multiple=True, metavar="HOST",
                     help="Hyper-V host to read over WinRM (repeatable; needs "
                          "pip install drscout[hyperv]; not yet run against a live host)."),
        *_login("hyperv", "hyperv", "--hyperv (DOMAIN\\user or user@domain)"),
        click.option("--insecure", is_flag=True,
                     help="Accept self-signed or unverifiable hypervisor and directory "
                          "(LDAP) certificates (off by default; the report notes when it "
                          "was used)."),
        click.option("--virt-timeout", default=30.0, show_default=True,
                     type=click.FloatRange(1, 3600),
                     help="Seconds to wait for each hypervisor API."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def _cred(kw: dict[str, Any], prefix: str) -> VirtCredential:
    return VirtCredential(user=kw.get(f"{prefix}_user") or None,
                          password=kw.get(f"{prefix}_password") or None)


def virt_options_from(kw: dict[str, Any]) -> VirtOptions:
    """VirtOptions from the parsed click values (absent keys mean "none given")."""
    endpoints: list[VirtEndpoint] = []
    for prefix, platform in PLATFORM_WORDS:
        cred = _cred(kw, prefix)
        if prefix == "proxmox" and kw.get("proxmox_token_id"):
            cred = VirtCredential(user=cred.user, password=cred.password,
                                  token_id=kw["proxmox_token_id"],
                                  token_secret=kw.get("proxmox_token_secret") or None)
        for address in kw.get(prefix) or ():
            if not address.strip():
                raise UsageError(f"--{prefix} needs an address")
            endpoints.append(VirtEndpoint(platform, address.strip(), cred))
    return VirtOptions(endpoints=tuple(endpoints), insecure=bool(kw.get("insecure")),
                       timeout=float(kw.get("virt_timeout") or 30.0))
