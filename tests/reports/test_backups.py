"""Backup jobs in the worksheet (Backups sheet, xlsx and md) and the gap report
("Backups found", html and md), on the shared sample: rows, ages, what was checked
when none was found, person columns, and hostile job strings."""

from __future__ import annotations

from io import BytesIO

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from analysis.model import Assessment
from reports import render_gap_html, render_gap_md, render_worksheet_md, render_worksheet_xlsx
from reports.filled import read_filled
from reports.worksheet.xlsx import HEADER_FILL, INPUT_FILL
from scanner.inventory.model import BackupJob

PERSON = ["Destination", "Retention", "Offsite copy", "Last restore test"]


def _sheet(assessment: Assessment) -> Worksheet:
    return openpyxl.load_workbook(BytesIO(render_worksheet_xlsx(assessment)))["Backups"]


def _rows(sheet: Worksheet) -> list[dict[str, object]]:
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def _with_jobs(assessment: Assessment, jobs: list[BackupJob]) -> Assessment:
    """The sample with files01's jobs replaced (none: the no-job case)."""
    inv = assessment.inventory
    assets = [a.model_copy(update={"backups": jobs if a.name == "files01" else []})
              for a in inv.assets]
    return assessment.model_copy(update={"inventory": inv.model_copy(update={"assets": assets})})


def test_one_row_per_job_with_its_age_at_the_scan(benign: Assessment) -> None:
    rows = _rows(_sheet(benign))
    assert [(r["Host"], r["Tool"], r["Kind"]) for r in rows] == [
        ("files01", "borg", "cron"), ("files01", "rsnapshot", "cron"),
        ("files01", "restic", "timer")]
    borg, rsnapshot, restic = rows
    assert (rsnapshot["Last success"], rsnapshot["Age of last success"]) == (
        "2025-02-22 09:04 UTC", "216 h (9.0 days)")
    assert restic["Last run"] == "2025-03-02 02:04 UTC"
    assert restic["Age of last success"] == "31.0 h since the last run (success unknown)"
    assert (borg["Last success"], borg["Age of last success"]) == ("not reported",
                                                                   "never seen to run")
    assert restic["Collector"] == "ssh" and "list-timers" in str(restic["Evidence"])
    assert all(r[p] is None for r in rows for p in PERSON)


def test_person_columns_are_shaded_like_the_other_sheets(benign: Assessment) -> None:
    sheet = _sheet(benign)
    fills = {c.value: c.fill.start_color.rgb for c in sheet[1]}
    assert {fills[p] for p in PERSON} == {INPUT_FILL.start_color.rgb}
    assert fills["Host"] == HEADER_FILL.start_color.rgb
    column = [c.value for c in sheet[1]].index("Retention") + 1
    assert sheet.cell(row=2, column=column).fill.start_color.rgb == INPUT_FILL.start_color.rgb


def test_no_job_found_says_what_was_checked(benign: Assessment) -> None:
    bare = _with_jobs(benign, [])
    evidence = [r["Evidence"] for r in _rows(_sheet(bare))]
    assert evidence == [
        "read over SSH (systemd timers and cron tables): files01",
        "not read from the inside, so their backups could not be checked: dc01, nas01, pve1"]
    md = render_worksheet_md(bare).decode()
    assert "(no backup job found)" in md and "could not be checked: dc01, nas01, pve1" in md
    gap = render_gap_md(bare).decode()
    assert "No backup job was found on any host." in gap
    assert "No backup job was found on any host." in render_gap_html(bare).decode()


def test_gap_report_lists_jobs_and_their_age(benign: Assessment) -> None:
    md = render_gap_md(benign).decode()
    section = md[md.index("## Backups found"):md.index("## UPS")]
    assert ("| files01 | rsnapshot | cron | /etc/cron.d/rsnapshot:2 | 30 4 \\* \\* 0 | "
            "2025-02-22 09:04 UTC | 216 h (9.0 days) |") in section
    assert "216 h (9.0 days)" in section and "read over SSH" in section
    html = render_gap_html(benign).decode()
    backups = html[html.index('<section id="backups">'):]
    backups = backups[:backups.index("</section>")]
    assert "restic-files.timer" in backups and "216 h (9.0 days)" in backups
    assert "31.0 h since the last run (success unknown)" in backups


