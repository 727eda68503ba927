"""Which domains are asked, of which server (the safety rule), and the CLI's options."""

from __future__ import annotations

import ipaddress

import pytest

from drscout.cli.maildns import maildns_options_from
from scanner.collectors.maildns.choose import domains, realm, server
from scanner.collectors.maildns.options import MailDnsOptions
from scanner.credentials import LdapCredential, LdapOptions
from scanner.errors import UsageError
from scanner.inventory.model import NetworkContext

SCOPE = [ipaddress.ip_network("10.1.0.0/24")]


def net(servers: list[str], search: list[str]) -> NetworkContext:
    return NetworkContext(dns_servers=servers, dns_search=search)


def test_only_a_server_inside_the_scope_is_asked() -> None:
    lan = net(["192.168.9.1", "10.1.0.10"], ["corp.example"])
    assert server(MailDnsOptions(), lan, SCOPE) == "10.1.0.10"
    assert server(MailDnsOptions(), lan, []) is None, "no scope: ask nobody"
    assert server(MailDnsOptions(), net(["8.8.8.8"], []), SCOPE) is None


def test_a_loopback_stub_is_the_laptops_not_the_offices() -> None:
    stub = net(["127.0.0.53"], ["corp.example"])
    assert server(MailDnsOptions(), stub, [ipaddress.ip_network("127.0.0.0/8")]) is None


def test_an_explicit_server_is_asked_in_scope_or_not() -> None:
    assert server(MailDnsOptions(server="10.9.9.9"), None, []) == "10.9.9.9"


def test_an_excluded_server_is_never_asked() -> None:
    lan = net(["10.1.0.10", "10.1.0.11"], ["corp.example"])
    excluded = [ipaddress.ip_network("10.1.0.10/32")]
    assert server(MailDnsOptions(), lan, SCOPE, excluded) == "10.1.0.11"
    assert server(MailDnsOptions(server="10.1.0.10"), lan, SCOPE, excluded) is None


def test_domains_given_first_then_search_parent_and_realm() -> None:
    lan = net(["10.1.0.10"], ["ad.contoso.test", "lan"])
    ldap = LdapOptions(credential=LdapCredential(user="admin@AD.Example.test"))
    assert domains(MailDnsOptions(domains=("mail.test",)), lan, ldap) == [
        ("mail.test", "--mail-domain"),
        ("ad.contoso.test", "resolver search list"),
        ("contoso.test", "parent of the search domain ad.contoso.test"),
        ("ad.example.test", "realm of --ldap-user")]


def test_a_registry_is_not_taken_for_the_offices_parent_domain() -> None:
    assert domains(MailDnsOptions(), net([], ["shop.co.uk"]), LdapOptions()) == [
        ("shop.co.uk", "resolver search list")]


def test_realm_from_a_bind_dn() -> None:
    dn = LdapOptions(credential=LdapCredential(user="CN=svc,OU=x,DC=corp,DC=example"))
    assert realm(dn) == "corp.example"


@pytest.mark.parametrize(("kw", "message"), [
    ({"dns_server": "dns.corp"}, "--dns-server takes an IP address"),
    ({"mail_domains": ("localhost",)}, "--mail-domain takes a domain name"),
    ({"mail_domains": ("user@corp.example",)}, "--mail-domain takes a domain name"),
])
def test_bad_options_are_usage_errors(kw: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        maildns_options_from(kw)


def test_options_from_the_command_line() -> None:
    got = maildns_options_from({"mail_domains": ("Contoso.Test.",), "dns_server": "10.1.0.10",
                                "dns_timeout": 2.0})
    assert got == MailDnsOptions(domains=("contoso.test",), server="10.1.0.10", timeout=2.0)
