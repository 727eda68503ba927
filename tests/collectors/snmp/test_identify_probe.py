"""Identification over real UDP: small synthetic agents served by snmpsim, probed by the
collector, so the reads that feed identification (enterprise-MIB hops of a generic agent,
a radio's manufacturer) are exercised end to end."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from scanner.inventory.sighting import Sighting
from tests.collectors.snmp.snmpsim_server import probe_served, serve

#: a firewall whose firmware answers with net-snmp's sysObjectID but serves its maker's MIB
CHECKPOINT = """1.3.6.1.2.1.1.1.0|4|Linux gw-7 3.10.0 #1 SMP Sun May 21 15:23:45 IDT 2017 armv7l
1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.8072.3.2.10
1.3.6.1.2.1.1.5.0|4|gw-7
1.3.6.1.4.1.2021.4.5.0|2|1024
1.3.6.1.4.1.2021.4.6.0|2|512
1.3.6.1.4.1.2620.1.1.4.0|65|1652760
1.3.6.1.4.1.2620.1.6.1.0|4|Gaia
"""
#: an outdoor radio: an embedded agent whose only maker statement is the 802.11 MIB
RADIO = """1.2.840.10036.3.1.2.1.2.5|4|Ubiquiti Networks, Inc.
1.3.6.1.2.1.1.1.0|4|Linux 2.6.32.68 #1 Sun May 15 21:20:37 EEST 2016 mips
1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.10002.1
"""
#: a device nobody recognises
UNKNOWN = """1.3.6.1.2.1.1.1.0|4|Device
1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.99999999.1
"""


@pytest.fixture(scope="module")
def port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    data = tmp_path_factory.mktemp("drss-ident")
    for name, body in (("checkpoint", CHECKPOINT), ("radio", RADIO), ("unknown", UNKNOWN)):
        (data / f"{name}.snmprec").write_text(body)
    with serve(data) as udp_port:
        yield udp_port


def _seen(port: int, community: str) -> Sighting:
    result = probe_served(port, community)
    assert result.sightings, result.gaps
    return result.sightings[0]


def test_generic_agent_serving_a_makers_mib(port: int) -> None:
    seen = _seen(port, "checkpoint")
    assert (seen.vendor, seen.type, seen.os) == ("Check Point", "firewall", "Gaia")
    assert "2620" in seen.inferred["vendor"].evidence


def test_radio_names_its_maker_in_the_802_11_mib(port: int) -> None:
    seen = _seen(port, "radio")
    assert (seen.vendor, seen.type) == ("Ubiquiti", "wireless")
    assert "dot11manufacturerName" in seen.inferred["vendor"].evidence


def test_unrecognised_agent_is_other(port: int) -> None:
    seen = _seen(port, "unknown")
    assert seen.type == "other" and seen.vendor is None
    assert "no type evidence" in seen.inferred["type"].evidence
