"""Business processes: what the people in the office actually do.

Until a site file declares processes, drscout assumes the ones every small office
has, each tied to the role that provides it.  A process only exists when some
asset provides its role: an office without a mail server has no "Email" process
to lose, and reporting it as broken would be noise.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

#: (name, needed node, criticality 1=highest..4) for the assumed processes.
DEFAULT_PROCESSES: tuple[tuple[str, str, int], ...] = (
    ("Internet access", "internet", 2),
    ("Name resolution", "role:dns", 1),
    ("Network addressing", "role:dhcp", 2),
    ("Sign-in/directory", "role:directory", 1),
    ("File shares", "role:file", 1),
    ("Line-of-business databases", "role:database", 1),
    ("Web applications", "role:web", 2),
    ("Email", "role:mail", 1),
    ("Printing", "role:printer", 3),
    ("Virtualization", "role:hypervisor", 1),
)


@dataclass(frozen=True)
class ProcessSpec:
    """A process and the graph nodes it needs (``role:<name>``, ``internet`` or
    an asset id).  ``assumed`` is False for processes a site file declares."""

    name: str
    criticality: int
    needs: tuple[str, ...]
    assumed: bool = False
    #: the site file's recovery point objective, in hours (None: not stated)
    rpo_hours: float | None = None

    @property
    def node_id(self) -> str:
        return f"process:{slugify(self.name)}"


def slugify(name: str) -> str:
    """A stable, id-safe slug ("Sign-in/directory" -> "sign-in-directory")."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "process"


def default_processes(providers: Mapping[str, Sequence[str]],
                      has_gateway: bool) -> list[ProcessSpec]:
    """The assumed processes whose role has at least one provider.

    ``providers`` maps a role name to the ids of the assets that provide it.
    """
    specs = []
    for name, need, criticality in DEFAULT_PROCESSES:
        present = has_gateway if need == "internet" else bool(
            providers.get(need.removeprefix("role:")))
        if present:
            specs.append(ProcessSpec(name, criticality, (need,), assumed=True))
    return specs
