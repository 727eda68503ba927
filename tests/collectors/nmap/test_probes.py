"""The LAN-timed copy of nmap's service probe file: only the waits change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scanner.collectors.nmap import probes

SAMPLE = """# comment with Probe TCP NULL inside
Probe TCP NULL q||
# Wait for at least 6 seconds for data.
totalwaitms 6000
tcpwrappedms 3000
match ssh m|^SSH-| p/ssh/
Probe TCP GetRequest q|GET / HTTP/1.0\\r\\n\\r\\n|
rarity 1
ports 80
match http m|^HTTP/1| p/http/
Probe UDP DNSStatusRequest q|\\0\\0|
totalwaitms 11000
rarity 1
Probe TCP Quick q|x|
totalwaitms 1000
"""


def _waits(text: str) -> list[tuple[str, int]]:
    probe, found = "", []
    for line in text.splitlines():
        if line.startswith("Probe "):
            probe = line.split()[2]
        elif line.startswith("totalwaitms "):
            found.append((probe, int(line.split()[1])))
    return found


def test_every_probe_gets_one_capped_wait_and_shorter_own_waits_stay() -> None:
    out = probes.lan_timed(SAMPLE, banner_ms=2000, probe_ms=3000)
    assert _waits(out) == [("NULL", 2000), ("GetRequest", 3000), ("DNSStatusRequest", 3000),
                           ("Quick", 1000)]
    assert "tcpwrappedms 2000" in out and "tcpwrappedms 3000" not in out


def test_nothing_but_the_waits_changes() -> None:
    out = probes.lan_timed(SAMPLE)
    strip = re.compile(r"^(totalwaitms|tcpwrappedms) .*\n?", re.M)
    assert strip.sub("", out) == strip.sub("", SAMPLE)


def test_the_machines_nmap_file_keeps_every_probe_and_match() -> None:
    source = probes.find_probes_file()
    if source is None:
        pytest.skip("nmap's nmap-service-probes is not installed")
    text = source.read_text("latin-1")
    out = probes.lan_timed(text)
    count = len(re.findall(r"^Probe ", text, re.M))
    assert count > 100 and len(_waits(out)) == count
    assert all(wait <= probes.LAN_PROBE_WAIT_MS for _, wait in _waits(out))
    assert dict(_waits(out))["NULL"] == probes.LAN_BANNER_WAIT_MS
    assert sorted(re.findall(r"^(?:soft)?match .*$", out, re.M)) == sorted(
        re.findall(r"^(?:soft)?match .*$", text, re.M))


def test_nmap_timing_passes_nothing_and_lan_names_a_written_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if probes.find_probes_file() is None:
        pytest.skip("nmap's nmap-service-probes is not installed")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    probes.lan_probes_file.cache_clear()
    try:
        assert probes.versiondb_arguments("nmap") == ""
        argument = probes.versiondb_arguments("lan")
        path = Path(argument.split(" ", 1)[1])
        assert argument.startswith("--versiondb ") and path.parent == tmp_path / "drscout"
        assert _waits(path.read_text("latin-1"))[0] == ("NULL", probes.LAN_BANNER_WAIT_MS)
    finally:
        probes.lan_probes_file.cache_clear()


def test_no_nmap_data_means_nmaps_own_timing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(probes, "find_probes_file", lambda: None)
    probes.lan_probes_file.cache_clear()
    try:
        assert probes.versiondb_arguments("lan") == ""
    finally:
        probes.lan_probes_file.cache_clear()
