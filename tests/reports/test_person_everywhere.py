"""One source of truth (issue 11): what a person types in the worksheet reaches the analysis
and every output, through the real CLI, without a new scan.

A recorded lab scan's worksheet is filled with openpyxl as a person would (tests.reports.person
plus "Veeam to NAS" on the file server), then ``drscout report`` and ``drscout export`` re-run
the analysis from the saved inventory with ``--site`` and ``--worksheet``.
"""

from __future__ import annotations

import csv
import json
from io import BytesIO, StringIO
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result
from openpyxl.worksheet.worksheet import Worksheet

from analysis import assess
from analysis.recovery import RTO_RPO
from analysis.site.load import parse_site
from drscout.cli.main import cli
from reports.worksheet.xlsx import render_worksheet_xlsx
from scanner.files import load_inventory
from tests.reports import person
from tests.reports.person import DB, SW, WEB

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "reports"
INVENTORY = FIXTURES / "lab-before.json"
FILES = "mac-027700000014"
SITE = """
[site]
name = "Lab office"

[[process]]
name = "Invoicing"
criticality = 1
needs = ["db.office.lan"]
rpo_hours = 0.5

[assets."sw.office.lan"]
owner = "Dave"
tier = 1

[assets."db.office.lan"]
owner = "Erin"
"""
RECORDED = "Veeam to NAS"
ADDED_BACKUP: dict[str, object] = {"Backup ID": "nas-veeam", "Host": "files.office.lan",
                                   "Tool": "Veeam", "Destination": "NAS in the cupboard",
                                   "Retention": "30 days", "Offsite copy": "no",
                                   "Last restore test": "2026-11-02"}
PROCESS_ENTRIES: dict[str, object] = {"Criticality": 3, "Owner": "Fran (accounts)", "MTD": "2d",
                                      "RTO": "8h", "RPO": "1d",
                                      "Manual workaround": "invoices by hand"}
PERSON_SAYS = "Backup recorded by a person, not verified by a scan"


def _fill_more(xlsx: bytes) -> bytes:
    """The person also writes the brief's example on the file server's row."""
    book = openpyxl.load_workbook(BytesIO(xlsx))
    sheet = book["Assets"]
    headers = {c.value: c.column for c in sheet[1]}
    for r in range(2, sheet.max_row + 1):
        if sheet.cell(r, headers["Asset ID"]).value == FILES:
            sheet.cell(r, headers["Backup method"]).value = RECORDED
            sheet.cell(r, headers["Backup frequency"]).value = "daily"
            break
    else:
        raise AssertionError(f"{FILES} not on the Assets sheet")
    _fill_process(book["Business processes"])
    _add_backup(book["Backups"])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _fill_process(sheet: Worksheet) -> None:
    """The owner of Invoicing writes their objectives, and changes its criticality."""
    headers = {c.value: c.column for c in sheet[1]}
    for r in range(2, sheet.max_row + 1):
        if sheet.cell(r, headers["Process"]).value == "Invoicing":
            for header, typed in PROCESS_ENTRIES.items():
                sheet.cell(r, headers[header]).value = typed
            return
    raise AssertionError("Invoicing not on the Business processes sheet")


def _add_backup(sheet: Worksheet) -> None:
    """A backup no scan can read (a NAS job), added as a row of the person's own."""
    headers = {c.value: c.column for c in sheet[1]}
    row = sheet.max_row + 1
    for header, typed in ADDED_BACKUP.items():
        sheet.cell(row, headers[header]).value = typed


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("person")
    first = render_worksheet_xlsx(assess(load_inventory(INVENTORY), site=parse_site(SITE)))
    worksheet = root / "filled.xlsx"
    worksheet.write_bytes(_fill_more(person.fill(first)))
    site = root / "site.toml"
    site.write_text(SITE, encoding="utf-8")
    return {"root": root, "worksheet": worksheet, "site": site}


