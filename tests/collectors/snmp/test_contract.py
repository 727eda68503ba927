"""SNMP keeps the collector contract against snmpsim serving the recorded lab switch."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from scanner.credentials import SnmpCommunity
from scanner.options import ScanOptions, SnmpOptions
from scanner.targets import parse_targets
from tests.collectors.contract import CollectorContract
from tests.collectors.snmp.snmpsim_server import serve

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    data = tmp_path_factory.mktemp("contract-snmp")
    shutil.copy(ROOT / "fixtures/lab/switch.snmprec", data / "drsv-labsw.snmprec")
    with serve(data) as served:
        yield served


def _with(community: str, port: int) -> ScanOptions:
    return ScanOptions(targets=parse_targets(["127.0.0.1/32"]), collectors=("snmp",),
                       snmp=SnmpOptions(credentials=(SnmpCommunity(community),), port=port,
                                        timeout=1.0, retries=0))


class TestContract(CollectorContract):
    name = "snmp"

    @pytest.fixture(scope="class")
    @classmethod
    def options(cls, port: int) -> ScanOptions:
        return _with("drsv-labsw", port)

    @pytest.fixture(scope="class")
    @classmethod
    def failing_options(cls, port: int) -> ScanOptions:
        return _with("drsv-wrong-community", port)
