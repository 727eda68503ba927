"""Reading ``site.toml``: what a scan cannot see, written down by a person.

Parsed with the standard library's :mod:`tomllib` and validated by hand so that
every error names the file, the line and the key (``site.toml:12: process[2].needs:
expected a list of strings``): the person fixing it is looking at a text editor,
not at a Python traceback.  tomllib reports syntax errors with their line; for
schema errors we find the key's line ourselves (:func:`_line_of`).
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from analysis.site.model import (
    DEFAULT_SEATS_THRESHOLD,
    DEPENDENCY_KINDS,
    AssetOverride,
    BackupDecl,
    DependencyDecl,
    PowerDecl,
    ProcessDecl,
    RedundancyDecl,
    Site,
    Suppression,
)
from scanner.errors import InputFileError
from scanner.inventory.model import ROLES

#: the retired ``[credentials]`` keys -> their ``[snmp]`` key in the ``--config`` file
MOVED_CREDENTIALS = {"snmp_communities": "communities_env", "snmp_v3_user": "v3_user_env",
                     "snmp_v3_auth_key": "v3_auth_key_env", "snmp_v3_priv_key": "v3_priv_key_env"}
#: a value echoed in the error only when it looks like an environment variable's name;
#: anything else (``public``, ``hunter2 secret``) may be the secret itself
_ENV_NAME = re.compile(r"^[A-Z_][A-Z0-9_]*$")
_TOP = {"site", "process", "dependency", "internet", "power", "backup", "assets", "suppress",
        "redundancy"}


class SiteError(InputFileError):
    """An invalid site file; the message names the line and the key."""


def load_site(path: Path) -> Site:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SiteError(f"{path}: cannot read site file: {exc}") from exc
    return parse_site(text, str(path))


def parse_site(text: str, source: str = "site.toml") -> Site:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SiteError(f"{source}: {exc}") from exc
    return _Parser(text, source).site(data)


class _Parser:
    def __init__(self, text: str, source: str) -> None:
        self.lines = text.splitlines()
        self.source = source

    def fail(self, table: str, index: int | None, key: str, message: str) -> SiteError:
        where = f"{table}[{index + 1}]" if index is not None else table
        where += f".{key}" if key else ""
        line = _line_of(self.lines, table, index, key)
        return SiteError(f"{self.source}:{line}: {where}: {message}")

    def site(self, data: dict[str, Any]) -> Site:
        if "credentials" in data:
            raise self.moved_credentials(data["credentials"])
        for key in data:
            if key not in _TOP:
                raise self.fail(key, None, "", f"unknown section; expected one of "
                                f"{', '.join(sorted(_TOP))}")
        head = self.table(data, "site", {"name", "location", "client", "prepared_by",
                                         "seats_threshold"})
        return Site(
            name=self.text(head, "site", None, "name"),
            location=self.text(head, "site", None, "location"),
            client=self.text(head, "site", None, "client"),
            prepared_by=self.text(head, "site", None, "prepared_by"),
            processes=tuple(self.each(data, "process", self.process)),
            dependencies=tuple(self.each(data, "dependency", self.dependency)),
            internet=tuple(self.strings(self.table(data, "internet", {"gateways"}),
                                        "internet", None, "gateways")),
            power=tuple(self.each(data, "power", self.power)),
            backups=tuple(self.each(data, "backup", self.backup)),
            overrides=tuple(self.overrides(data.get("assets", {}))),
            suppress=tuple(self.each(data, "suppress", self.suppression)),
            redundancy=tuple(self.each(data, "redundancy", self.redundancy)),
            seats_threshold=self.threshold(head),
            path=self.source)

    def table(self, data: dict[str, Any], name: str, allowed: set[str]) -> dict[str, Any]:
        value = data.get(name, {})
        if not isinstance(value, dict):
            raise self.fail(name, None, "", "expected a table ([" + name + "])")
        self.known(value, name, None, allowed)
        return value

    def known(self, value: dict[str, Any], table: str, index: int | None,
              allowed: set[str]) -> None:
        for key in value:
            if key not in allowed:
                raise self.fail(table, index, key, "unknown key; expected one of "
                                + ", ".join(sorted(allowed)))

    def each(self, data: dict[str, Any], name: str,
             build: Callable[[dict[str, Any], int], Any]) -> list[Any]:
        items = data.get(name, [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise self.fail(name, None, "", f"expected an array of tables ([[{name}]])")
        return [build(item, i) for i, item in enumerate(items)]

    def text(self, item: dict[str, Any], table: str, index: int | None, key: str,
             required: bool = False) -> str:
        value = item.get(key, "")
        if not isinstance(value, str):
            raise self.fail(table, index, key, "expected a string")
        if required and not value.strip():
            raise self.fail(table, index, key, "required, and must not be empty")
        return value.strip()

    def strings(self, item: dict[str, Any], table: str, index: int | None, key: str,
                required: bool = False) -> list[str]:
        value = item.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip()
                                                  for v in value):
            raise self.fail(table, index, key, "expected a list of non-empty strings")
        if required and not value:
            raise self.fail(table, index, key, "required, and must not be empty")
        return [v.strip() for v in value]

    def integer(self, item: dict[str, Any], table: str, index: int | None, key: str,
                default: int | None) -> int | None:
        value = item.get(key, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
            raise self.fail(table, index, key, "expected a whole number from 1 (most "
                            "critical) to 4")
        return value

    def flag(self, item: dict[str, Any], table: str, index: int | None, key: str) -> bool:
        value = item.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(table, index, key, "expected true or false")
        return value

    def process(self, item: dict[str, Any], i: int) -> ProcessDecl:
        self.known(item, "process", i, {"name", "description", "needs", "criticality",
                                        "rpo_hours"})
        return ProcessDecl(
            name=self.text(item, "process", i, "name", required=True),
            description=self.text(item, "process", i, "description"),
            needs=tuple(self.strings(item, "process", i, "needs", required=True)),
            criticality=self.integer(item, "process", i, "criticality", 2) or 2,
            rpo_hours=self.hours(item, "process", i, "rpo_hours"),
            line=_line_of(self.lines, "process", i, "name"))

    def hours(self, item: dict[str, Any], table: str, index: int | None,
              key: str) -> float | None:
        """A number of hours (``24``, ``0.5``): one unit only, so ``rpo_hours = 24``
        cannot be misread as minutes or days."""
        value = item.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) \
                or not 0 < value < math.inf:
            raise self.fail(table, index, key, "expected a number of hours greater than 0 "
                            "(rpo_hours = 24)")
        return float(value)

    def dependency(self, item: dict[str, Any], i: int) -> DependencyDecl:
        self.known(item, "dependency", i, {"source", "target", "kind", "note"})
        kind = self.text(item, "dependency", i, "kind") or "service"
        if kind not in DEPENDENCY_KINDS:
            raise self.fail("dependency", i, "kind", "expected one of "
                            + ", ".join(DEPENDENCY_KINDS))
        return DependencyDecl(
            source=self.text(item, "dependency", i, "source", required=True),
            target=self.text(item, "dependency", i, "target", required=True),
            kind=kind,  # type: ignore[arg-type]
            note=self.text(item, "dependency", i, "note"),
            line=_line_of(self.lines, "dependency", i, "source"))

    def power(self, item: dict[str, Any], i: int) -> PowerDecl:
        self.known(item, "power", i, {"ups", "feeds"})
        return PowerDecl(ups=self.text(item, "power", i, "ups", required=True),
                         feeds=tuple(self.strings(item, "power", i, "feeds", required=True)),
                         line=_line_of(self.lines, "power", i, "ups"))

    def backup(self, item: dict[str, Any], i: int) -> BackupDecl:
        self.known(item, "backup", i, {"sources", "target", "offsite"})
        return BackupDecl(sources=tuple(self.strings(item, "backup", i, "sources")),
                          target=self.text(item, "backup", i, "target", required=True),
                          offsite=self.flag(item, "backup", i, "offsite"),
                          line=_line_of(self.lines, "backup", i, "target"))

    def suppression(self, item: dict[str, Any], i: int) -> Suppression:
        self.known(item, "suppress", i, {"rule", "reason"})
        return Suppression(rule=self.text(item, "suppress", i, "rule", required=True),
                           reason=self.text(item, "suppress", i, "reason", required=True),
                           line=_line_of(self.lines, "suppress", i, "rule"))

    def redundancy(self, item: dict[str, Any], i: int) -> RedundancyDecl:
        self.known(item, "redundancy", i, {"name", "members", "reason", "roles"})
        members = self.strings(item, "redundancy", i, "members", required=True)
        if len(set(m.lower() for m in members)) < 2:
            raise self.fail("redundancy", i, "members", "expected at least two different "
                            "assets (one asset is not redundant with itself)")
        roles = [r.removeprefix("role:") for r in self.strings(item, "redundancy", i, "roles")]
        unknown = [r for r in roles if r not in ROLES]
        if unknown:
            raise self.fail("redundancy", i, "roles", f"unknown role {unknown[0]!r}; expected "
                            "role names such as dns, file, database (README: Roles)")
        return RedundancyDecl(
            members=tuple(members), reason=self.text(item, "redundancy", i, "reason",
                                                     required=True),
            name=self.text(item, "redundancy", i, "name"),
            roles=tuple(roles),
            line=_line_of(self.lines, "redundancy", i, "members"))

    def threshold(self, head: dict[str, Any]) -> int:
        value = head.get("seats_threshold", DEFAULT_SEATS_THRESHOLD)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise self.fail("site", None, "seats_threshold", "expected a whole number of "
                            "seats, 1 or more")
        return value

    def overrides(self, assets: Any) -> list[AssetOverride]:
        if not isinstance(assets, dict):
            raise self.fail("assets", None, "", 'expected tables such as [assets."db01"]')
        out = []
        for ref, item in assets.items():
            table = f"assets.{ref}"
            if not isinstance(item, dict):
                raise self.fail(table, None, "", "expected a table")
            self.known(item, table, None, {"name", "owner", "location", "tier", "excluded"})
            out.append(AssetOverride(
                ref=ref, name=self.text(item, table, None, "name") or None,
                owner=self.text(item, table, None, "owner") or None,
                location=self.text(item, table, None, "location") or None,
                tier=self.integer(item, table, None, "tier", None),
                excluded=self.flag(item, table, None, "excluded"),
                line=_line_of(self.lines, table, None, "")))
        return out

    def moved_credentials(self, table: Any) -> SiteError:
        """Scan credentials come from the command line, the environment or ``--config``
        (one path, :mod:`scanner.config`); the site file describes the site.  The error
        spells out the ``--config`` line that does what the old table did."""
        items = table.items() if isinstance(table, dict) else ()
        keys = [f"{MOVED_CREDENTIALS[k]} = "
                + (f'"{v}"' if isinstance(v, str) and _ENV_NAME.match(v) else '"VARIABLE_NAME"')
                for k, v in items if k in MOVED_CREDENTIALS]
        keys = keys or ['communities_env = "VARIABLE_NAME"']
        return self.fail("credentials", None, "", "scan credentials do not belong in the site "
                         "file; delete this table and write in the --config file: snmp = { "
                         + ", ".join(keys) + " } (or the same keys under [snmp])")


def _line_of(lines: list[str], table: str, index: int | None, key: str) -> int:
    """1-based line of ``key`` inside the ``index``-th ``[[table]]`` (or ``[table]``);
    the header's line when the key is not written there, 0 when nothing matches."""
    head = _header_lines(lines, table)
    start = head[index if index is not None else 0] if head else None
    if start is None and index is None and key:
        start = -1  # a key of a top-level table written inline: search the whole file
    if start is None:
        return 0
    key_re = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=") if key else None
    for number in range(start + 1, len(lines)):
        if lines[number].lstrip().startswith("[") and start >= 0:
            break
        if key_re and key_re.match(lines[number]):
            return number + 1
    return start + 1 if start >= 0 else 0


def _header_lines(lines: list[str], table: str) -> list[int]:
    parts = [re.escape(p) for p in table.split(".", 1)]
    name = parts[0] + (r"\.\s*[\"']?" + parts[1] + r"[\"']?" if len(parts) > 1 else "")
    header = re.compile(rf"^\s*\[\[?\s*{name}\s*\]\]?\s*(#.*)?$")
    return [i for i, line in enumerate(lines) if header.match(line)]
