"""Bookkeeping of a GETBULK walk over several table columns at once.

Why several columns per request: a device's interface table is ten columns; one
GETBULK carrying all ten repeaters fetches ten values per row and round trip,
where a walk per column costs ten times the requests (each one a full round
trip to a slow management CPU, and a fixed ~1 ms of pysnmp CPU).  Why adaptive
max-repetitions: every row an agent returns past a column's end is encoded,
sent and BER-decoded for nothing, and most tables a scan asks for are absent or
short; so the first request asks for few rows (or, for a sibling column of a
table already walked, exactly its row count plus one) and later ones double.

Pure functions over pysnmp's (name, value) pairs; the engine does the I/O.
"""

from __future__ import annotations

from typing import Any

from pysnmp.proto import rfc1905

from scanner.collectors.snmp.transport.wire import EndOfMibView
from scanner.collectors.snmp.values import Value, plain

#: first GETBULK of an unknown table: total rows asked for, shared by its columns
FIRST_REPETITIONS = 10
#: cap on max-repetitions, and on varbinds per response (rows x columns)
MAX_REPETITIONS = 50
MAX_RESPONSE_VARBINDS = 200


class AgentLooped(Exception):
    """The agent returned an OID that does not increase (a broken agent's loop)."""


def entry_of(root: str) -> str:
    """The table entry a column belongs to (its OID minus the last arc)."""
    return root.rsplit(".", 1)[0]


def cap(columns: int) -> int:
    """Largest max-repetitions for a request carrying ``columns`` repeaters."""
    return max(1, min(MAX_REPETITIONS, MAX_RESPONSE_VARBINDS // max(1, columns)))


def first_repetitions(roots: list[str], rows: dict[str, int]) -> int:
    """Rows to ask for first: a known table's size plus one (so one request both
    reads and ends it), else a small share of :data:`FIRST_REPETITIONS`."""
    known = [rows[entry_of(r)] for r in roots if entry_of(r) in rows]
    if known:
        return min(cap(len(roots)), max(known) + 1)
    return max(1, min(cap(len(roots)), FIRST_REPETITIONS // len(roots)))


def advance(
    varbinds: Any, cursors: dict[str, Any], found: dict[str, Value], budget: int
) -> bool:
    """Take one GETBULK/GETNEXT response for the columns in ``cursors`` (request
    order; responses are row-major) into ``found``; move each column's cursor on,
    drop the columns that ended.  False when nothing moved (stop the walk)."""
    active = list(cursors)
    width = len(active)
    last: dict[str, Any] = {}
    ended: set[str] = set()
    for i, (name, value) in enumerate(varbinds or ()):
        root = active[i % width]
        if root in ended:
            continue
        oid = str(name)
        if isinstance(value, rfc1905.EndOfMibView | EndOfMibView) \
                or not oid.startswith(root + ".") or len(found) >= budget:
            ended.add(root)
            continue
        converted = value if isinstance(value, str | int | bytes) else plain(value)
        if converted is not None:
            found[oid] = converted
        last[root] = name
    for root in active:
        if root in ended:
            del cursors[root]
        elif root in last:
            if last[root] <= cursors[root]:
                raise AgentLooped(root)
            cursors[root] = last[root]
    return bool(last or ended)


def row_counts(roots: list[str], found: dict[str, Value]) -> dict[str, int]:
    """Rows seen per table entry (the longest of its columns), to size later walks."""
    counts: dict[str, int] = {}
    for root in roots:
        prefix = root + "."
        rows = sum(1 for oid in found if oid.startswith(prefix))
        entry = entry_of(root)
        counts[entry] = max(rows, counts.get(entry, 0))
    return counts
