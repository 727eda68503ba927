"""Worksheet columns, shared by the XLSX and Markdown worksheets so they cannot drift.

Each column says what it holds (the note becomes a header comment in Excel and a
legend line in Markdown) and whether drscout fills it or a person must.
"""

from __future__ import annotations

from dataclasses import dataclass

PERSON_NOTE = "Filled by a person: drscout cannot discover this."


@dataclass(frozen=True)
class Column:
    header: str
    width: int
    note: str
    person_filled: bool = False


def _person(header: str, width: int, note: str) -> Column:
    return Column(header, width, f"{PERSON_NOTE} {note}", person_filled=True)


ASSET_COLUMNS: tuple[Column, ...] = (
    Column("Asset ID", 22, "Stable id (from MAC, serial, chassis id or hostname) to diff scans."),
    Column("Name", 24, "Best name seen (hostname, sysName, DNS)."),
    Column("Type", 12, "Device type; see Source for how it was inferred."),
    Column("Roles", 22, "Roles the device plays in the office (gateway, dns, file, ...)."),
    Column("Vendor", 16, "Manufacturer, from SNMP, MAC OUI or OS detection."),
    Column("Model", 18, "Hardware model where reported."),
    Column("Serial", 16, "Serial number where reported."),
    Column("OS/firmware and version", 28, "Operating system or firmware and its version."),
    Column("IPs", 18, "IP addresses seen."),
    Column("MACs", 20, "MAC addresses seen."),
    Column("Network attachment", 24, "Switch and port it is cabled to (switch-name:port)."),
    Column("Location", 16, "Location reported by the device (sysLocation)."),
    Column("Runs on", 18, "Hypervisor or host this machine runs on."),
    Column("Services", 36, "Open ports with service, product and version."),
    Column("First seen", 20, "First time a scan saw it (UTC)."),
    Column("Last seen", 20, "Last time a scan saw it (UTC)."),
    Column("Source", 40, "Collectors that saw it, and how inferred values were inferred."),
    Column("Scan status", 22, "'new' on its first scan; 'not seen since DATE' when the latest "
           "scan no longer found it (the row and what people wrote are kept)."),
    _person("Business function", 28, "What the office uses it for."),
    _person("Owner", 18, "Who is responsible for it."),
    _person("Vendor support contact", 24, "Support phone, e-mail or contract number."),
    _person("Warranty expiry", 14, "Date the warranty or support contract ends."),
    _person("Backup method", 20, "How it is backed up (tool, target), or 'none'."),
    _person("Backup frequency", 16, "How often a backup runs (hourly, daily, weekly, 12h...)."),
    _person("Backup offsite (yes/no)", 14, "Is a copy kept away from the office?"),
)

PRIORITY_COLUMNS: tuple[Column, ...] = (
    Column("Asset ID", 22, "Stable id: rows are matched on it when the worksheet is read back."),
    Column("Asset/service", 26, "The asset or service to recover."),
    Column("Suggested tier", 10, "drscout's suggestion: 1 = recover first, 4 = can wait."),
    Column("Tier reason", 40, "Why drscout suggests this tier."),
    Column("Depends on (names)", 30, "What it needs running before it can work."),
    Column("SPOFs on its path", 30, "Single points of failure between the users and it."),
    Column("Processes stopped", 10, "Business processes that stop when it fails (the same "
           "number everywhere: SPOF list, summary, gap report)."),
    Column("Workloads stopped", 10, "Servers, VMs, NAS and service appliances that stop when "
           "it fails (itself not counted)."),
    Column("Seats cut off", 14, "Workstations, phones and printers cut off when it fails, "
           "and their share of all seats."),
    Column("Suggested recovery order", 16, "Recovery wave and position within the wave."),
    Column("Plan checks", 40, "Where the plan written here no longer holds (RTO above MTD, an "
           "RPO no backup meets, a tier-1 asset with a SPOF or without an owner, a tier lower "
           "than what depends on it)."),
    Column("Suggested RTO", 10, "drscout's suggestion from the tier, for the person to confirm "
           "in RTO."),
    Column("Suggested RPO", 10, "drscout's suggestion from the tier, for the person to confirm "
           "in RPO."),
    _person("MTD", 10, "Maximum tolerable downtime, e.g. 8h, 2d, 30min (a bare number is "
            "hours)."),
    _person("RTO", 10, "Recovery time objective: how soon it must run again (8h, 2d...)."),
    _person("RPO", 10, "Recovery point objective: data loss you can accept (4h, 1d...)."),
    _person("Business process", 26, "Business process it supports."),
    _person("Approved tier", 10, "Tier 1-4 after review; overrides the suggestion."),
    _person("Manual workaround", 30, "How the office works while it is down."),
)

