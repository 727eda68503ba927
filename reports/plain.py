"""Plain words for the gap report: names instead of ids, confidences as words.

Analysis writes evidence for the record (``physical link mac-027700000002:p-gw -
mac-027700000001:lan0``, ``0.8``); an owner reading the report knows "sw.office.lan
port p-gw" and "high confidence".  The ids stay in the report's id columns and
in the JSON and CSV files, so nothing is lost: this only rewrites prose.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from analysis.model import Assessment
from reports.rows import names
from scanner.inventory.model import Asset, Fact

#: how drscout forms asset ids (scanner.inventory.identity.asset_id), optionally with
#: ``:port`` as link evidence writes it; only ids the assessment knows are replaced
_ID = re.compile(r"\b(?:mac|serial|chassis|host|ip)-[A-Za-z0-9._-]*[A-Za-z0-9_]"
                 r"(?::(?P<port>[A-Za-z0-9._/-]*[A-Za-z0-9_/]))?")
_EVIDENCE_LIMIT = 120
#: identity notes identity resolution leaves on an asset (as in reports.rows.source_text)
_IDENTITY_NOTES = {"identity_conflict": "kept apart from", "shared_address": "shared address"}

#: effort band -> what it means for the owner's budget of time
EFFORT_WORDS = {"minutes": "minutes", "hours": "hours", "days": "days"}
#: cost band -> what has to be bought, in two words
COST_WORDS = {"none": "no purchase", "low": "low cost", "high": "a purchase"}
#: the bands explained once, under the owner's list of actions
BANDS_LEGEND = ("Effort: minutes (a setting), hours (an install or a test), days (a small "
                "project). Cost: low cost is a part, a licence or a service; a purchase is "
                "hardware, a second line or a support contract.")


def confidence_word(confidence: float) -> str:
    """``high``, ``medium`` or ``low``: the band an inferred value falls in."""
    if confidence >= 0.8:
        return "high"
    return "medium" if confidence >= 0.5 else "low"


#: the last (assessment, id -> name table): one report asks for it from several places,
#: and at 100k assets each build is a noticeable fraction of a second
_LAST: list[tuple[Assessment, dict[str, str]]] = []


def name_table(assessment: Assessment) -> dict[str, str]:
    """:func:`reports.rows.names` of ``assessment``, built once per assessment object."""
    if _LAST and _LAST[0][0] is assessment:
        return _LAST[0][1]
    table = names(assessment)
    _LAST[:] = [(assessment, table)]
    return table


def namer(assessment: Assessment) -> Callable[[str], str]:
    """A function that replaces every known asset id in a text with the asset's name
    (``id:port`` becomes ``name port port``); unknown id-shaped words stay."""
    table = name_table(assessment)

    def one(match: re.Match[str]) -> str:
        whole, port = match.group(0), match.group("port")
        asset_id = whole[: -len(port) - 1] if port else whole
        name = table.get(asset_id)
        if name is None:
            return whole
        return f"{name} port {port}" if port else name

    def rewrite(text: str) -> str:
        return _ID.sub(one, text) if "-" in text else text

    return rewrite


def fact_words(fact: Fact) -> str:
    """``type from snmp (medium confidence: bridge with 3 ports)``."""
    evidence = fact.evidence[:_EVIDENCE_LIMIT]
    return f"{fact.field} from {fact.collector} ({confidence_word(fact.confidence)} " \
           f"confidence: {evidence})"


def source_words(asset: Asset) -> str:
    """Which collectors saw the asset and how each inferred value was inferred, in words
    (the worksheet keeps the decimals in :func:`reports.rows.source_text`)."""
    inferred = [fact_words(f) for f in asset.provenance if f.confidence < 1.0]
    notes = [f"{_IDENTITY_NOTES[f.field]} {f.value} ({f.evidence[:_EVIDENCE_LIMIT]})"
             for f in asset.provenance if f.field in _IDENTITY_NOTES]
    return "; ".join([", ".join(asset.sources), *inferred, *notes])
