"""Read hypervisor APIs alongside the network scan, and say which ones were missed.

:class:`EndpointCollector` is what the four hypervisor collectors share: one task per
configured endpoint of its platform (``ScanOptions.virt``), run in the orchestrator's
``endpoint`` stage concurrently with the network scan, each through the orchestrator's
guard, so a refused login or a timeout is a gap and the rest of the scan completes.
Each call runs in a daemon thread: a hypervisor that never answers cannot hold the run
open after its timeout.  Afterwards, hypervisors the network scan found by port but no
credentials covered get a "not-attempted" gap saying what would complete them.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any, Protocol, TypeVar
from urllib.parse import urlsplit

from scanner.collectors.base import Needs, Run, Stage, Task
from scanner.collectors.virt.common import fail, safe_address
from scanner.credentials import VirtEndpoint, VirtOptions, VirtPlatform
from scanner.errors import DrscoutError
from scanner.inventory.model import Gap
from scanner.inventory.sighting import CollectorResult
from scanner.options import ScanOptions

T = TypeVar("T")

#: port -> (platform, what the port says, the options that would read it)
HINTS: dict[int, tuple[str, str, str]] = {
    902: ("vmware", "VMware ESXi (902/tcp)",
          "--vcenter https://{ip} (or your vCenter) with --vcenter-user and "
          "DRSCOUT_VCENTER_PASSWORD"),
    8006: ("proxmox", "Proxmox VE (8006/tcp)",
           "--proxmox https://{ip}:8006 with --proxmox-token-id and "
           "DRSCOUT_PROXMOX_TOKEN_SECRET (or --proxmox-user and DRSCOUT_PROXMOX_PASSWORD)"),
    16509: ("libvirt", "libvirt (16509/tcp)", "--libvirt qemu+tcp://{ip}/system "
                                              "(or qemu+ssh://root@{ip}/system)"),
    16514: ("libvirt", "libvirt TLS (16514/tcp)", "--libvirt qemu+tls://{ip}/system"),
    2179: ("hyperv", "Hyper-V VM connect (2179/tcp)",
           "--hyperv {ip} with --hyperv-user and DRSCOUT_HYPERV_PASSWORD"),
}


class Collect(Protocol):
    """A hypervisor collector's blocking read of one endpoint."""

    def __call__(self, endpoint: VirtEndpoint, *, insecure: bool = False,
                 timeout: float = 30.0) -> CollectorResult: ...


@dataclass(frozen=True)
class EndpointCollector:
    """A hypervisor collector as the registry holds it: ``collect`` once per endpoint.

    It runs whenever an endpoint of its platform is configured, whatever ``--collectors``
    says: giving ``--vcenter`` is asking for the vCenter read.
    """

    name: VirtPlatform
    collect: Collect
    needs: Needs
    stages: tuple[Stage, ...] = ("endpoint",)

    def runs(self, options: ScanOptions) -> bool:
        return any(ep.platform == self.name for ep in options.virt.endpoints)

    def prepare(self, options: ScanOptions) -> list[CollectorResult]:
        return []

    async def tasks(self, run: Run) -> list[Task]:
        opts = run.options.virt
        return [Task(safe_address(ep.address), partial(collect_endpoint, self.collect, ep, opts))
                for ep in opts.endpoints if ep.platform == self.name]

    def missed(self, run: Run) -> list[Gap]:
        return uncovered(list(run.results), run.options.virt, self.name)


async def collect_endpoint(collect: Collect, endpoint: VirtEndpoint,
                           opts: VirtOptions) -> CollectorResult:
    call = partial(collect, endpoint, insecure=opts.insecure, timeout=opts.timeout)
    where = safe_address(endpoint.address)
    try:
        result: CollectorResult = await asyncio.wait_for(_daemon(call), opts.timeout + 5)
    except TimeoutError as exc:
        raise fail(f"{where} did not answer within {opts.timeout:g}s", "timeout") from exc
    except DrscoutError:
        raise
    except Exception as exc:  # re-raised scrubbed: client libraries echo what they sent
        raise fail(f"{type(exc).__name__}: {exc}", "error", opts.secrets()) from exc
    return result


def _daemon(func: Callable[[], T]) -> asyncio.Future[T]:
    """``func`` in a daemon thread; unlike ``to_thread``, a hung call cannot
    delay interpreter exit or the event loop's executor shutdown."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(value: Any, error: BaseException | None) -> None:
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(value)

    def hand_over(value: Any, error: BaseException | None) -> None:
        try:
            loop.call_soon_threadsafe(settle, value, error)
        except RuntimeError:  # the loop is closed: the scan timed this out and moved on
            return

    def run() -> None:
        try:
            value = func()
        except BaseException as exc:  # handed to the awaiting task, never swallowed
            hand_over(None, exc)
        else:
            hand_over(value, None)

    threading.Thread(target=run, name="drscout-virt", daemon=True).start()
    return future


def _covered(results: list[CollectorResult], opts: VirtOptions) -> set[str]:
    hosts = {urlsplit(ep.address if "//" in ep.address else f"x://{ep.address}").hostname
             for ep in opts.endpoints}
    seen = {ip for r in results for s in r.sightings if s.virtualization for ip in s.ips}
    return {h for h in hosts if h} | seen


def _hints(results: list[CollectorResult]) -> list[tuple[str, tuple[str, str, str]]]:
    """(ip, hint) for every hypervisor port nmap saw open."""
    return [(ip, HINTS[svc.port]) for r in results if r.collector == "nmap"
            for s in r.sightings for svc in s.services
            if svc.protocol == "tcp" and svc.port in HINTS for ip in s.ips]


def uncovered(results: list[CollectorResult], opts: VirtOptions,
              only: str | None = None) -> list[Gap]:
    """A "not-attempted" gap per hypervisor found by port that no API read covered
    (of platform ``only``, if given)."""
    covered = _covered(results, opts)
    gaps: dict[tuple[str, str], Gap] = {}
    for ip, (platform, what, how) in _hints(results):
        if ip in covered or (platform, ip) in gaps or only not in (None, platform):
            continue
        gaps[(platform, ip)] = Gap(
            target=ip, collector=platform, reason="not-attempted", at=datetime.now(UTC),
            detail=f"{what} is open but no credentials were given for it; credentials "
                   f"would complete the picture (its VMs, their storage, HA): "
                   f"{how.format(ip=ip)}")
    return list(gaps.values())
