"""Command-line options for the SSH collector (Linux servers, NAS, Proxmox/KVM hosts).

``ssh_options`` adds them to ``scan`` and ``run``; ``ssh_options_from`` turns the parsed
values into :class:`~scanner.collectors.ssh.options.SshOptions`.  The password and a
key's passphrase come from the environment (``DRSCOUT_SSH_PASSWORD``,
``DRSCOUT_SSH_KEY_PASSPHRASE``) or the ``--config`` file only: a command line is visible
to every user of the machine.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import click

from scanner.collectors.ssh.options import SshCredential, SshOptions, default_known_hosts
from scanner.errors import UsageError

PASSWORD_ENV = "DRSCOUT_SSH_PASSWORD"
PASSPHRASE_ENV = "DRSCOUT_SSH_KEY_PASSPHRASE"


def ssh_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--ssh-user``, ``--ssh-key``, ``--ssh-host``, ``--ssh-only``, ``--ssh-port``,
    ``--ssh-known-hosts``, ``--ssh-timeout``."""
    decorators = [
        click.option("--ssh-user", envvar="DRSCOUT_SSH_USER", metavar="USER",
                     help="Log in over SSH as USER to read OS, disks, services, packages "
                          "of interest, backup timers/cron jobs and containers (read-only "
                          "allow-list) on every live host with 22/tcp open. Auth: "
                          f"--ssh-key, else env {PASSWORD_ENV}, else your ssh-agent. "
                          "Needs pip install drscout[ssh]. Env: DRSCOUT_SSH_USER."),
        click.option("--ssh-key", type=click.Path(dir_okay=False, exists=True),
                     envvar="DRSCOUT_SSH_KEY", metavar="PATH",
                     help=f"Private key file for --ssh-user (passphrase: env "
                          f"{PASSPHRASE_ENV}). Env: DRSCOUT_SSH_KEY."),
        click.option("--ssh-host", "ssh_hosts", multiple=True, metavar="HOST",
                     help="Host to read over SSH even if the scan did not find it "
                          "(repeatable)."),
        click.option("--ssh-only", is_flag=True,
                     help="Read only the --ssh-host hosts, not every live host with "
                          "22/tcp open."),
        click.option("--ssh-port", default=22, show_default=True,
                     type=click.IntRange(1, 65535), help="TCP port of the SSH servers."),
        click.option("--ssh-known-hosts", type=click.Path(dir_okay=False, path_type=Path),
                     envvar="DRSCOUT_SSH_KNOWN_HOSTS", metavar="FILE",
                     help="known_hosts file: host keys are recorded there on first use "
                          "and a changed key is refused. Default: "
                          "$XDG_DATA_HOME/drscout/known_hosts. Env: DRSCOUT_SSH_KNOWN_HOSTS."),
        click.option("--ssh-timeout", default=15.0, show_default=True,
                     type=click.FloatRange(1, 600),
                     help="Seconds for each SSH login and for each command."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def ssh_options_from(kw: dict[str, Any], environ: Mapping[str, str] | None = None
                     ) -> SshOptions:
    """SshOptions from the parsed click values (absent keys mean "none given")."""
    env = os.environ if environ is None else environ
    user = (kw.get("ssh_user") or "").strip() or None
    hosts = tuple(h.strip() for h in kw.get("ssh_hosts") or () if h.strip())
    if any(c.isspace() or c in "[]," for h in hosts for c in h):
        raise UsageError("--ssh-host takes one host name or address per option")
    if (hosts or kw.get("ssh_key")) and not user:
        raise UsageError("--ssh-host and --ssh-key need --ssh-user")
    if kw.get("ssh_only") and not hosts:
        raise UsageError("--ssh-only needs at least one --ssh-host")
    cred = SshCredential(user, password=env.get(PASSWORD_ENV) or None,
                         key_path=kw.get("ssh_key") or None,
                         passphrase=env.get(PASSPHRASE_ENV) or None) if user else None
    timeout = float(kw.get("ssh_timeout") or 15.0)
    return SshOptions(credential=cred, hosts=hosts, discovered=not kw.get("ssh_only"),
                      port=int(kw.get("ssh_port") or 22),
                      known_hosts=kw.get("ssh_known_hosts") or default_known_hosts(env),
                      connect_timeout=timeout, command_timeout=timeout)
