"""CLI behaviour: help and README coverage for every command and option, bad input."""

import os
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from drscout.cli.main import cli

README = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")


def _commands() -> list[tuple[str, click.Command]]:
    return sorted(cli.commands.items())  # type: ignore[attr-defined]


@pytest.mark.parametrize(("name", "command"), _commands())
def test_every_command_and_option_has_help_and_readme_coverage(
        name: str, command: click.Command) -> None:
    assert command.help, f"{name} has no help"
    assert f"drscout {name}" in README, f"README does not document `drscout {name}`"
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{name} {param.opts} has no help"
            longest = max(param.opts, key=len)
            assert longest in README, f"README does not mention {longest} ({name})"


@pytest.mark.parametrize("args", [
    ["run", "not-an-address"],
    ["run", "8.8.8.0/24"],
    ["run", "10.0.0.0/8"],
    ["scan", "127.0.0.1", "--collectors", "telepathy"],
    ["scan", "127.0.0.1", "--exclude", "bogus"],
    ["analyze", "/nonexistent/inventory.json"],
    ["report", "/nonexistent/inventory.json"],
])
def test_bad_input_is_one_line_and_exit_2(args: list[str]) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("drscout: error:"), result.stderr
    assert "Traceback" not in result.output


def test_invalid_inventory_file_is_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "inv.json"
    bad.write_text('{"assets": [{"id": "x", "name": "x", "macs": 5}]}')
    result = CliRunner().invoke(cli, ["analyze", str(bad)])
    assert result.exit_code == 2
    assert re.search(r"assets\.0\.macs", result.stderr)


def test_missing_nmap_is_one_line_and_exit_3(tmp_path: Path) -> None:
    env = {"PATH": str(tmp_path)}
    result = CliRunner().invoke(cli, ["scan", "127.0.0.1", "--collectors", "nmap", "-q",
                                      "-o", str(tmp_path / "inv.json")], env=env)
    assert result.exit_code == 3, result.output
    assert "nmap" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "inv.json").exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="needs nothing special, but binds loopback only")
def test_snmp_only_scan_of_loopback_records_a_gap(tmp_path: Path) -> None:
    """Nothing answers SNMP on this port of 127.0.0.1: the result is a gap, not 'nothing'."""
    out = tmp_path / "inv.json"
    result = CliRunner().invoke(cli, ["scan", "127.0.0.1", "--collectors", "snmp", "-q",
                                      "--snmp-port", "1", "--snmp-timeout", "0.2",
                                      "--snmp-retries", "0", "--snmp-community", "s3cret",
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert '"collector": "snmp"' in text and '"target": "127.0.0.1"' in text
    assert "s3cret" not in text


def test_readme_quotes_every_profile_exactly() -> None:
    from scanner.collectors.nmap.profiles import (
        DISCOVER_ROOT_ARGUMENTS,
        DISCOVER_USER_ARGUMENTS,
        PROFILES,
    )

    for profile in PROFILES.values():
        assert f"`{profile.tcp_arguments}`" in README, profile.name
        if profile.udp_arguments:
            assert f"`{profile.udp_arguments}`" in README, profile.name
    assert DISCOVER_ROOT_ARGUMENTS in README and DISCOVER_USER_ARGUMENTS in README


def _choices(command: str, option: str) -> tuple[str, ...]:
    param = next(p for p in cli.commands[command].params  # type: ignore[attr-defined]
                 if option in p.opts)
    assert isinstance(param.type, click.Choice)
    return tuple(param.type.choices)


def test_choices_come_from_the_library_lists() -> None:
    """Each choice list has one home in the library; the CLI shows it, except export's
    formats, spelled out so that ``drscout --help`` need not import the renderers: this
    test keeps the two equal."""
    from analysis.model import SEVERITIES
    from reports.exports import FORMATS

    assert _choices("export", "--format") == FORMATS
    assert _choices("analyze", "--fail-on") == (*SEVERITIES, "never")
    assert _choices("diff", "--fail-on-new") == SEVERITIES
    assert "none" not in _choices("scan", "--snmp-v3-auth-proto")
    assert _choices("scan", "--profile") == ("quick", "standard", "deep")
