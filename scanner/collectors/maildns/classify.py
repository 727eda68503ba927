"""The records of one domain -> the services they point at, each with its evidence.

Pure.  The rules, strongest evidence first:

* **MX** says who receives the mail: a provider from :mod:`.providers`, a host whose
  address (asked of the same server) lies inside the scan scope (on-premises), or a name
  the table does not know (unknown, named as it is).  A filter (Proofpoint, Mimecast)
  is recorded as a filter, and the mailbox behind it is taken from SPF or autodiscover
  at a lower confidence, or said to be invisible.
* **autodiscover** (CNAME, SRV ``_autodiscover._tcp``, or an address in scope) says
  where Outlook finds the mailbox: Exchange Online or an Exchange server in the office.
* **TXT**: SPF ``include:`` names who may send as the domain; ``MS=ms...`` is a
  Microsoft 365 tenant's domain verification, ``google-site-verification`` Google's
  (weak: Search Console uses it too).
* ``enterpriseregistration`` (Entra ID device registration) and ``lyncdiscover``
  (Teams/Skype for Business Online) add the accounts and the calls.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from scanner.collectors.maildns.providers import (
    GOOGLE,
    M365,
    Provider,
    host_provider,
    sender,
    spf_domains,
)
from scanner.inventory.cloud import CloudKind, CloudService, CloudUse, DnsRecord
from scanner.targets import Network, in_scope

ON_PREM = "on-premises mail server"
#: confidence of a mail service by how its MX was recognised
_MX_CONFIDENCE: dict[CloudKind, float] = {"microsoft-365": 0.95, "google-workspace": 0.95,
                                          "hosted": 0.9, "filter": 0.9, "on-premises": 0.9,
                                          "unknown": 0.4}


@dataclass(frozen=True)
class Answers:
    """What the server answered for ``domain``: records, and addresses of the names."""

    domain: str
    records: Sequence[DnsRecord]
    addresses: dict[str, list[str]]
    scope: Sequence[Network]

    def values(self, rtype: str, prefix: str = "") -> list[str]:
        name = f"{prefix}{self.domain}"
        return [r.value for r in self.records if r.type == rtype and r.name == name]

    def inside(self, host: str) -> list[str]:
        return [ip for ip in self.addresses.get(host, []) if in_scope(ip, self.scope)]


@dataclass
class _Group:
    use: CloudUse
    provider: str
    kind: CloudKind
    confidence: float
    evidence: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)

    def service(self) -> CloudService:
        return CloudService(use=self.use, provider=self.provider, kind=self.kind,
                            confidence=self.confidence, evidence=self.evidence,
                            hosts=self.hosts, addresses=self.addresses)


def mx_hosts(answers: Answers) -> list[tuple[int, str]]:
    """(preference, exchange) by preference; a null MX (``0 .``) says "no mail"."""
    found = []
    for value in answers.values("MX"):
        pref, _, host = value.partition(" ")
        host = host.strip().rstrip(".").lower()
        if host and pref.isdigit():
            found.append((int(pref), host))
    return sorted(found)


def _where(answers: Answers, host: str) -> tuple[str, CloudKind, list[str]]:
    """Who runs ``host``: (provider, kind, in-scope addresses)."""
    known = host_provider(host)
    if known:
        return known.name, known.kind, []
    inside = answers.inside(host)
    if inside:
        return ON_PREM, "on-premises", inside
    return host, "unknown", []


def _mail_groups(answers: Answers) -> list[_Group]:
    groups: dict[tuple[str, CloudKind], _Group] = {}
    for pref, host in mx_hosts(answers):
        provider, kind, inside = _where(answers, host)
        use: CloudUse = "mail-filter" if kind == "filter" else "mail"
        group = groups.setdefault((provider, kind), _Group(use, provider, kind,
                                                          _MX_CONFIDENCE[kind]))
        ips = f" ({', '.join(inside)}, inside the scan scope)" if inside else ""
        group.evidence.append(f"MX {pref} {host}{ips}")
        if inside:
            group.hosts.append(host)
            group.addresses += [ip for ip in inside if ip not in group.addresses]
    return list(groups.values())


def _autodiscover(answers: Answers) -> list[tuple[str, CloudKind, str, list[str]]]:
    """(provider, kind, evidence, in-scope addresses) per autodiscover answer."""
    found = []
    targets = [("CNAME autodiscover", t) for t in answers.values("CNAME", "autodiscover.")]
    for srv in answers.values("SRV", "_autodiscover._tcp."):
        parts = srv.split()
        if len(parts) == 4:
            targets.append(("SRV _autodiscover._tcp", parts[3]))
    # the A question follows a CNAME: its answer is where the CNAME target lives
    resolved = [ip for ip in answers.values("A", "autodiscover.") if in_scope(ip, answers.scope)]
    for label, target in targets:
        host = target.rstrip(".").lower()
        provider, kind, inside = _where(answers, host)
        if kind == "unknown" and label.startswith("CNAME") and resolved:
            provider, kind, inside = ON_PREM, "on-premises", resolved
        ips = f" ({', '.join(inside)}, inside the scan scope)" if inside else ""
        found.append((provider, kind, f"{label} -> {host}{ips}", inside))
    name = f"autodiscover.{answers.domain}"
    if resolved and not answers.values("CNAME", "autodiscover."):
        found.append((ON_PREM, "on-premises", f"A {name} -> {', '.join(resolved)}", resolved))
    return found


def _spf(answers: Answers) -> list[tuple[str, Provider | None]]:
    records = [v for v in answers.values("TXT") if v.lower().startswith("v=spf1")]
    return [(d, sender(d)) for record in records for d in spf_domains(record)]


def _join(groups: list[_Group], answers: Answers) -> list[_Group]:
    """Autodiscover and SPF added to the mail they confirm, or as mail of their own."""
    mail = [g for g in groups if g.use == "mail"]
    filtered = any(g.kind == "filter" for g in groups)
    for provider, kind, evidence, inside in _autodiscover(answers):
        match = next((g for g in mail if g.provider == provider), None)
        if match is None:
            match = _Group("mail", provider, kind, 0.7 if kind != "unknown" else 0.3)
            mail.append(match)
            groups.append(match)
        match.evidence.append(evidence)
        match.addresses += [ip for ip in inside if ip not in match.addresses]
    for include, known in _spf(answers):
        match = next((g for g in groups if known and g.provider == known.name), None)
        if match is not None:
            match.evidence.append(f"SPF include:{include}")
        elif known and filtered and not mail and known.kind != "filter":
            mail.append(_Group("mail", known.name, known.kind, 0.7,
                               [f"behind the filter; SPF include:{include}"]))
            groups.append(mail[-1])
        else:
            groups.append(_Group("outbound-mail", known.name if known else include,
                                 known.kind if known else "unknown",
                                 0.7 if known else 0.5, [f"SPF include:{include}"]))
    if filtered and not mail:
        groups.append(_Group("mail", "not visible in DNS (behind the filter)", "unknown", 0.3,
                             ["MX points at a filter only; no SPF or autodiscover names "
                              "the mailbox behind it"]))
    return groups


def _ms_verified(answers: Answers) -> list[str]:
    """A tenant's domain verification (``MS=ms...``), Entra ID device registration."""
    found = [f"TXT {v}" for v in answers.values("TXT") if v.startswith("MS=ms")]
    for target in answers.values("CNAME", "enterpriseregistration."):
        known = host_provider(target)
        if known is not None and known.kind == "microsoft-365":
            found.append(f"CNAME enterpriseregistration -> {target.rstrip('.')}")
    return found


