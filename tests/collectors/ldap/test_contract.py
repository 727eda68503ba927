"""The ldap collector keeps the collector contract on the lab's real Samba AD DC.

The run itself happens in the lab's client namespace (``contract_run.py``): the DC's
address exists only there.  A wrong password is the failing run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scanner.inventory.model import Inventory
from scanner.inventory.sighting import CollectorResult
from scanner.options import ScanOptions
from tests.collectors.contract import Collected, CollectorContract
from tests.collectors.ldap import samba_dc
from tests.collectors.ldap.contract_run import options as lab_options

REPO = Path(__file__).resolve().parents[3]
WRONG = "Drs-Contract-Wrong-4t"


def run_in_lab(lab: samba_dc.SambaLab, password: str) -> Collected:
    done = subprocess.run(
        ["ip", "netns", "exec", samba_dc.NS_CLIENT, sys.executable, "-m",
         "tests.collectors.ldap.contract_run", lab.url, lab.admin],
        capture_output=True, text=True, timeout=300, check=True, cwd=REPO,
        env=dict(os.environ, DRSCOUT_LDAP_PASSWORD=password))
    data = json.loads(done.stdout)
    assert password not in done.stderr
    return Collected(tuple(CollectorResult.model_validate(r) for r in data["results"]),
                     Inventory.model_validate(data["inventory"]), tuple(data["secrets"]))


class TestContract(CollectorContract):
    name = "ldap"

    @pytest.fixture(scope="class")
    @classmethod
    def options(cls, samba: samba_dc.SambaLab) -> ScanOptions:
        return lab_options(samba.url, samba.admin, samba_dc.PASSWORD)

    @pytest.fixture(scope="class")
    @classmethod
    def collected(cls, samba: samba_dc.SambaLab) -> Collected:
        return run_in_lab(samba, samba_dc.PASSWORD)

    @pytest.fixture(scope="class")
    @classmethod
    def failure(cls, samba: samba_dc.SambaLab) -> Collected:
        return run_in_lab(samba, WRONG)
