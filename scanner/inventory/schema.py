"""The published JSON Schema of the Inventory, generated from the model.

``scanner/inventory/schema/inventory.schema.json`` is committed and shipped with the
package; ``tests/scanner/inventory/test_schema.py`` fails when it drifts from the model,
and ``python -m scanner.inventory.schema`` rewrites it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from scanner.inventory.model import SCHEMA_VERSION, Inventory

SCHEMA_PATH = Path(__file__).parent.parent / "schema" / "inventory.schema.json"


def inventory_schema() -> dict[str, Any]:
    schema = Inventory.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://drscout.invalid/schema/inventory-{SCHEMA_VERSION}.json"
    schema["description"] = ("drscout inventory: assets, links between them, gaps in what "
                             "could be collected, and scan metadata.")
    return schema


def render_schema() -> str:
    return json.dumps(inventory_schema(), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.parent.mkdir(exist_ok=True)
    SCHEMA_PATH.write_text(render_schema(), encoding="utf-8")
