"""Every virtualization rule (DRS-V01..V07), registered as one entry in RULES."""

from __future__ import annotations

from analysis.context import Context
from analysis.model import Finding
from analysis.rules import virt_hosts, virt_storage, virt_vms


def check(ctx: Context) -> list[Finding]:
    return virt_hosts.check(ctx) + virt_storage.check(ctx) + virt_vms.check(ctx)
