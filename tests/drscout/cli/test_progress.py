"""The progress display, fed a real event sequence.

The sequence is recorded once per module from a real scan: nmap discovery and port scan
of 127.0.0.0/29 (in batches of two, two at a time, so the port scan has finished tasks
while others still run) plus SNMP against an snmpsim agent that answers on 127.0.0.1 only, so
the other seven loopback hosts become real SNMP timeouts.  Replays use the recorded
timestamps as the display's clock, so every frame is the one a user would have seen.
"""

from __future__ import annotations

import asyncio
import json
import os
import pty
import re
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from rich.console import Console

from analysis import assess
from drscout.cli.progress import ProgressDisplay, outcome
from drscout.cli.progress.plain import GAPS_LISTED, HEARTBEAT_SECONDS
from drscout.cli.progress.state import hosts_in
from scanner.credentials import SnmpCommunity
from scanner.events import ProgressEvent
from scanner.inventory.model import Inventory
from scanner.options import ScanOptions, SnmpOptions
from scanner.orchestrator import ScanState, scan
from scanner.targets import parse_targets
from tests.collectors.snmp.snmpsim_server import free_udp_port, serve

ROOT = Path(__file__).resolve().parents[3]
TARGET = "127.0.0.0/29"
pytestmark = pytest.mark.skipif(shutil.which("nmap") is None, reason="needs nmap")


@dataclass
class Recording:
    events: list[tuple[float, ProgressEvent]]
    inventory: Inventory

    def gaps(self) -> list[ProgressEvent]:
        return [e for _, e in self.events if e.kind == "gap"]

    def count(self, kind: str, collector: str) -> int:
        return sum(1 for _, e in self.events if e.kind == kind and e.collector == collector)


@pytest.fixture(scope="module")
def recording(tmp_path_factory: pytest.TempPathFactory) -> Recording:
    data = tmp_path_factory.mktemp("snmpsim")
    shutil.copy(ROOT / "fixtures/lab/switch.snmprec", data / "labsw.snmprec")
    events: list[tuple[float, ProgressEvent]] = []
    with serve(data) as port:
        options = ScanOptions(
            targets=parse_targets([TARGET]), collectors=("nmap", "snmp"), profile="quick",
            snmp=SnmpOptions(credentials=(SnmpCommunity("labsw"),), port=port, timeout=0.5,
                             retries=0),
            as_root=os.geteuid() == 0, port_scan_batch=2, port_scan_parallelism=2)
        inventory = asyncio.run(scan(ScanState(options),
                                     lambda e: events.append((time.monotonic(), e))))
    return Recording(events, inventory)


class Replay:
    """The recorded timestamps as a clock: ``now`` is the time of the last event fed."""

    def __init__(self, recording: Recording) -> None:
        self.events = recording.events
        self.now = recording.events[0][0]

    def __call__(self) -> float:
        return self.now

    def feed(self, display: ProgressDisplay, until: int | None = None) -> None:
        for at, event in self.events[:until]:
            self.now = at
            display(event)


def terminal() -> Console:
    return Console(file=StringIO(), force_terminal=True, width=120, color_system=None)


def frame(display: ProgressDisplay) -> str:
    console = terminal()
    console.print(display.view())
    return console.file.getvalue()  # type: ignore[attr-defined]


def index_of(recording: Recording, test: object) -> int:
    return next(i for i, (_, e) in enumerate(recording.events) if test(e))  # type: ignore[operator]


def test_the_recording_is_a_real_scan(recording: Recording) -> None:
    """Guards the fixture: live hosts found, SNMP read 127.0.0.1 and timed out elsewhere."""
    hosts = recording.count("host-found", "nmap")
    assert hosts >= 2
    snmp_gaps = [e for e in recording.gaps() if e.collector == "snmp"]
    assert {e.reason for e in snmp_gaps} == {"timeout"}
    assert "127.0.0.1" not in {e.target for e in snmp_gaps}
    assert len(snmp_gaps) == hosts - 1 > GAPS_LISTED
    port_scans = [i for i, (_, e) in enumerate(recording.events)
                  if e.kind == "task-done" and e.collector == "nmap" and e.stage == "per-host"]
    first_snmp = index_of(recording, lambda e: e.kind == "task-done" and e.collector == "snmp")
    assert len(port_scans) == hosts // 2 and first_snmp < port_scans[0], \
        "the time-left test needs a port scan half done after SNMP had data"


def test_a_task_label_counts_its_hosts() -> None:
    known = ["10.0.0.1", "10.0.0.5", "10.0.0.9", "10.0.0.20"]
    assert hosts_in("10.0.0.5", known) == 1
    assert hosts_in("10.0.0.1,10.0.0.5", known) == 2
    assert hosts_in("10.0.0.1..10.0.0.9", known) == 3  # a port-scan batch of live hosts
    assert hosts_in("10.0.0.0/24", known) == 0  # discovery's scope is no host
    assert hosts_in("broadcast", known) == hosts_in("dhcp-discover@eth0", known) == 0


