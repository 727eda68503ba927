"""The LDAP parser on a snapshot recorded from the lab's real Samba AD DC
(``fixtures/ldap/samba-office.json``, see ``tests/collectors/ldap/record.py``), and the
directory's computers through identity resolution with what a network scan saw."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scanner.collectors.ldap import parse
from scanner.inventory.build import build_inventory
from scanner.inventory.model import ScanMeta
from scanner.inventory.sighting import CollectorResult, Sighting
from scanner.targets import parse_target

FIXTURE = Path(__file__).resolve().parents[3] / "fixtures" / "ldap" / "samba-office.json"
DC_IP = "10.77.0.10"


@pytest.fixture(scope="module")
def snap() -> dict[str, object]:
    data: dict[str, object] = json.loads(FIXTURE.read_text())
    return data


def test_every_computer_object_is_a_sighting_with_its_os(snap: dict[str, object]) -> None:
    result = parse.parse(snap, "ldap://10.77.0.10")
    by_name = {s.name: s for s in result.sightings}
    assert set(by_name) == {"DC1", "WS01", "LAPTOP07", "FS01", "OLD-PC"}
    assert by_name["WS01"].os == "Windows 10 Pro"
    assert by_name["WS01"].os_version == "10.0 (19045)"
    assert by_name["FS01"].type == "server"
    assert by_name["LAPTOP07"].type == "workstation"
    assert by_name["LAPTOP07"].hostnames == ["laptop07.ad.drscout.test"]
    assert all(s.os for s in result.sightings)


def test_the_dc_is_directory_and_dns_from_the_inside(snap: dict[str, object]) -> None:
    result = parse.parse(snap, "ldap://10.77.0.10")
    dc = next(s for s in result.sightings if s.name == "DC1")
    roles = {h.role: h for h in dc.role_hints}
    assert set(roles) == {"directory", "dns"}
    assert roles["directory"].confidence == 1.0
    assert roles["directory"].evidence.startswith("LDAP: domain controller object")
    assert "NS record" in roles["dns"].evidence  # read from the zone apex, not assumed
    assert dc.ips == [DC_IP] and dc.target == DC_IP
    others = [s for s in result.sightings if s.name != "DC1"]
    assert not any(s.role_hints or s.ips for s in others)


def test_directory_sites_zones_and_accounts(snap: dict[str, object]) -> None:
    d = parse.parse(snap, "ldap://10.77.0.10").directory
    assert d is not None
    assert d.domain == "ad.drscout.test"
    assert d.domain_controllers == ["dc1.ad.drscout.test"]
    assert d.transport == "tls-unverified"  # recorded over StartTLS without a CA
    sites = {s.name: s for s in d.sites}
    assert sites["Default-First-Site-Name"].subnets == ["10.77.0.0/24"]
    assert sites["Default-First-Site-Name"].servers == ["dc1.ad.drscout.test"]
    assert sites["Branch"].subnets == []
    assert "ad.drscout.test" in d.dns_zones and "0.77.10.in-addr.arpa" in d.dns_zones
    assert "rootdnsservers" not in d.dns_zones
    accounts = {c.name: c for c in d.computers}
    assert accounts["OLD-PC"].enabled is False
    assert accounts["LAPTOP07"].enabled is True


def _nmap(name: str | None, ip: str, mac: str) -> Sighting:
    return Sighting(collector="nmap", ips=[ip], macs=[mac], hostnames=[name] if name else [])


def test_seen_computers_merge_and_the_rest_are_listed_not_dropped(
        snap: dict[str, object]) -> None:
    ldap = parse.parse(snap, "ldap://10.77.0.10")
    # the DC by its address only (no reverse DNS), the workstation by its DNS name only
    nmap = CollectorResult(collector="nmap", target="10.77.0.0/24", sightings=[
        _nmap(None, DC_IP, "02:77:00:00:00:10"),
        _nmap("ws01.ad.drscout.test", "10.77.0.21", "02:77:00:00:00:21")])
    inv = build_inventory([nmap, ldap], ScanMeta(started=datetime.now(UTC)),
                          [parse_target("10.77.0.0/24")])
    assert len(inv.assets) == 2
    dc = next(a for a in inv.assets if DC_IP in a.ips)
    ws = next(a for a in inv.assets if "10.77.0.21" in a.ips)
    assert {"directory", "dns"} <= set(dc.roles)
    directory_fact = next(f for f in dc.provenance if f.field == "role"
                          and f.value == "directory")
    assert directory_fact.collector == "ldap"  # outranks the port guess
    assert ws.os == "Windows 10 Pro" and "ldap" in ws.sources
    [d] = inv.directories
    seen = {c.name: c.asset for c in d.computers if c.seen_on_network}
    assert seen == {"DC1": dc.id, "WS01": ws.id}
    assert sorted(c.name for c in d.not_seen()) == ["FS01", "LAPTOP07", "OLD-PC"]


def test_ns_record_blob_and_garbage() -> None:
    # DNS_RPC_RECORD: DataLength, Type=NS(2), Version 5, Rank, Flags, Serial, TTL, ...
    name = b"\x0a\x03" + b"\x03dc1" + b"\x02ad" + b"\x04test" + b"\x00"
    head = len(name).to_bytes(2, "little") + (2).to_bytes(2, "little") + bytes(20)
    assert parse.dns_names(head + name) == "dc1.ad.test"
    assert parse.dns_names(head + name[:5]) is None  # truncated
    assert parse.dns_names(b"\x04\x00\x01\x00" + bytes(20) + b"\x0a\x4d\x00\x01") is None  # A
    hostile = b"\x0a\x01" + b"\x08<script>" + b"\x00"
    blob = len(hostile).to_bytes(2, "little") + (2).to_bytes(2, "little") + bytes(20)
    assert parse.dns_names(blob + hostile) is None
    entry = {"dn": "DC=@,DC=x.test,CN=MicrosoftDNS,DC=DomainDnsZones,DC=x,DC=test",
             "attributes": {"dnsRecord": [base64.b64encode(head + name).decode(), "%%%"]}}
    assert parse.name_servers([entry]) == {"dc1.ad.test": ["x.test"]}


def test_filetime() -> None:
    assert parse.filetime("0") is None and parse.filetime("9223372036854775807") is None
    assert parse.filetime("garbage") is None
    # 13300000000 s after 1601 = 1655526400 s after 1970 (11644473600 s apart)
    assert parse.filetime("133000000000000000") == datetime(2022, 6, 18, 4, 26, 40,
                                                            tzinfo=UTC)


def test_garbage_entries_do_not_stop_the_parse() -> None:
    snap = {"root_dse": {"dn": "", "attributes": {"defaultNamingContext": ["DC=x,DC=test"]}},
            "computers": [{"dn": "", "attributes": {}},
                          {"dn": "CN=A,CN=Computers,DC=x,DC=test",
                           "attributes": {"cn": ["A"], "userAccountControl": ["junk"],
                                          "lastLogonTimestamp": ["-5"]}}],
            "sites": [{"dn": "garbage", "attributes": {"objectClass": ["subnet"]}}],
            "zones": [], "zone_heads": [{"dn": "", "attributes": {"dnsRecord": ["AAAA"]}}]}
    result = parse.parse(snap, "ldap://x")
    assert [s.name for s in result.sightings] == ["A"]
    assert result.directory is not None and result.directory.computers[0].enabled


def test_hostile_directory_strings_are_cleaned_like_snmp_strings() -> None:
    snap = {"root_dse": {"dn": "", "attributes": {"defaultNamingContext": ["DC=x,DC=test"]}},
            "computers": [{"dn": "CN=EVIL\x1b[2J,CN=Computers,DC=x,DC=test",
                           "attributes": {"cn": ["EVIL\x1b[2J\x00<script>"],
                                          "dNSHostName": ["evil\r\n.x.test"],
                                          "operatingSystem": ["W" * 100_000],
                                          "userAccountControl": ["4096"]}}]}
    result = parse.parse(snap, "ldap://x")
    [s] = result.sightings
    assert s.name == "EVIL [2J <script>"  # control characters gone; markup is the
    assert s.os == "W" * 1024            # report's job (escaped there), length capped
    assert s.hostnames == ["evil .x.test"]
    assert result.directory is not None and "\x1b" not in result.directory.computers[0].dn
