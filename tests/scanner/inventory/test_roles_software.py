"""Roles from running programs (SNMP hrSWRunTable) and their merge into the asset."""

from __future__ import annotations

import pytest

from scanner.inventory.model import Asset, NetworkContext, Service, SoftwareItem
from scanner.inventory.resolve import resolve
from scanner.inventory.roles import assign_roles
from scanner.inventory.sighting import Sighting


def _roles(names: list[str], services: list[Service] | None = None) -> dict[str, str]:
    software = [SoftwareItem(name=n, path=f"/opt/{n}", type="application", collector="snmp")
                for n in names]
    asset = Asset(id="h", name="h", type="server", software=software, services=services or [])
    done = assign_roles(asset, NetworkContext())
    return {f.value: f.evidence for f in done.provenance if f.field == "role"}


@pytest.mark.parametrize(("program", "role"), [
    ("postgres", "database"), ("mysqld", "database"), ("sqlservr.exe", "database"),
    ("SQLSERVR.EXE", "database"), ("smbd", "file"), ("named", "dns"), ("dnsmasq", "dns"),
    ("unbound", "dns"), ("Veeam.Backup.Service.exe", "backup"), ("bacula-dir", "backup"),
    ("bacula-sd", "backup"), ("bareos-dir", "backup"), ("urbackupsrv", "backup"),
])
def test_program_gives_role_naming_process_and_collector(program: str, role: str) -> None:
    roles = _roles([program])
    assert role in roles
    assert program in roles[role] and "snmp" in roles[role] and f"/opt/{program}" in roles[role]


@pytest.mark.parametrize("program", ["dhcpd", "dnsmasq"])
def test_dhcp_needs_port_67_open(program: str) -> None:
    assert "dhcp" not in _roles([program])
    roles = _roles([program], [Service(port=67, protocol="udp", name="dhcps")])
    assert program in roles["dhcp"] and "67/udp open" in roles["dhcp"]


@pytest.mark.parametrize("program", ["sshd", "postgresql-helper-x", "bash", "nginx",
                                     "dns", "smb", "bacula-fd", "VeeamAgent",
                                     "urbackupclientbackend"])
def test_other_programs_give_no_server_role(program: str) -> None:
    roles = _roles([program])
    assert not roles.keys() & {"database", "file", "dns", "dhcp", "backup"}


def test_resolve_keeps_snmp_software_and_its_note() -> None:
    item = SoftwareItem(name="postgres", path="/usr/bin/postgres", type="application",
                        collector="snmp")
    snmp = Sighting(collector="snmp", ips=["10.9.0.5"], software=[item],
                    software_note="1 distinct running programs from hrSWRunTable (3 rows)")
    nmap = Sighting(collector="nmap", ips=["10.9.0.5"], macs=["02:00:00:00:00:05"])
    [asset] = resolve([nmap, snmp])
    assert asset.software == [item]
    notes = [f for f in asset.provenance if f.field == "software"]
    assert [(f.value, f.collector) for f in notes] == [(snmp.software_note, "snmp")]
    assert "database" in assign_roles(asset, NetworkContext()).roles


def test_too_large_note_reaches_provenance_without_software() -> None:
    note = "hrSWRunTable not read: more than 300 running processes (only read when small)"
    [asset] = resolve([Sighting(collector="snmp", ips=["10.9.0.6"], software_note=note)])
    assert asset.software == []
    assert [f.value for f in asset.provenance if f.field == "software"] == [note]