#: Dropdowns for person-filled columns: header -> allowed values.
VALIDATIONS: dict[str, tuple[str, ...]] = {
    "Approved tier": ("1", "2", "3", "4"),
    "Backup offsite (yes/no)": ("yes", "no"),
}

#: Header of the column every sheet is keyed on when read back.
KEY_HEADER = "Asset ID"


def headers(columns: tuple[Column, ...]) -> tuple[str, ...]:
    return tuple(c.header for c in columns)


#: the Backups sheet; rows are matched across worksheets on the Backup ID
BACKUP_KEY = "Backup ID"
BACKUP_COLUMNS: tuple[Column, ...] = (
    Column(BACKUP_KEY, 26, "Stable id (asset id and job name) that carries a person's "
                           "entries to the next worksheet."),
    Column("Host", 22, "The host that runs the backup job."),
    Column("Tool", 14, "restic, borg, Windows Server Backup, Veeam, ..."),
    Column("Kind", 14, "How it is scheduled or run: timer, cron, Windows Server Backup, "
                       "Veeam."),
    Column("Job", 30, "The timer unit, cron entry or job name."),
    Column("Schedule", 18, "When it runs, as written (OnCalendar=, cron fields)."),
    Column("Last run", 18, "When it last started, where known."),
    Column("Last success", 18, "When it last succeeded, where the tool reports it."),
    Column("Age of last success", 18, "How long before the scan it last succeeded (or last "
           "ran, when success is not reported: said so)."),
    Column("Collector", 10, "Which inside read found it (ssh, winrm)."),
    Column("Evidence", 40, "What the row rests on; when no job was found, what was checked."),
    _person("Destination", 20, "Where the backup is written (NAS, disk, cloud)."),
    _person("Retention", 14, "How long copies are kept (30 days, 12 months...)."),
    _person("Offsite copy", 12, "Is a copy kept away from the office (yes/no, where)?"),
    _person("Last restore test", 14, "Date a restore from it was last tested."),
)


#: the Cover sheet: one row per item, keyed on the Item; shaded rows are a person's
COVER_KEY = "Item"
COVER_COLUMNS: tuple[Column, ...] = (
    Column(COVER_KEY, 22, "What this row says."),
    Column("Value", 56, "The answer. Shaded rows are for a person to fill or correct; the "
                        "others are rewritten by drscout on every run."),
    Column("Comes from", 18, "Where drscout took the value: the scan, the site file "
                             "(site.toml) or a person."),
)

#: the Business processes sheet, keyed on the process name
PROCESS_KEY = "Process"
PROCESS_COLUMNS: tuple[Column, ...] = (
    Column(PROCESS_KEY, 20, "A business process: what the people in the office do."),
    Column("Criticality", 11, "1 = the business stops without it, 4 = it can wait."),
    Column("Declared or assumed", 24, "Declared in the site file, or assumed by drscout (and "
                                      "why). Declare your own under [[process]] in site.toml."),
    Column("What it needs", 23, "Assets, roles and services it runs on."),
    Column("SPOFs on its path", 22, "Single points of failure whose loss alone stops it."),
    Column("Status", 10, "Empty while the scan finds the process; otherwise why the row is "
                         "kept (what people wrote stays)."),
    _person("Owner", 14, "Who in the business answers for it."),
    _person("MTD", 8, "Maximum tolerable downtime, e.g. 8h, 2d (a bare number is hours)."),
    _person("RTO", 8, "Recovery time objective: how soon it must run again."),
    _person("RPO", 8, "Recovery point objective: data loss you can accept."),
    _person("Manual workaround", 24, "How the office works while it is down."),
)

#: the Contacts and call tree sheet, keyed on the role
CONTACT_KEY = "Role"
CONTACT_COLUMNS: tuple[Column, ...] = (
    Column(CONTACT_KEY, 28, "Who to call. Add rows of your own: they are kept."),
    Column("Why", 36, "What they are called for (from the scan where it can tell)."),
    _person("Name", 20, "The person or company."),
    _person("Phone", 16, "Phone number, the out-of-hours one where there is one."),
    _person("E-mail", 22, "E-mail address or support portal."),
    _person("Calls next", 18, "Call tree: whom this person calls once reached."),
    _person("Account or contract", 18, "Customer, account or contract number to quote."),
)

