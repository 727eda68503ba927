"""What a site file says, as frozen plain data (parsing lives in :mod:`analysis.site.load`).

References to assets (``"db01"``, ``"10.0.0.5"``, ``"mac-0242..."``) stay strings
here: the site file is written before and independently of any scan, so they
are resolved against an inventory only when the two meet
(:func:`analysis.site.apply.apply_site`).  Scan credentials are not part of a
site: they come from the command line, the environment or ``--config``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

DependencyKind = Literal["compute", "storage", "power", "network", "service"]
DEPENDENCY_KINDS: tuple[str, ...] = get_args(DependencyKind)


@dataclass(frozen=True)
class ProcessDecl:
    """A business process: ``needs`` are asset references, ``role:NAME`` (or a bare
    role name), ``service:NAME`` (an nmap service name such as ``postgresql``),
    ``internet`` or another process's name."""

    name: str
    needs: tuple[str, ...]
    criticality: int = 2
    description: str = ""
    #: the most data, in hours, the process may lose: a backup of a host it needs
    #: must have succeeded within this (DRS-012); None: not stated
    rpo_hours: float | None = None
    line: int = 0


@dataclass(frozen=True)
class DependencyDecl:
    """``source`` needs ``target`` (the ERP app lives on db01, the NAS on the SAN)."""

    source: str
    target: str
    kind: DependencyKind = "service"
    note: str = ""
    line: int = 0


@dataclass(frozen=True)
class PowerDecl:
    """A UPS and the devices it feeds.  A device fed by two UPSes has two power
    supplies: it keeps running when one UPS fails."""

    ups: str
    feeds: tuple[str, ...]
    line: int = 0


@dataclass(frozen=True)
class BackupDecl:
    """Where backups of ``sources`` go, and whether a copy leaves the building."""

    sources: tuple[str, ...]
    target: str
    offsite: bool = False
    line: int = 0


@dataclass(frozen=True)
class AssetOverride:
    ref: str
    name: str | None = None
    owner: str | None = None
    location: str | None = None
    tier: int | None = None
    excluded: bool = False
    line: int = 0


@dataclass(frozen=True)
class Suppression:
    """Silence a finding (``rule`` is a finding id such as ``DRS-005`` or
    ``DRS-003:sw``, or a rule name such as ``no-ups``) for a stated reason."""

    rule: str
    reason: str
    line: int = 0


@dataclass(frozen=True)
class RedundancyDecl:
    """Assets that replicate each other: any one of them keeps the work going.
    ``roles`` limits the group to those roles (empty: every role the members
    share).  The reason is required: redundancy is declared, never assumed."""

    members: tuple[str, ...]
    reason: str
    name: str = ""
    roles: tuple[str, ...] = ()
    line: int = 0


#: default number of seats whose loss of network makes a device a SPOF
DEFAULT_SEATS_THRESHOLD = 5


@dataclass(frozen=True)
class Site:
    name: str = ""
    location: str = ""
    #: who the plan is for and who wrote it (the DR plan workbook's cover)
    client: str = ""
    prepared_by: str = ""
    processes: tuple[ProcessDecl, ...] = ()
    dependencies: tuple[DependencyDecl, ...] = ()
    #: gateways (asset references) through which the office reaches the internet
    internet: tuple[str, ...] = ()
    power: tuple[PowerDecl, ...] = ()
    backups: tuple[BackupDecl, ...] = ()
    overrides: tuple[AssetOverride, ...] = ()
    suppress: tuple[Suppression, ...] = ()
    redundancy: tuple[RedundancyDecl, ...] = ()
    #: a device whose failure cuts the network for at least this many seats is a SPOF
    seats_threshold: int = DEFAULT_SEATS_THRESHOLD
    path: str = ""
