"""CLI for reports people act on: ``report``, ``export``, ``history``, ``diff``, and the
``--worksheet`` / ``--db`` options of ``run``.  ``report`` and ``export`` re-run the
analysis from a saved inventory with ``--site`` and ``--worksheet``: no new scan.

Registered in :mod:`drscout.cli.main` with ``cli.add_command``; heavy imports happen
inside the commands so ``drscout --help`` stays fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from analysis.model import SEVERITIES
from drscout.cli.analysis import site_option
from drscout.cli.errors import errors_to_exit
from drscout.cli.inputs import read_inputs
from drscout.cli.progress import ProgressDisplay
from drscout.history.store import HistoryStore, RunCounts, default_db_path
from scanner.errors import UsageError
from scanner.files import load_inventory, write_atomic

#: ``--fail-on-new`` takes a severity; ``--fail-on`` also "never" (the default)
SEVERITY = click.Choice(SEVERITIES)
SEVERITY_OR_NEVER = click.Choice([*SEVERITIES, "never"])
_stderr = Console(stderr=True, highlight=False)
_DB_HELP = ("History database (SQLite). Default: $XDG_DATA_HOME/drscout/history.sqlite. "
            "Env: DRSCOUT_DB.")


def worksheet_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--worksheet", "worksheet", type=click.Path(dir_okay=False, path_type=Path),
        help="A worksheet.xlsx a person filled in: their owners, MTD/RTO/RPO, approved "
             "tiers and backup notes feed the analysis and every output; every entry, "
             "style and comment is carried into the new worksheet, gone assets are kept, "
             "and plans that no longer hold are flagged.")(func)


def worksheet_input_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--worksheet`` for commands that write no worksheet (analyze, export)."""
    return click.option(
        "--worksheet", "worksheet", type=click.Path(dir_okay=False, path_type=Path),
        help="A worksheet.xlsx a person filled in: their owners, MTD/RTO/RPO, approved "
             "tiers and backup notes feed the analysis and what this command "
             "writes.")(func)


def quiet_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--quiet", "-q", is_flag=True,
                        help="No progress display and no closing line.")(func)


def history_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("--no-history", is_flag=True,
                        help="Do not record this run in the history database.")(func)
    return click.option("--db", type=click.Path(dir_okay=False, path_type=Path),
                        envvar="DRSCOUT_DB", help=_DB_HELP)(func)


class Written(list[Path]):
    """The files written, plus one-line notes on files skipped (the PDF without a browser)."""

    notes: list[str]

    def __init__(self) -> None:
        super().__init__()
        self.notes = []

    def notes_text(self) -> str:
        return "".join(f"; {n}" for n in self.notes)


def write_reports(assessment: Any, outdir: Path, kw: dict[str, Any],
                  previous: Any = None) -> Written:
    """Every report file; the worksheet carries a filled one (``previous``) over."""
    from reports import OUTPUTS
    from reports.worksheet.xlsx import render_worksheet_xlsx

    paths = Written()
    renders = dict(OUTPUTS)
    # The HTML first, so the browser prints the PDF (seconds, mostly its start-up) while
    # the other files are rendered; the files are listed in their usual order.
    html = renders["gap-report.html"](assessment)
    done = {"gap-report.html": write_atomic(outdir / "gap-report.html", html)}
    pdf = Written()
    with ThreadPoolExecutor(max_workers=1) as printer:
        printing = printer.submit(_write_pdf, html, outdir, pdf)
        for name, render in OUTPUTS:
            if name not in done:
                data = render_worksheet_xlsx(assessment, previous) \
                    if name == "worksheet.xlsx" else render(assessment)
                done[name] = write_atomic(outdir / name, data)
        printing.result()
    for name, _ in OUTPUTS:
        paths.append(done[name])
        if name == "gap-report.html":
            paths += pdf
    paths.notes += pdf.notes
    if kw.get("db") is not None or "no_history" in kw:
        record_run(assessment, kw)
    return paths


def _write_pdf(html: bytes, outdir: Path, paths: Written) -> None:
    """gap-report.pdf when a browser can print it; else a note, and no stale PDF left
    from an earlier run beside the new HTML.  Paper: $DRSCOUT_PAPER (a4, letter)."""
    from reports.pdf import PdfError, html_to_pdf, paper_from_env

    target = outdir / "gap-report.pdf"
    try:
        paths.append(write_atomic(target, html_to_pdf(html, paper_from_env())))
    except PdfError as exc:
        target.unlink(missing_ok=True)
        paths.notes.append(str(exc))


def record_run(assessment: Any, kw: dict[str, Any]) -> int | None:
    if kw.get("no_history"):
        return None
    store = HistoryStore(kw.get("db") or default_db_path())
    return store.record(assessment.inventory,
                        RunCounts(len(assessment.spofs), len(assessment.findings)))


@click.command("report")
@click.argument("inventory_file", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              default=Path("drscout-report"), show_default=True,
              help="Folder for the report files.")
@site_option
@worksheet_option
@quiet_option
@errors_to_exit
def report_cmd(inventory_file: Path, output: Path, site_file: Path | None, quiet: bool,
               **kw: Any) -> None:
    """Write every report (worksheet, gap report, exports) for an inventory file, with a
    site file and a filled worksheet if given: no new scan needed."""
    inputs = read_inputs(site_file, kw.get("worksheet"))
    inventory = load_inventory(inventory_file)
    display = ProgressDisplay(_stderr, quiet=quiet, title="drscout report",
                              steps=("analysis", "reports"))
    with display:
        with display.step("analysis"):
            assessment = inputs.assess(inventory)
        with display.step("reports"):
            written = write_reports(assessment, output, kw, inputs.worksheet)
    for note in written.notes:
        _stderr.print(note, markup=False, soft_wrap=True)
    if not quiet:
        _stderr.print(f"report: {output / 'gap-report.html'}", markup=False)


