"""``drscout analyze --site`` and ``--what-if`` through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from drscout.cli.main import cli
from scanner.config import with_config
from scanner.credentials import SnmpCommunity, SnmpV3User
from scanner.options import ScanOptions
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


def test_site_credentials_are_refused_with_the_config_line_that_replaces_them(
        tmp_path: Path) -> None:
    """Scan credentials have one path (command line, environment, --config): a site file
    with the old [credentials] table stops with exit 2 and one line, and the line it
    names, pasted into a --config file, reads the same variables the table named."""
    inv, site = files(tmp_path, '[credentials]\nsnmp_communities = "ACME_C"\n'
                                'snmp_v3_user = "ACME_U"\nsnmp_v3_auth_key = "ACME_A"\n')
    result = CliRunner().invoke(cli, ["analyze", inv, "--site", site])
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert "site.toml:1: credentials: scan credentials do not belong in the site file" in line
    snippet = line.split("write in the --config file: ", 1)[1].split(" (or the same", 1)[0]
    config = tmp_path / "drscout.toml"
    config.write_text(snippet + "\n")
    env = {"ACME_C": "alpha,v1:beta", "ACME_U": "admin", "ACME_A": "authpass"}
    options = with_config(ScanOptions(targets=()), config, warn=pytest.fail, environ=env)
    assert options.snmp.credentials == (
        SnmpCommunity("alpha"), SnmpCommunity("beta", version="1"),
        SnmpV3User(user="admin", auth_key="authpass"))
