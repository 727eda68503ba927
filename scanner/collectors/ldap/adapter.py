"""The directory collector as the registry holds it (:class:`~scanner.collectors.base.Collector`):
one task in the ``endpoint`` stage (see :mod:`.scan`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from scanner.collectors.base import Needs, Run, Stage, Task
from scanner.collectors.ldap import target_label
from scanner.collectors.ldap.scan import read, unread_dcs
from scanner.inventory.model import Gap
from scanner.inventory.network import merge_network
from scanner.inventory.sighting import CollectorResult
from scanner.options import ScanOptions

NEEDS = Needs(credentials=True, extra="ldap")


@dataclass(frozen=True)
class LdapCollector:
    """Runs when ``--ldap`` or ``--ldap-user`` (or the config's ``[ldap]``) is given."""

    name: str = "ldap"
    stages: tuple[Stage, ...] = ("endpoint",)
    needs: Needs = NEEDS

    def runs(self, options: ScanOptions) -> bool:
        return options.ldap.wanted

    def prepare(self, options: ScanOptions) -> list[CollectorResult]:
        return []

    async def tasks(self, run: Run) -> list[Task]:
        opts = run.options.ldap
        network = merge_network(r.network for r in run.results)
        return [Task(target_label(opts), partial(read, opts, network, run.scope))]

    def missed(self, run: Run) -> list[Gap]:
        return [] if run.options.ldap.wanted else unread_dcs(run.results)


def collector() -> LdapCollector:
    return LdapCollector()
