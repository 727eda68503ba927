"""The local-host collector keeps the collector contract on this very machine."""

from __future__ import annotations

import pytest

from scanner.options import ScanOptions
from scanner.targets import parse_targets
from tests.collectors.contract import CollectorContract


class TestContract(CollectorContract):
    """It reads only this machine, so nothing can refuse it: no failing run."""

    name = "localhost"

    @pytest.fixture(scope="class")
    @classmethod
    def options(cls) -> ScanOptions:
        return ScanOptions(targets=parse_targets(["127.0.0.1/32"]), collectors=("localhost",))
