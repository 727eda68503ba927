from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from analysis.model import Assessment
from reports import render_gap_html

#: every tag the template may emit; anything else came from data
ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "section", "h1",
                "h2", "h3", "p", "div", "span", "strong", "ul", "li", "br", "table", "thead",
                "tbody", "tr", "th", "td", "details", "summary", "a",
                "svg", "defs", "marker", "path", "g", "rect", "text"}
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; " \
      "form-action 'none'"
REMOTE = re.compile(r"^\s*(https?:|//|javascript:|data:)", re.IGNORECASE)


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._in_style = tag == "style"
        self.styles += [v or "" for k, v in attrs if k == "style"]

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.styles if self._in_style else self.text).append(data)


def _parse(assessment: Assessment) -> tuple[Collector, str]:
    html = render_gap_html(assessment).decode("utf-8")
    parser = Collector()
    parser.feed(html)
    parser.close()
    return parser, html


def test_page_loads_nothing_and_runs_nothing(assessment: Assessment) -> None:
    parser, _ = _parse(assessment)
    assert {t for t, _ in parser.tags} <= ALLOWED_TAGS
    assert [t for t, _ in parser.tags].count("style") == 1
    for tag, attrs in parser.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert name not in {"src", "srcset", "action", "formaction", "xlink:href"}, tag
            if name == "http-equiv":
                assert (value, dict(attrs)["content"]) == ("Content-Security-Policy", CSP)
            if name == "marker-end":
                assert value == "url(#arrow)"
            if name == "href":
                assert (value or "").startswith("#"), value
            assert not REMOTE.match(value or ""), (tag, name, value)
    css = "\n".join(parser.styles)
    assert "@import" not in css
    assert "url(" not in css
    assert "@media print" in css


def test_hostile_data_is_shown_as_text(hostile: Assessment) -> None:
    parser, html = _parse(hostile)
    text = "".join(parser.text)
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "<script" not in html.lower()
    assert "\x00" not in html and "\x1b" not in html
    assert "[truncated " in text
    assert len(html) < 300_000


def test_sections_and_content(benign: Assessment) -> None:
    parser, html = _parse(benign)
    text = " ".join(" ".join(parser.text).split())
    section_ids = [dict(a).get("id") for t, a in parser.tags if t == "section"]
    mine = ["owner", "summary", "processes", "glossary", "diagram", "spofs", "assumed-separate",
            "findings", "backups", "power-printers", "ports", "inventory", "coverage",
            "methodology"]
    assert section_ids[0] == "owner", "the owner's page comes first"
    assert [i for i in section_ids if i in mine] == mine
    assert "10 assets found" in text
    assert "2 switch" in text
    assert "3 single points of failure" in text
    assert ("worst single point of failure sw-core stops 2 processes, 3 workloads, "
            "2 of 2 seats (100.0%)") in text
    assert "Impact: 1 process, 2 workloads, 0 of 2 seats (0.0%)" in text
    assert "Blast radius: dc01, files01, File sharing" in text
    assert "All servers run on one hypervisor" in text
    assert "Recommendation: Disable telnet" in text
    assert "critical 1 high 1 medium 1 low 0 info 1" in text
    assert "File sharing Criticality" not in text
    assert "nmap 7.93, drscout 0.1.0" in text
    assert "snmp auth no response to community 'public' (v2c) 1 : 192.168.10.20" in text
    assert "File sharing (assumed)" not in text
    assert ("File sharing 4 files01 sw-core (stops 2 processes, 3 workloads, 2 of 2 seats "
            "(100.0%)) ; pve1 (stops 1 process, 2 workloads, 0 of 2 seats (0.0%))") in text
    assert "type from snmp (high confidence: bridge with 3 ports)" in text
    assert "(0.8" not in text, "confidences are words in prose"
    assert '<details open>\n<summary>10 assets, most important first</summary>' in html
    assert '<a href="#asset-2">sw-core</a>' in html


def test_save_artifacts(benign: Assessment, hostile: Assessment, artifacts: Path) -> None:
    """Not an assertion of quality: leaves the pages for a person to look at."""
    for name, assessment in (("gap-report.html", benign), ("gap-report-hostile.html", hostile)):
        path = artifacts / name
        path.write_bytes(render_gap_html(assessment))
        assert path.stat().st_size > 10_000
