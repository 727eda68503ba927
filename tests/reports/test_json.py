from __future__ import annotations

import json

from analysis.model import Assessment
from reports import render_assessment_json, render_inventory_json
from reports.sanitize import deep_replace_surrogates
from scanner.inventory.model import Inventory

TOP_LEVEL = {"schema_version", "assessment_version", "graph", "processes", "spofs", "findings",
             "priorities", "recovery_waves"}


def test_inventory_json_is_the_model_dump(benign: Assessment) -> None:
    data = render_inventory_json(benign)
    assert data == benign.inventory.model_dump_json(indent=2).encode()
    assert Inventory.model_validate_json(data) == benign.inventory


def test_hostile_inventory_json_validates_and_keeps_payloads(hostile: Assessment) -> None:
    data = render_inventory_json(hostile)
    text = data.decode("utf-8")  # strict: fails on an encoded lone surrogate
    back = Inventory.model_validate_json(data)
    expected = deep_replace_surrogates(hostile.inventory.model_dump(mode="json"))
    assert back.model_dump(mode="json") == expected
    assert "<script>alert(1)</script>" in text
    assert "\ufffd" in text


def test_assessment_json_has_the_conclusions_without_inventory(assessment: Assessment) -> None:
    data = json.loads(render_assessment_json(assessment))
    assert set(data) == TOP_LEVEL | (set(Assessment.model_fields) - {"inventory"})
    assert set(data) >= TOP_LEVEL
    assert data["schema_version"] == assessment.inventory.schema_version
    del data["schema_version"]
    back = Assessment.model_validate({**data, "inventory": assessment.inventory})
    expected = deep_replace_surrogates(assessment.model_dump(mode="json", exclude={"inventory"}))
    assert back.model_dump(mode="json", exclude={"inventory"}) == expected
    assert len(back.spofs) == 3
    assert len(back.findings) == 4
