"""The collector contract for WinRM, through the real orchestrator.

Recorded answers (fixtures/winrm, shaped after documentation, NOT captured) stand in for
the Windows hosts; the refused login is real: pywinrm runs the whole NTLM handshake
against a loopback endpoint that rejects it (:mod:`.refuser`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from scanner.collectors.registry import Entry
from scanner.collectors.winrm import api
from scanner.collectors.winrm.adapter import WinrmCollector
from scanner.collectors.winrm.options import WinrmOptions
from scanner.options import ScanOptions
from scanner.targets import parse_targets
from tests.collectors.contract import CollectorContract, registered
from tests.collectors.winrm import recorded
from tests.collectors.winrm.refuser import refusing_server

REFUSER = "127.0.0.1"


def scan_options(*hosts: str) -> ScanOptions:
    return ScanOptions(targets=parse_targets(list(hosts)), collectors=("winrm",),
                       winrm=recorded.options(*hosts))


def entry_with(refuser_port: int) -> Entry:
    """The registry's entry with its transport swapped: recorded answers, or the real
    pywinrm transport pointed at the refusing endpoint."""
    def connect(host: str, port: int, options: WinrmOptions) -> api.Transport:
        if host == REFUSER:
            return api.winrm_transport(host, refuser_port, options)
        return recorded.connect(host, port, options)

    real = registered("winrm")
    return Entry("winrm", real.trust, lambda: WinrmCollector(connect=connect))


class TestContract(CollectorContract):
    name = "winrm"

    @pytest.fixture(scope="class")
    @classmethod
    def refuser_port(cls) -> Iterator[int]:
        with refusing_server() as port:
            yield port

    @pytest.fixture(scope="class")
    @classmethod
    def entry(cls, refuser_port: int) -> Entry:
        return entry_with(refuser_port)

    @pytest.fixture(scope="class")
    @classmethod
    def options(cls) -> ScanOptions:
        return scan_options(recorded.DC, recorded.WORKSTATION, recorded.HOSTILE)

    @pytest.fixture(scope="class")
    @classmethod
    def failing_options(cls) -> ScanOptions:
        return scan_options(REFUSER, recorded.GARBAGE)

    def test_refused_login_is_auth_and_garbage_is_error(self, failure) -> None:  # type: ignore[no-untyped-def]
        reasons = {g.target: g.reason for g in failure.inventory.gaps if g.collector == "winrm"}
        assert reasons == {REFUSER: "auth", recorded.GARBAGE: "error"}
