"""``drscout export`` formats: each a list of (file name, renderer) for the CLI to write."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources

from analysis.model import Assessment
from reports.csv_tables import CSV_TABLES
from reports.graphml import render_graphml
from reports.inventory_json import render_assessment_json, render_inventory_json
from reports.netbox import DEFAULT_SITE, netbox_files

Files = tuple[tuple[str, Callable[[Assessment], bytes]], ...]
FORMATS: tuple[str, ...] = ("json", "csv", "graphml", "netbox")


def inventory_schema(_: Assessment) -> bytes:
    """The published JSON Schema of the inventory, shipped inside the package."""
    return resources.files("scanner").joinpath("schema/inventory.schema.json").read_bytes()


def export_files(fmt: str, site: str = DEFAULT_SITE) -> Files:
    """The files of one export format; NetBox files go in a ``netbox/`` folder."""
    if fmt == "json":
        return (("inventory.json", render_inventory_json),
                ("assessment.json", render_assessment_json),
                ("inventory.schema.json", inventory_schema))
    if fmt == "csv":
        return tuple((f"csv/{name}", render) for name, render in CSV_TABLES)
    if fmt == "graphml":
        return (("graph.graphml", render_graphml),)
    if fmt == "netbox":
        return tuple((f"netbox/{name}", render) for name, render in netbox_files(site))
    raise ValueError(f"unknown export format {fmt!r}")
