"""Hyper-V collector over WinRM (pywinrm): ``pip install drscout[hyperv]``.

``collect`` = :func:`.api.fetch` through a transport (WinRM by default, recorded
text in tests) + :func:`.parse.parse` (pure).  Not yet run against a live host.
"""

from __future__ import annotations

from scanner.collectors.base import Needs
from scanner.collectors.virt.endpoints import EndpointCollector
from scanner.credentials import VirtEndpoint
from scanner.inventory.sighting import CollectorResult


def collect(endpoint: VirtEndpoint, *, insecure: bool = False,
            timeout: float = 30.0) -> CollectorResult:
    from scanner.collectors.hyperv import api, parse

    transport = api.winrm_transport(endpoint, insecure=insecure, timeout=timeout)
    result = parse.parse(api.fetch(endpoint, transport), endpoint.address)
    return _mark_tls(result, verified=not insecure)


def collector() -> EndpointCollector:
    """The registry's view: one read per configured endpoint (a Windows login)."""
    return EndpointCollector("hyperv", collect, Needs(credentials=True, extra="hyperv"))


def _mark_tls(result: CollectorResult, verified: bool) -> CollectorResult:
    sightings = [s.model_copy(update={"virtualization": s.virtualization.model_copy(
        update={"tls_verified": verified})}) if s.virtualization else s
        for s in result.sightings]
    return result.model_copy(update={"sightings": sightings})
