"""The nmap collector's three entry points.

Each is blocking (the orchestrator runs it in a thread), builds its own PortScanner per
call, and reports failures as Gaps; only a missing nmap raises (MissingToolError).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import psutil

from scanner.collectors.nmap import dhcp, probes, runner
from scanner.collectors.nmap.parse import sightings_from
from scanner.collectors.nmap.profiles import (
    DHCP_TIMEOUT,
    DISCOVER_MAX_SECONDS,
    dhcp_arguments,
    discover_arguments,
    get_profile,
    hypervisor_arguments,
    tcp_arguments,
)
from scanner.collectors.nmap.runner import COLLECTOR, NmapRun
from scanner.collectors.nmap.xmlextras import run_error
from scanner.errors import UsageError
from scanner.inventory.model import Gap, Service
from scanner.inventory.sighting import CollectorResult, Sighting


def _gaps(result: NmapRun, label: str) -> list[Gap]:
    message = run_error(result.xml) if result.xml else None
    if message and not result.gaps:
        return [Gap(target=label, collector=COLLECTOR, reason="error", detail=message[:300])]
    return list(result.gaps)


def _sightings(result: NmapRun) -> list[Sighting]:
    return sightings_from(result.parsed, result.xml) if result.parsed else []


def _local_ips() -> set[str]:
    return {a.address for addrs in psutil.net_if_addrs().values() for a in addrs}


def _mark_scanner(found: list[Sighting]) -> list[Sighting]:
    """Unprivileged nmap does not say "localhost-response": match our own addresses."""
    local = _local_ips()
    return [s.model_copy(update={"is_scanner": True}) if set(s.ips) & local else s for s in found]


def discover(
    targets: Sequence[str], exclude: Sequence[str] = (), *, as_root: bool
) -> CollectorResult:
    """Host discovery only (-sn): which addresses are alive, their MACs, PTR names, vendors.

    Reverse DNS is nmap's default (resolve hosts found up), so no -R/-n is passed.
    """
    wanted = runner.safe_targets(targets)
    if not wanted:
        raise UsageError("nothing to discover: no targets given")
    skip = runner.safe_targets(exclude, "exclude")
    label = " ".join(wanted)
    result = runner.run(label, discover_arguments(skip, as_root=as_root), DISCOVER_MAX_SECONDS)
    return CollectorResult(
        collector=COLLECTOR,
        target=label,
        sightings=_mark_scanner(_sightings(result)),
        gaps=_gaps(result, label),
        tool_versions={"nmap": result.version},
    )


def _merge_udp(tcp: list[Sighting], udp: list[Sighting]) -> list[Sighting]:
    """Add a later pass's (UDP, hypervisor ports) services to the TCP pass's sighting of
    the same address; a port both passes saw is kept once."""
    extra = {s.ips[0]: s.services for s in udp if s.ips}
    merged = [
        s.model_copy(update={"services": _union(s.services, extra.pop(s.ips[0], []))})
        if s.ips else s
        for s in tcp
    ]
    return merged + [s for s in udp if s.ips and s.ips[0] in extra]


def _union(first: list[Service], more: list[Service]) -> list[Service]:
    seen = {(s.port, s.protocol) for s in first}
    return [*first, *(s for s in more if (s.port, s.protocol) not in seen)]


def scan_ports(hosts: Sequence[str], profile: str, *, as_root: bool,
               timing: probes.ServiceTiming | None = None) -> CollectorResult:
    """Port and service scan of already-discovered hosts (-Pn), per profile.

    The profile's passes (TCP with OS detection, the hypervisor ports, UDP) are separate
    nmap processes over the same hosts; they run at the same time, so a batch takes as
    long as its slowest pass, not their sum.  ``timing`` picks the -sV waits (None: the
    profile's; see ``probes``)."""
    chosen = get_profile(profile)
    wanted = runner.safe_targets(hosts)
    if not wanted:
        raise UsageError("nothing to port-scan: no hosts given")
    label = " ".join(wanted)
    passes = [tcp_arguments(chosen, as_root=as_root)]
    hv_args = hypervisor_arguments(chosen, as_root=as_root)
    passes += [hv_args] if hv_args else []
    passes += [chosen.udp_arguments] if as_root and chosen.udp_arguments else []
    versiondb = probes.versiondb_arguments(timing or chosen.service_timing)
    passes = [f"{p} {versiondb}".strip() for p in passes]
    with ThreadPoolExecutor(max_workers=len(passes)) as pool:
        tcp, *others = pool.map(lambda args: runner.run(label, args, chosen.max_seconds),
                                passes)
    gaps, found = _gaps(tcp, label), _sightings(tcp)
    for extra in others:
        gaps += _gaps(extra, label)
        found = _merge_udp(found, _sightings(extra))
    if not as_root and (chosen.udp_arguments or chosen.root_arguments):
        gaps.append(
            Gap(
                target=label,
                collector=COLLECTOR,
                reason="permission",
                detail=f"not root: profile '{chosen.name}' skipped UDP ports and OS detection",
            )
        )
    return CollectorResult(
        collector=COLLECTOR,
        target=label,
        sightings=found,
        gaps=gaps,
        tool_versions={"nmap": tcp.version},
    )


def dhcp_discover(
    interface: str | None, *, as_root: bool, timeout: float = DHCP_TIMEOUT
) -> CollectorResult:
    """Broadcast a DHCPDISCOVER (nmap's broadcast-dhcp-discover) and report who offers.

    Without ``interface`` nmap sends on every ethernet interface that is up.  Needs raw
    sockets, so when not root this returns a "permission" gap without running nmap.
    """
    label = runner.check_interface(interface) if interface else "(all interfaces)"
    # Unlike port scans, a non-root broadcast script fails silently (no offers), which
    # would read as "no DHCP server": so trust the effective uid too, not just as_root.
    if not as_root or os.geteuid() != 0:
        return CollectorResult(
            collector=COLLECTOR,
            target=label,
            gaps=[
                Gap(
                    target=label,
                    collector=COLLECTOR,
                    reason="permission",
                    detail="DHCP discovery sends raw broadcast packets: run drscout as root",
                )
            ],
            tool_versions={"nmap": runner.nmap_version()},
        )
    result = runner.run("", dhcp_arguments(interface, timeout), int(timeout) + 60)
    found = dhcp.offers(result.xml, interface or "?") if result.xml else []
    return CollectorResult(
        collector=COLLECTOR,
        target=label,
        sightings=dhcp.sightings(found),
        gaps=[g.model_copy(update={"target": label}) for g in _gaps(result, label)],
        network=dhcp.network(found),
        tool_versions={"nmap": result.version},
    )
