"""The Cloud and SaaS rows every output shares: the workbook's sheet, worksheet.md and
cloud.csv list the same services with the same words.

One row per :class:`~scanner.inventory.cloud.CloudService` the office's DNS pointed at,
keyed on a Service ID (domain, use, provider) so what a person writes (who owns the admin
account, MFA, how the tenant's data is backed up, the vendor's support) carries to the
next workbook.  When the DNS could not be asked or said nothing, :func:`unread_lines` says
why, so an empty sheet never reads as "no cloud service".  Plain values; each renderer
escapes for its format.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.model import Assessment
from reports.plain import confidence_word
from reports.sanitize import md_text
from scanner.inventory.cloud import CloudService, MailDomain
from scanner.inventory.model import Asset

#: CloudService.use -> the service in a person's words
USE_TEXT = {"mail": "E-mail (mailboxes)", "mail-filter": "Mail filter (in front of the mailboxes)",
            "identity": "User accounts and sign-in", "calls": "Calls and meetings",
            "outbound-mail": "Mail sent as the domain by another service"}
#: CloudService.kind -> where it runs
KIND_TEXT = {"microsoft-365": "cloud (Microsoft)", "google-workspace": "cloud (Google)",
             "on-premises": "in the office", "hosted": "hosted by the provider",
             "filter": "hosted filter service", "unknown": "not recognised"}
_SMTP_PORTS = frozenset({25, 465, 587})


@dataclass(frozen=True)
class CloudRow:
    #: domain, use and provider: matches a person's row in the next workbook
    key: str
    domain: str
    service: str
    provider: str
    where: str
    depends: str
    confidence: str
    evidence: str


def _depends(service: CloudService, domain: str) -> str:
    """What stops when it stops, in words."""
    if service.use == "mail":
        return f"E-mail to and from @{domain}: receiving, sending, calendars"
    if service.use == "mail-filter":
        return f"All incoming mail for @{domain} passes through it first"
    if service.use == "identity":
        suite = service.provider.removesuffix(" (Entra ID)").removesuffix(" accounts")
        return f"Every sign-in to {suite} (mail, files, chat) and the devices joined to it"
    if service.use == "calls":
        return "Teams or Skype calls and online meetings"
    return f"Mail this service sends as @{domain} (newsletters, invoices, alerts)"


def _host_words(assets: list[Asset], address: str) -> str:
    """``files01 (10.0.0.25, SMTP 25 open)``: the asset at an in-scope MX address."""
    asset = next((a for a in assets if address in a.ips), None)
    if asset is None:
        return f"{address} (no asset seen there)"
    smtp = sorted(s.port for s in asset.services if s.port in _SMTP_PORTS
                  and s.protocol == "tcp")
    ports = f", SMTP {'/'.join(str(p) for p in smtp)} open" if smtp else ""
    return f"{asset.name} ({address}{ports})"


def _where(service: CloudService, assets: list[Asset]) -> str:
    where = KIND_TEXT.get(service.kind, service.kind)
    if service.addresses:
        where += ": " + ", ".join(_host_words(assets, ip) for ip in service.addresses)
    return where


def _evidence(service: CloudService, domain: MailDomain) -> str:
    asked = f"asked {domain.server} about {domain.domain}"
    if domain.source:
        asked += f" ({domain.source})"
    return "\n".join([*service.evidence, asked])


def cloud_rows(assessment: Assessment) -> list[CloudRow]:
    """Every service of every domain asked, mail first, as the collector ordered them."""
    assets = list(assessment.inventory.assets)
    return [CloudRow(key=f"{d.domain}: {s.use}: {s.provider}", domain=d.domain,
                     service=USE_TEXT.get(s.use, s.use), provider=s.provider,
                     where=_where(s, assets), depends=_depends(s, d.domain),
                     confidence=confidence_word(s.confidence), evidence=_evidence(s, d))
            for d in assessment.inventory.mail_domains for s in d.services]


def unread_lines(assessment: Assessment) -> list[str]:
    """Why no service is listed: the mail lookup's gaps, or that it did not run."""
    inv = assessment.inventory
    gaps = [g for g in inv.gaps if g.collector == "maildns"]
    if gaps:
        return [f"{g.target}: {g.detail}" for g in gaps]
    if "maildns" not in inv.scan.collectors:
        return ["the mail-domain lookup (maildns) did not run in this scan: add it to "
                "--collectors, or name --mail-domain and --dns-server"]
    return ["the office's DNS named no mail or cloud service"]


#: cloud.csv (``drscout export --format csv``): one record per service, machine-readable
CSV_COLUMNS = ("domain", "dns_server", "source", "use", "provider", "kind", "confidence",
               "evidence", "hosts", "addresses")


def cloud_records(assessment: Assessment) -> list[dict[str, object]]:
    return [{"domain": d.domain, "dns_server": d.server, "source": d.source, "use": s.use,
             "provider": s.provider, "kind": s.kind, "confidence": s.confidence,
             "evidence": "\n".join(s.evidence), "hosts": ";".join(s.hosts),
             "addresses": ";".join(s.addresses)}
            for d in assessment.inventory.mail_domains for s in d.services]


def html_context(assessment: Assessment) -> dict[str, object]:
    """What the gap report's Cloud and SaaS section shows (``_cloud.html.j2``)."""
    rows = cloud_rows(assessment)
    return {"cloud_rows": rows, "cloud_unread": [] if rows else unread_lines(assessment)}


def md_lines(assessment: Assessment) -> list[str]:
    """The gap report's Cloud and SaaS section in Markdown (escaped here)."""
    rows = cloud_rows(assessment)
    lines = ["## Cloud and SaaS", ""]
    if not rows:
        return [*lines, "No cloud or mail service found.", "",
                *[f"- {md_text(line)}" for line in unread_lines(assessment)], ""]
    lines += [f"- **{md_text(r.provider)}**: {md_text(r.service)} for {md_text(r.domain)} "
              f"({md_text(r.where)}; {md_text(r.confidence)} confidence)" for r in rows]
    return [*lines, ""]
