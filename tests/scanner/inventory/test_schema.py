"""The published JSON Schema must match the model.

Regenerate it with ``python -m scanner.inventory.schema``."""

import json

from scanner.inventory.schema import SCHEMA_PATH, inventory_schema


def test_published_schema_matches_model() -> None:
    published = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert published == inventory_schema(), "run: python -m scanner.inventory.schema"


def test_schema_names_the_contract_fields() -> None:
    schema = inventory_schema()
    assert {"schema_version", "assets", "links", "gaps"} <= set(schema["properties"])
    asset = schema["$defs"]["Asset"]["properties"]
    for field in ("id", "name", "type", "roles", "vendor", "model", "serial", "os",
                  "os_version", "ips", "macs", "services"):
        assert field in asset
