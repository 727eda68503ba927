"""What the office's own DNS says about its mail and cloud services.

Part of the Inventory contract (``Inventory.mail_domains``) and re-exported by
:mod:`scanner.inventory.model`.  A domain's MX, SPF, autodiscover and verification
records name the service that holds the office's mail and, with it, usually its user
accounts (Microsoft 365, Google Workspace) or a mail server in the office.  Nothing on
the wire shows this: a DR plan that forgets the tenant forgets the mail.

Each :class:`CloudService` is an inference with a confidence and the records it rests
on (record text cleaned of control characters and capped, as every device string).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

#: what kind of holder a service has: a cloud suite, a mail server inside the scan
#: scope, another hosted provider, a filter in front of the real mailbox, or unknown
CloudKind = Literal["microsoft-365", "google-workspace", "on-premises", "hosted", "filter",
                    "unknown"]
#: what the office uses it for
CloudUse = Literal["mail", "mail-filter", "identity", "calls", "outbound-mail"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DnsRecord(_Frozen):
    """One answer the DNS server gave (``name`` asked, ``type``, the answer as text)."""

    name: str
    type: str
    value: str


class CloudService(_Frozen):
    """One service the domain's records point at."""

    use: CloudUse
    provider: str
    kind: CloudKind
    confidence: float = Field(ge=0.0, le=1.0)
    #: the records it rests on, as text (``MX 10 x.mail.protection.outlook.com``)
    evidence: list[str] = Field(default_factory=list)
    #: on-premises: the host names and the in-scope addresses they resolve to
    hosts: list[str] = Field(default_factory=list)
    addresses: list[str] = Field(default_factory=list)


class MailDomain(_Frozen):
    """One domain as the office's DNS server answered for it."""

    domain: str
    #: the name server asked (inside the scan scope, or named by the user)
    server: str
    #: where the domain came from: "--mail-domain", "resolver search list", "--ldap-user"
    source: str = ""
    collector: str = "maildns"
    records: list[DnsRecord] = Field(default_factory=list)
    services: list[CloudService] = Field(default_factory=list)