def test_mid_scan_frame_has_phases_counts_and_estimating(recording: Recording) -> None:
    replay = Replay(recording)
    display = ProgressDisplay(terminal(), title="drscout run", steps=("analysis", "reports"),
                              clock=replay)
    first_snmp_start = index_of(recording, lambda e: e.kind == "task-start"
                                and e.collector == "snmp")
    replay.feed(display, first_snmp_start + 1)
    text = frame(display)
    hosts = recording.count("host-found", "nmap")
    assert f"{hosts} hosts found" in text and "✓ discovery" in text
    assert f"0 of {hosts} hosts" in text.split("port scan", 1)[1].splitlines()[0]
    assert "SNMP" in text and "time left estimating…" in text
    assert "· analysis" in text and "waiting" in text
    assert "slowest running:" in text


def test_time_left_appears_once_every_active_phase_finished_a_task(
        recording: Recording) -> None:
    replay = Replay(recording)
    display = ProgressDisplay(terminal(), clock=replay)
    estimates = 0
    for at, event in recording.events:
        replay.now = at
        display(event)
        active = [p for p in display.state.phases.values()
                  if p.started is not None and not p.complete]
        text = frame(display).splitlines()[0]
        if any(p.counts()[0] == 0 or p.name == "discovery" for p in active) or not active:
            assert "time left estimating…" in text
        else:
            assert re.search(r"time left ~\d+:\d\d ", text), text
            estimates += 1
    assert estimates, "a half-done port scan gives an estimate"


def test_gaps_are_counted_with_the_latest_host_and_reason(recording: Recording) -> None:
    replay = Replay(recording)
    display = ProgressDisplay(terminal(), clock=replay)
    replay.feed(display)
    text = frame(display)
    snmp_gaps = [e for e in recording.gaps() if e.collector == "snmp"]
    assert f"snmp timeout {len(snmp_gaps)}" in text
    last = snmp_gaps[-1]
    assert f"latest: snmp {last.target} timeout" in text
    assert f"{len(snmp_gaps)} gaps" in text.split("SNMP", 1)[1].splitlines()[0]
    assert len(text.splitlines()) < 20, "gaps are summarised, not one line each"


def test_final_summary_on_the_terminal(recording: Recording) -> None:
    replay = Replay(recording)
    console = terminal()
    display = ProgressDisplay(console, title="drscout run", clock=replay)
    replay.feed(display)
    assessment = assess(recording.inventory)
    display.summary(outcome(recording.inventory, assessment, "/tmp/report/ (8 files)"))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    inv = recording.inventory
    assert "drscout run  finished in" in text
    assert f"hosts found  {recording.count('host-found', 'nmap')}" in text
    assert f"assets       {len(inv.assets)}" in text
    assert f"snmp {recording.count('task-done', 'snmp')} done" in text
    snmp_gaps = sum(1 for g in inv.gaps if g.collector == "snmp")
    assert f"gaps         {len(inv.gaps)} (snmp timeout {snmp_gaps}" in text
    assert f"SPOFs        {len(assessment.spofs)}" in text
    assert f"findings     {len(assessment.findings)}" in text
    assert "written to   /tmp/report/ (8 files)" in text


def test_an_interrupted_scan_says_what_was_left_unfinished(recording: Recording) -> None:
    replay = Replay(recording)
    console = terminal()
    display = ProgressDisplay(console, title="drscout run", clock=replay)
    first_done = index_of(recording, lambda e: e.kind == "task-done" and e.stage == "per-host")
    replay.feed(display, first_done)  # Ctrl-C before any per-host task ended
    display.summary(outcome(recording.inventory, interrupted=True))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    hosts = recording.count("host-found", "nmap")
    assert "drscout run  interrupted in" in text and f"snmp {hosts} unfinished" in text


def test_plain_log_is_one_line_per_phase_with_rate_limited_gaps(recording: Recording) -> None:
    console = Console(file=StringIO(), force_terminal=False, width=120)
    replay = Replay(recording)
    with ProgressDisplay(console, clock=replay) as display:
        assert not display.live
        replay.feed(display)
    text = console.file.getvalue()  # type: ignore[attr-defined]
    lines = text.splitlines()
    assert "\x1b[" not in text
    snmp_gaps = [e for e in recording.gaps() if e.collector == "snmp"]
    listed = [line for line in lines if line.startswith("gap: snmp 127.")]
    assert listed == [f"gap: snmp {e.target} timeout" for e in snmp_gaps[:GAPS_LISTED]]
    assert any("counted, not listed" in line for line in lines)
    hosts = recording.count("host-found", "nmap")
    assert f"discovery done: {hosts} hosts found" in text
    assert any(line.startswith(f"SNMP done: {hosts} of {hosts} hosts, {len(snmp_gaps)} gaps")
               for line in lines)
    assert sum(line.startswith("port scan done") for line in lines) == 1
    assert any("probing" in line for line in lines)  # tests/lab waits for this line


