"""Shared escaping for every renderer: device strings are hostile.

A switch's sysDescr, a printer's hostname or a hand-edited inventory can carry
HTML, spreadsheet formulas, control characters, lone surrogates (bytes decoded
with ``surrogateescape``) or megabytes of text.  Each output format needs a
different subset of defences; keeping them in one module means a fix reaches
every format at once.  HTML escaping itself is jinja2's job (autoescape on).
"""

from __future__ import annotations

import re
from typing import Any

#: C0 controls except TAB/LF/CR, DEL, C1 controls, and the XML non-characters.
#: These are illegal in XML 1.0 (xlsx, GraphML) and useless in reports.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
#: OWASP "CSV injection": a cell starting with one of these may be evaluated.
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
#: Excel refuses cells longer than 32767 characters; keep well below.
CELL_LIMIT = 32_000
TRUNCATION_MARKER = "… [truncated {n} characters]"


def replace_surrogates(text: str) -> str:
    """Lone surrogates cannot be encoded as UTF-8; show them as U+FFFD."""
    return _SURROGATE_RE.sub("\ufffd", text)


def strip_controls(text: str) -> str:
    """Remove NUL and control characters (TAB, LF and CR survive)."""
    return _CONTROL_RE.sub("", text)


def truncate(text: str, limit: int) -> str:
    """Cut ``text`` to ``limit`` characters, saying how much was dropped."""
    if len(text) <= limit:
        return text
    return text[:limit] + TRUNCATION_MARKER.format(n=len(text) - limit)


def clean_text(value: object, limit: int = CELL_LIMIT) -> str:
    """Any value as safe plain text: no surrogates, no controls, bounded length."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return truncate(strip_controls(replace_surrogates(text)), limit)


def neutralize_formula(text: str) -> str:
    """Prefix a quote so spreadsheets show the text instead of evaluating it.

    Leading spaces are ignored when checking, since some spreadsheet programs
    strip them before deciding whether a cell is a formula.
    """
    if text.lstrip(" ").startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def cell_text(value: object, limit: int = CELL_LIMIT) -> str:
    """A value fit for a spreadsheet or CSV cell."""
    return neutralize_formula(clean_text(value, limit))


_MD_SPECIAL_RE = re.compile(r"([\\`*_\[\]|~])")


def md_text(value: object, limit: int = 2_000) -> str:
    """A value fit for one Markdown table cell.

    HTML is entity-escaped (Markdown renderers pass raw HTML through), Markdown
    punctuation that could start a link, emphasis or code span is backslash
    escaped, pipes cannot end the cell and newlines become ``<br>``.
    """
    text = clean_text(value, limit)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL_RE.sub(r"\\\1", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return text.replace("\n", "<br>")


def deep_replace_surrogates(data: Any) -> Any:
    """Apply :func:`replace_surrogates` to every string in nested JSON data."""
    if isinstance(data, str):
        return replace_surrogates(data)
    if isinstance(data, dict):
        return {deep_replace_surrogates(k): deep_replace_surrogates(v) for k, v in data.items()}
    if isinstance(data, list):
        return [deep_replace_surrogates(v) for v in data]
    return data
