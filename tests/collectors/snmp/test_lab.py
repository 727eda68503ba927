"""The collector against a real net-snmp snmpd in a network namespace (root only)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.collectors.snmp import lab

pytestmark = [
    pytest.mark.lab,
    pytest.mark.skipif(
        lab.unavailable_reason() is not None,
        reason=f"SNMP lab unavailable: {lab.unavailable_reason()}",
    ),
]
SECRETS = (lab.COMMUNITY, lab.V3_AUTH, lab.V3_PRIV, "wrong-community-xyz", "bad-auth-key-123")


@pytest.fixture(scope="module")
def snmp_lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[lab.Lab]:
    with lab.snmp_lab(Path(tmp_path_factory.mktemp("drss-snmp"))) as env:
        yield env


def _probe(env: lab.Lab, **request: object) -> dict:
    out = env.run_probe({"host": lab.AGENT_IP, "timeout": 1.0, "retries": 0, **request})
    for secret in SECRETS:
        assert secret not in out
    return json.loads(out)


def test_v2c_reads_the_lab_switch(snmp_lab: lab.Lab) -> None:
    result = _probe(snmp_lab, communities=[lab.COMMUNITY])
    assert result["gaps"] == []
    seen = result["sightings"][0]
    assert seen["name"] == "drss-lab-switch"
    assert seen["ips"][0] == lab.AGENT_IP and lab.BRIDGE_IP in seen["ips"]
    names = {i["name"] for i in seen["interfaces"]}
    assert {"br0", "port1", "port2", "drss-up0"} <= names
    assert len(seen["macs"]) >= 4 and all(len(m) == 17 for m in seen["macs"])
    assert seen["type"] == "switch"
    assert seen["ip_forwarding"] is False
    assert seen["snmp_community_default"] is False
    assert seen["hardware"]["uptime_seconds"] is not None


def test_v3_auth_priv(snmp_lab: lab.Lab) -> None:
    user = {
        "user": lab.V3_USER,
        "auth_key": lab.V3_AUTH,
        "priv_key": lab.V3_PRIV,
        "auth_proto": "sha",
        "priv_proto": "aes",
    }
    result = _probe(snmp_lab, v3=[user])
    assert result["gaps"] == []
    assert result["sightings"][0]["name"] == "drss-lab-switch"


def test_first_working_credential_wins(snmp_lab: lab.Lab) -> None:
    result = _probe(snmp_lab, communities=["wrong-community-xyz", lab.COMMUNITY])
    assert result["sightings"][0]["type"] == "switch"


def test_wrong_community_is_a_gap_without_the_secret(snmp_lab: lab.Lab) -> None:
    result = _probe(snmp_lab, communities=["wrong-community-xyz"])
    assert result["sightings"] == []
    [gap] = result["gaps"]
    assert gap["reason"] == "timeout" and "v2c community" in gap["detail"]


def test_wrong_v3_key_is_an_auth_gap(snmp_lab: lab.Lab) -> None:
    user = {"user": lab.V3_USER, "auth_key": "bad-auth-key-123", "priv_key": lab.V3_PRIV}
    result = _probe(snmp_lab, v3=[user])
    [gap] = result["gaps"]
    assert gap["reason"] == "auth"
    assert lab.V3_USER in gap["detail"]


def test_unknown_v3_user_is_an_auth_gap(snmp_lab: lab.Lab) -> None:
    result = _probe(snmp_lab, v3=[{"user": "nosuchuser", "auth_key": "bad-auth-key-123"}])
    assert result["gaps"][0]["reason"] == "auth"


def test_unreachable_host_is_a_timeout_gap(snmp_lab: lab.Lab) -> None:
    result = _probe(snmp_lab, host="10.213.77.99", communities=[lab.COMMUNITY])
    assert result["sightings"] == []
    assert [g["reason"] for g in result["gaps"]] == ["timeout"]
