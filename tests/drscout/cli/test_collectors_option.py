"""``--collectors``: every registered name is accepted, an unknown one is a one-line usage
error, and a hypervisor-only run needs no targets."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from drscout.cli.main import cli
from scanner.collectors.registry import NAMES


def _scan(*args: str, out: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["scan", "-q", "-o", str(out), *args])
    return result.exit_code, result.output


def test_help_names_every_registered_collector() -> None:
    text = " ".join(CliRunner().invoke(cli, ["scan", "--help"]).output.split())
    assert all(name in text for name in NAMES)


def test_an_unknown_collector_is_a_one_line_usage_error(tmp_path: Path) -> None:
    code, output = _scan("127.0.0.1", "--collectors", "nmap,telepathy", out=tmp_path / "i.json")
    assert code == 2
    assert output.strip().splitlines() == [
        f"drscout: error: unknown collector(s): telepathy; choose from {', '.join(NAMES)}"]


def test_a_hypervisor_collector_without_its_endpoint_has_nothing_to_do(tmp_path: Path) -> None:
    code, output = _scan("--collectors", "vmware", out=tmp_path / "i.json")
    assert code == 2 and "nothing to collect" in output and len(output.splitlines()) == 1


def test_a_vcenter_only_run_needs_no_targets(tmp_path: Path) -> None:
    """Nothing listens on 127.0.0.1:1: the read fails, and the failure is the only thing
    in the inventory (no local subnets were looked for, no network was scanned)."""
    out = tmp_path / "i.json"
    code, output = _scan("--collectors", "vmware", "--vcenter", "https://127.0.0.1:1",
                         "--virt-timeout", "2", out=out)
    assert code == 0, output
    inventory = json.loads(out.read_text())
    assert inventory["scan"]["targets"] == [] and inventory["scan"]["collectors"] == ["vmware"]
    assert [(g["collector"], g["target"]) for g in inventory["gaps"]] == [
        ("vmware", "https://127.0.0.1:1")]
