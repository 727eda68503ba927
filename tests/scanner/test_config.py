"""``--config FILE``: endpoints and SNMP credentials from TOML, secrets by env-var name."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from drscout.cli.main import cli
from scanner.config import load_config, with_config
from scanner.credentials import SnmpCommunity, SnmpV3User, VirtEndpoint, VirtOptions
from scanner.errors import UsageError
from scanner.options import ScanOptions, SnmpOptions
from scanner.targets import parse_targets

BY_NAME = """
insecure = true
virt_timeout = 12
[snmp]
communities_env = "T_COMMUNITIES"
v3_user = "drscout"
v3_auth_key_env = "T_AUTH"
[[vcenter]]
address = "https://vc1.example"
user = "ro@vsphere.local"
password_env = "T_VC_PW"
[[proxmox]]
address = "https://pve1:8006"
token_id = "root@pam!drscout"
token_secret_env = "T_PVE"
[[libvirt]]
address = "qemu+ssh://root@kvm1/system"
"""
INLINE = '[[hyperv]]\naddress = "hv1"\nuser = "CORP\\\\scan"\npassword = "Sup3r-secret"\n'


def _file(tmp_path: Path, text: str, mode: int) -> Path:
    path = tmp_path / "drscout.toml"
    path.write_text(text, encoding="utf-8")
    os.chmod(path, mode)
    return path


def test_secrets_by_env_name_are_added_after_the_command_line(tmp_path: Path) -> None:
    env = {"T_COMMUNITIES": "c1, v1:old", "T_AUTH": "authkey1", "T_VC_PW": "pw1",
           "T_PVE": "tok1"}
    base = ScanOptions(targets=parse_targets(["127.0.0.1/32"]),
                       snmp=SnmpOptions(credentials=(SnmpCommunity("cli"),)),
                       virt=VirtOptions(endpoints=(VirtEndpoint("vmware", "https://vc0"),)))
    warnings: list[str] = []
    opts = with_config(base, _file(tmp_path, BY_NAME, 0o644), warnings.append, env)
    assert warnings == []
    assert opts.snmp.credentials == (SnmpCommunity("cli"), SnmpCommunity("c1"),
                                     SnmpCommunity("old", version="1"),
                                     SnmpV3User(user="drscout", auth_key="authkey1"))
    assert [(e.platform, e.address) for e in opts.virt.endpoints] == [
        ("vmware", "https://vc0"), ("vmware", "https://vc1.example"),
        ("libvirt", "qemu+ssh://root@kvm1/system"), ("proxmox", "https://pve1:8006")]
    vc, pve = opts.virt.endpoints[1].credential, opts.virt.endpoints[3].credential
    assert (vc.user, vc.password) == ("ro@vsphere.local", "pw1")
    assert (pve.token_id, pve.token_secret) == ("root@pam!drscout", "tok1")
    assert opts.virt.insecure and opts.virt.timeout == 12
    assert "pw1" not in repr(opts) and "tok1" not in repr(opts)


def test_unset_variable_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    warnings: list[str] = []
    opts = with_config(ScanOptions(targets=()), _file(tmp_path, BY_NAME, 0o600),
                       warnings.append, {})
    assert any("T_VC_PW" in w and "not set" in w for w in warnings)
    assert opts.virt.endpoints[0].credential.password is None
    assert opts.snmp.credentials == (SnmpV3User(user="drscout"),)


def test_inline_secret_warns_about_permissions(tmp_path: Path) -> None:
    warnings: list[str] = []
    config = load_config(_file(tmp_path, INLINE, 0o640), warnings.append)
    assert len(warnings) == 1 and "hyperv[0].password" in warnings[0]
    assert "group" in warnings[0] and "Sup3r-secret" not in warnings[0]
    assert "Sup3r-secret" not in repr(config)


def test_world_readable_file_with_a_secret_is_refused(tmp_path: Path) -> None:
    path = _file(tmp_path, INLINE, 0o644)
    with pytest.raises(UsageError, match="readable by every user"):
        load_config(path, lambda _: None)
    result = CliRunner().invoke(cli, ["scan", "127.0.0.1", "-q", "--config", str(path),
                                      "-o", str(tmp_path / "inv.json")])
    assert result.exit_code == 2
    assert result.stderr.startswith("drscout: error: config ")
    assert "Sup3r-secret" not in result.output
    assert not (tmp_path / "inv.json").exists()


@pytest.mark.parametrize(("text", "where"), [
    ('[[vcenter]]\naddress = "x"\npasword = "Sup3r-secret"\n', "vcenter.0.pasword"),
    ('[snmp]\nv3_auth_proto = "Sup3r-secret"\n', "snmp.v3_auth_proto"),
    ('[[proxmox]]\nuser = "x"\n', "proxmox.0.address"),
    ('insecure = "Sup3r-secret', "not valid TOML"),
])
def test_errors_name_the_key_never_the_value(tmp_path: Path, text: str, where: str) -> None:
    with pytest.raises(UsageError) as info:
        load_config(_file(tmp_path, text, 0o600), lambda _: None)
    assert where in str(info.value)
    assert "Sup3r-secret" not in str(info.value)
