"""Why each "(assumed)" process is there, in words the owner can check.

Until a site file declares the office's business processes, drscout assumes the
ones every small office has, one per role it found a provider for (an office with
a file server shares files).  The glossary names, per assumed process, the role,
the devices that provide it and the evidence that they do, taken from the
dependency graph's role edges (the same edges the analysis used).
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.model import Assessment
from analysis.processes import DEFAULT_PROCESSES
from reports.plain import namer

#: providers' evidence lines quoted per process before "and N more"
EVIDENCE_SHOWN = 3
#: what the process needs -> why it is assumed, in words
_WHY = {"internet": "a gateway to the internet was found"}

INTRO = ("\"(assumed)\" marks a business process nobody declared: drscout assumes one for "
         "each kind of service it found a provider for, because an office that has a file "
         "server shares files, an office with a gateway uses the internet, and so on. Its "
         "criticality is a default. Declare the office's real processes, with their own "
         "criticality, in the site file ([[process]], see the README) and the assumed ones "
         "disappear.")


@dataclass(frozen=True)
class GlossaryEntry:
    process: str
    criticality: int
    why: str
    evidence: list[str]
    more: int


def assumed_glossary(assessment: Assessment) -> list[GlossaryEntry]:
    """One entry per assumed process, in the report's process order."""
    need_of = {name: need for name, need, _ in DEFAULT_PROCESSES}
    role_edges: dict[str, list[str]] = {}
    for edge in assessment.graph.edges:
        if edge.source.startswith("role:") and edge.evidence:
            role_edges.setdefault(edge.source, []).append(edge.evidence)
    plain = namer(assessment)
    out = []
    for process in assessment.processes:
        if not process.assumed:
            continue
        need = need_of.get(process.name, "")
        node = "role:gateway" if need == "internet" else need
        lines = [plain(e) for e in role_edges.get(node, [])]
        role = need.removeprefix("role:")
        why = _WHY.get(need, f"a device provides the {role} role" if role else
                       "drscout assumes it for every office")
        out.append(GlossaryEntry(process.name, process.criticality, why,
                                 lines[:EVIDENCE_SHOWN], max(0, len(lines) - EVIDENCE_SHOWN)))
    return out
