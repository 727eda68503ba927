"""Findings a person has looked at and accepted, silenced with a stated reason.

A suppression matches a finding by id (``DRS-003:sw``), by id prefix before a
colon (``DRS-003`` silences every DRS-003 finding) or by rule name (``no-ups``).
Suppressed findings are kept, with their reason, in ``Assessment.suppressed``:
accepted risk stays on the record, it just stops failing ``--fail-on``.
"""

from __future__ import annotations

from collections.abc import Sequence

from analysis.model import Finding
from analysis.site.model import Suppression


def _matches(rule: str, finding: Finding) -> bool:
    return rule in (finding.id, finding.rule) or finding.id.startswith(rule + ":")


def apply_suppressions(findings: Sequence[Finding], rules: Sequence[Suppression]
                       ) -> tuple[list[Finding], list[Finding]]:
    """(kept, suppressed)."""
    kept: list[Finding] = []
    silenced: list[Finding] = []
    for finding in findings:
        rule = next((r for r in rules if _matches(r.rule, finding)), None)
        if rule is None:
            kept.append(finding)
        else:
            silenced.append(finding.model_copy(update={"suppressed_reason": rule.reason}))
    return kept, silenced