HOSTILE = BackupJob(tool="<script>alert(1)</script>", name='=HYPERLINK("http://x","y")',
                    kind="cron", schedule="a | b [x](javascript:alert(1))",
                    collector="ssh", evidence="@SUM(1)")


def test_hostile_job_strings_stay_text(benign: Assessment) -> None:
    bad = _with_jobs(benign, [HOSTILE])
    [row] = _rows(_sheet(bad))
    assert row["Job"] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert row["Evidence"] == "'@SUM(1)"
    sheet = _sheet(bad)
    assert all(c.data_type != "f" for r in sheet.iter_rows() for c in r)
    html = render_gap_html(bad).decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for md in (render_gap_md(bad).decode(), render_worksheet_md(bad).decode()):
        assert "<script>" not in md and "&lt;script&gt;" in md
        assert "a \\| b \\[x\\](javascript:alert(1))" in md


def test_person_entries_carry_to_the_next_worksheet(benign: Assessment) -> None:
    book = openpyxl.load_workbook(BytesIO(render_worksheet_xlsx(benign)))
    sheet = book["Backups"]
    headers = [c.value for c in sheet[1]]
    restic = next(r for r in range(2, sheet.max_row + 1)
                  if sheet.cell(row=r, column=headers.index("Tool") + 1).value == "restic")
    assert sheet.cell(row=restic, column=1).value == "mac-525400000012: restic-files.timer"
    sheet.cell(row=restic, column=headers.index("Destination") + 1).value = "nas01:/restic"
    sheet.cell(row=restic, column=headers.index("Last restore test") + 1).value = "2025-01-10"
    buffer = BytesIO()
    book.save(buffer)
    filled = read_filled(buffer.getvalue())
    again = _rows(openpyxl.load_workbook(BytesIO(render_worksheet_xlsx(benign, filled)))[
        "Backups"])
    kept = next(r for r in again if r["Tool"] == "restic")
    assert (kept["Destination"], kept["Last restore test"]) == ("nas01:/restic", "2025-01-10")
    gone = _rows(openpyxl.load_workbook(BytesIO(render_worksheet_xlsx(
        _with_jobs(benign, []), filled)))["Backups"])
    assert [r["Destination"] for r in gone if r["Tool"] == "restic"] == ["nas01:/restic"]
    assert gone[0]["Host"] == "(no backup job found)"


def _with_rpo(assessment: Assessment, rpo: str) -> bytes:
    """The worksheet with a person's RPO typed for files01 on the Priorities sheet."""
    book = openpyxl.load_workbook(BytesIO(render_worksheet_xlsx(assessment)))
    sheet = book["Priorities"]
    headers = [c.value for c in sheet[1]]
    row = next(r for r in range(2, sheet.max_row + 1)
               if sheet.cell(row=r, column=1).value == "mac-525400000012")
    sheet.cell(row=row, column=headers.index("RPO") + 1).value = rpo
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_plan_check_compares_the_persons_rpo_with_the_newest_job(benign: Assessment) -> None:
    def problems(rpo: str) -> list[object]:
        data = render_worksheet_xlsx(benign, read_filled(_with_rpo(benign, rpo)))
        return [r["Problem"] for r in _rows(openpyxl.load_workbook(BytesIO(data))[
            "Plan checks"]) if r["Check"] == "rpo-unmet"]

    assert problems("4h") == ["RPO 4h but its newest backup (restic job restic-files.timer, "
                              "last run (success unknown)) is 31.0 h old at the scan."]
    assert problems("2d") == []
