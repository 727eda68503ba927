"""The recorded lab-switch walk served by snmpsim on 127.0.0.1, probed over real UDP."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from scanner.collectors.snmp import probe
from scanner.credentials import SnmpCommunity
from scanner.options import SnmpOptions
from tests.collectors.snmp.snmpsim_server import serve

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures/snmp"


@pytest.fixture(scope="module")
def port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    data = tmp_path_factory.mktemp("drss-snmprec")
    shutil.copy(FIXTURES / "lab-switch/walk.snmprec", data / "lab-switch.snmprec")
    with serve(data) as udp_port:
        yield udp_port


def _probe(port: int, community: str, timeout: float = 2.0) -> object:
    options = SnmpOptions(
        credentials=(SnmpCommunity(community),), port=port, timeout=timeout, retries=0
    )
    return asyncio.run(probe("127.0.0.1", options))


def test_probe_recorded_lab_switch(port: int) -> None:
    result = _probe(port, "lab-switch")
    assert result.gaps == []
    seen, *arp_learned = result.sightings
    assert all(s.ips and s.macs and s.name is None for s in arp_learned), "ARP-cache hosts"
    assert seen.name == "drss-lab-switch"
    assert seen.type == "switch" and seen.vendor is None and seen.os == "Linux"  # OS, not maker
    assert seen.ips == ["127.0.0.1", "10.213.77.1", "10.213.78.1"]  # probed address first
    assert seen.sys_object_id == "1.3.6.1.4.1.8072.3.2.10"
    assert {"br0", "port1", "port2"} <= {i.name for i in seen.interfaces}


def test_unknown_community_is_a_timeout_gap(port: int) -> None:
    result = _probe(port, "not-a-recording", timeout=0.5)
    assert result.sightings == []
    [gap] = result.gaps
    assert gap.reason == "timeout" and "not-a-recording" not in gap.detail
