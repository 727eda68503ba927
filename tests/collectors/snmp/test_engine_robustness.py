"""The SNMP engine against real agents: snmpsim processes behind the benchmark's relay.

* an agent killed (SIGKILL, by PID) in the middle of a big walk leaves a gap and
  what it had answered, and the other device of the scan is read in full;
* the credential that worked is remembered for the scan: a second probe of the
  same agent sends nothing with the credential that failed;
* ``--snmp-port``, ``--snmp-timeout`` and ``--snmp-retries`` reach the wire.

Everything listens on 127.0.0.0/8.  The corpus recording ``ios_2960x`` (146
interfaces) makes the big walk; tests needing it skip when ``../shared`` is absent.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import shutil
import signal
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import udp_relay
from scanner.collectors.snmp import probe, snmp_engine
from scanner.collectors.snmp.transport.login import remembered
from scanner.credentials import SnmpCommunity
from scanner.inventory.model import Inventory
from scanner.options import ScanOptions, SnmpOptions
from scanner.orchestrator import ScanState, scan
from scanner.targets import parse_targets
from tests.collectors.snmp.snmpsim_server import serve, serve_process

ROOT = Path(__file__).resolve().parents[3]
CORPUS = Path("/work/shared/corpus/snmp/dev")
BIG = "ios_2960x"
#: BER of the ifEntry OID prefix 1.3.6.1.2.1.2.2.1: marks ifTable requests/responses
IF_ENTRY_BER = bytes([0x2B, 6, 1, 2, 1, 2, 2, 1])


def _free_port_on(*hosts: str) -> int:
    """A UDP port free on every one of ``hosts`` (loopback addresses)."""
    for _attempt in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as first:
            first.bind((hosts[0], 0))
            port = int(first.getsockname()[1])
            try:
                for host in hosts[1:]:
                    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as other:
                        other.bind((host, port))
            except OSError:
                continue
            return port
    raise RuntimeError("no common free UDP port")


def _data_dir(tmp: Path, name: str, files: dict[str, Path]) -> Path:
    folder = tmp / name
    folder.mkdir()
    for stem, source in files.items():
        shutil.copy(source, folder / f"{stem}.snmprec")
    return folder


@pytest.fixture()
def lab_switch(tmp_path: Path) -> Iterator[int]:
    """snmpsim serving the recorded lab switch as community ``labsw``."""
    data = _data_dir(tmp_path, "lab", {"labsw": ROOT / "fixtures/lab/switch.snmprec"})
    with serve(data) as port:
        yield port


def _count(relay: udp_relay.Relay, marker: bytes) -> int:
    return sum(marker in data for device in relay.devices for _t, data in device.requests)


def test_agent_killed_mid_walk_leaves_gap_and_scan_completes(
    tmp_path: Path, lab_switch: int
) -> None:
    if not (CORPUS / f"{BIG}.snmprec").exists():
        pytest.skip("needs the shared SNMP corpus (../shared/corpus/snmp/dev)")
    victim_dir = _data_dir(tmp_path, "victim", {BIG: CORPUS / f"{BIG}.snmprec"})
    with serve_process(victim_dir) as (victim_port, victim):
        inventory, killed_after = asyncio.run(_scan_and_kill(victim_port, victim.pid, lab_switch))
        assert victim.poll() is not None, "the agent was not killed"
    assert killed_after == 3
    by_ip = {ip: a for a in inventory.assets for ip in a.ips}
    survivor = by_ip["127.0.0.3"]
    assert survivor.name == "sw.office.lan" and survivor.type == "switch"
    assert not [g for g in inventory.gaps if g.target == "127.0.0.3"]
    [gap] = [g for g in inventory.gaps if g.target == "127.0.0.2"]
    assert gap.collector == "snmp" and gap.reason == "timeout"
    assert "ifTable" in gap.detail and "ios_2960x" not in gap.detail
    broken = by_ip["127.0.0.2"]
    assert broken.sys_object_id == "1.3.6.1.4.1.9.1.1208"  # read before the kill
    # the rows answered before the kill are kept, the rest is missing
    assert 0 < len(broken.interfaces) < 146
    assert "Vl1" in {i.name for i in broken.interfaces}  # ifName of row 1


async def _scan_and_kill(victim_port: int, victim_pid: int, survivor_port: int
                         ) -> tuple[Inventory, int]:
    port = _free_port_on("127.0.0.2", "127.0.0.3")
    seen = {"if_responses": 0, "killed_after": 0}

    def kill_mid_walk(_device: object, data: bytes) -> None:
        if IF_ENTRY_BER in data:
            seen["if_responses"] += 1
            if seen["if_responses"] == 3 and not seen["killed_after"]:
                os.kill(victim_pid, signal.SIGKILL)
                seen["killed_after"] = seen["if_responses"]

    victim = await udp_relay.start(("127.0.0.1", victim_port), [("127.0.0.2", port)], 0.02,
                                   on_response=kill_mid_walk)
    survivor = await udp_relay.start(("127.0.0.1", survivor_port), [("127.0.0.3", port)], 0.02)
    options = ScanOptions(targets=parse_targets(["127.0.0.2", "127.0.0.3"]), collectors=("snmp",),
                          snmp=SnmpOptions(credentials=(SnmpCommunity(BIG),
                                                        SnmpCommunity("labsw")),
                                           port=port, timeout=1.0, retries=1))
    try:
        inventory = await scan(ScanState(options))
    finally:
        victim.close()
        survivor.close()
    return inventory, seen["killed_after"]


def test_working_credential_is_remembered_within_the_scan(lab_switch: int) -> None:
    asyncio.run(_probe_twice(lab_switch))


async def _probe_twice(upstream: int) -> None:
    relay = await udp_relay.start(("127.0.0.1", upstream), [("127.0.0.1", 0)], 0.0,
                                  keep_requests=True)
    port = relay.devices[0].listen[1]
    wrong, right = SnmpCommunity("not-this-one"), SnmpCommunity("labsw")
    options = SnmpOptions(credentials=(wrong, right), port=port, timeout=0.5, retries=0)
    try:
        async with snmp_engine() as engine:
            first = await probe("127.0.0.1", options, engine)
            assert _count(relay, b"not-this-one") == 1
            assert remembered(engine, "127.0.0.1", port) == right
            sent = len(relay.devices[0].requests)
            second = await probe("127.0.0.1", options, engine)
            async with snmp_engine() as fresh:  # memory is per scan (engine), not global
                assert remembered(fresh, "127.0.0.1", port) is None
    finally:
        relay.close()
    assert _count(relay, b"not-this-one") == 1, "the failed credential was tried again"
    assert len(relay.devices[0].requests) > sent  # the second probe did read the agent
    assert [s.name for s in first.sightings[:1]] == [s.name for s in second.sightings[:1]] \
        == ["sw.office.lan"]
    assert not first.gaps and not second.gaps


def test_cli_port_timeout_and_retries_reach_the_wire(tmp_path: Path, lab_switch: int) -> None:
    out = tmp_path / "inv.json"
    relay, code, stderr = asyncio.run(_cli_through_relay(lab_switch, out))
    assert code == 0, stderr
    [asset] = json.loads(out.read_text())["assets"]
    assert asset["name"] == "sw.office.lan"  # --snmp-port: the relay's port was used
    times = [t for device in relay.devices for t, data in device.requests
             if b"not-this-one" in data]
    assert len(times) == 3  # --snmp-retries 2: one request and two retries
    # --snmp-timeout 2.6: retries are spaced by the timeout (the default is 2 s);
    # a timer never fires early, so this lower bound cannot flake
    assert min(b - a for a, b in itertools.pairwise(times)) >= 2.5
    assert "not-this-one" not in stderr and "labsw" not in out.read_text()


async def _cli_through_relay(upstream: int, out: Path) -> tuple[udp_relay.Relay, int, str]:
    relay = await udp_relay.start(("127.0.0.1", upstream), [("127.0.0.1", 0)], 0.0,
                                  keep_requests=True)
    port = relay.devices[0].listen[1]
    try:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "drscout.cli", "scan", "127.0.0.1", "--collectors", "snmp",
            "--snmp-community", "not-this-one", "--snmp-community", "labsw",
            "--snmp-port", str(port), "--snmp-timeout", "2.6", "--snmp-retries", "2",
            "-o", str(out), "-q", cwd=ROOT, stderr=asyncio.subprocess.PIPE)
        _stdout, stderr = await asyncio.wait_for(proc.communicate(), timeout=300)
    finally:
        relay.close()
    return relay, proc.returncode or 0, stderr.decode(errors="replace")