def _run(args: list[str]) -> Result:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def report(files: dict[str, Path]) -> Path:
    out = files["root"] / "report"
    result = _run(["report", str(INVENTORY), "--site", str(files["site"]), "--worksheet",
                   str(files["worksheet"]), "-o", str(out), "--quiet"])
    said = [line for line in result.stderr.splitlines() if "gap-report.pdf" not in line]
    assert said == [], "--quiet: no progress, no closing line (a PDF note may remain)"
    return out


@pytest.fixture(scope="module")
def export(files: dict[str, Path]) -> Path:
    out = files["root"] / "export"
    _run(["export", str(INVENTORY), "--format", "json", "--format", "csv", "--format",
          "netbox", "--site", str(files["site"]), "--worksheet", str(files["worksheet"]),
          "-o", str(out), "-q"])
    return out


def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(StringIO(path.read_text(encoding="utf-8"))))


def test_without_the_worksheet_no_backup_is_high(files: dict[str, Path]) -> None:
    out = files["root"] / "plain"
    _run(["report", str(INVENTORY), "-o", str(out), "-q"])
    md = (out / "gap-report.md").read_text(encoding="utf-8")
    assert "[high] No backup system found" in md
    assert PERSON_SAYS not in md


def test_a_recorded_backup_changes_the_finding_and_says_it_is_a_persons(report: Path) -> None:
    data = json.loads((report / "assessment.json").read_bytes())
    drs008 = [f for f in data["findings"] if f["id"] == "DRS-008"]
    assert len(drs008) == 1
    finding = drs008[0]
    assert finding["severity"] == "medium" and finding["title"] == PERSON_SAYS
    assert set(finding["asset_ids"]) == {DB, FILES}
    assert any(f"'{RECORDED}, daily' written under Backup method in filled.xlsx by a person; "
               "no scan verified it" in line for line in finding["evidence"])
    for name in ("gap-report.md", "gap-report.html"):
        text = (report / name).read_text(encoding="utf-8")
        assert "No backup system found" not in text, name
        assert PERSON_SAYS in text, name


def test_entries_reach_the_worksheet_md_and_the_gap_reports(report: Path) -> None:
    md = (report / "worksheet.md").read_text(encoding="utf-8")
    for typed in ("Bob (IT)", "Connects everything", "pg\\_dump to NAS", RECORDED,
                  "paper order forms", "Invoicing", "8 hours"):
        assert typed in md, typed
    gap_md = (report / "gap-report.md").read_text(encoding="utf-8")
    section = gap_md[gap_md.index("## The plan as people wrote it"):]
    assert "| sw.office.lan | Bob (IT) | Connects everything | 3 / 1 | 1d | 4h" in section
    assert "pg\\_dump to NAS, daily" in section
    html = (report / "gap-report.html").read_text(encoding="utf-8")
    part = html[html.index('id="plan-people"'):]
    assert "<td>Bob (IT)</td>" in part and "<td>3 / 1</td>" in part
    assert "&#34;http://evil.example&#34;" in part or "&quot;http://evil.example" in part
    assert '"http://evil.example"' not in part, "the typed formula is escaped text"


def test_entries_reach_the_json_csv_and_netbox_exports(export: Path) -> None:
    people = json.loads((export / "assessment.json").read_bytes())["people"]
    assert people["source"] == "filled.xlsx"
    sw = next(e for e in people["assets"] if e["asset_id"] == SW)
    assert (sw["owner"], sw["approved_tier"], sw["mtd"], sw["rto"]) == ("Bob (IT)", 3, "1d", "4h")
    inventory = (export / "inventory.json").read_text(encoding="utf-8")
    assert "Bob (IT)" not in inventory, "a person's entry is never a scan fact"
    assets = {r["id"]: r for r in _csv(export / "csv" / "assets.csv")}
    assert assets[SW]["owner"] == "Bob (IT)"
    assert assets[FILES]["backup_method"] == RECORDED
    assert assets[WEB]["owner"].startswith("'="), "a typed formula is neutralised in CSV"
    prios = {r["asset_id"]: r for r in _csv(export / "csv" / "priorities.csv")}
    assert (prios[DB]["approved_tier"], prios[DB]["rto"], prios[DB]["rpo"]) == ("1", "8 hours",
                                                                              "1h")
    assert prios[DB]["business_process"] == "Invoicing"
    devices = {r["description"]: r for r in _csv(export / "netbox" / "04-devices.csv")}
    sw_device = devices[f"drscout asset {SW}"]
    assert sw_device["cf_dr_owner"] == "Bob (IT)" and sw_device["cf_dr_approved_tier"] == "3"
    assert devices[f"drscout asset {FILES}"]["cf_dr_backup"] == f"{RECORDED}, daily"
    assert devices[f"drscout asset {WEB}"]["cf_dr_owner"].startswith("'="), "neutralised"


