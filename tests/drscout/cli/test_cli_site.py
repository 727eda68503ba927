"""``drscout analyze --site`` and ``--what-if`` through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from analysis.site.load import parse_site
from drscout.cli.analysis import apply_site_credentials
from drscout.cli.main import cli
from tests.analysis.offices import one_switch_office


def files(tmp_path: Path, site: str) -> tuple[str, str]:
    inv = tmp_path / "inv.json"
    inv.write_text(one_switch_office().model_dump_json())
    path = tmp_path / "site.toml"
    path.write_text(site)
    return str(inv), str(path)


def test_analyze_with_site_json(tmp_path: Path) -> None:
    inv, site = files(tmp_path, '[site]\nname = "Acme"\n[[process]]\nname = "Books"\n'
                                'criticality = 1\nneeds = ["fs1"]\n')
    result = CliRunner().invoke(cli, ["analyze", inv, "--site", site, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["site_name"] == "Acme"
    assert [p["name"] for p in data["processes"]] == ["Books"]


def test_bad_site_is_one_line_exit_2_with_line(tmp_path: Path) -> None:
    inv, site = files(tmp_path, '[[process]]\nname = "Books"\nneeds = ["fs1"]\ncriticality = 0\n')
    result = CliRunner().invoke(cli, ["analyze", inv, "--site", site])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "site.toml:4: process[1].criticality" in lines[0]


def test_what_if(tmp_path: Path) -> None:
    inv, _ = files(tmp_path, "")
    result = CliRunner().invoke(cli, ["analyze", inv, "--what-if", "dnsmasq"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("If dnsmasq fails, 7 things stop:")
    assert "  File shares -> role:dns -> dnsmasq" in result.stdout
    quiet = CliRunner().invoke(cli, ["analyze", inv, "--what-if", "ws1"])
    assert quiet.stdout.strip() == "If ws1 fails, nothing else stops."
    bad = CliRunner().invoke(cli, ["analyze", inv, "--what-if", "nope"])
    assert bad.exit_code == 2 and "nope" in bad.stderr


def test_site_credentials_come_from_the_named_variables(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    site = parse_site('[credentials]\nsnmp_communities = "ACME_C"\nsnmp_v3_user = "ACME_U"\n')
    monkeypatch.setenv("ACME_C", "alpha,beta")
    monkeypatch.setenv("ACME_U", "admin")
    kw: dict[str, object] = {"communities": (), "snmp_v3_user": None}
    apply_site_credentials(kw, site)
    assert kw == {"communities": ("alpha", "beta"), "snmp_v3_user": "admin"}
    given: dict[str, object] = {"communities": ("cli",), "snmp_v3_user": "me"}
    apply_site_credentials(given, site)
    assert given == {"communities": ("cli",), "snmp_v3_user": "me"}  # the command line wins
    assert "alpha" not in repr(site)
