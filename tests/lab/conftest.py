"""Session fixture for the simulated office: built once, torn down at the end.

Every test under ``tests/lab`` that asks for ``office`` is skipped, with the
reason, when the lab cannot run here (not root, ``ip netns`` refused, a daemon
binary missing).  The end-to-end ``drscout run`` test belongs in this folder
and uses the same fixture, so the office is built only once per session.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.lab.netns import netns_usable
from tests.lab.office import Office, missing_binaries

REPO = Path(__file__).resolve().parents[2]


def lab_skip_reason() -> str | None:
    """Why the lab cannot be built on this machine, or None."""
    if os.environ.get("DRSCOUT_SKIP_LAB") == "1":
        return "DRSCOUT_SKIP_LAB=1"
    reason = netns_usable()
    if reason:
        return reason
    missing = missing_binaries()
    if missing:
        return "missing lab programs: " + ", ".join(missing) + " (run scripts/install)"
    return None


@pytest.fixture(scope="session")
def office() -> Iterator[Office]:
    """The running office (see tests/lab/expected.py for what it contains)."""
    reason = lab_skip_reason()
    if reason and os.environ.get("CI") == "true" and os.environ.get("DRSCOUT_SKIP_LAB") != "1":
        pytest.fail(f"CI must run the lab tests, but the lab is unavailable: {reason}")
    if reason:
        pytest.skip(f"lab office unavailable: {reason}")
    lab = Office()
    lab.up()
    try:
        yield lab
    finally:
        lab.down()


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO
