import json
from pathlib import Path

import pytest

from scanner.errors import InputFileError
from scanner.files import load_inventory, write_atomic
from scanner.inventory.model import Asset, Inventory


def test_atomic_write_replaces_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out" / "a.json"
    write_atomic(target, "one")
    write_atomic(target, b"two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["a.json"]


def test_load_roundtrip(tmp_path: Path) -> None:
    inv = Inventory(assets=[Asset(id="host-a", name="a", ips=["10.0.0.1"])])
    path = tmp_path / "inv.json"
    path.write_text(inv.model_dump_json())
    assert load_inventory(path) == inv


def test_minimal_hand_written_inventory_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "inv.json"
    path.write_text(json.dumps({"schema_version": "1.0", "assets": [
        {"id": "db01", "name": "db01", "type": "server", "roles": ["database"]}]}))
    assert load_inventory(path).assets[0].roles == ["database"]


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "is not JSON: line 1"),
    ("[]", "not a drscout inventory"),
    ('{"schema_version": "9.0", "assets": []}', "schema_version 9.0"),
    ('{"assets": [{"id": "x"}]}', "assets.0.name: Field required"),
    ('{"assets": [{"id": "x", "name": "x", "type": "toaster"}]}', "assets.0.type"),
])
def test_bad_files_give_one_line_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "inv.json"
    path.write_text(content)
    with pytest.raises(InputFileError, match=message.replace(".", r"\.")) as err:
        load_inventory(path)
    assert "\n" not in str(err.value)


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="cannot read"):
        load_inventory(tmp_path / "missing.json")
