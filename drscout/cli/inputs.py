"""What a person wrote, read before any work starts: the site file and a filled worksheet.

``run``, ``report`` and ``export`` read both up front (a bad file stops the command
with one line before a scan or a render begins), then analyse the inventory with
them, so the business interview after the visit reaches every output without a
new scan: ``drscout report inventory.json --site site.toml --worksheet filled.xlsx``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.site.model import Site
from drscout.cli.analysis import read_site
from scanner.errors import InputFileError
from scanner.inventory.model import Inventory


@dataclass(frozen=True)
class PlanInputs:
    """The site file (declarations) and the filled worksheet (people's entries)."""

    site: Site | None = None
    #: a reports.filled.FilledWorksheet, or None
    worksheet: Any = None
    worksheet_name: str = ""

    def assess(self, inventory: Inventory) -> Any:
        """The assessment with the site's declarations and the people's entries."""
        from analysis import assess
        from reports.people import people as read_people

        people = (read_people(self.worksheet, inventory, self.worksheet_name)
                  if self.worksheet is not None else None)
        return assess(inventory, site=self.site, people=people)


def read_worksheet(path: Path | None) -> Any:
    """The parsed worksheet, or None; unreadable -> one-line InputFileError (exit 2)."""
    if path is None:
        return None
    from reports.filled import read_filled

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputFileError(f"cannot read worksheet {path}: {exc.strerror or exc}") from None
    try:
        return read_filled(data)
    except InputFileError as exc:
        raise InputFileError(f"{path}: {exc}") from None


def read_inputs(site_file: Path | None, worksheet_file: Path | None) -> PlanInputs:
    return PlanInputs(read_site(site_file), read_worksheet(worksheet_file),
                      worksheet_file.name if worksheet_file is not None else "")