def test_plain_log_says_where_a_long_silent_task_stands(recording: Recording) -> None:
    """A port scan of a big range sends no event for minutes: the ticker's heartbeat
    line keeps a log alive, at most every HEARTBEAT_SECONDS of the display's clock."""
    console = Console(file=StringIO(), force_terminal=False, width=120)
    replay = Replay(recording)
    display = ProgressDisplay(console, clock=replay)
    last_port_scan = max(i for i, (_, e) in enumerate(recording.events)
                         if e.kind == "task-done" and e.collector == "nmap")
    replay.feed(display, last_port_scan)

    def beats() -> list[str]:
        return [line for line in console.file.getvalue().splitlines()  # type: ignore[attr-defined]
                if line.startswith("progress:")]

    replay.now += HEARTBEAT_SECONDS
    display.tick()
    display.tick()
    assert len(beats()) == 1
    replay.now += HEARTBEAT_SECONDS - 1
    display.tick()
    assert len(beats()) == 1
    replay.now += 1
    display.tick()
    hosts = recording.count("host-found", "nmap")
    assert len(beats()) == 2 and "port scan" in beats()[0] and f"of {hosts} hosts" in beats()[0]
    assert "time left ~" in beats()[0]


def test_quiet_shows_nothing(recording: Recording) -> None:
    console = terminal()
    replay = Replay(recording)
    with ProgressDisplay(console, quiet=True, clock=replay) as display:
        replay.feed(display)
    display.summary(outcome(recording.inventory))
    assert console.file.getvalue() == ""  # type: ignore[attr-defined]


def test_a_terminal_gets_the_live_view(recording: Recording) -> None:
    console = terminal()
    replay = Replay(recording)
    with ProgressDisplay(console, clock=replay) as display:
        assert display.live
        replay.feed(display)
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "port scan" in text and "\x1b[" in text  # frames redrawn in place


def _drain(fd: int, into: list[bytes]) -> None:
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return
        if not chunk:
            return
        into.append(chunk)


@pytest.fixture
def silent_port() -> Iterator[int]:
    yield free_udp_port()  # nothing listens: every probe times out


def _run(args: list[str], stderr: int) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="120")
    return subprocess.run([sys.executable, "-m", "drscout.cli", *args], stdout=subprocess.PIPE,
                          stderr=stderr, cwd=ROOT, env=env, timeout=300, check=False)


def _run_args(tmp_path: Path, port: int) -> list[str]:
    return ["run", "127.0.0.1", "--collectors", "snmp", "--snmp-port", str(port),
            "--snmp-timeout", "0.3", "--snmp-retries", "0", "-o", str(tmp_path / "out"),
            "--no-history", "--json"]


def test_cli_on_a_terminal_keeps_stdout_for_json(tmp_path: Path, silent_port: int) -> None:
    """stderr is a pseudo-terminal (live view and summary there); stdout is only JSON."""
    master, slave = pty.openpty()
    seen: list[bytes] = []
    reader = threading.Thread(target=_drain, args=(master, seen))
    reader.start()
    try:
        proc = _run(_run_args(tmp_path, silent_port), slave)
    finally:
        os.close(slave)
        reader.join(timeout=10)
        os.close(master)
    assert proc.returncode == 0
    summary = json.loads(proc.stdout)
    assert summary["gaps"] >= 1 and "\x1b" not in proc.stdout.decode()
    shown = b"".join(seen).decode(errors="replace")
    assert "SNMP" in shown and "finished in" in shown and "snmp timeout 1" in shown


def test_cli_without_a_terminal_logs_lines_and_quiet_logs_none(
        tmp_path: Path, silent_port: int) -> None:
    proc = _run(_run_args(tmp_path, silent_port), subprocess.PIPE)
    assert proc.returncode == 0
    json.loads(proc.stdout)
    err = proc.stderr.decode()
    assert "\x1b[" not in err
    assert "gap: snmp 127.0.0.1 timeout" in err and "SNMP done: 1 of 1 hosts, 1 gap" in err
    assert "written to" in err and "findings" in err
    quiet = _run([*_run_args(tmp_path, silent_port), "-q"], subprocess.PIPE)
    json.loads(quiet.stdout)
    assert quiet.stderr.decode().splitlines() == [f"report: {tmp_path / 'out'}/gap-report.html"]
    assert Counter(json.loads(quiet.stdout)) == Counter(json.loads(proc.stdout))
