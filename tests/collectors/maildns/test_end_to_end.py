"""``drscout run`` and ``drscout export`` inside the dnsmasq lab's client namespace, with
explicit targets there only: the three cases (Microsoft 365 from the resolver's search
domain, Google Workspace and on-premises mail named with --mail-domain) reach the
inventory, the assets' roles, the workbook's Cloud and SaaS sheet and cloud.csv; hostile
DNS text is neutralised in the xlsx and csv and escaped in the HTML; a DNS server that
stops answering is a timeout gap and a sheet saying why, not an empty sheet."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from reports.cloud_sheet import TITLE
from tests.collectors.maildns import dnslab

DRSCOUT = [sys.executable, "-m", "drscout.cli"]
TARGETS = "10.78.0.0/26"  # the client, the MX host and the DNS server, nothing else


@dataclass(frozen=True)
class Run:
    out: Path
    code: int
    stderr: str

    def inventory(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.out / "inventory.json").read_text())
        return data

    def sheet(self) -> list[dict[str, Any]]:
        book = openpyxl.load_workbook(self.out / "worksheet.xlsx")
        values = list(book[TITLE].iter_rows(values_only=True))
        return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def drscout(out: Path, *args: str) -> Run:
    done = dnslab.in_ns(dnslab.NS_CL, *DRSCOUT, *args, "-o", str(out), check=False,
                        timeout=600)
    return Run(out, done.returncode, done.stderr)


@pytest.fixture(scope="module")
def run(dns_lab: dnslab.DnsLab, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    out = tmp_path_factory.mktemp("drsm-run") / "report"
    yield drscout(out, "run", TARGETS, "--profile", "quick", "-q", "--mail-domain",
                  "onprem.test", "--mail-domain", "fabrikam.test", "--mail-domain",
                  "hostile.test")


def test_the_three_cases_reach_the_inventory(run: Run) -> None:
    assert run.code == 0, run.stderr[-2000:]
    domains = {d["domain"]: d for d in run.inventory()["mail_domains"]}
    assert set(domains) == {"contoso.test", "fabrikam.test", "onprem.test", "hostile.test"}
    assert domains["contoso.test"]["source"] == "resolver search list"
    mail = {name: next(s for s in d["services"] if s["use"] == "mail")
            for name, d in domains.items()}
    assert (mail["contoso.test"]["kind"], mail["fabrikam.test"]["kind"],
            mail["onprem.test"]["kind"]) == ("microsoft-365", "google-workspace",
                                             "on-premises")
    assert mail["onprem.test"]["addresses"] == [dnslab.MX_IP]
    assert {d["server"] for d in domains.values()} == {dnslab.DNS_IP}


def test_the_mail_host_and_the_dns_server_get_their_roles(run: Run) -> None:
    assets = {a["ips"][0]: a for a in run.inventory()["assets"]}
    mx = assets[dnslab.MX_IP]
    assert "mail" in mx["roles"] and 25 in [s["port"] for s in mx["services"]]
    assert "dns" in assets[dnslab.DNS_IP]["roles"]


def test_the_sheet_names_the_office_mail_server(run: Run) -> None:
    rows = {r["Service ID"]: r for r in run.sheet()}
    onprem = rows["onprem.test: mail: on-premises mail server"]
    assert onprem["Runs where"] == f"in the office: mail.onprem.test ({dnslab.MX_IP}, " \
                                   "SMTP 25 open)"
    assert rows["contoso.test: mail: Microsoft 365"]["Confidence"] == "high"
    assert rows["fabrikam.test: mail: Google Workspace"]["Runs where"] == "cloud (Google)"


def test_hostile_dns_text_in_xlsx_csv_and_html(run: Run, tmp_path: Path) -> None:
    cells = [str(v) for r in run.sheet() for v in r.values() if v is not None]
    assert "'=1+2.evil.test" in cells
    assert not [c for c in cells if c.startswith(("=", "+", "@"))]
    export = tmp_path / "export"
    done = dnslab.in_ns(dnslab.NS_CL, *DRSCOUT, "export", str(run.out / "inventory.json"),
                        "--format", "csv", "-q", "-o", str(export), check=False)
    assert done.returncode == 0, done.stderr
    with (export / "csv" / "cloud.csv").open(newline="") as handle:
        records = list(csv.DictReader(handle))
    providers = {r["provider"] for r in records if r["domain"] == "hostile.test"}
    assert "'=1+2.evil.test" in providers and "=1+2.evil.test" not in providers
    html = (run.out / "gap-report.html").read_text()
    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html
    md = (run.out / "worksheet.md").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;.test" in md


def test_a_dns_server_that_stops_answering_is_a_gap(dns_lab: dnslab.DnsLab,
                                                     tmp_path: Path) -> None:
    with dns_lab.dns_frozen():
        run = drscout(tmp_path / "frozen", "run", f"{dnslab.DNS_IP}/32", "--collectors",
                      "maildns", "--dns-timeout", "1", "-q")
    assert run.code == 0, run.stderr[-2000:]
    inventory = run.inventory()
    assert inventory["mail_domains"] == []
    assert [(g["collector"], g["reason"]) for g in inventory["gaps"]] == [("maildns",
                                                                          "timeout")]
    [row] = run.sheet()
    assert row["Service"] == "(no cloud or mail service found)"
    assert f"the DNS server {dnslab.DNS_IP} did not answer" in row["Evidence"]


def scan_queries(lab: dnslab.DnsLab, out: Path, *args: str) -> tuple[dict[str, Any], list[str]]:
    """A maildns-only scan; its inventory and the questions dnsmasq logged meanwhile."""
    before = len(lab.queries())
    run = drscout(out, "scan", *args, "--collectors", "maildns", "-q")
    assert run.code == 0, run.stderr[-2000:]
    inventory: dict[str, Any] = json.loads(out.read_text())
    return inventory, lab.queries()[before:]


def test_the_query_log_sees_an_allowed_lookup(dns_lab: dnslab.DnsLab, tmp_path: Path) -> None:
    """The control for the test below: a server inside the targets is asked, and logged."""
    inventory, asked = scan_queries(dns_lab, tmp_path / "inside.json", f"{dnslab.DNS_IP}/32")
    assert [d["domain"] for d in inventory["mail_domains"]] == ["contoso.test"]
    assert any("query[MX] contoso.test" in line for line in asked)


@pytest.mark.parametrize("scope", [["10.78.0.25/32"], [TARGETS, "--exclude", dnslab.DNS_IP]],
                         ids=["server-outside-the-targets", "server-excluded"])
def test_a_server_outside_the_targets_is_never_asked(dns_lab: dnslab.DnsLab, tmp_path: Path,
                                                     scope: list[str]) -> None:
    """The safety rule, checked at the server: not one question reaches it, and the
    inventory says the lookup was not attempted and why."""
    inventory, asked = scan_queries(dns_lab, tmp_path / "outside.json", *scope)
    assert asked == []
    assert inventory["mail_domains"] == []
    gaps = [(g["collector"], g["reason"]) for g in inventory["gaps"]]
    assert gaps == [("maildns", "not-attempted")]
    assert "name it with --dns-server" in inventory["gaps"][0]["detail"]
