"""assets.csv: one row per asset for people who live in spreadsheets.

Every field is formula-neutralised: a CSV opened in Excel or LibreOffice
evaluates ``=...`` cells, and a device chooses its own sysDescr.
"""

from __future__ import annotations

from analysis.model import Assessment
from analysis.site.people import PersonEntry
from reports.audience import client_facing
from reports.rows import service_text, when
from reports.sanitize import cell_text
from scanner.inventory.model import Asset

#: what a person wrote in the worksheet's Assets sheet (empty without --worksheet)
PERSON_ASSET_COLUMNS: tuple[str, ...] = ("owner", "business_function", "backup_method",
                                         "backup_frequency", "backup_offsite")
CSV_COLUMNS: tuple[str, ...] = (
    "id", "name", "type", "roles", "vendor", "model", "serial", "os", "os_version", "ips",
    "macs", "hostnames", "services", "location", "first_seen", "last_seen", "sources",
    *PERSON_ASSET_COLUMNS,
)


def person_record(entry: PersonEntry | None, columns: tuple[str, ...]) -> dict[str, object]:
    """The person's entries under their PersonEntry field names ("" where none)."""
    return {c: (getattr(entry, c) or "") if entry else "" for c in columns}


def _record(asset: Asset, entry: PersonEntry | None = None) -> dict[str, str]:
    raw: dict[str, object] = {
        "id": asset.id, "name": asset.name, "type": asset.type,
        "roles": ";".join(asset.roles), "vendor": asset.vendor, "model": asset.model,
        "serial": asset.serial, "os": asset.os, "os_version": asset.os_version,
        "ips": ";".join(asset.ips), "macs": ";".join(asset.macs),
        "hostnames": ";".join(asset.hostnames),
        "services": ";".join(service_text(s) for s in asset.services),
        "location": asset.location, "first_seen": when(asset.first_seen),
        "last_seen": when(asset.last_seen), "sources": ";".join(asset.sources),
        **person_record(entry, PERSON_ASSET_COLUMNS),
    }
    return {key: cell_text(value) for key, value in raw.items()}


@client_facing
def render_assets_csv(assessment: Assessment) -> bytes:
    # imported here: pandas takes seconds to import, and `drscout analyze` (which loads
    # the reports package for its JSON) never writes this file
    import pandas as pd

    people = {e.asset_id: e for e in assessment.people.assets}
    records = [_record(a, people.get(a.id)) for a in assessment.inventory.assets]
    frame = pd.DataFrame(records, columns=list(CSV_COLUMNS), dtype=str)
    return frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8")
