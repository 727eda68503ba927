"""Version precision, judged once at the nmap collector and read from the text for
inventories written by hand: what a finding about a version may rest on."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.collectors.nmap.parse import parse_xml
from scanner.inventory.model import Asset, Fact, Service
from scanner.inventory.resolve import resolve
from scanner.inventory.versions import nmap_service_precision, os_precision, text_precision

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"


@pytest.mark.parametrize(("text", "expected"), [
    ("9.6.0 or later", "lower-bound"),
    ("2.90", "exact"),
    ("9.2p1 Debian 2+deb12u10", "exact"),
    ("2.4.57-2", "exact"),
    ("3.X", "guessed"),
    ("3.X|4.X", "guessed"),
    ("2.6.32 - 3.10", "guessed"),
    ("4.4 or earlier", "guessed"),
    ("", "unknown"),
    ("unknown", "unknown"),
])
def test_text_precision(text: str, expected: str) -> None:
    assert text_precision(text) == expected


def test_nmap_method_conf_and_soft_match_downgrade_an_exact_looking_version() -> None:
    assert nmap_service_precision("1.2", "probed", 10) == "exact"
    assert nmap_service_precision("1.2", "table", 3) == "guessed"
    assert nmap_service_precision("1.2", "probed", 8) == "guessed"
    assert nmap_service_precision("1.2", "probed", 10, soft=True) == "guessed"
    assert nmap_service_precision("9.6.0 or later", "probed", 10, soft=True) == "lower-bound"
    assert nmap_service_precision("", "table", 3) == "unknown"
    assert os_precision("5.4", 0.93) == "guessed" and os_precision("5.4", 1.0) == "exact"


def test_recorded_lab_scan_marks_postgres_as_a_lower_bound() -> None:
    """The lab's db runs PostgreSQL 15; nmap's soft match says "9.6.0 or later"."""
    seen = parse_xml((FIXTURES / "lab" / "nmap-ports.xml").read_text(encoding="utf-8"))
    services = {(s.ips[0], v.port): v for s in seen for v in s.services}
    pg = services[("10.77.0.40", 5432)]
    assert (pg.version, pg.version_precision) == ("9.6.0 or later", "lower-bound")
    assert pg.precision() == "lower-bound"
    assert services[("10.77.0.10", 53)].version_precision == "exact"  # dnsmasq 2.90, probed


def test_recorded_table_lookups_have_no_version() -> None:
    xml = (FIXTURES / "nmap" / "ports_standard_udp_root" / "scan.xml").read_text(
        encoding="utf-8")
    table_only = [v for s in parse_xml(xml) for v in s.services if not v.product]
    assert table_only and {v.version_precision for v in table_only} == {"unknown"}


def test_model_reads_precision_from_text_when_not_stated() -> None:
    assert Service(port=5432, version="9.6.0 or later").precision() == "lower-bound"
    assert Service(port=5432, version="15.4").precision() == "exact"
    stated = Service(port=5432, version="15.4", version_precision="guessed")
    assert stated.precision() == "guessed"
    assert Service.model_validate(stated.model_dump(mode="json")).precision() == "guessed"


def test_os_guessed_from_a_fingerprint_is_not_exact() -> None:
    fact = Fact(field="os_version", value="2008 R2", collector="nmap", confidence=0.95)
    guessed = Asset(id="a", name="a", os="Windows Server", os_version="2008 R2",
                    provenance=[fact])
    read = Asset(id="b", name="b", os="Windows Server", os_version="2008 R2",
                 provenance=[fact, fact.model_copy(update={"confidence": 1.0,
                                                          "collector": "snmp"})])
    assert (guessed.os_version_precision(), read.os_version_precision()) == ("guessed", "exact")
    assert Asset(id="c", name="c").os_version_precision() == "unknown"
    assert Asset(id="d", name="d", os="Linux", os_version="3.X").os_version_precision() == \
        "guessed"
    stated = Asset(id="e", name="e", os="Linux", os_version="6.1", os_precision="guessed")
    assert stated.os_version_precision() == "guessed"


def test_recorded_os_fingerprints_resolve_to_guessed_os_versions() -> None:
    """Every osmatch in the recorded lab scan is below 100% accuracy ("Linux 3.X", 93%):
    the resolved assets' OS versions are guesses, never exact."""
    seen = parse_xml((FIXTURES / "lab" / "nmap-ports.xml").read_text(encoding="utf-8"))
    with_os = [a for a in resolve(seen) if a.os_version]
    assert with_os
    assert {a.os_version_precision() for a in with_os} == {"guessed"}
