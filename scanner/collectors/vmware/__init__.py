"""VMware vSphere collector (vCenter or a standalone ESXi host), via pyVmomi.

``collect`` = :func:`.api.fetch` (the transport, the only place pyVmomi is
imported) + :func:`.parse.parse` (pure, runs on recorded snapshots too).
Install with ``pip install drscout[vmware]``.
"""

from __future__ import annotations

from scanner.collectors.base import Needs
from scanner.collectors.virt.common import fetch_then_parse
from scanner.collectors.virt.endpoints import EndpointCollector
from scanner.credentials import VirtEndpoint
from scanner.inventory.sighting import CollectorResult


def collect(endpoint: VirtEndpoint, *, insecure: bool = False,
            timeout: float = 30.0) -> CollectorResult:
    from scanner.collectors.vmware import api, parse

    return fetch_then_parse(endpoint, api.fetch, parse.parse, insecure=insecure,
                            timeout=timeout)


def collector() -> EndpointCollector:
    """The registry's view: one read per configured endpoint (a vCenter or ESXi login)."""
    return EndpointCollector("vmware", collect, Needs(credentials=True, extra="vmware"))
