"""Session fixture: the dnsmasq lab (see ``dnslab.py``), built once.

Skipped, with the reason, only when the lab really cannot run (not root, dnsmasq or
dnspython absent); under CI a missing lab fails instead, as for the office lab.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator

import pytest

from tests.collectors.maildns import dnslab
from tests.lab.star import require_lab


def skip_reason() -> str | None:
    if os.environ.get("DRSCOUT_SKIP_LAB") == "1":
        return "DRSCOUT_SKIP_LAB=1"
    if importlib.util.find_spec("dns") is None:
        return "dnspython is not installed (pip install -e '.[test]')"
    return dnslab.unavailable()


@pytest.fixture(scope="session")
def dns_lab() -> Iterator[dnslab.DnsLab]:
    require_lab("dnsmasq", skip_reason())
    with dnslab.dns_lab() as lab:
        yield lab