def _accounts(groups: list[_Group], answers: Answers) -> list[_Group]:
    """The user accounts that come with a suite: Entra ID for Microsoft 365, Google's."""
    google = [f"TXT {v}" for v in answers.values("TXT")
              if v.startswith("google-site-verification=")]
    suites: tuple[tuple[str, CloudKind, str, list[str]], ...] = (
        (M365, "microsoft-365", f"{M365} accounts (Entra ID)", _ms_verified(answers)),
        (GOOGLE, "google-workspace", f"{GOOGLE} accounts", google))
    found = []
    for name, kind, accounts, verified in suites:
        mail = max((g.confidence for g in groups if g.provider == name and g.use == "mail"),
                   default=0.0)
        if not (mail or verified):
            continue
        registered = any("enterpriseregistration" in e for e in verified)
        weak = 0.6 if kind == "microsoft-365" else 0.4
        confidence = max(min(mail, 0.9), 0.9 if registered else weak if verified else 0.0)
        found.append(_Group("identity", accounts, kind, confidence,
                            ([f"mail is {name}"] if mail else []) + verified))
    return found


def _calls(answers: Answers) -> list[_Group]:
    return [_Group("calls", "Microsoft Teams / Skype for Business Online", "microsoft-365",
                   0.8, [f"CNAME lyncdiscover -> {t.rstrip('.')}"])
            for t in answers.values("CNAME", "lyncdiscover.")
            if (p := host_provider(t)) is not None and p.kind == "microsoft-365"]


def _dmarc(groups: list[_Group], answers: Answers) -> None:
    policies = [v for v in answers.values("TXT", "_dmarc.") if v.lower().startswith("v=dmarc1")]
    mail = next((g for g in groups if g.use == "mail"), None)
    if mail is not None:
        mail.evidence += [f"DMARC {v}" for v in policies[:1]]


def classify(answers: Answers) -> list[CloudService]:
    """Every service the domain's records point at (empty: nothing recognisable)."""
    groups = _join(_mail_groups(answers), answers)
    groups += _accounts(groups, answers) + _calls(answers)
    _dmarc(groups, answers)
    return [g.service() for g in groups]
