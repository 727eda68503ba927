"""Analysis options of the CLI: ``--site`` (run, analyze) and ``--what-if`` (analyze).

Kept out of :mod:`drscout.cli.main` so that the scan commands stay readable; main.py
applies these decorators and calls these helpers.  The site file describes the site
only: scan credentials never come from it (see :mod:`analysis.site.load`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from analysis.site.load import load_site
from analysis.site.model import Site


def site_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--site", "site_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
        help="Site file (TOML): business processes, dependencies a scan cannot see, "
             "UPS feeds, backups, asset overrides, suppressions (see README 'Site file').")(func)


def what_if_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--what-if", "what_if_name", metavar="NAME", default=None,
        help="Print what stops when NAME (asset id, name or address) fails, and the "
             "chains of needs that died.")(func)


def read_site(path: Path | None) -> Site | None:
    return load_site(path) if path is not None else None


def print_what_if(assessment: Any, name: str) -> None:
    from analysis.whatif import what_if

    result = what_if(assessment, name)
    out = Console(highlight=False)
    label = {a.id: a.name for a in assessment.inventory.assets}.get(result.failed, result.failed)
    if not result.stopped:
        out.print(f"If {label} fails, nothing else stops.", markup=False)
        return
    out.print(f"If {label} fails, {len(result.stopped)} things stop: "
              + ", ".join(result.stopped.values()), markup=False)
    for path in result.paths:
        out.print("  " + " -> ".join(path), markup=False)
