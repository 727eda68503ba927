"""Who a DNS name belongs to: a small table of mail suites, hosts and filters.

Matched on the end of a host name (an MX exchange, a CNAME target, an SPF include), so
``contoso-com.mail.protection.outlook.com`` is Microsoft 365 and ``mx1.eu.pphosted.com``
is Proofpoint.  A filter (Proofpoint, Mimecast, ...) takes the mail first and hands it
on to the real mailbox, which the DNS then shows only through SPF or autodiscover.
The table is deliberately short: a name it does not know is reported as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from scanner.inventory.cloud import CloudKind

M365 = "Microsoft 365"
GOOGLE = "Google Workspace"


@dataclass(frozen=True)
class Provider:
    name: str
    kind: CloudKind


_MS = Provider(M365, "microsoft-365")
_GOOGLE = Provider(GOOGLE, "google-workspace")

#: host-name suffix -> the provider that runs it (MX exchanges, CNAME/SRV targets)
HOSTS: tuple[tuple[str, Provider], ...] = (
    ("mail.protection.outlook.com", _MS),
    ("autodiscover.outlook.com", _MS),
    ("outlook.com", _MS),
    ("enterpriseregistration.windows.net", _MS),
    ("online.lync.com", _MS),
    ("aspmx.l.google.com", _GOOGLE),
    ("googlemail.com", _GOOGLE),
    ("smtp.google.com", _GOOGLE),
    ("zoho.com", Provider("Zoho Mail", "hosted")),
    ("zoho.eu", Provider("Zoho Mail", "hosted")),
    ("protonmail.ch", Provider("Proton Mail", "hosted")),
    ("messagingengine.com", Provider("Fastmail", "hosted")),
    ("secureserver.net", Provider("GoDaddy", "hosted")),
    ("ovh.net", Provider("OVHcloud", "hosted")),
    ("kundenserver.de", Provider("IONOS", "hosted")),
    ("pphosted.com", Provider("Proofpoint", "filter")),
    ("ppe-hosted.com", Provider("Proofpoint Essentials", "filter")),
    ("mimecast.com", Provider("Mimecast", "filter")),
    ("barracudanetworks.com", Provider("Barracuda", "filter")),
    ("messagelabs.com", Provider("Symantec Email Security.cloud", "filter")),
    ("hydra.sophos.com", Provider("Sophos Email", "filter")),
)

#: SPF ``include:`` suffix -> who sends mail as the domain
SENDERS: tuple[tuple[str, Provider], ...] = (
    ("spf.protection.outlook.com", _MS),
    ("_spf.google.com", _GOOGLE),
    ("zoho.com", Provider("Zoho Mail", "hosted")),
    ("zoho.eu", Provider("Zoho Mail", "hosted")),
    ("zcsend.net", Provider("Zoho Mail", "hosted")),
    ("protonmail.ch", Provider("Proton Mail", "hosted")),
    ("messagingengine.com", Provider("Fastmail", "hosted")),
    ("secureserver.net", Provider("GoDaddy", "hosted")),
    ("pphosted.com", Provider("Proofpoint", "filter")),
    ("ppe-hosted.com", Provider("Proofpoint Essentials", "filter")),
    ("mimecast.com", Provider("Mimecast", "filter")),
    ("sendgrid.net", Provider("SendGrid", "hosted")),
    ("mcsv.net", Provider("Mailchimp", "hosted")),
    ("mailgun.org", Provider("Mailgun", "hosted")),
    ("amazonses.com", Provider("Amazon SES", "hosted")),
)


def _match(name: str, table: tuple[tuple[str, Provider], ...]) -> Provider | None:
    host = name.strip().rstrip(".").lower()
    for suffix, provider in table:
        if host == suffix or host.endswith("." + suffix):
            return provider
    return None


def host_provider(name: str) -> Provider | None:
    """The provider that runs host ``name``, when the table knows it."""
    return _match(name, HOSTS)


def sender(include: str) -> Provider | None:
    """The provider behind an SPF ``include:``/``redirect=`` domain."""
    return _match(include, SENDERS)


def spf_domains(txt: str) -> list[str]:
    """The ``include:`` and ``redirect=`` domains of an SPF record (``v=spf1 ...``)."""
    words = txt.split()
    if not words or words[0].lower() != "v=spf1":
        return []
    found = []
    for word in words[1:]:
        low = word.lower().lstrip("+?~-")
        for prefix in ("include:", "redirect="):
            if low.startswith(prefix) and len(low) > len(prefix):
                found.append(low[len(prefix):].rstrip("."))
    return found
