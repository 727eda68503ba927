"""SSH options from the command line, the environment and the --config file: the
password only ever from env or the file, never shown by repr/str, and the file's [ssh]
section completing what the command line left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from drscout.cli.ssh import ssh_options_from
from scanner.collectors.ssh.options import SshCredential, default_known_hosts
from scanner.config import with_config
from scanner.errors import UsageError
from scanner.options import ScanOptions

SECRET = "s3cret-Pw-xyz"


def test_password_from_env_and_hidden_from_repr() -> None:
    opts = ssh_options_from({"ssh_user": "admin", "ssh_hosts": ("10.0.0.5",)},
                            {"DRSCOUT_SSH_PASSWORD": SECRET, "XDG_DATA_HOME": "/x"})
    assert opts.credential and opts.credential.password == SECRET
    assert SECRET not in repr(opts) and SECRET not in str(opts.credential)
    assert opts.hosts == ("10.0.0.5",) and opts.discovered
    assert opts.known_hosts == Path("/x/drscout/known_hosts")
    assert opts.secrets() == [SECRET]


def test_no_user_means_off_and_half_options_are_usage_errors() -> None:
    assert not ssh_options_from({}, {}).enabled
    with pytest.raises(UsageError):
        ssh_options_from({"ssh_hosts": ("h",)}, {})
    with pytest.raises(UsageError):
        ssh_options_from({"ssh_user": "u", "ssh_only": True}, {})
    with pytest.raises(UsageError):  # a known_hosts line must hold exactly one host
        ssh_options_from({"ssh_user": "u", "ssh_hosts": ("a b",)}, {})


def test_known_hosts_defaults_under_the_user_data_dir() -> None:
    assert default_known_hosts({"HOME": "/h"}).parts[-2:] == ("drscout", "known_hosts")
    assert default_known_hosts({"XDG_DATA_HOME": "/d"}) == Path("/d/drscout/known_hosts")


def test_config_section_completes_the_command_line(tmp_path: Path) -> None:
    config = tmp_path / "drscout.toml"
    config.write_text('[ssh]\nuser = "backup-audit"\npassword_env = "OFFICE_SSH"\n'
                      'hosts = ["10.0.0.9"]\nknown_hosts = "/kh"\n')
    warnings: list[str] = []
    opts = with_config(ScanOptions(), config, warnings.append, {"OFFICE_SSH": SECRET})
    assert opts.ssh.credential == SshCredential("backup-audit", password=SECRET)
    assert opts.ssh.hosts == ("10.0.0.9",) and opts.ssh.known_hosts == Path("/kh")
    assert SECRET in opts.secrets() and warnings == []


def test_inline_password_in_a_world_readable_config_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "drscout.toml"
    config.write_text(f'[ssh]\nuser = "u"\npassword = "{SECRET}"\n')
    config.chmod(0o644)
    with pytest.raises(UsageError) as caught:
        with_config(ScanOptions(), config, lambda m: None, {})
    assert "ssh.password" in str(caught.value) and SECRET not in str(caught.value)
