"""inventory.json and assessment.json: the machine-readable outputs.

Both are lossless except for one thing JSON cannot carry: a lone surrogate (a
device string decoded with ``surrogateescape``) is not valid UTF-8 and
pydantic's own JSON reader rejects its ``\\udXXX`` escape, so it becomes U+FFFD.
Everything else, control characters included, is JSON-escaped as is.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticSerializationError

from analysis.model import Assessment
from reports.sanitize import deep_replace_surrogates


def _dump(model: BaseModel, exclude: set[str] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = model.model_dump(mode="json", exclude=exclude)
    return data


def _json_bytes(model: BaseModel) -> bytes:
    try:
        return model.model_dump_json(indent=2).encode("utf-8")
    except PydanticSerializationError:
        # Only a lone surrogate makes pydantic fail here; see the module docstring.
        data = deep_replace_surrogates(_dump(model))
        return json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")


def render_inventory_json(assessment: Assessment) -> bytes:
    """The Inventory the assessment was computed from, as the scanner wrote it."""
    return _json_bytes(assessment.inventory)


def render_assessment_json(assessment: Assessment) -> bytes:
    """The conclusions without the inventory (which has its own file).

    ``schema_version`` names the inventory schema the ids refer to.
    """
    version = json.dumps(assessment.inventory.schema_version, ensure_ascii=False)
    try:  # pydantic's serializer, straight to bytes: no intermediate dict or str copies
        body = assessment.__pydantic_serializer__.to_json(
            assessment, indent=2, exclude={"inventory"})
        head = ('{\n  "schema_version": ' + version + ",").encode("utf-8")
        return b"".join((head, memoryview(body)[1:]))
    except PydanticSerializationError:
        pass
    data = _dump(assessment, exclude={"inventory"})
    data = {"schema_version": assessment.inventory.schema_version, **data}
    try:
        return json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(deep_replace_surrogates(data), indent=2, ensure_ascii=False)
        return text.encode("utf-8")
