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
