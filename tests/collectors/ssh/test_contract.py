"""SSH keeps the collector contract against the SSH lab's real sshd: the three hosts read
with a password (so there is a secret to hide), the hostile host included (its control
characters must not survive); a wrong password is an ``auth`` gap per host."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.collectors.ssh import SshCredential, SshOptions
from scanner.options import ScanOptions
from scanner.targets import parse_targets
from tests.collectors.contract import CollectorContract
from tests.collectors.ssh import sshlab

pytestmark = pytest.mark.lab


def _with(lab: sshlab.SshLab, password: str, known: Path) -> ScanOptions:
    return ScanOptions(targets=parse_targets([h.ip for h in lab.scanned]),
                       collectors=("ssh",),
                       ssh=SshOptions(credential=SshCredential(sshlab.LOGIN_USER,
                                                               password=password),
                                      known_hosts=known, connect_timeout=30,
                                      command_timeout=30))


class TestContract(CollectorContract):
    name = "ssh"

    @pytest.fixture(scope="class")
    @classmethod
    def options(cls, lab: sshlab.SshLab, tmp_path_factory: pytest.TempPathFactory
                ) -> ScanOptions:
        return _with(lab, sshlab.PASSWORD, tmp_path_factory.mktemp("kh") / "known_hosts")

    @pytest.fixture(scope="class")
    @classmethod
    def failing_options(cls, lab: sshlab.SshLab, tmp_path_factory: pytest.TempPathFactory
                        ) -> ScanOptions:
        return _with(lab, "wrong-" + sshlab.PASSWORD,
                     tmp_path_factory.mktemp("kh") / "known_hosts")
