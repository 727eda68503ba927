"""``drscout doctor``: what works on this machine, what is missing, and what fixes it."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.table import Table

from drscout.cli.errors import errors_to_exit

if TYPE_CHECKING:
    from scanner.readiness import Check

_STYLE = {"ok": "green", "warn": "yellow", "missing": "bold red"}


def _subnets() -> list[str]:
    from scanner.collectors import localhost

    result = localhost.collect()
    return list(result.network.subnets) if result.network else []


def _pdf_check() -> Check:
    """The browser that prints gap-report.pdf; without one the PDF is skipped (a warning:
    every other report is written)."""
    from reports.pdf import ENV, find_engine
    from scanner.readiness import Check

    engine = find_engine()
    if engine:
        return Check("PDF engine", "ok", f"gap-report.pdf is printed with {engine}")
    return Check("PDF engine", "warn", "no Chromium, Chrome or Edge: gap-report.pdf is "
                 "skipped, every other report is written",
                 f"install Chrome, Edge or Chromium, or set {ENV} to one")


@click.command("doctor")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              default=Path("drscout-report"), show_default=True,
              help="The report folder a run would write, checked for write access.")
@click.option("--json", "as_json", is_flag=True, help="Print the checks as JSON on stdout.")
@errors_to_exit
def doctor_cmd(output: Path, as_json: bool) -> None:
    """Check nmap, privileges, optional collectors, the default scope and the output folder.

    Reads this machine only (no packet is sent).  Exit 0 when a scan can run, 3 when
    something it cannot run without is missing."""
    from scanner.readiness import diagnose

    checks = [*diagnose(output, _subnets), _pdf_check()]
    if as_json:
        click.echo(json.dumps([asdict(c) for c in checks], indent=2))
    else:
        table = Table(show_header=True, header_style="bold", box=None)
        for column in ("check", "status", "detail", "fix"):
            table.add_column(column, overflow="fold")
        for c in checks:
            table.add_row(c.name, f"[{_STYLE[c.status]}]{c.status}[/]", c.detail, c.fix)
        Console(highlight=False).print(table)
    if any(c.status == "missing" for c in checks):
        sys.exit(3)
