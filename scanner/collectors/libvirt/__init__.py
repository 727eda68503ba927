"""libvirt/KVM collector (``qemu+ssh://``, ``qemu+tcp://``, ``test+tcp://`` ...).

``collect`` = :func:`.api.fetch` (the only place libvirt-python is imported) +
:func:`.parse.parse` (pure).  Install with ``pip install drscout[libvirt]``.
"""

from __future__ import annotations

from scanner.collectors.base import Needs
from scanner.collectors.virt.common import safe_address
from scanner.collectors.virt.endpoints import EndpointCollector
from scanner.credentials import VirtEndpoint
from scanner.inventory.sighting import CollectorResult


def collect(endpoint: VirtEndpoint, *, insecure: bool = False,
            timeout: float = 30.0) -> CollectorResult:
    """``insecure`` has no meaning here: libvirt's TLS trust comes from its pki files."""
    from scanner.collectors.libvirt import api, parse

    return parse.parse(api.fetch(endpoint, timeout=timeout), safe_address(endpoint.address))


def collector() -> EndpointCollector:
    """The registry's view: one read per configured endpoint (ssh keys or a SASL
    login, often none given to drscout)."""
    return EndpointCollector("libvirt", collect, Needs(extra="libvirt"))