def _plan_checks(report: Path) -> set[tuple[str, str, str]]:
    book = openpyxl.load_workbook(report / "worksheet.xlsx")
    return {(str(r[0].value), str(r[1].value), str(r[2].value))
            for r in book["Plan checks"].iter_rows(min_row=2)}


def test_site_file_and_worksheet_disagreeing_is_a_plan_check(report: Path) -> None:
    conflicts = {(who, text) for who, check, text in _plan_checks(report)
                 if check == "site-vs-worksheet"}
    assert ("sw.office.lan", "the site file sets tier 1, the worksheet's Approved tier says 3: "
            "recovery is ordered by the site file's; correct one of them.") in conflicts
    assert ("sw.office.lan", "the site file names owner 'Dave', the worksheet's Owner says "
            "'Bob (IT)'.") in conflicts
    assert ("db.office.lan", "the site file says Invoicing may lose at most 30min of data "
            "(rpo_hours), the worksheet's RPO for an asset of Invoicing says RPO 1h: backups "
            "are checked against the site file's (DRS-012).") in conflicts


def test_no_conflict_without_a_site_file(files: dict[str, Path]) -> None:
    out = files["root"] / "nosite"
    _run(["report", str(INVENTORY), "--worksheet", str(files["worksheet"]), "-o", str(out),
          "-q"])
    assert not [c for c in _plan_checks(out) if c[1] == "site-vs-worksheet"]


@pytest.mark.parametrize("command", [["report"], ["export", "--format", "csv"],
                                     ["analyze"]])
@pytest.mark.parametrize("content", [None, b"not a workbook", b"PK\x03\x04broken"])
def test_bad_worksheet_is_one_line_and_exit_2(tmp_path: Path, command: list[str],
                                              content: bytes | None) -> None:
    bad = tmp_path / "filled.xlsx"
    if content is not None:
        bad.write_bytes(content)
    result = CliRunner().invoke(cli, [command[0], str(INVENTORY), *command[1:],
                                      "--worksheet", str(bad), "-o" if command[0] != "analyze"
                                      else "--json", *([str(tmp_path / "out")]
                                                       if command[0] != "analyze" else [])])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("drscout: error:"), result.stderr
    assert "filled.xlsx" in lines[0]
    assert not (tmp_path / "out").exists(), "nothing is written before the inputs are read"


def test_an_approved_tier_drives_the_analysis_unless_the_site_file_sets_one(
        files: dict[str, Path], report: Path) -> None:
    """sw: suggested tier 1, the person approved 3. Alone, the worksheet's tier sets the
    suggested RTO/RPO; with the site file's tier 1, the site file's declaration wins."""
    out = files["root"] / "tiers"
    _run(["export", str(INVENTORY), "--format", "csv", "--worksheet",
          str(files["worksheet"]), "-o", str(out), "-q"])
    alone = {r["asset_id"]: r for r in _csv(out / "csv" / "priorities.csv")}[SW]
    assert (alone["suggested_tier"], alone["approved_tier"]) == ("1", "3")
    assert (alone["suggested_rto"], alone["suggested_rpo"]) == RTO_RPO[3]
    data = json.loads((report / "assessment.json").read_bytes())
    with_site = next(p for p in data["priorities"] if p["asset_id"] == SW)
    assert with_site["site_tier"] == 1
    assert (with_site["suggested_rto"], with_site["suggested_rpo"]) == RTO_RPO[1]


