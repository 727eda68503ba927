"""Reading and writing drscout's files: atomic writes, validated reads.

A report folder is written file by file through a temporary name and
``os.replace``, so an interrupted run never leaves a half-written file behind
that looks complete.  An inventory is checked once, here, as it is read: its schema,
then what the schema cannot say (``scanner.inventory.validate``).
"""

from __future__ import annotations

import gc
import json
import os
import tempfile
from pathlib import Path
from typing import NoReturn

from pydantic import ValidationError

from scanner.errors import InputFileError
from scanner.inventory.model import SCHEMA_VERSION, Inventory
from scanner.inventory.validate import InventoryProblem, check_depth, check_inventory


def write_atomic(path: Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` so readers see either the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "(top level)"
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"{where}: {err['msg']}{more}"


def _validate_json(text: str) -> Inventory:
    """With the cyclic GC paused: building 100k frozen models creates no cycles,
    yet would trigger a few hundred full collections (seconds at that size)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return Inventory.model_validate_json(text)
    finally:
        if was_enabled:
            gc.enable()


def load_inventory(path: Path) -> Inventory:
    """An Inventory from a JSON file written by drscout, another tool, or a person;
    :class:`InputFileError` (one line naming where in the file) when it is not one."""
    inventory = _parse(path)
    try:
        check_inventory(inventory)
    except InventoryProblem as exc:
        raise InputFileError(f"{path}: {exc}") from None
    return inventory


def _parse(path: Path) -> Inventory:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        why = getattr(exc, "strerror", None) or exc
        raise InputFileError(f"cannot read {path}: {why}") from None
    try:  # fast path: pydantic parses and validates in one pass, no dict of 100k assets
        fast = _validate_json(text)
        if fast.schema_version.split(".")[0] == SCHEMA_VERSION.split(".")[0]:
            return fast
    except ValidationError:
        pass  # the slow path below says what is wrong, in the usual words
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputFileError(f"{path} is not JSON: line {exc.lineno}: {exc.msg}") from None
    except RecursionError:  # json's C parser guards its stack; say where, not a traceback
        _too_deep(path, text)
    if not isinstance(raw, dict) or "assets" not in raw:
        raise InputFileError(f"{path} is not a drscout inventory (no 'assets' list)")
    version = str(raw.get("schema_version", SCHEMA_VERSION))
    if version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise InputFileError(f"{path} has schema_version {version}; this drscout reads "
                             f"{SCHEMA_VERSION.split('.')[0]}.x")
    try:
        return Inventory.model_validate(raw)
    except ValidationError as exc:
        raise InputFileError(f"{path} is not a valid inventory: {_first_error(exc)}") from None


def _too_deep(path: Path, text: str) -> NoReturn:
    """Where the nesting goes past any inventory's.  Only on this failure: scanning every
    file's brackets in Python would cost seconds at 100k assets, parsing it fails fast."""
    try:
        check_depth(text)
    except InventoryProblem as exc:
        raise InputFileError(f"{path}: {exc}") from None
    raise InputFileError(f"{path}: JSON nested too deeply to read")
