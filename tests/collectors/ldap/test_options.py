"""Directory options: the password only from the environment or the config file, never
shown; the config's [ldap] completes the command line; SRV discovery asks only an in-scope
name server; DCs found by port but not read become "not-attempted" gaps."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

import pytest

from drscout.cli.ldap import ldap_options_from
from scanner.collectors.ldap import urls
from scanner.collectors.ldap.discover import candidates
from scanner.collectors.ldap.scan import unread_dcs
from scanner.config import with_config
from scanner.credentials import LdapCredential, LdapOptions
from scanner.errors import CollectorError, UsageError
from scanner.inventory.model import NetworkContext, Service
from scanner.inventory.sighting import CollectorResult, Sighting
from scanner.options import ScanOptions

SECRET = "Ldap-Opt-Secret-55"


def test_password_from_env_only_and_hidden() -> None:
    opts = ldap_options_from({"ldap_url": "ldaps://dc1.corp", "ldap_user": "ro@corp"},
                             {"DRSCOUT_LDAP_PASSWORD": SECRET})
    assert opts.credential.password == SECRET and opts.wanted
    assert SECRET not in repr(opts) and SECRET not in str(opts.credential)
    assert ldap_options_from({}, {}).wanted is False


@pytest.mark.parametrize("url", ["", "https://dc1", "  "])
def test_bad_urls_are_usage_errors(url: str) -> None:
    with pytest.raises(UsageError):
        ldap_options_from({"ldap_url": url}, {})


def test_config_section_completes_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[ldap]\nurl = "ldap://10.0.0.5"\nuser = "ro@corp"\n'
                    'password_env = "T_LDAP"\ntimeout = 7\n')
    os.chmod(path, 0o600)
    warnings: list[str] = []
    opts = with_config(ScanOptions(targets=()), path, warnings.append, {"T_LDAP": SECRET}).ldap
    assert (opts.url, opts.credential, opts.timeout) == (
        "ldap://10.0.0.5", LdapCredential("ro@corp", SECRET), 7)
    given = ScanOptions(targets=(), ldap=LdapOptions(url="ldaps://dc9",
                                                     credential=LdapCredential("me")))
    mine = with_config(given, path, warnings.append, {"T_LDAP": SECRET}).ldap
    assert mine.url == "ldaps://dc9" and mine.credential == LdapCredential("me")
    assert warnings == []


def test_inline_password_in_a_world_readable_config_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(f'[ldap]\nuser = "ro@corp"\npassword = "{SECRET}"\n')
    os.chmod(path, 0o644)
    with pytest.raises(UsageError) as err:
        with_config(ScanOptions(targets=()), path, lambda _m: None, {})
    assert "ldap.password" in str(err.value) and SECRET not in str(err.value)


def test_srv_is_asked_only_of_an_in_scope_name_server() -> None:
    net = NetworkContext(dns_servers=["192.0.2.53", "10.1.0.10"],
                         dns_search=["corp.example", "local"])
    scope = [ipaddress.ip_network("10.1.0.0/24")]
    assert candidates(net, scope) == [("10.1.0.10", "corp.example")]
    assert candidates(net, []) == []  # no scope: ask nobody
    with pytest.raises(CollectorError) as err:
        urls(LdapOptions(credential=LdapCredential("ro@corp")), net,
             [ipaddress.ip_network("172.16.0.0/24")])
    assert err.value.reason == "not-attempted"


def _nmap(ip: str, *ports: int) -> Sighting:
    return Sighting(collector="nmap", ips=[ip],
                    services=[Service(port=p, protocol="tcp") for p in ports])


def test_a_dc_found_by_port_but_not_read_is_a_not_attempted_gap() -> None:
    result = CollectorResult(collector="nmap", target="x", sightings=[
        _nmap("10.1.0.10", 53, 88, 389, 445), _nmap("10.1.0.20", 389), _nmap("10.1.0.30", 88)])
    [gap] = unread_dcs([result])
    assert (gap.target, gap.collector, gap.reason) == ("10.1.0.10", "ldap", "not-attempted")
    assert "--ldap ldap://10.1.0.10" in gap.detail
