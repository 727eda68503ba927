from __future__ import annotations

from io import BytesIO

import pandas as pd

from analysis.model import Assessment
from reports import render_assets_csv
from reports.sanitize import FORMULA_PREFIXES

COLUMNS = ["id", "name", "type", "roles", "vendor", "model", "serial", "os", "os_version", "ips",
           "macs", "hostnames", "services", "location", "first_seen", "last_seen", "sources",
           "owner", "business_function", "backup_method", "backup_frequency", "backup_offsite"]


def _read(assessment: Assessment) -> pd.DataFrame:
    return pd.read_csv(BytesIO(render_assets_csv(assessment)), dtype=str, keep_default_na=False)


def test_one_row_per_asset_with_the_agreed_columns(assessment: Assessment) -> None:
    frame = _read(assessment)
    assert list(frame.columns) == COLUMNS
    assert len(frame) == len(assessment.inventory.assets)


def test_benign_values(benign: Assessment) -> None:
    frame = _read(benign).set_index("name")
    gateway = frame.loc["gw-office"]
    assert gateway["roles"] == "gateway;firewall;dns;dhcp"
    assert gateway["services"].split(";")[0] == "22/tcp ssh OpenSSH 9.2p1"
    assert gateway["sources"] == "nmap;localhost"
    assert frame.loc["sw-core", "location"] == "Server cupboard"
    assert frame.loc["sw-core", "first_seen"] == "2025-03-03T09:00:00+00:00"


def test_no_field_can_be_evaluated_as_a_formula(hostile: Assessment) -> None:
    frame = _read(hostile)
    values = [v for column in frame.columns for v in frame[column]]
    assert not [v for v in values if v.lstrip(" ").startswith(FORMULA_PREFIXES)]
    # the payloads are kept as visible text, not dropped
    assert any(v.startswith("'=HYPERLINK(") for v in values)
    assert any(v.startswith("'@SUM(1)") for v in values)
    assert not any("\x00" in v or "\ud800" in v for v in values)
