"""One SSH lab for every test of this package (building it runs a real restic backup)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.collectors.ssh import sshlab


@pytest.fixture(scope="package")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sshlab.SshLab]:
    reason = sshlab.missing()
    if reason:
        pytest.skip(reason)
    with sshlab.running(tmp_path_factory.mktemp("drsh")) as built:
        yield built
