"""Classification on the answers a real dnsmasq gave (``fixtures/maildns/``, recorded by
``python -m tests.collectors.maildns.record``): only the transport is absent."""

from __future__ import annotations

import ipaddress
import json
from pathlib import Path

import pytest

from scanner.collectors.maildns.parse import parse
from scanner.collectors.maildns.providers import host_provider, spf_domains
from scanner.errors import CollectorError
from scanner.inventory.cloud import CloudService
from scanner.inventory.sighting import CollectorResult

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "maildns"
SCOPE = [ipaddress.ip_network("10.78.0.0/24")]


def parsed(name: str, scope: list[ipaddress.IPv4Network] | None = None) -> CollectorResult:
    snapshot = json.loads((FIXTURES / f"{name}.json").read_text())
    return parse(snapshot, SCOPE if scope is None else scope, "resolver search list")


def services(name: str, scope: list[ipaddress.IPv4Network] | None = None
             ) -> dict[str, CloudService]:
    [domain] = parsed(name, scope).mail_domains
    return {s.use: s for s in domain.services}


def test_microsoft_365_mail_accounts_and_calls() -> None:
    found = services("contoso")
    mail = found["mail"]
    assert (mail.provider, mail.kind, mail.confidence) == ("Microsoft 365", "microsoft-365", 0.95)
    assert mail.evidence[0] == "MX 0 contoso-test.mail.protection.outlook.com"
    assert "CNAME autodiscover -> autodiscover.outlook.com" in mail.evidence
    assert "SPF include:spf.protection.outlook.com" in mail.evidence
    identity = found["identity"]
    assert identity.kind == "microsoft-365" and identity.confidence == 0.9
    assert "TXT MS=ms12345678" in identity.evidence
    assert found["calls"].evidence == ["CNAME lyncdiscover -> webdir.online.lync.com"]
    assert "outbound-mail" not in found, "the suite's own SPF include is not a third sender"


def test_google_workspace() -> None:
    found = services("fabrikam")
    assert (found["mail"].provider, found["mail"].kind) == ("Google Workspace",
                                                            "google-workspace")
    assert found["mail"].evidence[:2] == ["MX 1 aspmx.l.google.com",
                                          "MX 5 alt1.aspmx.l.google.com"]
    assert found["identity"].provider == "Google Workspace accounts"


def test_on_premises_mail_is_the_in_scope_host_with_its_role() -> None:
    result = parsed("onprem")
    found = {s.use: s for s in result.mail_domains[0].services}
    mail = found["mail"]
    assert (mail.kind, mail.hosts, mail.addresses) == ("on-premises", ["mail.onprem.test"],
                                                       ["10.78.0.25"])
    assert "SRV _autodiscover._tcp -> mail.onprem.test (10.78.0.25, inside the scan scope)" \
        in mail.evidence
    assert (found["outbound-mail"].provider, found["outbound-mail"].kind) == ("SendGrid",
                                                                            "hosted")
    [host] = [s for s in result.sightings if "10.78.0.25" in s.ips]
    assert [(h.role, h.confidence) for h in host.role_hints] == [("mail", 0.9)]
    assert host.hostnames == ["mail.onprem.test"]
    [server] = [s for s in result.sightings if "10.78.0.53" in s.ips]
    assert [h.role for h in server.role_hints] == ["dns"]


def test_an_autodiscover_cname_to_the_office_mail_server_confirms_it() -> None:
    mail = services("exchange")["mail"]
    assert (mail.provider, mail.kind, mail.addresses) == ("on-premises mail server",
                                                          "on-premises", ["10.78.0.25"])
    assert mail.evidence == [
        "MX 10 mail.exchange.test (10.78.0.25, inside the scan scope)",
        "CNAME autodiscover -> mail.exchange.test (10.78.0.25, inside the scan scope)"]


def test_the_same_mx_outside_the_scope_is_unknown_not_on_premises() -> None:
    result = parsed("onprem", scope=[ipaddress.ip_network("10.99.0.0/24")])
    mail = {s.use: s for s in result.mail_domains[0].services}["mail"]
    assert (mail.provider, mail.kind, mail.addresses) == ("mail.onprem.test", "unknown", [])
    assert result.sightings == [], "nothing in scope: no host, and the server is not ours"


def test_a_filter_is_noted_in_front_of_the_mailbox_spf_names() -> None:
    found = services("filtered")
    assert (found["mail-filter"].provider, found["mail-filter"].kind) == (
        "Proofpoint Essentials", "filter")
    mail = found["mail"]
    assert (mail.provider, mail.confidence) == ("Microsoft 365", 0.7)
    assert mail.evidence == ["behind the filter; SPF include:spf.protection.outlook.com"]
    assert found["identity"].confidence == 0.7, "no stronger than the mail it rests on"


def test_hostile_text_is_kept_as_data_and_unknown() -> None:
    found = parsed("hostile").mail_domains[0].services
    providers = {s.provider for s in found}
    assert "=1+2.evil.test" in providers and "mx.hostile.test" in providers
    assert all(s.kind in ("unknown", "microsoft-365") for s in found)
    [identity] = [s for s in found if s.use == "identity"]
    assert identity.confidence == 0.6, "a verification TXT alone is weak evidence"


def test_a_domain_the_server_knows_nothing_about_is_a_gap() -> None:
    with pytest.raises(CollectorError) as raised:
        parsed("nothing")
    assert raised.value.reason == "error"
    assert "no MX, SPF or autodiscover record for nothing.test" in str(raised.value)


@pytest.mark.parametrize(("name", "provider"), [
    ("contoso-com.mail.protection.outlook.com.", "Microsoft 365"),
    ("ASPMX.L.GOOGLE.COM", "Google Workspace"),
    ("mx1.eu.pphosted.com", "Proofpoint"),
    ("eu-smtp-inbound-1.mimecast.com", "Mimecast"),
    ("mx.zoho.eu", "Zoho Mail"),
])
def test_provider_table(name: str, provider: str) -> None:
    known = host_provider(name)
    assert known is not None and known.name == provider


def test_provider_table_matches_whole_labels_only() -> None:
    assert host_provider("notoutlook.com") is None
    assert host_provider("outlook.com.evil.test") is None


def test_spf_domains() -> None:
    assert spf_domains("v=spf1 ip4:1.2.3.4 include:a.test ~include:b.test redirect=c.test "
                       "-all") == ["a.test", "b.test", "c.test"]
    assert spf_domains("google-site-verification=include:x.test") == []
