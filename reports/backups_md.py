"""The gap report's "Backups found" section in Markdown (the HTML page has the same
rows, from :mod:`reports.backups`)."""

from __future__ import annotations

from analysis.model import Assessment
from reports.backups import checked_lines, job_rows
from reports.sanitize import md_text


def backup_lines(assessment: Assessment) -> list[str]:
    jobs = job_rows(assessment)
    lines = ["## Backups found", ""]
    if jobs:
        lines += ["Backup jobs read on the hosts themselves. Age: how long before the scan "
                  "the job last succeeded (or last ran, where the tool does not report "
                  "success).", "",
                  "| Host | Tool | Kind | Job | Schedule | Last success | Age |",
                  "|---|---|---|---|---|---|---|"]
        lines += ["| " + " | ".join(md_text(v) for v in (
            j.host, j.tool, j.kind, j.name, j.schedule, j.last_success, j.age)) + " |"
            for j in jobs]
    else:
        lines.append("No backup job was found on any host.")
    return [*lines, "", *[f"- {md_text(line)}" for line in checked_lines(assessment)], ""]