#: the Vendors and ISP sheet, keyed on the vendor
VENDOR_KEY = "Vendor"
VENDOR_COLUMNS: tuple[Column, ...] = (
    Column(VENDOR_KEY, 22, "Manufacturer of equipment found, or the internet provider."),
    Column("Devices", 8, "How many devices of this vendor the scan found."),
    Column("Models", 30, "Models and how many of each, where reported."),
    Column("Equipment", 36, "The devices, by name (the internet gateway and its addresses "
                            "for the provider's row)."),
    Column("Status", 16, "Empty while the scan finds the vendor; otherwise why the row is kept."),
    _person("Support contract", 20, "Contract, level and end date (or 'none')."),
    _person("Support phone or portal", 22, "Where to open a ticket."),
    _person("Account number", 16, "Customer or account number to quote."),
)

#: the Recovery procedures sheet: one row per tier-1 and tier-2 asset
PROCEDURE_COLUMNS: tuple[Column, ...] = (
    Column(KEY_HEADER, 18, "Stable id: rows are matched on it when the worksheet is read back."),
    Column("Asset", 16, "What to recover."),
    Column("Tier", 5, "1 = recover first (the approved tier where a person or the site file "
                      "set one)."),
    Column("Recovery order", 9, "Recovery wave and position within the wave."),
    Column("Restore first", 17, "What must run before it."),
    Column("What it does", 19, "Its roles and why it has this tier."),
    Column("Backups found", 17, "Backup jobs the scan read on it."),
    Column("Status", 8, "Empty while it is tier 1 or 2; otherwise why the row is kept."),
    _person("Runbook link", 16, "Where the step-by-step recovery document lives (URL or "
                                "path)."),
    _person("Steps and notes", 24, "The recovery steps, or what to check after a restore."),
    _person("Responsible", 12, "Who carries out the recovery."),
    _person("Last tested", 9, "Date the procedure was last rehearsed."),
)

#: the DR plan's keyed sheets beyond Assets, Priorities and Backups:
#: title -> (columns, the header rows are matched on when read back)
PLAN_SHEETS: dict[str, tuple[tuple[Column, ...], str]] = {
    "Cover": (COVER_COLUMNS, COVER_KEY),
    "Business processes": (PROCESS_COLUMNS, PROCESS_KEY),
    "Contacts and call tree": (CONTACT_COLUMNS, CONTACT_KEY),
    "Vendors and ISP": (VENDOR_COLUMNS, VENDOR_KEY),
    "Recovery procedures": (PROCEDURE_COLUMNS, KEY_HEADER),
}


#: the Cloud and SaaS sheet (reports/cloud_rows.py), keyed on the Service ID
CLOUD_KEY = "Service ID"
CLOUD_COLUMNS: tuple[Column, ...] = (
    Column(CLOUD_KEY, 24, "Stable id (domain, service, provider) that carries a person's "
                          "entries to the next workbook. Add rows of your own for services "
                          "no DNS record shows (accounting, CRM, file sharing): they are kept."),
    Column("Domain", 14, "The mail domain the office's DNS server was asked about."),
    Column("Service", 18, "What the office uses it for: mailboxes, a mail filter, user "
                          "accounts and sign-in, calls, or mail another service sends."),
    Column("Provider", 18, "Microsoft 365, Google Workspace, a mail server in the office, "
                           "another provider, or the name the DNS gave when unknown."),
    Column("Runs where", 20, "In the cloud, at a hosting provider, or in the office (the "
                             "asset at the address, and whether SMTP is open on it)."),
    Column("What depends on it", 26, "What stops when it stops."),
    Column("Confidence", 9, "high, medium or low: how strongly the records point at it."),
    Column("Evidence", 36, "The DNS records it rests on, and which server was asked."),
    Column("Status", 12, "Empty while the office's DNS still points at it; otherwise why the "
                         "row is kept."),
    _person("Admin account owner", 16, "Who holds the administrator account (and a second "
                                       "one for emergencies)."),
    _person("MFA on admin accounts", 10, "Is multi-factor sign-in on for every administrator "
                                         "(yes/no)?"),
    _person("Backup of its data", 20, "How mailboxes and files are backed up outside the "
                                      "provider (e.g. a Microsoft 365 backup service), or "
                                      "'none'."),
    _person("Vendor support", 18, "Who to call, the contract or partner, the account number."),
)
