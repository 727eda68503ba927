"""WinRM options from the command line, the environment and the --config file, and the
choice of hosts: named ones always, discovered ones only when 5986/5985 accepts."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from drscout.cli.main import cli
from drscout.cli.winrm import winrm_options_from
from scanner.collectors.base import Run
from scanner.collectors.winrm.adapter import WinrmCollector
from scanner.collectors.winrm.options import WinrmCredential, WinrmOptions
from scanner.config import with_config
from scanner.errors import UsageError
from scanner.inventory.model import Inventory
from scanner.options import ScanOptions
from tests.collectors.winrm import recorded
from tests.collectors.winrm.refuser import refusing_server

SECRET = "s3cret-Winrm-xyz"


def test_password_from_env_and_hidden_from_repr() -> None:
    opts = winrm_options_from({"winrm_user": "CORP\\scan", "winrm_hosts": ("10.0.0.5",),
                               "insecure": True}, {"DRSCOUT_WINRM_PASSWORD": SECRET})
    assert opts.credential == WinrmCredential("CORP\\scan", SECRET)
    assert SECRET not in repr(opts) and SECRET not in str(opts.credential)
    assert opts.hosts == ("10.0.0.5",) and opts.discovered and opts.insecure
    assert opts.secrets() == [SECRET]


def test_no_user_means_off_and_half_options_are_usage_errors() -> None:
    assert not winrm_options_from({}, {}).enabled
    with pytest.raises(UsageError):
        winrm_options_from({"winrm_hosts": ("h",)}, {})
    with pytest.raises(UsageError):
        winrm_options_from({"winrm_user": "u", "winrm_only": True}, {})
    with pytest.raises(UsageError):
        winrm_options_from({"winrm_user": "u", "winrm_hosts": ("a b",)}, {})


def test_config_section_completes_the_command_line(tmp_path: Path) -> None:
    config = tmp_path / "drscout.toml"
    config.write_text('[winrm]\nuser = "CORP\\\\audit"\npassword_env = "OFFICE_WINRM"\n'
                      'hosts = ["10.0.0.9"]\n')
    warnings: list[str] = []
    opts = with_config(ScanOptions(), config, warnings.append, {"OFFICE_WINRM": SECRET})
    assert opts.winrm.credential == WinrmCredential("CORP\\audit", password=SECRET)
    assert opts.winrm.hosts == ("10.0.0.9",) and SECRET in opts.secrets() and warnings == []


def test_inline_password_in_a_world_readable_config_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "drscout.toml"
    config.write_text(f'[winrm]\nuser = "u"\npassword = "{SECRET}"\n')
    config.chmod(0o644)
    with pytest.raises(UsageError) as caught:
        with_config(ScanOptions(), config, lambda _m: None, {})
    assert "winrm.password" in str(caught.value) and SECRET not in str(caught.value)


def test_the_cli_takes_the_options() -> None:
    result = CliRunner().invoke(cli, ["scan", "127.0.0.1", "--collectors", "winrm",
                                      "--winrm-only"])
    assert result.exit_code == 2 and "--winrm-only needs" in result.stderr


@pytest.fixture
def listening() -> Iterator[str]:
    """127.0.0.25 with 5985/tcp open (WinRM over HTTP's port), nothing else."""
    server = socket.create_server(("127.0.0.25", 5985))
    try:
        yield "127.0.0.25"
    finally:
        server.close()


def test_discovered_hosts_are_read_only_when_winrm_listens(listening: str) -> None:
    read: list[tuple[str, int]] = []

    def connect(host: str, port: int, options: WinrmOptions):  # type: ignore[no-untyped-def]
        read.append((host, port))
        return recorded.connect(recorded.DC, port, options)

    opts = ScanOptions(collectors=("winrm",),
                       winrm=WinrmOptions(credential=recorded.CREDENTIAL))
    collector = WinrmCollector(connect=connect)

    async def run() -> list[object]:
        tasks = await collector.tasks(Run(opts, "per-host", hosts=(listening, "127.0.0.26")))
        return [await t.work() for t in tasks]

    results = asyncio.run(run())
    assert read == [(listening, 5985)]
    assert [bool(r.sightings) for r in results] == [True, False]  # type: ignore[attr-defined]
    assert all(r.gaps == [] for r in results)  # type: ignore[attr-defined]


def test_drscout_scan_turns_a_refused_login_into_an_auth_gap(tmp_path: Path) -> None:
    """The real CLI and pywinrm against a loopback WinRM port (5985) that refuses NTLM."""
    out = tmp_path / "inventory.json"
    with refusing_server("127.0.0.27", 5985):
        result = CliRunner().invoke(
            cli, ["scan", "127.0.0.27", "--collectors", "winrm", "--winrm-user", "CORP\\scan",
                  "--winrm-host", "127.0.0.27", "--winrm-only", "--winrm-timeout", "5",
                  "-o", str(out), "--quiet"], env={"DRSCOUT_WINRM_PASSWORD": SECRET})
    assert result.exit_code == 0, result.output
    gaps = [g for g in Inventory.model_validate_json(out.read_text()).gaps
            if g.collector == "winrm"]
    assert [(g.target, g.reason) for g in gaps] == [("127.0.0.27", "auth")]
    assert SECRET not in out.read_text() and SECRET not in result.output
