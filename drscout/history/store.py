"""The history store: one SQLite file, one row per run, the whole inventory kept.

The inventory is stored (zlib-compressed JSON) rather than the conclusions, so a
later drscout with better analysis can re-assess old runs and a diff always
compares like with like.  The default file lives in the user's data directory
(``$XDG_DATA_HOME/drscout/history.sqlite``, else ``~/.local/share/...``).
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from scanner.errors import InputFileError, UsageError
from scanner.inventory.model import Inventory
from scanner.inventory.validate import InventoryProblem, check_inventory

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    recorded TEXT NOT NULL,
    started TEXT, finished TEXT,
    targets TEXT NOT NULL, profile TEXT NOT NULL,
    assets INTEGER NOT NULL, gaps INTEGER NOT NULL,
    spofs INTEGER NOT NULL, findings INTEGER NOT NULL,
    inventory BLOB NOT NULL
)
"""


def _json_bytes(inventory: Inventory) -> bytes:
    """UTF-8 JSON; a lone surrogate (undecodable device bytes) becomes '?'."""
    text = json.dumps(inventory.model_dump(mode="json"), ensure_ascii=False)
    return text.encode("utf-8", "replace")


def default_db_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "drscout" / "history.sqlite"


@dataclass(frozen=True)
class RunRecord:
    id: int
    recorded: str
    started: str | None
    finished: str | None
    targets: str
    profile: str
    assets: int
    gaps: int
    spofs: int
    findings: int


@dataclass(frozen=True)
class RunCounts:
    spofs: int
    findings: int


class HistoryStore:
    """Open per call: a CLI process records one run, so no connection is kept."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def _db(self, create: bool) -> Iterator[sqlite3.Connection]:
        if not create and not self.path.exists():
            raise UsageError(f"no run history at {self.path} (run `drscout run` first)")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(self.path)) as conn, conn:
                conn.execute(_SCHEMA)
                yield conn
        except sqlite3.DatabaseError as exc:
            raise InputFileError(f"{self.path} is not a drscout history database: {exc}") \
                from None

    def record(self, inventory: Inventory, counts: RunCounts) -> int:
        scan = inventory.scan
        blob = zlib.compress(_json_bytes(inventory))
        row = (datetime.now(UTC).isoformat(timespec="seconds"),
               scan.started.isoformat() if scan.started else None,
               scan.finished.isoformat() if scan.finished else None,
               ",".join(scan.targets), scan.profile, len(inventory.assets),
               len(inventory.gaps), counts.spofs, counts.findings, blob)
        with self._db(create=True) as conn:
            cursor = conn.execute(
                "INSERT INTO runs (recorded, started, finished, targets, profile, assets, "
                "gaps, spofs, findings, inventory) VALUES (?,?,?,?,?,?,?,?,?,?)", row)
            return int(cursor.lastrowid or 0)

    def runs(self) -> list[RunRecord]:
        """Recorded runs, oldest first; none when nothing was recorded yet."""
        if not self.path.exists():
            return []
        with self._db(create=False) as conn:
            rows = conn.execute("SELECT id, recorded, started, finished, targets, profile, "
                                "assets, gaps, spofs, findings FROM runs ORDER BY id").fetchall()
        return [RunRecord(*row) for row in rows]

    def inventory(self, run_id: int) -> Inventory:
        with self._db(create=False) as conn:
            row = conn.execute("SELECT inventory FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise UsageError(f"no run {run_id} in {self.path} (see `drscout history`)")
        try:
            inventory = Inventory.model_validate_json(zlib.decompress(row[0]))
            check_inventory(inventory)  # the same checks as a file read with load_inventory
        except (zlib.error, ValidationError, InventoryProblem) as exc:
            raise InputFileError(f"run {run_id} in {self.path} is unreadable: "
                                 f"{_first_line(exc)}") from None
        return inventory


def _first_line(exc: Exception) -> str:
    """One line naming where: pydantic's own message spans several."""
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        return f"{'.'.join(map(str, err['loc'])) or '(top level)'}: {err['msg']}"
    return (str(exc).splitlines() or [type(exc).__name__])[0][:300]
