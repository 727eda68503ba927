"""The maildns collector keeps the collector contract against the lab's real dnsmasq.

The run happens in the lab's client namespace (``contract_run.py``): the DNS server's
address exists only there.  The resolver's search domain (contoso.test) and a named
one (onprem.test) are asked; a DNS server address nobody answers on is the failing run.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from scanner.inventory.model import Inventory
from scanner.inventory.sighting import CollectorResult
from scanner.options import ScanOptions
from tests.collectors.contract import Collected, CollectorContract
from tests.collectors.maildns import dnslab
from tests.collectors.maildns.contract_run import options as lab_options

REPO = Path(__file__).resolve().parents[3]
SILENT = "10.78.0.99"  # inside the lab's subnet; nothing answers there


def run_in_lab(server: str, *domains: str) -> Collected:
    done = dnslab.in_ns(dnslab.NS_CL, sys.executable, "-m",
                        "tests.collectors.maildns.contract_run", server, *domains)
    data = json.loads(done.stdout)
    return Collected(tuple(CollectorResult.model_validate(r) for r in data["results"]),
                     Inventory.model_validate(data["inventory"]), tuple(data["secrets"]))


class TestContract(CollectorContract):
    name = "maildns"

    @pytest.fixture(scope="class")
    @classmethod
    def options(cls) -> ScanOptions:
        return lab_options(None, ("onprem.test",))

    @pytest.fixture(scope="class")
    @classmethod
    def collected(cls, dns_lab: dnslab.DnsLab) -> Collected:
        return run_in_lab("-", "onprem.test")

    @pytest.fixture(scope="class")
    @classmethod
    def failure(cls, dns_lab: dnslab.DnsLab) -> Collected:
        return run_in_lab(SILENT, "onprem.test")


def test_the_contract_run_read_both_domains(dns_lab: dnslab.DnsLab) -> None:
    """The resolver's search domain and the named one, from the resolver's server."""
    run = run_in_lab("-", "onprem.test")
    got = {d.domain: d for d in run.inventory.mail_domains}
    assert set(got) == {"onprem.test", "contoso.test"}
    assert got["contoso.test"].source == "resolver search list"
    assert got["onprem.test"].server == dnslab.DNS_IP
    [mail_host] = [a for a in run.inventory.assets if dnslab.MX_IP in a.ips]
    assert "mail" in mail_host.roles


def test_a_silent_dns_server_is_one_timeout_gap(dns_lab: dnslab.DnsLab) -> None:
    run = run_in_lab(SILENT, "onprem.test")
    assert run.inventory.mail_domains == []
    assert [(g.collector, g.reason, g.target) for g in run.inventory.gaps] == [
        ("maildns", "timeout", f"DNS {SILENT}")]
    assert "did not answer" in run.inventory.gaps[0].detail
