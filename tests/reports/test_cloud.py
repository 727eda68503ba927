"""The Cloud and SaaS sheet (xlsx, worksheet.md) and cloud.csv on the shared sample, with
mail domains parsed from what a real dnsmasq answered (``fixtures/maildns/``): rows and
words, person columns shaded and carried on the Service ID, rows kept when the DNS no
longer shows them, the reasons when nothing was found, and hostile DNS text neutralised."""

from __future__ import annotations

import csv
import ipaddress
import json
from io import BytesIO, StringIO
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from analysis.model import Assessment
from reports import render_gap_html, render_gap_md, render_worksheet_md, render_worksheet_xlsx
from reports.cloud_sheet import KEPT
from reports.csv_tables import CSV_TABLES
from reports.filled import read_filled
from reports.worksheet.xlsx import GONE_FONT, INPUT_FILL
from scanner.collectors.maildns.parse import parse
from scanner.inventory.model import Gap, MailDomain

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "maildns"
SCOPE = [ipaddress.ip_network("10.78.0.0/24")]
PERSON = ["Admin account owner", "MFA on admin accounts", "Backup of its data",
          "Vendor support"]


def domain(name: str) -> MailDomain:
    snapshot = json.loads((FIXTURES / f"{name}.json").read_text())
    [found] = parse(snapshot, SCOPE, "resolver search list").mail_domains
    return found


def with_domains(assessment: Assessment, names: list[str],
                 gaps: list[Gap] | None = None) -> Assessment:
    inv = assessment.inventory
    update: dict[str, object] = {"mail_domains": [domain(n) for n in names]}
    if gaps is not None:
        update["gaps"] = [*inv.gaps, *gaps]
    return assessment.model_copy(update={"inventory": inv.model_copy(update=update)})


def sheet(assessment: Assessment, previous: bytes | None = None) -> Worksheet:
    data = render_worksheet_xlsx(assessment, read_filled(previous) if previous else None)
    return openpyxl.load_workbook(BytesIO(data))["Cloud and SaaS"]


