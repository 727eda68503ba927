"""Proxmox VE collector (a cluster or a single node), via proxmoxer.

``collect`` = :func:`.api.fetch` (the only place proxmoxer is imported) +
:func:`.parse.parse` (pure).  Install with ``pip install drscout[proxmox]``.
"""

from __future__ import annotations

from scanner.collectors.base import Needs
from scanner.collectors.virt.common import fetch_then_parse
from scanner.collectors.virt.endpoints import EndpointCollector
from scanner.credentials import VirtEndpoint
from scanner.inventory.sighting import CollectorResult


def collect(endpoint: VirtEndpoint, *, insecure: bool = False,
            timeout: float = 30.0) -> CollectorResult:
    from scanner.collectors.proxmox import api, parse

    return fetch_then_parse(endpoint, api.fetch, parse.parse, insecure=insecure,
                            timeout=timeout)


def collector() -> EndpointCollector:
    """The registry's view: one read per configured endpoint (a password or an API token)."""
    return EndpointCollector("proxmox", collect, Needs(credentials=True, extra="proxmox"))
