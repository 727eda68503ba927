"""nmap keeps the collector contract: a real discovery and port scan of 127.0.0.1.

Unprivileged (``as_root=False``) on purpose: what root would add (UDP ports, OS
detection, DHCP broadcasts) becomes "permission" gaps, the failure this contract checks.
"""

from __future__ import annotations

import shutil

import pytest

from scanner.credentials import SnmpCommunity
from scanner.options import ScanOptions, SnmpOptions
from scanner.targets import parse_targets
from tests.collectors.contract import CollectorContract

pytestmark = pytest.mark.skipif(shutil.which("nmap") is None, reason="nmap not installed")

LOOPBACK = ScanOptions(targets=parse_targets(["127.0.0.1/32"]), collectors=("nmap",),
                       profile="standard", as_root=False,
                       snmp=SnmpOptions(credentials=(SnmpCommunity("drsv-nmap-community"),)))


class TestContract(CollectorContract):
    name = "nmap"

    @pytest.fixture(scope="class")
    @classmethod
    def options(cls) -> ScanOptions:
        return LOOPBACK

    @pytest.fixture(scope="class")
    @classmethod
    def failing_options(cls) -> ScanOptions:
        return LOOPBACK