def rows(ws: Worksheet) -> list[dict[str, object]]:
    values = list(ws.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


@pytest.fixture(scope="module")
def three(benign: Assessment) -> Assessment:
    return with_domains(benign, ["contoso", "fabrikam", "onprem"])


def test_one_row_per_service_with_provider_dependency_and_evidence(three: Assessment) -> None:
    got = {r["Service ID"]: r for r in rows(sheet(three))}
    m365 = got["contoso.test: mail: Microsoft 365"]
    assert (m365["Service"], m365["Provider"], m365["Runs where"], m365["Confidence"]) == (
        "E-mail (mailboxes)", "Microsoft 365", "cloud (Microsoft)", "high")
    assert str(m365["Evidence"]).startswith("MX 0 contoso-test.mail.protection.outlook.com\n")
    assert "asked 10.78.0.53 about contoso.test (resolver search list)" in str(m365["Evidence"])
    assert "@contoso.test" in str(m365["What depends on it"])
    identity = got["contoso.test: identity: Microsoft 365 accounts (Entra ID)"]
    assert "Every sign-in to Microsoft 365" in str(identity["What depends on it"])
    assert got["fabrikam.test: mail: Google Workspace"]["Runs where"] == "cloud (Google)"
    onprem = got["onprem.test: mail: on-premises mail server"]
    assert onprem["Runs where"] == "in the office: 10.78.0.25 (no asset seen there)"
    assert got["onprem.test: outbound-mail: SendGrid"]["Confidence"] == "medium"
    assert all(r["Status"] is None for r in got.values())


def test_person_columns_are_shaded_and_empty(three: Assessment) -> None:
    ws = sheet(three)
    headers = [c.value for c in ws[1]]
    for name in PERSON:
        column = headers.index(name) + 1
        assert ws.cell(row=1, column=column).fill.start_color.rgb == INPUT_FILL.start_color.rgb
        assert ws.cell(row=2, column=column).fill.start_color.rgb == INPUT_FILL.start_color.rgb
        assert ws.cell(row=2, column=column).value is None


def test_a_persons_entries_and_rows_carry_to_the_next_workbook(three: Assessment,
                                                                benign: Assessment) -> None:
    first = render_worksheet_xlsx(three)
    book = openpyxl.load_workbook(BytesIO(first))
    ws = book["Cloud and SaaS"]
    headers = [c.value for c in ws[1]]
    ws.cell(row=2, column=headers.index("Admin account owner") + 1, value="Jane (IT partner)")
    ws.cell(row=2, column=headers.index("MFA on admin accounts") + 1, value="yes")
    ws.cell(row=2, column=headers.index("Backup of its data") + 1, value="Veeam for M365")
    extra = ws.max_row + 1
    ws.cell(row=extra, column=1, value="Accounting: QuickBooks Online")
    ws.cell(row=extra, column=headers.index("Admin account owner") + 1, value="Bob")
    buffer = BytesIO()
    book.save(buffer)
    # next scan: the DNS shows only Google and on-premises mail; Microsoft 365 is gone
    later = with_domains(benign, ["fabrikam", "onprem"])
    again = sheet(later, buffer.getvalue())
    got = {r["Service ID"]: r for r in rows(again)}
    m365 = got["contoso.test: mail: Microsoft 365"]
    assert (m365["Admin account owner"], m365["MFA on admin accounts"],
            m365["Backup of its data"]) == ("Jane (IT partner)", "yes", "Veeam for M365")
    assert m365["Status"] == KEPT and m365["Provider"] == "Microsoft 365"
    assert got["Accounting: QuickBooks Online"]["Admin account owner"] == "Bob"
    assert "fabrikam.test: mail: Google Workspace" in got
    kept_row = [r[0].value for r in again.iter_rows(min_row=2)].index(
        "contoso.test: mail: Microsoft 365") + 2
    assert again.cell(row=kept_row, column=2).font.color.rgb == GONE_FONT.color.rgb


def test_nothing_found_says_why(benign: Assessment) -> None:
    gap = Gap(target="mail domain", collector="maildns", reason="not-attempted",
              detail="no DNS server of the office inside the scan scope; name it with "
                     "--dns-server")
    got = rows(sheet(with_domains(benign, [], [gap])))
    assert [(r["Service ID"], r["Service"]) for r in got] == [
        (None, "(no cloud or mail service found)")]
    assert "mail domain: no DNS server of the office" in str(got[0]["Evidence"])
    inv = benign.inventory
    for collectors, says in ((["nmap"], "did not run"), (["nmap", "maildns"],
                                                          "named no mail or cloud service")):
        scan = inv.scan.model_copy(update={"collectors": collectors})
        quiet = benign.model_copy(update={"inventory": inv.model_copy(update={
            "scan": scan, "mail_domains": [],
            "gaps": [g for g in inv.gaps if g.collector != "maildns"]})})
        [row] = rows(sheet(quiet))
        assert says in str(row["Evidence"])


def test_worksheet_md_has_the_same_rows(three: Assessment) -> None:
    text = render_worksheet_md(three).decode()
    section = text[text.index("## Cloud and SaaS"):]
    assert "| contoso.test: mail: Microsoft 365 | contoso.test | E-mail (mailboxes) |" in section
    assert "Admin account owner ✎" in section


def test_cloud_csv(three: Assessment) -> None:
    data = dict(CSV_TABLES)["cloud.csv"](three).decode()
    got = list(csv.DictReader(StringIO(data)))
    assert {(r["domain"], r["use"], r["kind"]) for r in got} >= {
        ("contoso.test", "mail", "microsoft-365"), ("fabrikam.test", "mail", "google-workspace"),
        ("onprem.test", "mail", "on-premises")}
    [onprem] = [r for r in got if r["kind"] == "on-premises"]
    assert (onprem["hosts"], onprem["addresses"], onprem["dns_server"]) == (
        "mail.onprem.test", "10.78.0.25", "10.78.0.53")


def test_hostile_dns_text_is_neutralised_everywhere(benign: Assessment) -> None:
    bad = with_domains(benign, ["hostile"])
    ws = sheet(bad)
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if c.value is not None]
    assert cells and all(c.data_type == "s" for c in cells if isinstance(c.value, str))
    assert not [c.value for c in cells if str(c.value).startswith(("=", "+", "-", "@"))]
    assert "'=1+2.evil.test" in [c.value for c in cells]
    text = render_worksheet_md(bad).decode()
    section = text[text.index("## Cloud and SaaS"):]
    assert "<script>" not in section and "<img" not in section
    assert "&lt;script&gt;" in section
    data = dict(CSV_TABLES)["cloud.csv"](bad).decode()
    providers = [r["provider"] for r in csv.DictReader(StringIO(data))]
    assert "'=1+2.evil.test" in providers and "=1+2.evil.test" not in providers
    html = render_gap_html(bad).decode()
    assert "<strong>&lt;script&gt;alert(1)&lt;/script&gt;.test</strong>" in html
    assert "<script>alert(1)</script>" not in html
    gap_md = render_gap_md(bad).decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;.test" in gap_md and "<script>" not in gap_md


def test_the_gap_reports_list_the_services_or_say_why(three: Assessment,
                                                       benign: Assessment) -> None:
    html = render_gap_html(three).decode()
    section = html[html.index('<section id="cloud">'):]
    section = section[:section.index("</section>")]
    assert "<strong>Microsoft 365</strong>: E-mail (mailboxes) for contoso.test" in section
    assert "in the office: 10.78.0.25" in section
    md = render_gap_md(three).decode()
    assert "- **Google Workspace**: E-mail (mailboxes) for fabrikam.test" in md
    gap = Gap(target="DNS 10.78.0.53", collector="maildns", reason="timeout",
              detail="the DNS server 10.78.0.53 did not answer (MX onprem.test, 1s)")
    quiet = render_gap_html(with_domains(benign, [], [gap])).decode()
    assert "No cloud or mail service found." in quiet
    assert "DNS 10.78.0.53: the DNS server 10.78.0.53 did not answer" in quiet
