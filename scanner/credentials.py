"""Credentials: their own types, never serialised, never shown.

``repr``/``str`` of every credential hides the secret parts, so a credential that
ends up in a log line or an exception message leaks nothing.  The inventory never
holds a credential; at most it records *that* a default community worked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

DEFAULT_COMMUNITIES = frozenset({"public", "private", "community", "snmp", "admin", "cisco"})

AuthProto = Literal["none", "md5", "sha", "sha224", "sha256", "sha384", "sha512"]
PrivProto = Literal["none", "des", "3des", "aes", "aes128", "aes192", "aes256"]


@dataclass(frozen=True)
class SnmpCommunity:
    """An SNMP v1/v2c community string."""

    community: str = field(repr=False)
    version: Literal["1", "2c"] = "2c"

    @property
    def is_default(self) -> bool:
        return self.community.lower() in DEFAULT_COMMUNITIES

    @property
    def label(self) -> str:
        """A name safe to print: the version and whether it is a well-known default."""
        kind = "default community" if self.is_default else "community"
        return f"v{self.version} {kind}"

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class SnmpV3User:
    """An SNMPv3 USM user; keys are hidden from repr/str."""

    user: str
    auth_key: str | None = field(default=None, repr=False)
    priv_key: str | None = field(default=None, repr=False)
    auth_proto: AuthProto = "sha"
    priv_proto: PrivProto = "aes"
    context: str = ""

    @property
    def level(self) -> str:
        if self.auth_key and self.priv_key:
            return "authPriv"
        if self.auth_key:
            return "authNoPriv"
        return "noAuthNoPriv"

    @property
    def label(self) -> str:
        return f"v3 user {self.user} ({self.level})"

    def __str__(self) -> str:
        return self.label


SnmpCredential = SnmpCommunity | SnmpV3User


def parse_community(text: str) -> SnmpCommunity:
    """A community as the user writes it: ``v1:`` in front asks for SNMPv1, else v2c.

    The one place that reads the prefix, for the command line, the environment and
    ``--config`` alike."""
    if text.startswith("v1:"):
        return SnmpCommunity(text[3:], version="1")
    return SnmpCommunity(text)


VirtPlatform = Literal["vmware", "libvirt", "proxmox", "hyperv"]
#: the word a user writes for each platform, in the command line's ``--vcenter`` and the
#: ``--config`` file's ``[[vcenter]]`` alike (vSphere is named after its manager)
PLATFORM_WORDS: tuple[tuple[str, VirtPlatform], ...] = (
    ("vcenter", "vmware"), ("libvirt", "libvirt"), ("proxmox", "proxmox"), ("hyperv", "hyperv"))


@dataclass(frozen=True)
class VirtCredential:
    """A login to a hypervisor API: user and password, or a Proxmox API token."""

    user: str | None = None
    password: str | None = field(default=None, repr=False)
    token_id: str | None = None
    token_secret: str | None = field(default=None, repr=False)

    def secrets(self) -> list[str]:
        return [s for s in (self.password, self.token_secret) if s]

    @property
    def label(self) -> str:
        if self.token_id:
            return f"API token {self.token_id}"
        return f"user {self.user}" if self.user else "no credentials"

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class VirtEndpoint:
    """One hypervisor API to read: a vCenter/ESXi URL, a libvirt URI, a Proxmox URL
    or a Hyper-V host name."""

    platform: VirtPlatform
    address: str
    credential: VirtCredential = field(default_factory=VirtCredential)

    def __str__(self) -> str:
        return f"{self.platform} {self.address}"


@dataclass(frozen=True)
class VirtOptions:
    endpoints: tuple[VirtEndpoint, ...] = ()
    #: accept self-signed certificates (the report says when this was used)
    insecure: bool = False
    timeout: float = 30.0

    def secrets(self) -> list[str]:
        return [s for e in self.endpoints for s in e.credential.secrets()]


@dataclass(frozen=True)
class LdapCredential:
    """A directory bind: a DN or user@realm (or DOMAIN\\user) and its password."""

    user: str | None = None
    password: str | None = field(default=None, repr=False)

    def secrets(self) -> list[str]:
        return [self.password] if self.password else []

    @property
    def label(self) -> str:
        return f"bind {self.user}" if self.user else "anonymous bind"

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class LdapOptions:
    """The directory to read: ``url`` (ldap:// or ldaps://), or none to look for the
    domain's ``_ldap._tcp`` SRV records when a bind user is given."""

    url: str | None = None
    credential: LdapCredential = field(default_factory=LdapCredential)
    #: a PEM file of CAs to trust for ldaps:// and StartTLS (the DC's own CA)
    ca_file: str | None = None
    insecure: bool = False
    timeout: float = 30.0

    @property
    def wanted(self) -> bool:
        """Read a directory only when asked: a URL, or a bind user to look one up for."""
        return bool(self.url or self.credential.user)

    def secrets(self) -> list[str]:
        return self.credential.secrets()