def test_drs012_says_a_person_recorded_a_backup_it_could_not_check(report: Path) -> None:
    data = json.loads((report / "assessment.json").read_bytes())
    drs012 = next(f for f in data["findings"] if f["id"] == "DRS-012")
    line = next(e for e in drs012["evidence"] if e.startswith("db.office.lan"))
    assert ("a person wrote 'pg_dump to NAS, daily' under Backup method in filled.xlsx, not "
            "verified by a scan; Invoicing needs it with an RPO of 0.5 h") in line


def test_an_owner_named_in_the_site_file_counts_for_tier_one(files: dict[str, Path],
                                                            report: Path) -> None:
    nosite = files["root"] / "nosite"
    if not nosite.exists():
        _run(["report", str(INVENTORY), "--worksheet", str(files["worksheet"]), "-o",
              str(nosite), "-q"])
    assert ("db.office.lan", "tier1-no-owner") in {c[:2] for c in _plan_checks(nosite)}
    assert ("db.office.lan", "tier1-no-owner") not in {c[:2] for c in _plan_checks(report)}


def test_business_process_entries_reach_the_gap_report_and_disagree_with_the_site(
        report: Path) -> None:
    gap_md = (report / "gap-report.md").read_text(encoding="utf-8")
    section = gap_md[gap_md.index("## The plan as people wrote it"):]
    assert ("| Invoicing | 1 | Fran (accounts) | 2d | 8h | 1d | invoices by hand |"
            in section), "the criticality shown is the analysis's, from the site file"
    html = (report / "gap-report.html").read_text(encoding="utf-8")
    assert "<td>Fran (accounts)</td>" in html[html.index('id="plan-people"'):]
    md = (report / "worksheet.md").read_text(encoding="utf-8")
    processes = md[md.index("## Business processes"):]
    row = next(line for line in processes.splitlines() if line.startswith("| Invoicing |"))
    assert "| Fran (accounts) | 2d | 8h | 1d | invoices by hand |" in row
    data = json.loads((report / "assessment.json").read_bytes())
    assert data["people"]["processes"][0]["owner"] == "Fran (accounts)"
    conflicts = {text for who, check, text in _plan_checks(report)
                 if who == "Invoicing" and check == "site-vs-worksheet"}
    assert conflicts == {
        "the site file gives Invoicing criticality 1, the worksheet says 3: the analysis uses "
        "the site file's; correct one of them.",
        "the site file says Invoicing may lose at most 30min of data (rpo_hours), the "
        "worksheet's Business processes sheet says RPO 1d: backups are checked against the "
        "site file's (DRS-012)."}


def test_a_backup_row_a_person_added_is_a_recorded_backup(report: Path) -> None:
    data = json.loads((report / "assessment.json").read_bytes())
    drs008 = next(f for f in data["findings"] if f["id"] == "DRS-008")
    assert ("Backups sheet row 'nas-veeam': 'Veeam on files.office.lan to NAS in the cupboard, "
            "kept 30 days, offsite: no, restore tested 2026-11-02' added by a person; no scan "
            "verified it") in drs008["evidence"]
    assert data["people"]["backups"][0]["destination"] == "NAS in the cupboard"
    gap_md = (report / "gap-report.md").read_text(encoding="utf-8")
    assert ("| nas-veeam | files.office.lan | Veeam | NAS in the cupboard |  | 30 days | no | "
            "2026-11-02 |") in gap_md
    book = openpyxl.load_workbook(report / "worksheet.xlsx")
    kept = [[c.value for c in r] for r in book["Backups"].iter_rows(min_row=2)]
    assert any(r[0] == "nas-veeam" and "NAS in the cupboard" in r for r in kept)


@pytest.mark.parametrize("command", [["report"], ["export", "--format", "json"]])
def test_bad_site_file_is_one_line_and_exit_2(tmp_path: Path, command: list[str]) -> None:
    site = tmp_path / "site.toml"
    site.write_text('[[process]]\nname = "Books"\nneeds = ["db"]\ncriticality = 9\n',
                    encoding="utf-8")
    result = CliRunner().invoke(cli, [command[0], str(INVENTORY), *command[1:], "--site",
                                      str(site), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "site.toml:4: process[1].criticality" in lines[0], lines
    assert not (tmp_path / "out").exists()
