"""The Assessment: what analysis concludes from an Inventory.

Renderers in ``reports/`` take an Assessment and nothing else, so it carries the
inventory it was computed from and a plain-data copy of the dependency graph
(nodes and edges), never a live NetworkX object.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from analysis.site.people import People
from scanner.inventory.model import Inventory

ASSESSMENT_VERSION = "1.0"

Severity = Literal["critical", "high", "medium", "low", "info"]
#: every severity, worst first: the one list the rules, renderers and CLI choices share
SEVERITIES: tuple[str, ...] = get_args(Severity)


def at_or_above(severity: str, threshold: str) -> bool:
    """``severity`` is ``threshold`` or worse (``--fail-on``, ``--fail-on-new``)."""
    return SEVERITIES.index(severity) <= SEVERITIES.index(threshold)
EdgeKind = Literal["power", "network", "compute", "storage", "service", "process"]
NodeKind = Literal["asset", "users", "internet", "process", "role", "anyof", "segment",
                   "datastore"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class GraphNode(_Frozen):
    id: str
    label: str
    kind: NodeKind
    #: for "anyof" and "role" nodes: alive when any one need is alive
    any_of: bool = False
    asset_type: str | None = None
    criticality: int = 0
    #: immediate dominator in the supply-rooted dominator tree, set only where that
    #: tree is exact (see analysis.dominators); kill sets are the source of truth
    dominator: str | None = None


class GraphEdge(_Frozen):
    """``source`` needs ``target``."""

    source: str
    target: str
    kind: EdgeKind
    evidence: str = ""
    confidence: float = 1.0


class DependencyGraph(_Frozen):
    nodes: list[GraphNode] = Field(default_factory=list)
    edges: list[GraphEdge] = Field(default_factory=list)


class Impact(_Frozen):
    """What stops when one thing fails, as the three numbers a DR consultant
    quotes.  Computed once, by :func:`analysis.impact.measure`; every report
    shows these numbers (and :meth:`text`) and never counts anything itself."""

    #: business processes stopped
    processes: int = 0
    #: workloads stopped: servers, VMs, NAS, appliances people use (itself excluded)
    workloads: int = 0
    #: seats cut off: workstations, phones, printers (itself excluded)
    seats: int = 0
    #: all seats in the inventory, for the share
    seats_total: int = 0

    @property
    def seat_share(self) -> float:
        return self.seats / self.seats_total if self.seats_total else 0.0

    def seats_text(self) -> str:
        if not self.seats_total:
            return f"{self.seats} seats"
        return f"{self.seats} of {self.seats_total} seats ({self.seat_share:.1%})"

    def text(self) -> str:
        """``2 processes, 10 workloads, 40 of 9500 seats (0.4%)``: the one wording."""
        return (f"{self.processes} process{'es' if self.processes != 1 else ''}, "
                f"{self.workloads} workload{'s' if self.workloads != 1 else ''}, "
                f"{self.seats_text()}")


class Spof(_Frozen):
    id: str
    kind: Literal["asset", "link", "role", "datastore"]
    asset_ids: list[str]
    label: str
    reason: str
    #: ids of assets and virtual nodes (processes, ``internet``) that stop with it
    blast_radius: list[str] = Field(default_factory=list)
    blast_weight: int = 0
    processes: list[str] = Field(default_factory=list)
    evidence: list[str] = Field(default_factory=list)
    impact: Impact = Field(default_factory=Impact)
    #: ids of the workloads and seats counted in ``impact`` (names come from the inventory)
    workloads: list[str] = Field(default_factory=list)
    seats: list[str] = Field(default_factory=list)


Effort = Literal["minutes", "hours", "days"]
#: effort bands, smallest first
EFFORTS: tuple[Effort, ...] = get_args(Effort)
Cost = Literal["none", "low", "high"]


class Finding(_Frozen):
    """One problem, listing every asset it is found on (a default SNMP community on
    four devices is one finding with four asset ids and evidence for each)."""

    id: str
    rule: str
    title: str
    severity: Severity
    asset_ids: list[str] = Field(default_factory=list)
    evidence: list[str] = Field(default_factory=list)
    recommendation: str
    reference: str = ""
    #: the work to fix it: minutes (a setting), hours (an install), days (a project);
    #: required, so that no rule can forget it
    effort: Effort
    #: what the fix costs to buy: none (configuration), low (a part, a licence), high
    #: (hardware, a second line, a support contract)
    cost: Cost
    #: why, in words, where the bands depend on the case
    effort_cost_reason: str = ""
    #: why the site file silences it (the finding then sits in Assessment.suppressed)
    suppressed_reason: str = ""


class Priority(_Frozen):
    asset_id: str
    name: str
    suggested_tier: int = Field(ge=1, le=4)
    tier_reason: str
    depends_on: list[str] = Field(default_factory=list)
    spofs_on_path: list[str] = Field(default_factory=list)
    blast_radius: int = 0
    recovery_wave: int = 0
    recovery_order: int = 0
    #: blast radius weighted by the criticality of the processes it stops
    blast_weight: int = 0
    #: suggestions for a person to confirm, from the suggested tier
    suggested_rto: str = ""
    suggested_rpo: str = ""
    #: the tier the site file sets, which wins over the suggestion
    site_tier: int | None = None
    #: recovery category: power, network, storage, hypervisor, directory/dns,
    #: database, application, workstation
    category: str = ""
    #: what stops with it (the same numbers its SPOF entry shows)
    impact: Impact = Field(default_factory=Impact)


class ProcessStatus(_Frozen):
    """A business process (declared, or one drscout assumes for any office)."""

    id: str
    name: str
    criticality: int
    needs: list[str] = Field(default_factory=list)
    spofs: list[str] = Field(default_factory=list)
    assumed: bool = True
    description: str = ""
    #: minimal pairs of assets whose joint failure stops it (neither alone does)
    shared_fate: list[list[str]] = Field(default_factory=list)
    #: the site file's rpo_hours for it (None: not stated)
    rpo_hours: float | None = None


class SeparateRole(_Frozen):
    """Assets sharing a role that no evidence or declaration makes replicas:
    each is its own workload.  The gap report says how to declare them."""

    role: str
    asset_ids: list[str]


class ReplicaGroup(_Frozen):
    """Assets any one of which does the work of the others, and why we believe it."""

    id: str
    label: str
    asset_ids: list[str]
    roles: list[str] = Field(default_factory=list)
    evidence: str = ""
    declared: bool = False


class Assessment(_Frozen):
    assessment_version: str = ASSESSMENT_VERSION
    inventory: Inventory
    graph: DependencyGraph = Field(default_factory=DependencyGraph)
    processes: list[ProcessStatus] = Field(default_factory=list)
    spofs: list[Spof] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    priorities: list[Priority] = Field(default_factory=list)
    #: recovery waves, each a list of asset ids that can be restored in parallel
    recovery_waves: list[list[str]] = Field(default_factory=list)
    site_name: str = ""
    site_location: str = ""
    #: the site file's client and author, for the DR plan workbook's cover
    site_client: str = ""
    site_prepared_by: str = ""
    #: findings the site file silences, each with its suppressed_reason
    suppressed: list[Finding] = Field(default_factory=list)
    #: evidenced or declared replica groups, and same-role assets assumed separate
    replica_groups: list[ReplicaGroup] = Field(default_factory=list)
    assumed_separate: list[SeparateRole] = Field(default_factory=list)
    #: devices cutting the network for at least this many seats are SPOFs
    seats_threshold: int = 5
    #: what people wrote in the worksheet, per asset (evidence of another kind than a
    #: scan: never merged into the inventory; see analysis.site.people)
    people: People = Field(default_factory=People)
