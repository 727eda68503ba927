"""The whole probe over real UDP: corpus UPSes, printers and a NAS served by snmpsim, the
recorded net-snmp walk served by snmpsim, and a live net-snmp snmpd in a namespace."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from scanner.inventory.sighting import CollectorResult, Sighting
from tests.collectors.snmp import hostres_agent
from tests.collectors.snmp.snmpsim_server import probe_served, serve
from tests.collectors.snmp.test_power_printer_parsers import CORPUS, HOSTRES

STEMS = ("apc_smx750", "cyberpower_pr2200rt2uc", "konica_c250i", "xerox", "dsm", "ios_2960x")


@pytest.fixture(scope="module")
def port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    data = tmp_path_factory.mktemp("drsu-snmprec")
    shutil.copy(HOSTRES, data / "linux-server.snmprec")
    if CORPUS is not None:
        for stem in STEMS:
            shutil.copy(CORPUS / f"{stem}.snmprec", data / f"{stem}.snmprec")
    with serve(data) as udp_port:
        yield udp_port


def _device(result: CollectorResult) -> Sighting:
    assert result.gaps == []
    return result.sightings[0]


def test_recorded_net_snmp_server_gets_its_volumes(port: int) -> None:
    seen = _device(probe_served(port, "linux-server"))
    assert seen.type == "server" and seen.power is None and seen.printer is None
    assert seen.hardware is not None and seen.hardware.cpu_count == 2
    assert seen.hardware.uptime_seconds == 3925  # hrSystemUptime, not the agent's sysUpTime
    assert any(d.mount.endswith("/data") and d.used_bytes == 60 * 2**20
               for d in seen.hardware.disks)


needs_corpus = pytest.mark.skipif(CORPUS is None, reason="shared/corpus/snmp/dev absent")


@needs_corpus
def test_corpus_upses_report_battery_and_runtime(port: int) -> None:
    apc = _device(probe_served(port, "apc_smx750"))
    assert apc.type == "ups" and apc.power is not None
    assert (apc.power.minutes_remaining, apc.power.load_percent) == (272, 76)
    assert apc.power.source_mib == "PowerNet-MIB, UPS-MIB"
    cyber = _device(probe_served(port, "cyberpower_pr2200rt2uc"))
    assert cyber.power is not None and cyber.power.battery_status == "normal"
    assert (cyber.power.minutes_remaining, cyber.power.on_battery) == (175, False)
    assert cyber.hardware is not None and cyber.hardware.disks == []  # a UPS: no hrStorage read


@needs_corpus
def test_corpus_printers_report_supplies(port: int) -> None:
    konica = _device(probe_served(port, "konica_c250i"))
    assert konica.printer is not None and konica.printer.device_status == "warning"
    assert [s.level_percent for s in konica.printer.supplies] == [76, 78, 77, 86, None]
    xerox = _device(probe_served(port, "xerox"))
    assert xerox.printer is not None
    assert [s.state for s in xerox.printer.supplies].count("almost-full") == 1


@needs_corpus
def test_corpus_nas_volumes_and_switch_untouched(port: int) -> None:
    nas = _device(probe_served(port, "dsm"))
    assert nas.type == "nas" and nas.hardware is not None
    assert {"/volume1", "/"} <= {d.mount for d in nas.hardware.disks}
    switch = _device(probe_served(port, "ios_2960x"))
    assert switch.power is None and switch.printer is None
    assert switch.hardware is not None and switch.hardware.disks == []


@pytest.mark.skipif(hostres_agent.unavailable() is not None,
                    reason=str(hostres_agent.unavailable()))
def test_live_net_snmp_agent_in_a_namespace() -> None:
    with hostres_agent.agent():
        result = CollectorResult.model_validate(hostres_agent.probe_json())
    seen = _device(result)
    assert seen.hardware is not None
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    assert seen.hardware.cpu_count == sum(1 for line in cpuinfo if line.startswith("processor"))
    meminfo = dict(line.split(":", 1) for line in Path("/proc/meminfo").read_text().splitlines())
    assert seen.hardware.memory_bytes == int(meminfo["MemTotal"].split()[0]) * 1024
    volume = next(d for d in seen.hardware.disks if d.mount.endswith("/data"))
    assert volume.total_bytes == hostres_agent.VOLUME_MB * 2**20
    assert volume.used_bytes == hostres_agent.FILL_MB * 2**20


@needs_corpus
def test_scanned_ups_runtime_reaches_the_gap_report(port: int) -> None:
    """Probe -> inventory -> assessment -> gap report, with nothing stubbed on the way."""
    from analysis import assess
    from reports.gap_html import render_gap_html
    from reports.gap_md import render_gap_md
    from scanner.inventory.build import build_inventory
    from scanner.inventory.model import ScanMeta

    result = probe_served(port, "apc_smx750")
    inventory = build_inventory([result], ScanMeta(targets=["127.0.0.1"]))
    [ups_asset] = [a for a in inventory.assets if a.power is not None]
    power = ups_asset.power
    assert ups_asset.type == "ups" and power is not None and power.minutes_remaining == 272
    assessment = assess(inventory)
    html = render_gap_html(assessment).decode()
    section = html[html.index('<section id="power-printers">'):]
    assert "<td>272 min</td>" in section[:section.index("</section>")]
    assert "| 272 min |" in render_gap_md(assessment).decode()
