"""Risk rules: one small module per check, each ``check(ctx) -> list[Finding]``.

A rule reads the analysis :class:`~analysis.context.Context` only, cites the
inventory facts it rests on (asset, service, port, collector) and never raises
for odd data: an asset it cannot judge is simply not flagged.
"""

from __future__ import annotations

from collections.abc import Callable

from analysis.context import Context
from analysis.model import SEVERITIES, Finding
from analysis.rules import (
    backup_rpo,
    cleartext_admin,
    desktop_vm,
    disk_full,
    eol,
    long_uptime,
    no_backup,
    no_ups,
    single_internet,
    single_provider,
    snmp_default,
    ups_battery,
    virt_all,
)

Rule = Callable[[Context], list[Finding]]

RULES: tuple[Rule, ...] = (
    single_provider.check,
    single_internet.check,
    cleartext_admin.check,
    snmp_default.check,
    no_ups.check,
    eol.check,
    ups_battery.check,
    no_backup.check,
    disk_full.check,
    long_uptime.check,
    backup_rpo.check,
    virt_all.check,
    desktop_vm.check,
)


def run_rules(ctx: Context, rules: tuple[Rule, ...] = RULES) -> list[Finding]:
    """Every rule's findings, most severe first, then by id.  (Suppression by the
    site file happens in :mod:`analysis.suppress`, after every finding exists.)"""
    findings = [f for rule in rules for f in rule(ctx)]
    return sorted(findings, key=lambda f: (SEVERITIES.index(f.severity), f.id))
