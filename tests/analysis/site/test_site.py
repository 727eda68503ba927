"""Site files: parsing with line-numbered errors, and what they change in the analysis."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import assess
from analysis.site.load import SiteError, load_site, parse_site
from tests.analysis.offices import asset, one_switch_office

SITE = """\
[site]
name = "Acme"
location = "Leeds"

[[process]]
name = "Accounting"
criticality = 1
needs = ["role:database", "fs1"]

[[process]]
name = "Shop"
needs = ["service:jetdirect", "Accounting"]

[[dependency]]
source = "Accounting"
target = "dnsmasq"
note = "the ERP runs there"

[internet]
gateways = ["gw", "10.0.0.3"]

[[power]]
ups = "ups1"
feeds = ["sw", "fs1"]

[[power]]
ups = "ups2"
feeds = ["fs1"]

[[backup]]
sources = ["fs1"]
target = "fs2"

[assets."printer"]
name = "Front desk printer"
owner = "Reception"
tier = 2

[assets."ws3"]
excluded = true

[[suppress]]
rule = "DRS-003"
reason = "managed from the admin VLAN only"
"""


def office():  # type: ignore[no-untyped-def]
    db = asset("db", "10.0.0.40", "server", ("database",))
    ups1 = asset("ups1", "10.0.0.50", "ups", ("ups",))
    ups2 = asset("ups2", "10.0.0.51", "ups", ("ups",))
    return one_switch_office([db, ups1, ups2])


def test_parse_full_site() -> None:
    site = parse_site(SITE)
    assert (site.name, site.location) == ("Acme", "Leeds")
    assert [p.name for p in site.processes] == ["Accounting", "Shop"]
    assert site.processes[0].line == 6 and site.processes[0].criticality == 1
    assert site.internet == ("gw", "10.0.0.3")
    assert site.overrides[0].tier == 2 and site.overrides[1].excluded


def test_redundancy_groups_and_seats_threshold() -> None:
    site = parse_site('[site]\nseats_threshold = 10\n\n[[redundancy]]\nname = "DFS"\n'
                      'members = ["fs1", "10.0.0.11"]\nroles = ["role:file"]\n'
                      'reason = "DFS replication"\n')
    assert site.seats_threshold == 10
    (group,) = site.redundancy
    assert (group.name, group.members, group.roles, group.reason, group.line) == (
        "DFS", ("fs1", "10.0.0.11"), ("file",), "DFS replication", 6)
    assert parse_site("").seats_threshold == 5


@pytest.mark.parametrize(("text", "message"), [
    ('[[process]]\nname = "A"\nneeds = "x"\ncriticality = 9\n',
     "site.toml:4: process[1].criticality: expected a whole number from 1"),
    ('[[process]]\nname = "A"\nneeds = ["x"]\n\n[[process]]\nname = "B"\nneeds = [1]\n',
     "site.toml:7: process[2].needs: expected a list of non-empty strings"),
    ('[[process]]\nname = "A"\nneeds = ["x"]\ncolour = "red"\n',
     "site.toml:4: process[1].colour: unknown key"),
    ('[site]\nname = "x"\n[assets."db"]\ntier = "one"\n',
     "site.toml:4: assets.db.tier: expected a whole number"),
    ('[site]\nname = "x"\n[credentials]\nsnmp_communities = "ACME_C"\n',
     "site.toml:3: credentials: scan credentials do not belong in the site file; delete this "
     'table and write in the --config file: snmp = { communities_env = "ACME_C" }'),
    ('[[dependency]]\nsource = "a"\ntarget = "b"\nkind = "magic"\n',
     "site.toml:4: dependency[1].kind: expected one of"),
    ('[[backup]]\nsources = ["a"]\n', "site.toml:1: backup[1].target: required"),
    ("[site\nname = 1\n", "site.toml: Expected ']'"),
    ('[weather]\nsunny = true\n', "site.toml:1: weather: unknown section"),
    ('[[redundancy]]\nmembers = ["fs1", "fs2"]\n', "site.toml:1: redundancy[1].reason: required"),
    ('[[redundancy]]\nmembers = ["fs1"]\nreason = "x"\n',
     "site.toml:2: redundancy[1].members: expected at least two different assets"),
    ('[[redundancy]]\nmembers = ["a", "b"]\nreason = "x"\nroles = ["filez"]\n',
     "site.toml:4: redundancy[1].roles: unknown role 'filez'"),
    ('[site]\nseats_threshold = 0\n', "site.toml:2: site.seats_threshold: expected a whole number"),
    ('[[process]]\nname = "ERP"\nneeds = ["db"]\nrpo_hours = "24h"\n',
     "site.toml:4: process[1].rpo_hours: expected a number of hours greater than 0"),
    ('[[process]]\nname = "ERP"\nneeds = ["db"]\nrpo_hours = 0\n',
     "site.toml:4: process[1].rpo_hours: expected a number of hours greater than 0"),
    ('[[process]]\nname = "ERP"\nneeds = ["db"]\nrpo_hours = true\n',
     "site.toml:4: process[1].rpo_hours: expected a number of hours greater than 0"),
])
def test_errors_name_the_line_and_key(text: str, message: str) -> None:
    with pytest.raises(SiteError) as err:
        parse_site(text)
    assert str(err.value).startswith(message), str(err.value)


@pytest.mark.parametrize("secret", ["hunter2 secret", "public", "public,private"])
def test_credentials_never_hold_secrets_in_errors(secret: str) -> None:
    """A value that does not look like a variable's NAME may be the secret itself: the
    error shows a placeholder instead."""
    with pytest.raises(SiteError) as err:
        parse_site(f'[credentials]\nsnmp_v3_auth_key = "{secret}"\n')
    assert secret not in str(err.value)
    assert 'v3_auth_key_env = "VARIABLE_NAME"' in str(err.value)


def test_load_site_unreadable(tmp_path: Path) -> None:
    with pytest.raises(SiteError, match="cannot read site file"):
        load_site(tmp_path / "missing.toml")


def test_site_processes_overrides_and_layers() -> None:
    a = assess(office(), site=parse_site(SITE))
    assert a.site_name == "Acme"
    procs = {p.name: p for p in a.processes}
    assert set(procs) == {"Accounting", "Shop"}
    assert procs["Accounting"].needs == ["dnsmasq", "fs1", "role:database", "role:dns",
                                         "segment:10.0.0.0/24"]
    assert procs["Shop"].needs == ["process:accounting", "role:dns", "segment:10.0.0.0/24",
                                   "service:jetdirect"]
    names = {x.id: x for x in a.inventory.assets}
    assert "ws3" not in names  # excluded
    assert names["printer"].name == "Front desk printer"
    assert names["printer"].contact == "Reception"
    edges = {(e.source, e.target): e for e in a.graph.edges}
    # fs1 has two UPSes: dual power, an any-of node; sw has one
    assert edges["fs1", "power:fs1"].kind == "power"
    assert {("power:fs1", "ups1"), ("power:fs1", "ups2")} <= set(edges)
    assert edges["sw", "ups1"].evidence.startswith("sw power ups1 (site: site.toml:")
    spofs = {s.id: s for s in a.spofs}
    assert "process:accounting" in spofs["spof:asset:ups1"].blast_radius  # through sw
    assert "spof:asset:ups2" not in spofs  # fs1 keeps ups1
    assert "spof:asset:gw" not in spofs  # the site declares a second gateway
    assert "process:shop" in spofs["spof:role:database:db"].blast_radius  # via Accounting
    assert "process:shop" in spofs["spof:asset:printer"].blast_radius  # only jetdirect


def test_suppressions_tiers_and_backups() -> None:
    a = assess(office(), site=parse_site(SITE))
    ids = {f.id for f in a.findings}
    assert not any(i.startswith("DRS-003") for i in ids)
    assert {f.id for f in a.suppressed} == {"DRS-003:telnet", "DRS-003:http-only"}
    assert all(f.suppressed_reason == "managed from the admin VLAN only" for f in a.suppressed)
    assert "DRS-008" not in ids and "DRS-009" in ids  # backup declared, no offsite copy
    printer = next(p for p in a.priorities if p.asset_id == "printer")
    assert printer.site_tier == 2 and printer.suggested_rto == "<= 24 h"


def test_unresolved_references_are_a_finding() -> None:
    text = '[[process]]\nname = "ERP"\nneeds = ["erp01", "role:database"]\n'
    a = assess(office(), site=parse_site(text))
    finding = next(f for f in a.findings if f.id == "DRS-100")
    assert finding.evidence == ["site.toml:2: process 'ERP' needs 'erp01', which matches no "
                                "asset, role, service or process"]
    assert a.processes[0].needs[0] == "role:database"


def test_rpo_hours_is_read_in_hours() -> None:
    site = parse_site('[[process]]\nname = "ERP"\nneeds = ["db"]\nrpo_hours = 24\n'
                      '[[process]]\nname = "Mail"\nneeds = ["mx"]\nrpo_hours = 0.5\n'
                      '[[process]]\nname = "Print"\nneeds = ["p"]\n')
    assert [p.rpo_hours for p in site.processes] == [24.0, 0.5, None]
