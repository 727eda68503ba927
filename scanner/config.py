"""``--config FILE``: hypervisor endpoints, SNMP, directory and SSH credentials in a TOML file.

Why a file: an MSP scans the same office every quarter with the same read-only
logins, and per-endpoint credentials (two vCenters, a Proxmox token) do not fit
the one-login-per-platform command-line options.  Secrets are best given by the
NAME of an environment variable (``password_env = "VCENTER_PW"``); an inline
secret works but is a file on disk, so a file that holds one and is readable by
every user of the machine is refused, and any inline secret draws a warning.

Example::

    insecure = false
    virt_timeout = 30
    [snmp]
    communities_env = "OFFICE_SNMP_COMMUNITIES"   # comma separated; "v1:" prefix for v1
    v3_user = "drscout"                 # or v3_user_env = "OFFICE_SNMP_USER"
    v3_auth_key_env = "OFFICE_SNMP_AUTH"
    v3_priv_key_env = "OFFICE_SNMP_PRIV"
    [[vcenter]]
    address = "https://vcenter.corp"
    user = "readonly@vsphere.local"
    password_env = "VCENTER_PASSWORD"
    [[proxmox]]
    address = "https://pve1:8006"
    token_id = "root@pam!drscout"
    token_secret_env = "PVE_TOKEN"
    [ldap]
    url = "ldaps://dc1.corp.example"        # optional: else _ldap._tcp SRV on the LAN's DNS
    user = "drscout-read@corp.example"
    password_env = "OFFICE_LDAP_PASSWORD"
    [ssh]
    user = "drscout"
    key = "~/.ssh/drscout_ed25519"       # or password_env = "OFFICE_SSH_PASSWORD"
    hosts = ["10.0.0.20"]                  # read even if the scan does not find them
    [winrm]
    user = "CORP\\drscout-read"
    password_env = "OFFICE_WINRM_PASSWORD"
    hosts = ["10.0.0.10"]

What the file gives is added after what the command line gives (SNMP
credentials are tried in that order; endpoints are read in addition).  With the
command line and the environment this is the one path for scan credentials: the
site file describes the site and holds none.
"""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path

import click
from pydantic import BaseModel, ConfigDict, SecretStr, ValidationError

from scanner.collectors.ssh.options import SshCredential, SshOptions
from scanner.collectors.winrm.options import WinrmCredential, WinrmOptions
from scanner.credentials import (
    PLATFORM_WORDS,
    AuthProto,
    LdapCredential,
    LdapOptions,
    PrivProto,
    SnmpCredential,
    SnmpV3User,
    VirtCredential,
    VirtEndpoint,
    parse_community,
)
from scanner.errors import UsageError
from scanner.options import ScanOptions

Warn = Callable[[str], None]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SnmpSection(_Strict):
    communities: list[SecretStr] = []
    communities_env: str | None = None
    v3_user: str | None = None
    v3_user_env: str | None = None
    v3_auth_key: SecretStr | None = None
    v3_auth_key_env: str | None = None
    v3_priv_key: SecretStr | None = None
    v3_priv_key_env: str | None = None
    v3_auth_proto: AuthProto = "sha"
    v3_priv_proto: PrivProto = "aes"


class EndpointEntry(_Strict):
    address: str
    user: str | None = None
    password: SecretStr | None = None
    password_env: str | None = None
    token_id: str | None = None
    token_secret: SecretStr | None = None
    token_secret_env: str | None = None


class LdapSection(_Strict):
    url: str | None = None
    user: str | None = None
    password: SecretStr | None = None
    password_env: str | None = None
    ca_file: str | None = None
    timeout: float | None = None


class SshSection(_Strict):
    user: str | None = None
    key: str | None = None
    passphrase_env: str | None = None
    password: SecretStr | None = None
    password_env: str | None = None
    hosts: list[str] = []
    known_hosts: str | None = None


class WinrmSection(_Strict):
    user: str | None = None
    password: SecretStr | None = None
    password_env: str | None = None
    hosts: list[str] = []


