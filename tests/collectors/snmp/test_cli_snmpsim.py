"""``drscout scan HOST --collectors snmp --snmp-community C --snmp-port P -o FILE`` against
an snmpsim endpoint (the recorded lab switch) on 127.0.0.1."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.collectors.snmp.snmpsim_server import serve

ROOT = Path(__file__).resolve().parents[3]


def test_cli_scan_of_an_snmpsim_agent(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(ROOT / "fixtures/lab/switch.snmprec", data / "labsw.snmprec")
    out = tmp_path / "inv.json"
    with serve(data) as port:
        proc = subprocess.run(
            [sys.executable, "-m", "drscout.cli", "scan", "127.0.0.1", "--collectors", "snmp",
             "--snmp-community", "labsw", "--snmp-port", str(port), "-o", str(out), "-q"],
            capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    inv = json.loads(out.read_text())
    [asset] = inv["assets"]
    assert asset["name"] == "sw.office.lan" and asset["type"] == "switch"
    assert "labsw" not in out.read_text() and "labsw" not in proc.stderr
