"""README's "What each script installs and changes" must say what the scripts really do.

The scripts are the truth (their ``PACKAGES`` arrays, the lab's ``SERVICES`` map, their pip
commands); the README is what a consultant reads before running one as root, so a package
added to a script and not to the README (or the reverse) fails here."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SECTION = "### What each script installs and changes"
_TICKED = re.compile(r"`([^`]+)`")


def _bash_array(script: str, name: str) -> list[str]:
    """The words of ``NAME=( ... )`` (or ``declare -A NAME=( ... )``), comments dropped."""
    match = re.search(rf"^(?:declare -A )?{name}=\((.*?)\)\s*$", script, re.M | re.S)
    assert match, f"no {name}=(...) array"
    return [w for line in match.group(1).splitlines() for w in line.split("#")[0].split()]


def _services(script: str) -> set[str]:
    """Every service name in the lab's ``[package]="service ..."`` map (none: empty)."""
    match = re.search(r"^declare -A SERVICES=\((.*?)\)\s*$", script, re.M | re.S)
    if match is None:
        return set()
    return {svc for value in re.findall(r'\]="([^"]*)"', match.group(1)) for svc in value.split()}


def _script(name: str) -> str:
    return (REPO / "scripts" / name).read_text()


def _code(name: str) -> str:
    """The script without its comments (a '#' at a line's start or after a blank)."""
    return re.sub(r"(^|\s)#.*$", "", _script(name), flags=re.M)


def _readme_line(name: str, label: str) -> str:
    """The sub-bullet starting with ``label`` of the README bullet of ``scripts/NAME``."""
    text = (REPO / "README.md").read_text()
    assert SECTION in text
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    entries = re.split(r"^- \*\*`scripts/([\w-]+)`\*\*", section, flags=re.M)
    bodies = dict(zip(entries[1::2], entries[2::2], strict=True))
    assert name in bodies, f"the README lists no scripts/{name}"
    subs = [" ".join(sub.split()) for sub in re.split(r"^  - ", bodies[name], flags=re.M)[1:]]
    found = [sub for sub in subs if sub.startswith(label)]
    assert len(found) == 1, f"scripts/{name}: no single '{label}' line in {subs}"
    return found[0]


def _ticked_after_colon(line: str) -> set[str]:
    """Backticked words after the label (the part before the first '):' or ':')."""
    rest = line.split("):", 1)[1] if "):" in line else line.split(":", 1)[1]
    return set(_TICKED.findall(rest))


@pytest.mark.parametrize("script", ["install", "lab-setup"])
def test_readme_lists_exactly_the_apt_packages(script: str) -> None:
    listed = _ticked_after_colon(_readme_line(script, "apt packages"))
    packages = set(_bash_array(_script(script), "PACKAGES"))
    assert listed == packages, (f"only in README: {sorted(listed - packages)}; "
                                f"only in scripts/{script}: {sorted(packages - listed)}")


@pytest.mark.parametrize("script", ["install", "lab-setup"])
def test_readme_lists_exactly_the_services_stopped(script: str) -> None:
    line = _readme_line(script, "system services")
    listed = set() if "none" in line.split(":", 1)[1] else _ticked_after_colon(line)
    stopped = _services(_script(script))
    assert listed == stopped, f"README: {sorted(listed)}; scripts/{script}: {sorted(stopped)}"
    assert bool(stopped) == ("disable" in _code(script))  # a script that stops says so


@pytest.mark.parametrize(("script", "editable"), [("install", False), ("lab-setup", True)])
def test_readme_names_the_venv_and_the_pip_extra(script: str, editable: bool) -> None:
    pip = re.search(r'pip install (.*)"\$REPO\[(\w+)\]"', _script(script))
    assert pip, f"scripts/{script} runs no pip install of the checkout"
    extra, says = pip.group(2), _readme_line(script, "Python")
    assert ("-e" in pip.group(1).split()) is editable
    assert "`.venv`" in says and (f"'.[{extra}]'" in says)
    assert ("-e '." in says) is editable


def test_field_install_stops_nothing_and_calls_no_sudo() -> None:
    for name in ("install", "lab-setup", "demo", "test"):
        calls = re.findall(r"^.*(?:^|[;&|(]|then|do)\s*sudo\s.*$", _code(name), re.M)
        assert not calls, f"scripts/{name} calls sudo: {calls}"
    assert not re.search(r"\b(systemctl|update-rc\.d|service|init\.d)\b", _code("install"))


def test_demo_and_test_set_up_the_lab_not_the_field_install() -> None:
    for name in ("demo", "test"):
        text = _script(name)
        assert "scripts/lab-setup" in text and "scripts/install" not in text


def test_every_script_is_executable_in_git() -> None:
    listing = subprocess.run(["git", "ls-files", "-s", "scripts", ".ci"], cwd=REPO,
                             capture_output=True, text=True, check=False).stdout
    if not listing:
        pytest.skip("not a git checkout")
    modes = {line.split("\t")[1]: line.split()[0] for line in listing.splitlines()}
    assert {path for path, mode in modes.items() if mode != "100755"} == set(), modes