class ConfigFile(_Strict):
    snmp: SnmpSection = SnmpSection()
    vcenter: list[EndpointEntry] = []
    libvirt: list[EndpointEntry] = []
    proxmox: list[EndpointEntry] = []
    hyperv: list[EndpointEntry] = []
    ldap: LdapSection = LdapSection()
    ssh: SshSection = SshSection()
    winrm: WinrmSection = WinrmSection()
    insecure: bool = False
    virt_timeout: float | None = None

    def inline_secrets(self) -> list[str]:
        """Where the file holds a secret itself (key paths, never values)."""
        found = ["snmp.communities"] if self.snmp.communities else []
        found += [f"snmp.{k}" for k in ("v3_auth_key", "v3_priv_key")
                  if getattr(self.snmp, k) is not None]
        for table, _ in PLATFORM_WORDS:
            for i, entry in enumerate(getattr(self, table)):
                found += [f"{table}[{i}].{k}" for k in ("password", "token_secret")
                          if getattr(entry, k) is not None]
        found += ["ssh.password"] if self.ssh.password is not None else []
        found += ["winrm.password"] if self.winrm.password is not None else []
        return found + (["ldap.password"] if self.ldap.password is not None else [])


#: the ``--config`` option of ``scan`` and ``run`` (a click decorator)
config_option = click.option(
    "--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
    default=None, metavar="FILE",
    help="TOML file with hypervisor endpoints and SNMP credentials, secrets given by "
         "environment variable name (see README 'Config file').")


def load_config(path: Path, warn: Warn) -> ConfigFile:
    """Parse and check a config file; refuses a world-readable file holding secrets."""
    try:
        raw = path.read_bytes()
        mode = path.stat().st_mode
    except OSError as exc:
        raise UsageError(f"config {path}: cannot read ({exc.strerror})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
        config = ConfigFile.model_validate(data)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"config {path}: not valid TOML: {exc}") from None
    except ValidationError as exc:
        raise UsageError(f"config {path}: {_describe(exc)}") from None
    inline = config.inline_secrets()
    if inline and mode & stat.S_IROTH:
        raise UsageError(f"config {path} holds secrets ({', '.join(inline)}) and is readable "
                         "by every user: chmod 600 it, or name environment variables instead")
    if inline:
        group = " and by its group" if mode & stat.S_IRGRP else ""
        warn(f"config {path} holds secrets inline ({', '.join(inline)}); it is readable by "
             f"its owner{group}: keep it chmod 600, or use *_env keys naming environment "
             "variables")
    return config


def _describe(exc: ValidationError) -> str:
    """Key path and message of each error; never the offending value (it may be a secret)."""
    return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or '(top)'}: {e['msg']}"
                     for e in exc.errors())


def _secret(inline: SecretStr | None, env_name: str | None, where: str,
            environ: Mapping[str, str], warn: Warn) -> str | None:
    if inline is not None:
        return inline.get_secret_value()
    if env_name is None:
        return None
    value = environ.get(env_name)
    if not value:
        warn(f"config: {where} names environment variable {env_name}, which is not set")
    return value or None


def snmp_credentials(config: ConfigFile, environ: Mapping[str, str],
                     warn: Warn) -> list[SnmpCredential]:
    snmp = config.snmp
    texts = [c.get_secret_value() for c in snmp.communities]
    listed = _secret(None, snmp.communities_env, "snmp.communities_env", environ, warn)
    texts += [t.strip() for t in (listed or "").split(",") if t.strip()]
    creds: list[SnmpCredential] = [parse_community(t) for t in texts]
    user = snmp.v3_user or _secret(None, snmp.v3_user_env, "snmp.v3_user_env", environ, warn)
    if user:
        creds.append(SnmpV3User(
            user=user,
            auth_key=_secret(snmp.v3_auth_key, snmp.v3_auth_key_env, "snmp.v3_auth_key_env",
                             environ, warn),
            priv_key=_secret(snmp.v3_priv_key, snmp.v3_priv_key_env, "snmp.v3_priv_key_env",
                             environ, warn),
            auth_proto=snmp.v3_auth_proto, priv_proto=snmp.v3_priv_proto))
    return creds


