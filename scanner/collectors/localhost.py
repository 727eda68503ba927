"""The local-host collector: what the scanning machine itself knows.

The scanning laptop is the one device we can read without asking the network:
its interfaces give the subnets to scan, its default route names the gateway, its
resolver config names the DNS servers, and its ARP cache gives MACs for hosts
nmap may not reach.  The laptop itself is recorded (``is_scanner``) so analysis
can leave it out of the office's dependencies.
"""

from __future__ import annotations

import asyncio
import ipaddress
import platform
import socket
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Literal

import psutil

from scanner.collectors.base import Defaults, Needs, Run, Stage, Task
from scanner.inventory.model import (
    Disk,
    Hardware,
    Interface,
    NetworkContext,
    Route,
    Service,
)
from scanner.inventory.sighting import CollectorResult, RoleHint, Sighting

COLLECTOR = "localhost"
_SKIP_FS = {"tmpfs", "devtmpfs", "squashfs", "overlay", "proc", "sysfs", "cgroup2", "nsfs"}


def parse_proc_route(text: str) -> list[Route]:
    """Default routes from ``/proc/net/route`` (little-endian hex addresses)."""
    routes: list[Route] = []
    for line in text.splitlines()[1:]:
        cols = line.split()
        if len(cols) < 8 or cols[1] != "00000000" or cols[7] != "00000000":
            continue
        gateway = socket.inet_ntoa(int(cols[2], 16).to_bytes(4, "little"))
        routes.append(Route(destination="0.0.0.0/0", gateway=gateway, interface=cols[0],
                            collector=COLLECTOR))
    return routes


def parse_resolv_conf(text: str) -> tuple[list[str], list[str]]:
    """Name servers and search domains from resolv.conf text."""
    servers: list[str] = []
    search: list[str] = []
    for line in text.splitlines():
        cols = line.split("#", 1)[0].split()
        if len(cols) >= 2 and cols[0] == "nameserver":
            servers.append(cols[1])
        elif cols and cols[0] in ("search", "domain"):
            search.extend(cols[1:])
    return servers, search


def parse_proc_arp(text: str) -> dict[str, str]:
    """IP -> MAC from ``/proc/net/arp``, complete entries only."""
    table: dict[str, str] = {}
    for line in text.splitlines()[1:]:
        cols = line.split()
        if len(cols) >= 4 and cols[2] != "0x0" and cols[3] != "00:00:00:00:00:00":
            table[cols[0]] = cols[3].lower()
    return table


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _interfaces() -> tuple[list[Interface], list[str]]:
    """Interfaces with their MACs and IPv4 addresses, and the subnets they sit on."""
    stats = psutil.net_if_stats()
    interfaces: list[Interface] = []
    subnets: list[str] = []
    for name, addrs in sorted(psutil.net_if_addrs().items()):
        mac = next((a.address.lower() for a in addrs if a.family == psutil.AF_LINK), None)
        ips: list[str] = []
        for addr in addrs:
            if addr.family != socket.AF_INET or not addr.netmask:
                continue
            iface = ipaddress.IPv4Interface(f"{addr.address}/{addr.netmask}")
            if iface.ip.is_loopback:
                continue
            ips.append(str(iface.ip))
            subnets.append(str(iface.network))
        st = stats.get(name)
        interfaces.append(Interface(
            name=name,
            mac=mac if mac and mac != "00:00:00:00:00:00" else None,
            ips=ips,
            speed_bps=st.speed * 1_000_000 if st and st.speed else None,
            mtu=st.mtu if st else None,
            oper_status="up" if st and st.isup else "down",
        ))
    return interfaces, sorted(set(subnets))


def _listening() -> list[Service]:
    """Sockets this machine listens on (TCP listen, bound UDP), with process names."""
    found: dict[tuple[int, str], Service] = {}
    for conn in psutil.net_connections(kind="inet"):
        proto: Literal["tcp", "udp"] = "tcp" if conn.type == socket.SOCK_STREAM else "udp"
        if (proto == "tcp" and conn.status != psutil.CONN_LISTEN) or not conn.laddr:
            continue
        if proto == "udp" and conn.raddr:
            continue
        if ipaddress.ip_address(conn.laddr.ip).is_loopback:
            continue
        found.setdefault((conn.laddr.port, proto), Service(
            port=conn.laddr.port, protocol=proto, name=_process_name(conn.pid),
            collector=COLLECTOR))
    return sorted(found.values(), key=lambda s: (s.protocol, s.port))


def _process_name(pid: int | None) -> str:
    if pid is None:
        return ""
    try:
        return psutil.Process(pid).name()
    except psutil.Error:
        return ""


def _hardware() -> Hardware:
    disks = []
    for part in psutil.disk_partitions(all=False):
        if part.fstype in _SKIP_FS:
            continue
        try:
            usage = psutil.disk_usage(part.mountpoint)
        except OSError:
            continue
        disks.append(Disk(mount=part.mountpoint, total_bytes=usage.total,
                          used_bytes=usage.used, fstype=part.fstype))
    return Hardware(
        cpu_count=psutil.cpu_count(),
        memory_bytes=psutil.virtual_memory().total,
        disks=disks,
        uptime_seconds=int(time.time() - psutil.boot_time()),
    )


def _gateway_sightings(routes: list[Route], arp: dict[str, str]) -> list[Sighting]:
    sightings = []
    for route in routes:
        if not route.gateway:
            continue
        mac = arp.get(route.gateway)
        sightings.append(Sighting(
            collector=COLLECTOR, ips=[route.gateway], macs=[mac] if mac else [],
            role_hints=[RoleHint(role="gateway",
                                 evidence=f"default route of the scanning host via "
                                          f"{route.gateway} on {route.interface}")],
        ))
    return sightings


def collect() -> CollectorResult:
    """Read this machine; never touches the network."""
    interfaces, subnets = _interfaces()
    routes = parse_proc_route(_read("/proc/net/route"))
    dns, search = parse_resolv_conf(_read("/etc/resolv.conf"))
    arp = parse_proc_arp(_read("/proc/net/arp"))
    me = Sighting(
        collector=COLLECTOR,
        ips=[ip for i in interfaces for ip in i.ips],
        macs=sorted({i.mac for i in interfaces if i.mac}),
        name=socket.gethostname(),
        hostnames=[socket.gethostname()],
        type="workstation",
        os=platform.system(),
        os_version=platform.release(),
        services=_listening(),
        interfaces=interfaces,
        hardware=_hardware(),
        is_scanner=True,
        role_hints=[RoleHint(role="scanner", evidence="the machine drscout ran on")],
    )
    gateways = {r.gateway for r in routes}
    neighbours = [Sighting(collector=COLLECTOR, ips=[ip], macs=[mac])
                  for ip, mac in sorted(arp.items()) if ip not in gateways]
    return CollectorResult(
        collector=COLLECTOR, target="localhost",
        sightings=[me, *_gateway_sightings(routes, arp), *neighbours],
        network=NetworkContext(default_gateways=routes, dns_servers=dns, subnets=subnets,
                               dns_search=search),
        tool_versions={"psutil": psutil.__version__},
    )

NEEDS = Needs()


@dataclass(frozen=True)
class LocalhostCollector(Defaults):
    """The registry's view of this module: one read of this machine, in a thread."""

    name: str = COLLECTOR
    stages: tuple[Stage, ...] = ("local",)
    needs: Needs = NEEDS

    async def tasks(self, run: Run) -> list[Task]:
        return [Task("localhost", partial(asyncio.to_thread, collect))]

