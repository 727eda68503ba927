"""The DNS questions: one domain's mail, autodiscover and verification records, asked of
one name server.  dnspython comes through :func:`scanner.collectors.lan_dns.resolver`
(the only place it is imported with its extra named); nothing here is parsed beyond text.

The snapshot is JSON-able (a recorder can save it; :mod:`.parse` runs on it alike)::

    {"domain": "contoso.test", "server": "10.0.0.53",
     "records": [{"name": "contoso.test", "type": "MX", "value": "10 x.example."}],
     "addresses": {"mail.contoso.test": ["10.0.0.25"]}, "refused": ["TXT _dmarc..."]}

The first question (MX) decides whether the server is there at all: a server that does
not answer it in time is a ``timeout`` gap, not nine more timeouts.
"""

from __future__ import annotations

from typing import Any

from scanner.collectors.lan_dns import resolver
from scanner.collectors.maildns.providers import host_provider
from scanner.errors import CollectorError

Snapshot = dict[str, Any]
EXTRA = "dns"
#: (name prefix, record type) asked for every domain, MX first
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("", "MX"), ("", "TXT"), ("_dmarc.", "TXT"), ("autodiscover.", "CNAME"),
    ("autodiscover.", "A"), ("_autodiscover._tcp.", "SRV"), ("enterpriseregistration.", "CNAME"),
    ("lyncdiscover.", "CNAME"))
#: names whose addresses are asked too, at most (MX exchanges, SRV targets)
MAX_NAMES = 8


def _text(rdata: Any) -> str:
    """An answer as text; TXT strings joined as SPF readers join them."""
    strings = getattr(rdata, "strings", None)
    if strings is not None:
        return b"".join(strings).decode("utf-8", "replace")
    return str(rdata.to_text())


def _ask(asker: Any, name: str, rtype: str) -> list[str] | None:
    """The answers, [] for none, None when the server refused or failed the question;
    a timeout propagates (dns.exception.Timeout)."""
    import dns.exception
    import dns.resolver

    try:
        answer = asker.resolve(name, rtype, search=False, raise_on_no_answer=False)
    except dns.resolver.NXDOMAIN:
        return []
    except dns.exception.Timeout:
        raise
    except dns.exception.DNSException:  # refused, server failure, a malformed answer
        return None
    return [_text(r) for r in answer if r.rdtype == answer.rdtype]


def _targets(records: list[dict[str, str]]) -> list[str]:
    """MX exchanges and SRV targets whose address decides "in the office": names the
    provider table knows are not asked (their answer would say nothing)."""
    names = []
    for r in records:
        parts = r["value"].split()
        if r["type"] in ("MX", "SRV") and parts:
            host = parts[-1].rstrip(".").lower()
            if host and host_provider(host) is None and host not in names:
                names.append(host)
    return names[:MAX_NAMES]


def ask(server: str, domain: str, timeout: float) -> Snapshot:
    """Every question for ``domain``; CollectorError when the server does not answer."""
    import dns.exception

    asker = resolver(server, timeout, EXTRA)
    records: list[dict[str, str]] = []
    refused: list[str] = []
    for index, (prefix, rtype) in enumerate(QUESTIONS):
        name = f"{prefix}{domain}"
        try:
            found = _ask(asker, name, rtype)
        except dns.exception.Timeout:
            if index == 0:
                raise CollectorError(f"the DNS server {server} did not answer "
                                     f"(MX {domain}, {timeout:g}s)", "timeout") from None
            found = None
        if found is None:
            refused.append(f"{rtype} {name}")
        records += [{"name": name, "type": rtype, "value": v} for v in found or []]
    if len(refused) == len(QUESTIONS):
        raise CollectorError(f"the DNS server {server} refused or failed every question "
                             f"about {domain}", "error")
    return {"domain": domain, "server": server, "records": records, "refused": refused,
            "addresses": _addresses(asker, _targets(records))}


def _addresses(asker: Any, names: list[str]) -> dict[str, list[str]]:
    import dns.exception

    found: dict[str, list[str]] = {}
    for name in names:
        try:
            found[name] = _ask(asker, name, "A") or []
        except dns.exception.Timeout:
            found[name] = []
    return found
