"""Recorded WinRM answers (fixtures/winrm: shaped after documentation, NOT captured; see
its README) behind the collector's transport seam, keyed by the loopback address a test
names as the host."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from scanner.collectors.winrm import api
from scanner.collectors.winrm.options import WinrmCredential, WinrmOptions

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures/winrm"
PASSWORD = "drsw-Winrm-pw-7"
CREDENTIAL = WinrmCredential("CORP\\drscout-read", PASSWORD)
#: host -> fixture file
HOSTS = {"127.0.0.21": "dc-wsb.json", "127.0.0.22": "workstation-veeam.json",
         "127.0.0.23": "garbage.txt", "127.0.0.24": "hostile-strings.json",
         "127.0.0.25": "client-hypervisors.json"}
DC, WORKSTATION, GARBAGE, HOSTILE, CLIENT_VMS = HOSTS


def answer(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def snapshot(name: str) -> dict[str, Any]:
    data = json.loads(answer(name))
    assert isinstance(data, dict)
    return data


def connect(host: str, port: int, options: WinrmOptions) -> api.Transport:
    """The recorded answer of ``host``; checks the script is the fixed read-only one."""
    text = answer(HOSTS[host])

    def run(script: str) -> str:
        assert script == api.SCRIPT
        return text

    return run


def options(*hosts: str) -> WinrmOptions:
    return WinrmOptions(credential=CREDENTIAL, hosts=hosts, discovered=False, timeout=5.0)
