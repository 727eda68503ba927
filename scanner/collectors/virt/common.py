"""What every hypervisor collector shares: sightings of hosts and VMs, the links
between them, and errors that never carry a secret.

Each collector (``scanner.collectors.{vmware,libvirt,proxmox,hyperv}``) splits
into a transport that reads the API into plain JSON-able data (recordable as a
fixture) and a parser that turns that data into sightings with these helpers,
so parsing runs the same on live and recorded data.
"""

from __future__ import annotations

import ipaddress
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from scanner.collectors.base import scrub
from scanner.credentials import VirtEndpoint
from scanner.errors import CollectorError
from scanner.inventory.identity import (
    IdentityKey,
    ip_key,
    is_usable_mac,
    key_list,
    mac_key,
    name_key,
    norm_mac,
)
from scanner.inventory.model import Datastore, GapReason, Hardware, VirtInfo
from scanner.inventory.sighting import CollectorResult, LinkHint, RoleHint, Sighting


def safe_address(address: str) -> str:
    """A URL or URI without any password in its user part."""
    parts = urlsplit(address)
    if parts.password is None:
        return address
    host = parts.hostname or ""
    netloc = f"{parts.username}@{host}" if parts.username else host
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))


def fetch_then_parse(endpoint: VirtEndpoint, fetch: Callable[..., Any],
                     parse: Callable[..., CollectorResult], *, insecure: bool,
                     timeout: float) -> CollectorResult:
    """A snapshot API's read (vSphere, Proxmox): fetch with the endpoint's login, then
    parse under its address without any password, noting whether TLS was verified."""
    snapshot = fetch(endpoint, insecure=insecure, timeout=timeout)
    return parse(snapshot, safe_address(endpoint.address), tls_verified=not insecure)


def fail(message: str, reason: GapReason, secrets: Iterable[str] = ()) -> CollectorError:
    """A collector error (a gap) whose text has every secret removed."""
    return CollectorError(scrub(message, secrets)[:500], reason)


def missing_extra(extra: str, module: str) -> CollectorError:
    return CollectorError(f"the Python package {module} is not installed: "
                          f"pip install drscout[{extra}]", "missing-dependency")


def usable_ips(ips: Iterable[str]) -> list[str]:
    """Addresses that identify a device: no loopback, link-local or unspecified ones."""
    out = []
    for text in ips:
        try:
            ip = ipaddress.ip_address(str(text).split("%")[0].split("/")[0])
        except ValueError:
            continue
        if not (ip.is_loopback or ip.is_link_local or ip.is_unspecified or ip.is_multicast):
            out.append(str(ip))
    return list(dict.fromkeys(out))


def macs_of(values: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(m for m in (norm_mac(v) for v in values) if m and is_usable_mac(m)))


def unshared_macs(per_host: Sequence[list[str]]) -> list[list[str]]:
    """A MAC (or address) that several hosts claim identifies none of them
    (simulators, cloned hosts and NAT networks do this); it is dropped so the
    hosts are not merged."""
    counts = Counter(m for macs in per_host for m in set(macs))
    return [[m for m in macs if counts[m] == 1] for macs in per_host]


def host_sighting(collector: str, name: str, virt: VirtInfo, *, ips: Sequence[str] = (),
                  macs: Sequence[str] = (), vendor: str | None = None,
                  model: str | None = None, serial: str | None = None,
                  os: str | None = None, os_version: str | None = None,
                  hardware: Hardware | None = None) -> Sighting:
    evidence = f"{virt.platform} API {virt.endpoint}: hypervisor host"
    return Sighting(collector=collector, name=name, hostnames=[name], type="hypervisor",
                    ips=usable_ips(ips), macs=macs_of(macs), vendor=vendor, model=model,
                    serial=serial, os=os, os_version=os_version, hardware=hardware,
                    role_hints=[RoleHint(role="hypervisor", confidence=1.0, evidence=evidence)],
                    virtualization=virt)


def vm_sighting(collector: str, name: str, virt: VirtInfo, *, ips: Sequence[str] = (),
                macs: Sequence[str] = (), hostnames: Sequence[str] = ()) -> Sighting:
    return Sighting(collector=collector, name=name, type="vm", ips=usable_ips(ips),
                    macs=macs_of(macs), hostnames=[h for h in hostnames if h],
                    os=virt.guest_os, virtualization=virt)


def key_of(s: Sighting) -> tuple[IdentityKey, ...]:
    """Resolver key alternatives for a sighting: MAC, then IP, then name."""
    return key_list(*map(mac_key, s.macs), *map(ip_key, s.ips), name_key(s.name))


def placement_links(collector: str, vm: Sighting, host: Sighting | None,
                    datastores: dict[str, Datastore]) -> list[LinkHint]:
    """``runs_on`` VM -> host; ``storage`` VM -> host for disks on the host's own
    storage, VM -> storage device for shared storage whose device is known."""
    virt = vm.virtualization
    if virt is None:
        return []
    links: list[LinkHint] = []
    where = f"{virt.platform} API {virt.endpoint}"
    if host is not None:
        links.append(LinkHint(source_keys=key_of(vm), target_keys=key_of(host), kind="runs_on",
                              collector=collector, evidence=f"{where}: {vm.name} runs on "
                                                            f"{host.name}"))
    for disk in virt.disks:
        ds = datastores.get(disk.datastore or "")
        if ds is None:
            continue
        if not ds.shared and host is not None:
            links.append(LinkHint(source_keys=key_of(vm), target_keys=key_of(host),
                                  kind="storage", collector=collector,
                                  evidence=f"{where}: disk {disk.label or disk.path} on local "
                                           f"storage {ds.name} of {host.name}"))
        elif ds.shared and ds.backing:
            links.append(LinkHint(source_keys=key_of(vm),
                                  target_keys=key_list(ip_key(ds.backing), name_key(ds.backing)),
                                  kind="storage", collector=collector,
                                  evidence=f"{where}: disk {disk.label or disk.path} on shared "
                                           f"storage {ds.name} held by {ds.backing}"))
    first: dict[tuple[str, tuple[IdentityKey, ...]], LinkHint] = {}
    for link in links:
        first.setdefault((link.kind, link.target_keys), link)
    return list(first.values())