def endpoints(config: ConfigFile, environ: Mapping[str, str], warn: Warn) -> list[VirtEndpoint]:
    out = []
    for table, platform in PLATFORM_WORDS:
        for i, entry in enumerate(getattr(config, table)):
            where = f"{table}[{i}]"
            if not entry.address.strip():
                raise UsageError(f"config: {where}.address is empty")
            cred = VirtCredential(
                user=entry.user,
                password=_secret(entry.password, entry.password_env, f"{where}.password_env",
                                 environ, warn),
                token_id=entry.token_id,
                token_secret=_secret(entry.token_secret, entry.token_secret_env,
                                     f"{where}.token_secret_env", environ, warn))
            out.append(VirtEndpoint(platform, entry.address.strip(), cred))
    return out


def ldap_options(config: ConfigFile, options: LdapOptions, environ: Mapping[str, str],
                 warn: Warn) -> LdapOptions:
    """The command line's directory options, completed by the file's ``[ldap]`` (the
    command line wins; a password comes with the user it belongs to)."""
    section = config.ldap
    if section.url is None and section.user is None:
        return options
    password = _secret(section.password, section.password_env, "ldap.password_env",
                       environ, warn)
    cred = options.credential
    if cred.user is None:
        cred = LdapCredential(user=section.user, password=cred.password or password)
    elif cred.password is None and cred.user == section.user:
        cred = LdapCredential(user=cred.user, password=password)
    return replace(options, url=options.url or section.url, credential=cred,
                   ca_file=options.ca_file or section.ca_file,
                   timeout=section.timeout or options.timeout)


def ssh_options(config: ConfigFile, options: SshOptions, environ: Mapping[str, str],
                warn: Warn) -> SshOptions:
    """The command line's SSH options, completed by the file's ``[ssh]`` (the command line
    wins; the file's hosts are read in addition)."""
    section = config.ssh
    hosts = options.hosts + tuple(h for h in section.hosts if h not in options.hosts)
    known = Path(section.known_hosts).expanduser() if section.known_hosts else None
    if options.credential is not None or section.user is None:
        return replace(options, hosts=hosts)
    cred = SshCredential(
        section.user,
        password=_secret(section.password, section.password_env, "ssh.password_env",
                         environ, warn),
        key_path=str(Path(section.key).expanduser()) if section.key else None,
        passphrase=_secret(None, section.passphrase_env, "ssh.passphrase_env", environ, warn))
    return replace(options, credential=cred, hosts=hosts,
                   known_hosts=known or options.known_hosts)


def winrm_options(config: ConfigFile, options: WinrmOptions, environ: Mapping[str, str],
                  warn: Warn) -> WinrmOptions:
    """The command line's WinRM options, completed by the file's ``[winrm]`` (the command
    line wins; a password comes with the user it belongs to; the file's hosts are added)."""
    section = config.winrm
    hosts = options.hosts + tuple(h for h in section.hosts if h not in options.hosts)
    cred = options.credential
    password = _secret(section.password, section.password_env, "winrm.password_env",
                       environ, warn) if section.user or cred else None
    if cred is None and section.user:
        cred = WinrmCredential(section.user, password=password)
    elif cred is not None and cred.password is None and cred.user == section.user:
        cred = WinrmCredential(cred.user, password=password)
    return replace(options, credential=cred, hosts=hosts,
                   insecure=options.insecure or config.insecure)


def with_config(options: ScanOptions, path: Path | None, warn: Warn,
                environ: Mapping[str, str] | None = None) -> ScanOptions:
    """``options`` plus what the config file at ``path`` adds (unchanged without one)."""
    if path is None:
        return options
    config = load_config(path, warn)
    env = os.environ if environ is None else environ
    snmp = replace(options.snmp, credentials=options.snmp.credentials
                   + tuple(snmp_credentials(config, env, warn)))
    virt = replace(options.virt, endpoints=options.virt.endpoints
                   + tuple(endpoints(config, env, warn)),
                   insecure=options.virt.insecure or config.insecure,
                   timeout=config.virt_timeout or options.virt.timeout)
    ldap = replace(ldap_options(config, options.ldap, env, warn),
                   insecure=options.ldap.insecure or config.insecure)
    return replace(options, snmp=snmp, virt=virt, ldap=ldap,
                   ssh=ssh_options(config, options.ssh, env, warn),
                   winrm=winrm_options(config, options.winrm, env, warn))
