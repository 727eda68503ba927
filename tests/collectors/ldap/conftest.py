"""Session fixture: the Samba AD lab DC (see ``samba_dc.py``), built once.

Skipped, with the reason, only when the lab really cannot run (not root, Samba's AD
packages or ldap3 absent); under CI a missing lab fails instead, as for the office lab.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator

import pytest

from tests.collectors.ldap import samba_dc
from tests.lab.star import require_lab


def skip_reason() -> str | None:
    if os.environ.get("DRSCOUT_SKIP_LAB") == "1":
        return "DRSCOUT_SKIP_LAB=1"
    if importlib.util.find_spec("ldap3") is None:
        return "ldap3 is not installed (pip install -e '.[test]')"
    return samba_dc.unavailable()


@pytest.fixture(scope="session")
def samba() -> Iterator[samba_dc.SambaLab]:
    require_lab("Samba AD", skip_reason())
    with samba_dc.samba_lab() as lab:
        yield lab
