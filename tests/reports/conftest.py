"""Fixtures shared by the renderer tests: the one sample, benign and hostile."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.model import Assessment
from tests.reports.sample import sample_assessment

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture(scope="session")
def benign() -> Assessment:
    return sample_assessment()


@pytest.fixture(scope="session")
def hostile() -> Assessment:
    return sample_assessment(hostile=True)


@pytest.fixture(scope="session", params=[False, True], ids=["benign", "hostile"])
def assessment(request: pytest.FixtureRequest) -> Assessment:
    return sample_assessment(hostile=request.param)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """tests/artifacts/ (gitignored): rendered files for a person to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
