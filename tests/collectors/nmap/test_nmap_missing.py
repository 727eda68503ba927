"""nmap absent from PATH -> MissingToolError with a one-line install hint; bad input ->
UsageError before nmap is ever started."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scanner.collectors.nmap import dhcp_discover, discover, nmap_version, scan_ports
from scanner.errors import MissingToolError, UsageError


@pytest.fixture
def no_nmap(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))


def test_nmap_version_without_nmap(no_nmap: None) -> None:
    with pytest.raises(MissingToolError) as info:
        nmap_version()
    assert str(info.value) == "nmap is not installed: apt-get install nmap"
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "call",
    [
        lambda: discover(["127.0.0.1"], as_root=False),
        lambda: scan_ports(["127.0.0.1"], "quick", as_root=False),
        lambda: dhcp_discover("lo", as_root=False),
    ],
)
def test_every_entry_point_raises_when_nmap_missing(no_nmap: None, call) -> None:
    with pytest.raises(MissingToolError):
        call()


@pytest.mark.parametrize("target", ["-iL /etc/passwd", "10.0.0.1;reboot", "a b"])
def test_option_like_targets_are_refused(target: str) -> None:
    with pytest.raises(UsageError):
        discover([target], as_root=False)
    with pytest.raises(UsageError):
        scan_ports([target], "quick", as_root=False)


def test_unknown_profile_and_interface() -> None:
    with pytest.raises(UsageError, match="quick, standard, deep"):
        scan_ports(["127.0.0.1"], "turbo", as_root=False)
    with pytest.raises(UsageError):
        dhcp_discover("-e eth0", as_root=True)


@pytest.mark.skipif(shutil.which("nmap") is None, reason="nmap not installed")
def test_dhcp_needs_root_gap_without_sending() -> None:
    result = dhcp_discover("eth0", as_root=False)
    assert [g.reason for g in result.gaps] == ["permission"]
    assert result.sightings == [] and result.network is None
    assert result.tool_versions["nmap"] == nmap_version()
