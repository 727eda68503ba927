"""NetBox bulk-import CSV columns against NetBox's own import forms, field by field.

The expected lists are copied from ``Meta.fields`` of NetBox's CSV import forms:
https://github.com/netbox-community/netbox/blob/016a5335aeb1e9ab78bc41ca8f561f4fe97dd187/netbox/dcim/forms/bulk_import.py
(ManufacturerImportForm, DeviceRoleImportForm, DeviceTypeImportForm, DeviceImportForm,
InterfaceImportForm, CableImportForm) and
https://github.com/netbox-community/netbox/blob/068d493cc605e9af81d10c2c99c3992a3550573b/netbox/ipam/forms/bulk_import.py
(IPAddressImportForm).  REQUIRED lists the fields those forms declare without
``required=False`` (and model fields without a default).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from analysis import assess
from analysis.model import Assessment
from analysis.site.people import People, PersonEntry
from reports.netbox import CUSTOM_FIELDS, netbox_files
from scanner.files import load_inventory

NETBOX_FIELDS: dict[str, tuple[str, ...]] = {
    "01-manufacturers.csv": ("name", "slug", "description", "tags"),
    "02-device-roles.csv": ("name", "slug", "color", "vm_role", "config_template",
                            "description", "tags"),
    "03-device-types.csv": (
        "manufacturer", "default_platform", "model", "slug", "part_number", "u_height",
        "exclude_from_utilization", "is_full_depth", "subdevice_role", "airflow", "description",
        "weight", "weight_unit", "comments", "tags"),
    "04-devices.csv": (
        "name", "role", "tenant", "manufacturer", "device_type", "platform", "serial",
        "asset_tag", "status", "site", "location", "rack", "position", "face", "latitude",
        "longitude", "parent", "device_bay", "airflow", "virtual_chassis", "vc_position",
        "vc_priority", "cluster", "description", "config_template", "comments", "tags"),
    "05-interfaces.csv": (
        "device", "name", "label", "parent", "bridge", "lag", "type", "speed", "duplex",
        "enabled", "mark_connected", "wwn", "vdcs", "mtu", "mgmt_only", "description",
        "poe_mode", "poe_type", "mode", "vrf", "rf_role", "rf_channel", "rf_channel_frequency",
        "rf_channel_width", "tx_power", "tags"),
    "06-ip-addresses.csv": (
        "address", "vrf", "tenant", "status", "role", "device", "virtual_machine", "interface",
        "fhrp_group", "is_primary", "is_oob", "dns_name", "description", "owner", "comments",
        "tags"),
    "07-cables.csv": (
        "side_a_device", "side_a_type", "side_a_name", "side_b_device", "side_b_type",
        "side_b_name", "type", "status", "tenant", "label", "color", "length", "length_unit",
        "description", "comments", "tags"),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "01-manufacturers.csv": ("name", "slug"),
    "02-device-roles.csv": ("name", "slug"),
    "03-device-types.csv": ("manufacturer", "model", "slug"),
    "04-devices.csv": ("role", "manufacturer", "device_type", "status", "site"),
    "05-interfaces.csv": ("device", "name", "type"),
    "06-ip-addresses.csv": ("address", "status"),
    "07-cables.csv": ("side_a_device", "side_a_type", "side_a_name", "side_b_device",
                      "side_b_type", "side_b_name"),
}
LAB = Path(__file__).resolve().parents[2] / "fixtures" / "reports" / "lab-before.json"


def _tables(assessment: Assessment) -> dict[str, list[dict[str, str]]]:
    return {name: list(csv.DictReader(io.StringIO(render(assessment).decode("utf-8"))))
            for name, render in netbox_files("Main office")}


@pytest.fixture(scope="module")
def lab() -> dict[str, list[dict[str, str]]]:
    return _tables(assess(load_inventory(LAB)))


@pytest.mark.parametrize("name", list(NETBOX_FIELDS))
def test_columns_are_netbox_import_fields(name: str, benign: Assessment) -> None:
    render = dict(netbox_files())[name]
    header = next(csv.reader(io.StringIO(render(benign).decode("utf-8"))))
    unknown = [c for c in header if c not in NETBOX_FIELDS[name]]
    assert unknown == [], f"{name}: not NetBox import fields: {unknown}"
    assert set(REQUIRED[name]) <= set(header), f"{name}: a required field is missing"
    assert len(header) == len(set(header))


def test_every_required_value_is_filled(lab: dict[str, list[dict[str, str]]]) -> None:
    for name, rows in lab.items():
        assert rows or name == "07-cables.csv", name
        for row in rows:
            assert all(row[f] for f in REQUIRED[name]), (name, row)


def test_references_resolve_within_the_export(lab: dict[str, list[dict[str, str]]]) -> None:
    """Each file only names objects an earlier file creates, as NetBox's import needs."""
    makers = {r["name"] for r in lab["01-manufacturers.csv"]}
    roles = {r["name"] for r in lab["02-device-roles.csv"]}
    types = {(r["manufacturer"], r["model"]) for r in lab["03-device-types.csv"]}
    devices = {r["name"] for r in lab["04-devices.csv"]}
    interfaces = {(r["device"], r["name"]) for r in lab["05-interfaces.csv"]}
    assert len(devices) == len(lab["04-devices.csv"]) == 10  # 11 assets less the scanner
    for d in lab["04-devices.csv"]:
        assert d["manufacturer"] in makers and d["role"] in roles
        assert (d["manufacturer"], d["device_type"]) in types and d["site"] == "Main office"
    for ip in lab["06-ip-addresses.csv"]:
        assert (ip["device"], ip["interface"]) in interfaces
        assert "/" in ip["address"]
    used: set[tuple[str, str]] = set()
    for cable in lab["07-cables.csv"]:
        for side in ("a", "b"):
            end = (cable[f"side_{side}_device"], cable[f"side_{side}_name"])
            assert end in interfaces and end not in used, "one cable per interface"
            used.add(end)
    assert {"10.77.0.10/24", "10.77.0.1/24"} <= {r["address"] for r in lab["06-ip-addresses.csv"]}


def test_custom_fields_only_with_a_persons_entries(benign: Assessment) -> None:
    """A stock NetBox refuses unknown cf_ columns: they appear only when a filled worksheet
    gave something to put in them, and the README names each field to create first."""
    render = dict(netbox_files())["04-devices.csv"]
    plain = next(csv.reader(io.StringIO(render(benign).decode("utf-8"))))
    assert not [c for c in plain if c.startswith("cf_")]
    entry = PersonEntry(asset_id=benign.inventory.assets[0].id, owner="Ann", approved_tier=2)
    filled = benign.model_copy(update={"people": People(source="w.xlsx", assets=[entry])})
    rows = list(csv.DictReader(io.StringIO(render(filled).decode("utf-8"))))
    extra = [c for c in rows[0] if c not in NETBOX_FIELDS["04-devices.csv"]]
    assert extra == [f"cf_{name}" for name in CUSTOM_FIELDS]
    assert rows[0]["cf_dr_owner"] == "Ann" and rows[0]["cf_dr_approved_tier"] == "2"
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in readme for name in CUSTOM_FIELDS)
