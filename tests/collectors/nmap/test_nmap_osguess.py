"""The osclass -> device type mapping (nmap's own class names as input)."""

from __future__ import annotations

import pytest

from scanner.collectors.nmap.osguess import guess
from scanner.collectors.nmap.text import clean, mac_colon_lower


def match(os_type: str, accuracy: str = "91") -> list[dict]:
    return [
        {
            "name": "Acme box 1.0",
            "accuracy": accuracy,
            "osclass": [
                {
                    "type": os_type,
                    "vendor": "Acme",
                    "osfamily": "AcmeOS",
                    "osgen": "1.X",
                    "accuracy": accuracy,
                    "cpe": [],
                }
            ],
        },
        {"name": "Weaker", "accuracy": "80", "osclass": [{"type": "printer", "accuracy": "80"}]},
    ]


@pytest.mark.parametrize(
    ("os_type", "asset_type"),
    [
        ("router", "router"),
        ("switch", "switch"),
        ("WAP", "wireless"),
        ("firewall", "firewall"),
        ("printer", "printer"),
        ("storage-misc", "nas"),
        ("power-device", "ups"),
        ("general purpose", None),
        ("webcam", None),
    ],
)
def test_type_from_best_osclass(os_type: str, asset_type: str | None) -> None:
    result = guess(match(os_type))
    assert result.type == asset_type
    assert result.os == "AcmeOS" and result.os_version == "1.X"
    assert result.inferred["os"].confidence == pytest.approx(0.91)
    if asset_type:
        assert result.inferred["type"].confidence == pytest.approx(0.91)
        assert "'Acme box 1.0'" in result.inferred["type"].evidence
    else:
        assert "type" not in result.inferred


def test_no_osmatch_no_guess() -> None:
    assert guess([]).os is None and guess([]).inferred == {}


def test_clean_and_mac() -> None:
    assert clean("a\x00b\r\nc\u202e") == "a b c"
    assert len(clean("x" * 1000)) == 200
    assert mac_colon_lower("00-1B-21-07-00-01") == "00:1b:21:07:00:01"
