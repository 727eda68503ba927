"""HOST-RESOURCES-MIB hrSWRunTable (RFC 2790) -> the programs a host is running.

Why only names, paths and types: hrSWRunParameters (column 5) holds command
lines, and command lines hold passwords (``mysqld --password=...``, backup jobs
with keys).  It is never requested, and no column before it is walked either: a
GETBULK running off the end of a short hrSWRunName or hrSWRunPath column returns
the first rows of hrSWRunParameters (measured on net-snmp).  So only the last
two columns, type and status, are walked (past them lies hrSWRunPerfTable, CPU
and memory), and names and paths are fetched row by row with GETs.

Why only when small: a busy server lists thousands of processes, and the roles
need only a few names.  The type/status walk has a hard cap; when it is hit the
table is skipped and the reason kept in the asset's provenance (no gap: nothing
failed, drscout chose not to read it).  An agent without those two columns
yields no software.
"""

from __future__ import annotations

import posixpath

from scanner.collectors.snmp.mibs.tables import table
from scanner.collectors.snmp.values import Value, Walk, integer, text
from scanner.inventory.model import SoftwareItem

HR_SW_RUN_ENTRY = "1.3.6.1.2.1.25.4.2.1"
HR_SW_RUN_NAME = HR_SW_RUN_ENTRY + ".2"
HR_SW_RUN_PATH = HR_SW_RUN_ENTRY + ".4"
#: hrSWRunParameters: never requested (command lines can hold secrets)
HR_SW_RUN_PARAMETERS = HR_SW_RUN_ENTRY + ".5"
HR_SW_RUN_TYPE = HR_SW_RUN_ENTRY + ".6"
HR_SW_RUN_STATUS = HR_SW_RUN_ENTRY + ".7"
#: more running processes than this and the table is not read
MAX_PROCESSES = 300
#: the walked columns (the table's last two), and their varbind budget: one row past
#: the cap tells "too large" from "exactly 300"
COUNT_COLUMNS = (HR_SW_RUN_TYPE, HR_SW_RUN_STATUS)
COUNT_WALK_LIMIT = len(COUNT_COLUMNS) * (MAX_PROCESSES + 1)
#: the columns fetched by GET for each row
GET_COLUMNS = (HR_SW_RUN_NAME, HR_SW_RUN_PATH)
_TYPES = {1: "unknown", 2: "operating-system", 3: "device-driver", 4: "application"}
_INVALID = 4  # hrSWRunStatus invalid(4): the process has gone
COLLECTOR = "snmp"


def _indexes(walk: Walk) -> set[str]:
    prefixes = tuple(c + "." for c in COUNT_COLUMNS)
    return {o.rsplit(".", 1)[1] for o in walk if o.startswith(prefixes)}


def too_large(walk: Walk) -> bool:
    """True when the capped type/status walk hit its cap (the table is not read further)."""
    return len(_indexes(walk)) > MAX_PROCESSES


def rows(walk: Walk) -> list[str]:
    """hrSWRunIndex values whose name and path are worth fetching; none when too large."""
    if too_large(walk):
        return []
    return sorted(_indexes(walk), key=lambda i: int(i) if i.isdigit() else -1)


def _item(row: dict[int, Value]) -> SoftwareItem | None:
    if integer(row.get(7)) == _INVALID:
        return None
    path = text(row.get(4), limit=512)
    name = text(row.get(2), limit=128) or posixpath.basename(path.replace("\\", "/"))[:128]
    if not name:
        return None
    kind = integer(row.get(6))
    return SoftwareItem(name=name, path=path, type=_TYPES.get(kind, "") if kind else "",
                        collector=COLLECTOR)


def parse(walk: Walk) -> tuple[list[SoftwareItem], str | None]:
    """Distinct running programs and a provenance note; ``([], None)`` when not read."""
    indexes = _indexes(walk)
    if not indexes:
        return [], None
    if too_large(walk):
        return [], (f"hrSWRunTable not read: more than {MAX_PROCESSES} running processes "
                    f"(only read when small)")
    table_rows = table(walk, HR_SW_RUN_ENTRY)
    found: dict[tuple[str, str, str], SoftwareItem] = {}
    for index in rows(walk):
        item = _item(table_rows.get(index, {}))
        if item is not None:
            found.setdefault((item.name, item.path, item.type), item)
    items = sorted(found.values(), key=lambda i: (i.name.lower(), i.path, i.type))
    return items, (f"{len(items)} distinct running programs from hrSWRunTable "
                   f"({len(indexes)} rows)")
