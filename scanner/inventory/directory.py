"""What a directory (Active Directory over LDAP) says about the office.

Part of the Inventory contract (``Inventory.directories``) and re-exported by
:mod:`scanner.inventory.model`.  Kept apart from the assets because a directory
*lists* machines rather than seeing them: a laptop away, a forgotten server or a
computer account nobody removed is in the directory but not on the wire.  Every
computer object is kept here with ``seen_on_network``; the ones the scan also saw
are merged into their asset (``asset``), the rest never become assets and are
listed in the gap report as "in the directory, not seen on the network".
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DirectoryComputer(_Frozen):
    """One computer object (``objectClass=computer``)."""

    name: str
    dns_host_name: str | None = None
    os: str | None = None
    os_version: str | None = None
    #: ``lastLogonTimestamp``: replicated, so up to ~14 days behind the real last logon
    last_logon: datetime | None = None
    #: ``userAccountControl`` without ACCOUNTDISABLE (0x2)
    enabled: bool = True
    domain_controller: bool = False
    #: the distinguished name, to find the object again in the directory
    dn: str = ""
    #: whether the network scan saw this machine (an asset other collectors also saw,
    #: or the directory server we talked to); False: listed only by the directory
    seen_on_network: bool = False
    #: the asset it was merged into, when seen
    asset: str | None = None


class DirectorySite(_Frozen):
    """An AD site (``CN=Sites,CN=Configuration``) with its subnets and servers."""

    name: str
    subnets: list[str] = Field(default_factory=list)
    servers: list[str] = Field(default_factory=list)


class Directory(_Frozen):
    """One domain as read from one of its domain controllers."""

    kind: str = "active-directory"
    #: the DNS name of the domain (``ad.example.com``)
    domain: str
    naming_context: str = ""
    #: the URL read (never with a password in it)
    endpoint: str = ""
    #: the server that answered (its ``dnsHostName``)
    server: str | None = None
    vendor: str | None = None
    #: how the bind travelled: "tls-verified", "tls-unverified" (--insecure) or
    #: "clear-text" (the DC offered no TLS: the password crossed the network readable)
    transport: str | None = None
    domain_controllers: list[str] = Field(default_factory=list)
    sites: list[DirectorySite] = Field(default_factory=list)
    dns_zones: list[str] = Field(default_factory=list)
    computers: list[DirectoryComputer] = Field(default_factory=list)

    def not_seen(self) -> list[DirectoryComputer]:
        """Computers the directory lists that the network scan did not see."""
        return [c for c in self.computers if not c.seen_on_network]
