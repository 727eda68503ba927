"""An inventory file is checked once, on load, beyond its schema (scanner.inventory.validate).

Each bad case goes through the real command line, ``drscout analyze FILE`` in a
subprocess: exit 2, one line on stderr that names the file and the place in it, no
traceback.  The good cases are every inventory the repository ships and one resolution
builds from sightings.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from scanner.errors import InputFileError
from scanner.files import load_inventory
from scanner.inventory.model import Inventory
from scanner.inventory.resolve import resolve
from scanner.inventory.sighting import Sighting
from scanner.inventory.validate import MAX_DEPTH, check_depth, check_inventory, problems

ROOT = Path(__file__).resolve().parents[2]


def _asset(id_: str, **extra: Any) -> dict[str, Any]:
    return {"id": id_, "name": id_, "type": "server", **extra}


def _inventory(**parts: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"schema_version": "1.0",
                            "assets": [_asset("a", ips=["10.0.0.1"]), _asset("b")]}
    return {**base, **parts}


def _analyze(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "drscout.cli", "analyze", str(path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)


def _bad_nesting(depth: int) -> str:
    return ('{"schema_version": "1.0", "assets": [], "scan": {"targets": '
            + "[" * depth + "]" * depth + "}}")


BAD = {
    "duplicate-id": (json.dumps(_inventory(assets=[_asset("a"), _asset("b"), _asset("a")])),
                     'assets[2].id: duplicate asset id "a" (also assets[0])'),
    "link-to-nothing": (json.dumps(_inventory(links=[
        {"source": "a", "target": "ghost", "kind": "physical", "collector": "snmp"}])),
        'links[0].target: "ghost" is no asset\'s id'),
    "link-from-nothing": (json.dumps(_inventory(links=[
        {"source": "users", "target": "a", "kind": "runs_on", "collector": "site"}])),
        'links[0].source: "users" is no asset\'s id'),
    "asset-ip": (json.dumps(_inventory(assets=[_asset("a", ips=["10.0.0.1", "999.1.1.1"])])),
                 'assets[0].ips[1]: "999.1.1.1" is not an IP address'),
    "interface-ip": (json.dumps(_inventory(assets=[_asset("a", interfaces=[
        {"name": "eth0"}, {"name": "eth1", "ips": ["10.0.0.256"]}])])),
        'assets[0].interfaces[1].ips[0]: "10.0.0.256" is not an IP address'),
    "asset-mac": (json.dumps(_inventory(assets=[_asset("a", macs=["02:00:00:zz:00:01"])])),
                  'assets[0].macs[0]: "02:00:00:zz:00:01" is not a MAC address'),
    "dns-server": (json.dumps(_inventory(network={"dns_servers": ["10.0.0.53", "dns1"]})),
                   'network.dns_servers[1]: "dns1" is not an IP address'),
    "gateway": (json.dumps(_inventory(network={"default_gateways": [
        {"destination": "0.0.0.0/0", "gateway": "1.2.3.4.5", "collector": "localhost"}]})),
        'network.default_gateways[0].gateway: "1.2.3.4.5" is not an IP address'),
    "deep-nesting": (_bad_nesting(100_000), f"JSON nested deeper than {MAX_DEPTH} levels"),
    "nesting-json-can-read": (_bad_nesting(500), "scan.targets.0: Input should be a valid"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_inventory_is_exit_2_with_one_line_naming_where(tmp_path: Path, case: str) -> None:
    content, where = BAD[case]
    path = tmp_path / "inventory.json"
    path.write_text(content, encoding="utf-8")
    done = _analyze(path)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert str(path) in lines[0] and where in lines[0]


def test_deep_nesting_is_located() -> None:
    with pytest.raises(ValueError, match="line 2 column 5: JSON nested deeper than 3"):
        check_depth('{"a":\n  [[[[1]]]]}', limit=3)


def test_brackets_inside_strings_do_not_nest(tmp_path: Path) -> None:
    deep = "[" * 500 + '\\"{' + "]" * 500
    path = tmp_path / "inventory.json"
    path.write_text(json.dumps(_inventory(assets=[_asset("a", description=deep)])))
    check_depth(path.read_text())
    assert load_inventory(path).assets[0].description == deep


def test_every_problem_is_counted_in_the_one_line(tmp_path: Path) -> None:
    path = tmp_path / "inventory.json"
    path.write_text(json.dumps(_inventory(assets=[
        _asset("a", ips=["300.0.0.1", "fe80::1%eth0", "::1"]), _asset("a", ips=["1.1.1"])])))
    with pytest.raises(InputFileError) as err:
        load_inventory(path)
    message = str(err.value)
    assert message == (f'{path}: assets[0].ips[0]: "300.0.0.1" is not an IP address '
                       "(and 2 more)")


def test_hostile_values_are_quoted_with_control_characters_escaped(tmp_path: Path) -> None:
    path = tmp_path / "inventory.json"
    path.write_text(json.dumps(_inventory(assets=[_asset("a", ips=["\x1b[2J\nrm -rf"])])))
    with pytest.raises(InputFileError) as err:
        load_inventory(path)
    assert "\x1b" not in str(err.value) and "\n" not in str(err.value)
    assert '"\\u001b[2J\\nrm -rf"' in str(err.value)


def test_ipv6_zones_and_other_link_layer_addresses_are_fine() -> None:
    inv = Inventory.model_validate(_inventory(assets=[_asset(
        "a", ips=["fe80::1%eth0", "2001:db8::1"], macs=["0200.0000.0001"],
        interfaces=[{"name": "ip6tnl0", "mac": "00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00"},
                    {"name": "eth0", "mac": "02-00-00-00-00-01", "ips": ["10.0.0.1"]}])],
        network={"subnets": ["10.0.0.0/24", "2001:db8::/64"],
                 "default_gateways": [{"destination": "0.0.0.0/0", "gateway": "10.0.0.254",
                                       "collector": "localhost"}]}))
    assert list(problems(inv)) == []


def _shipped_inventories() -> list[Path]:
    found = []
    for path in sorted([*ROOT.glob("fixtures/**/*.json"), *ROOT.glob("tests/**/*.json")]):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            continue
        if isinstance(data, dict) and "assets" in data and "schema_version" in data:
            found.append(path)
    return found


@pytest.mark.parametrize("path", _shipped_inventories(), ids=lambda p: p.name)
def test_shipped_inventories_load(path: Path) -> None:
    assert load_inventory(path).assets


def test_there_are_shipped_inventories_to_check() -> None:
    assert _shipped_inventories()


def test_what_resolution_builds_passes() -> None:
    # two agents named "files" polled at two addresses: two assets, ids kept apart
    sightings = [Sighting(collector="nmap", ips=["10.0.0.1"], macs=["02:00:00:00:00:01"]),
                 Sighting(collector="snmp", ips=["10.0.0.1", "fe80::1"], target="10.0.0.1",
                          macs=["02-00-00-00-00-01"], name="sw1"),
                 Sighting(collector="snmp", ips=["10.0.0.2"], target="10.0.0.2", name="files"),
                 Sighting(collector="snmp", ips=["10.0.0.3"], target="10.0.0.3", name="files")]
    assets = resolve(sightings)
    assert sorted(a.id for a in assets) == ["host-files", "host-files-2", "mac-020000000001"]
    check_inventory(Inventory(assets=assets))
