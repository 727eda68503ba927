"""``drscout doctor`` in a subprocess: what it says, and its exit code, on this machine.

It reads local state only, so these tests send no packet."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scanner.collectors import registry
from scanner.readiness import _extra_requirements, extra_checks

DRSCOUT = [sys.executable, "-m", "drscout.cli"]


def _doctor(*args: str, env: dict[str, str] | None = None) -> tuple[int, list[dict[str, str]]]:
    proc = subprocess.run([*DRSCOUT, "doctor", "--json", *args], capture_output=True,
                          text=True, env=env, timeout=120, check=False)
    assert proc.stderr == "" or "error" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def _by_name(checks: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {c["name"]: c for c in checks}


def test_ready_machine_exits_0_with_every_check(tmp_path: Path) -> None:
    code, checks = _doctor("-o", str(tmp_path / "report"))
    found = _by_name(checks)
    assert code == 0
    assert found["nmap"]["status"] == "ok" and "version" in found["nmap"]["detail"]
    assert found["output folder"]["status"] == "ok"
    assert {"python", "privileges", "default scope"} <= set(found)
    assert any(name.startswith("collector ") for name in found)


def test_missing_nmap_is_named_with_its_fix_and_exit_3(tmp_path: Path) -> None:
    env = {**os.environ, "PATH": str(tmp_path)}  # a PATH with no nmap on it
    code, checks = _doctor("-o", str(tmp_path / "report"), env=env)
    nmap = _by_name(checks)["nmap"]
    assert code == 3
    assert nmap["status"] == "missing" and "apt-get install nmap" in nmap["fix"]


def test_unwritable_output_folder_is_missing(tmp_path: Path) -> None:
    code, checks = _doctor("-o", "/proc/drscout-report")
    out = _by_name(checks)["output folder"]
    assert code == 3
    assert out["status"] == "missing" and "-o DIR" in out["fix"]


def test_every_extra_a_collector_needs_is_declared_in_the_package() -> None:
    """A collector whose extra pyproject does not declare would send people to a
    ``pip install drscout[x]`` that installs nothing."""
    declared = _extra_requirements()
    extras = {c.name: c.needs.extra for c in registry.load() if c.needs.extra}
    assert extras, "no collector needs an extra: the registry was not read"
    assert {name: extra for name, extra in extras.items() if not declared.get(extra)} == {}
    assert len(extra_checks()) == len(extras)


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to drop to another user")
def test_without_root_it_says_what_is_lost(tmp_path: Path) -> None:
    _, checks = _doctor("-o", str(tmp_path))
    assert _by_name(checks)["privileges"]["status"] == "ok"
    proc = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                           *DRSCOUT, "doctor", "--json", "-o", "/tmp"],
                          capture_output=True, text=True, timeout=120, check=False)
    if proc.returncode not in (0, 3) or not proc.stdout.startswith("["):
        pytest.skip(f"cannot run the venv as nobody here: {proc.stderr[-200:]}")
    privileges = _by_name(json.loads(proc.stdout))["privileges"]
    assert privileges["status"] == "warn"
    assert "nmap" in privileges["detail"] and "root" in privileges["fix"]
