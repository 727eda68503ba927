"""The DR plan workbook's first sheet: who it is for, what was scanned, how to use it.

One row per item, keyed on the Item.  Rows drscout knows (from the scan or the site
file) are rewritten on every run; the others are shaded for a person, may carry a
default, and keep what the person wrote (see :mod:`reports.worksheet.xlsx`)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

from analysis.model import Assessment
from reports.rows import when

TITLE = "Disaster recovery plan"
SCAN = "the scan"
PERSON = "a person"


@dataclass(frozen=True)
class CoverRow:
    item: str
    value: str
    source: str
    #: shaded: a person fills or corrects it, and it is carried to the next workbook
    person: bool = False


def drscout_version() -> str:
    try:
        return version("drscout")
    except PackageNotFoundError:
        return "unknown"


def _declared(item: str, value: str, key: str) -> CoverRow:
    if value:
        return CoverRow(item, value, f"the site file ([site] {key})")
    return CoverRow(item, "", f"{PERSON} (or [site] {key} in the site file)", person=True)


def _site_text(assessment: Assessment) -> str:
    return ", ".join(p for p in (assessment.site_name, assessment.site_location) if p)


def scope_text(assessment: Assessment) -> str:
    scan = assessment.inventory.scan
    span = f"{when(scan.started)} to {when(scan.finished)}" if scan.started else "not recorded"
    lines = [f"Networks scanned: {', '.join(scan.targets) or 'none recorded'}",
             f"Left out: {', '.join(scan.excluded) or 'nothing'}",
             f"When: {span} (UTC)",
             f"Found: {len(assessment.inventory.assets)} devices; "
             f"{len(assessment.inventory.gaps)} targets could not be fully read "
             "(see the Coverage sheet)"]
    if scan.interrupted:
        lines.append("The scan was interrupted: results are incomplete.")
    return "\n".join(lines)


HOW_TO_USE = (
    "1. Read Business processes first: what the office does, and what stops it.\n"
    "2. Fill the shaded cells, on every sheet: they hold what only the business knows "
    "(owners, acceptable downtime and data loss, phone numbers, contracts). Leave the other "
    "cells as they are: drscout rewrites them.\n"
    "3. Give this file back to whoever runs drscout: the next scan keeps everything you "
    "wrote and says in Plan checks where the plan no longer matches the network.\n"
    "4. Print it for the planning meeting; keep a printed copy away from the office.")
SOURCES = (
    "The scan: devices, addresses, services, links, backups read inside hosts (Assets, "
    "Dependencies, SPOFs, Findings, Recovery order, Backups, Coverage).\n"
    "The site file (site.toml, written by the consultant with the client): the client and "
    "site names, who prepared the plan, business processes and what they need, UPS feeds, "
    "declared backups and redundancy, tiers and owners set for assets. It overrides what "
    "drscout guesses.\n"
    "A person (shaded cells): everything no scan can know. What is typed here is kept from "
    "one workbook to the next.")
SHEETS: tuple[tuple[str, str], ...] = (
    ("Business processes", "What the office does, how critical it is, what it needs, what "
                           "can stop it; owner, MTD/RTO/RPO and workaround to fill."),
    ("Contacts and call tree", "Who to call, in which order."),
    ("Vendors and ISP", "Manufacturers of the equipment found, the internet line; support "
                        "contracts to fill."),
    ("Cloud and SaaS", "Mail and online services the office relies on, from its DNS "
                       "records."),
    ("Recovery procedures", "One row per tier-1 and tier-2 system, in recovery order, with "
                            "a link to its runbook."),
    ("Assets", "Every device found."),
    ("Priorities", "Suggested tiers and recovery objectives per device."),
    ("Backups", "Backup jobs found inside hosts; destination, retention and restore tests "
                "to fill."),
    ("Dependencies", "What needs what."),
    ("Findings", "Risks found, with what to do about them, effort and cost."),
    ("SPOFs", "Single points of failure and what stops with each."),
    ("Recovery order", "The order to restore in."),
    ("Coverage", "What was and was not scanned."),
    ("Plan checks", "Where the plan written here does not hold."),
)


def cover_rows(assessment: Assessment, sheets: tuple[str, ...]) -> list[CoverRow]:
    """``sheets``: the workbook's sheet titles, so the list never names a missing one."""
    scan = assessment.inventory.scan
    scanned = scan.finished or scan.started
    rows = [
        CoverRow("Title", TITLE, "drscout"),
        _declared("Client", assessment.site_client, "client"),
        _declared("Site", _site_text(assessment), "name and location"),
        _declared("Prepared by", assessment.site_prepared_by, "prepared_by"),
        # the scan's date, rewritten each time (a person's default would stay forever)
        CoverRow("Date", scanned.date().isoformat() if scanned else "not recorded",
                 "the scan it was written from"),
        CoverRow("Version", "1 (draft)", PERSON, person=True),
        CoverRow("Approved by", "", PERSON, person=True),
        CoverRow("Next review", "", PERSON, person=True),
        CoverRow("Scan scope", scope_text(assessment), SCAN),
        CoverRow("Written by", f"drscout {drscout_version()}", "drscout"),
        CoverRow("How to use this workbook", HOW_TO_USE, "drscout"),
        CoverRow("Where the values come from", SOURCES, "drscout"),
    ]
    about = dict(SHEETS)
    rows += [CoverRow(f"Sheet: {title}", about[title], "drscout")
             for title in sheets if title in about]
    return rows