@click.command("export")
@click.argument("inventory_file", type=click.Path(path_type=Path))
@click.option("--format", "formats", multiple=True, required=True,
              type=click.Choice(["json", "csv", "graphml", "netbox"]),
              help="Export format (repeatable): json (inventory, assessment, JSON Schema), "
                   "csv (one file per table), graphml, netbox (bulk-import CSV files).")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              default=Path("drscout-export"), show_default=True, help="Folder to write into.")
@click.option("--netbox-site", default="Office", show_default=True,
              help="NetBox site the devices belong to (create it in NetBox first).")
@site_option
@worksheet_input_option
@click.option("--quiet", "-q", is_flag=True,
              help="Do not list the files written on stdout.")
@errors_to_exit
def export_cmd(inventory_file: Path, formats: tuple[str, ...], output: Path,
               netbox_site: str, site_file: Path | None, worksheet: Path | None,
               quiet: bool) -> None:
    """Export an inventory file for other planning tools (NetBox, spreadsheets, graph
    tools), with a site file and a filled worksheet if given."""
    from reports.exports import export_files

    inputs = read_inputs(site_file, worksheet)
    assessment = inputs.assess(load_inventory(inventory_file))
    for fmt in dict.fromkeys(formats):
        for name, render in export_files(fmt, netbox_site):
            path = write_atomic(output / name, render(assessment))
            if not quiet:
                click.echo(str(path))


@click.command("history")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), envvar="DRSCOUT_DB",
              help=_DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the runs as JSON.")
@errors_to_exit
def history_cmd(db: Path | None, as_json: bool) -> None:
    """List recorded runs (use their ids with `drscout diff`)."""
    from dataclasses import asdict

    from reports.sanitize import clean_text

    runs = HistoryStore(db or default_db_path()).runs()
    if as_json:
        click.echo(json.dumps([asdict(r) for r in runs], indent=2))
        return
    table = Table("id", "recorded", "targets", "profile", "assets", "gaps", "SPOFs", "findings")
    for r in runs:
        table.add_row(str(r.id), r.recorded, Text(clean_text(r.targets, 80)),
                      Text(clean_text(r.profile)), str(r.assets), str(r.gaps), str(r.spofs),
                      str(r.findings))
    Console(highlight=False).print(table)


def _load_side(ref: str, db: Path | None) -> tuple[Any, str]:
    """A run id from the history, or an inventory file."""
    from analysis import assess

    if ref.isdigit() and not Path(ref).exists():
        inventory = HistoryStore(db or default_db_path()).inventory(int(ref))
        return assess(inventory), f"run {ref}"
    return assess(load_inventory(Path(ref))), ref


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), envvar="DRSCOUT_DB",
              help=_DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the diff as JSON.")
@click.option("--markdown", is_flag=True, help="Print the diff as Markdown.")
@click.option("--fail-on-new", type=SEVERITY,
              help="Exit 1 when a new or widened finding (or new SPOF or lost redundancy, "
                   "counted as high) of this severity or worse appeared.")
@errors_to_exit
def diff_cmd(old: str, new: str, db: Path | None, as_json: bool, markdown: bool,
             fail_on_new: str | None) -> None:
    """Compare two runs (ids from `drscout history`) or two inventory files."""
    from analysis.changes.diff import diff
    from reports.diff_md import render_diff_json, render_diff_md

    if as_json and markdown:
        raise UsageError("choose one of --json and --markdown")
    (before, old_label), (after, new_label) = _load_side(old, db), _load_side(new, db)
    result = diff(before, after, old_label, new_label)
    if as_json:
        click.echo(render_diff_json(result))
    elif markdown:
        click.echo(render_diff_md(result))
    else:
        _print_diff(result)
    sys.exit(1 if fail_on_new and result.new_at_or_above(fail_on_new) else 0)


def _print_diff(result: Any) -> None:
    from reports.sanitize import clean_text

    out = Console(highlight=False)
    title = Text(f"{clean_text(result.old)} -> {clean_text(result.new)}")
    table = Table("change", "what", "detail", title=title)
    for label, refs in (("asset new", result.assets_new), ("asset gone", result.assets_gone)):
        for ref in refs:
            table.add_row(label, Text(clean_text(ref.name, 80)),
                          Text(clean_text(", ".join(ref.ips), 80)))
    for change in result.assets_changed:
        for field in change.changes:
            table.add_row(f"asset {field.field}", Text(clean_text(change.name, 80)),
                          Text(clean_text(f"{', '.join(field.old)} -> {', '.join(field.new)}",
                                          160)))
    for label, items in (("redundancy lost", result.redundancy_lost),
                         ("SPOF new", result.spofs_new), ("SPOF resolved", result.spofs_resolved),
                         ("finding new", result.findings_new),
                         ("finding widened", result.findings_widened),
                         ("finding resolved", result.findings_resolved)):
        for item in items:
            note = f" ({item.note})" if item.note else ""
            table.add_row(label, Text(clean_text(item.title + note, 160)), item.severity)
    if result.empty:
        out.print("no change", markup=False)
    else:
        out.print(table)
