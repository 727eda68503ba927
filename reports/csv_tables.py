"""One CSV file per table (assets, interfaces, links, services, findings, priorities, cloud),
for spreadsheets and other planning tools.

Rows are keyed by ``asset_id`` so the files join like database tables.  Every
field is formula-neutralised (a CSV opened in a spreadsheet evaluates ``=...``)
and stripped of control characters; lists are joined with ``;``.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from io import StringIO

from analysis.model import Assessment
from reports.audience import client_facing
from reports.cloud_rows import CSV_COLUMNS as CLOUD_COLUMNS
from reports.cloud_rows import cloud_records
from reports.csv_assets import person_record, render_assets_csv
from reports.rows import when
from reports.sanitize import cell_text

Record = dict[str, object]


def csv_bytes(columns: Sequence[str], records: Iterable[Record]) -> bytes:
    """RFC 4180 CSV (CRLF, quoted as needed), UTF-8, every value through cell_text."""
    buffer = StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([cell_text(record.get(c)) for c in columns])
    return buffer.getvalue().encode("utf-8")


def _interfaces(a: Assessment) -> list[Record]:
    return [{"asset_id": asset.id, "name": i.name, "index": i.index, "description": i.description,
             "alias": i.alias, "type": i.type, "mac": i.mac, "ips": ";".join(i.ips),
             "speed_bps": i.speed_bps, "mtu": i.mtu, "admin_status": i.admin_status,
             "oper_status": i.oper_status}
            for asset in a.inventory.assets for i in asset.interfaces]


def _links(a: Assessment) -> list[Record]:
    return [link.model_dump() for link in a.inventory.links]


def _services(a: Assessment) -> list[Record]:
    return [{"asset_id": asset.id, **s.model_dump()}
            for asset in a.inventory.assets for s in asset.services]


def _findings(a: Assessment) -> list[Record]:
    return [{**f.model_dump(), "asset_ids": ";".join(f.asset_ids),
             "evidence": "\n".join(f.evidence)} for f in a.findings]


def _priorities(a: Assessment) -> list[Record]:
    people = {e.asset_id: e for e in a.people.assets}
    return [{**p.model_dump(exclude={"impact"}), "depends_on": ";".join(p.depends_on),
             "spofs_on_path": ";".join(p.spofs_on_path),
             "processes_stopped": p.impact.processes, "workloads_stopped": p.impact.workloads,
             "seats_cut_off": p.impact.seats,
             **person_record(people.get(p.asset_id), PERSON_PRIORITY_COLUMNS)}
            for p in a.priorities]


#: what a person wrote in the worksheet's Priorities sheet (empty without --worksheet)
PERSON_PRIORITY_COLUMNS = ("approved_tier", "mtd", "rto", "rpo", "owner", "business_process",
                           "manual_workaround")
INTERFACE_COLUMNS = ("asset_id", "name", "index", "description", "alias", "type", "mac", "ips",
                     "speed_bps", "mtu", "admin_status", "oper_status")
LINK_COLUMNS = ("source", "target", "kind", "source_port", "target_port", "collector",
                "confidence", "evidence")
SERVICE_COLUMNS = ("asset_id", "port", "protocol", "name", "product", "version", "extrainfo",
                   "tunnel", "collector")
FINDING_COLUMNS = ("id", "rule", "severity", "title", "asset_ids", "evidence", "recommendation",
                   "reference", "effort", "cost", "effort_cost_reason")
PRIORITY_COLUMNS = ("asset_id", "name", "suggested_tier", "tier_reason", "depends_on",
                    "spofs_on_path", "processes_stopped", "workloads_stopped", "seats_cut_off",
                    "recovery_wave", "recovery_order", "suggested_rto", "suggested_rpo",
                    *PERSON_PRIORITY_COLUMNS)


def _table(columns: Sequence[str],
           rows: Callable[[Assessment], list[Record]]) -> Callable[[Assessment], bytes]:
    return client_facing(lambda a: csv_bytes(columns, rows(a)))


CSV_TABLES: tuple[tuple[str, Callable[[Assessment], bytes]], ...] = (
    ("assets.csv", render_assets_csv),
    ("interfaces.csv", _table(INTERFACE_COLUMNS, _interfaces)),
    ("links.csv", _table(LINK_COLUMNS, _links)),
    ("services.csv", _table(SERVICE_COLUMNS, _services)),
    ("findings.csv", _table(FINDING_COLUMNS, _findings)),
    ("priorities.csv", _table(PRIORITY_COLUMNS, _priorities)),
    ("cloud.csv", _table(CLOUD_COLUMNS, cloud_records)),
)

__all__ = ["CSV_TABLES", "csv_bytes", "when"]
