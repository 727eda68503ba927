"""The registry's view of WinRM: a per-host collector, on by ``--winrm-user``.

Which hosts: every ``--winrm-host``, plus (unless ``--winrm-only``) every live host of
the scan whose 5986/tcp or 5985/tcp accepts a connection (checked here with one TCP
connect, as for SSH): a host without WinRM is left alone, no gap.  A host that accepts
and then fails (login refused, silence, garbage) is a gap.  pywinrm is synchronous, so
each read runs in a worker thread.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from functools import partial

from scanner.collectors.base import Needs, Run, Stage, Task
from scanner.collectors.ssh.adapter import accepts
from scanner.collectors.winrm import NAME, api, parse
from scanner.collectors.winrm.options import PORTS, WinrmOptions
from scanner.errors import CollectorError, MissingToolError
from scanner.inventory.model import Gap
from scanner.inventory.sighting import CollectorResult
from scanner.options import ScanOptions

PROBES = 64
NEEDS = Needs(credentials=True, extra="winrm")


@dataclass(frozen=True)
class WinrmCollector:
    name: str = NAME
    stages: tuple[Stage, ...] = ("per-host",)
    needs: Needs = NEEDS
    #: opens the transport to one host (tests give recorded answers here)
    connect: api.Connect = api.winrm_transport

    def runs(self, options: ScanOptions) -> bool:
        return options.winrm.enabled and options.wants(self.name)

    def prepare(self, options: ScanOptions) -> list[CollectorResult]:
        if self.connect is not api.winrm_transport:
            return []
        try:
            import winrm
        except ImportError:
            raise MissingToolError("--winrm-user: pywinrm is not installed "
                                   "(pip install drscout[winrm])") from None
        version = getattr(winrm, "__version__", "") or "installed"
        return [CollectorResult(collector=NAME, target="version",
                                tool_versions={"pywinrm": str(version)})]

    async def tasks(self, run: Run) -> list[Task]:
        opts = run.options.winrm
        named = list(dict.fromkeys(opts.hosts))
        found = [h for h in run.hosts if h not in named] if opts.discovered else []
        logins, probes = asyncio.Semaphore(opts.parallel), asyncio.Semaphore(PROBES)
        return [Task(h, partial(self._read, h, opts, logins, probes, h in named))
                for h in [*named, *found]]

    def missed(self, run: Run) -> list[Gap]:
        return []

    async def _read(self, host: str, opts: WinrmOptions, logins: asyncio.Semaphore,
                    probes: asyncio.Semaphore, named: bool) -> CollectorResult:
        port = await _open_port(host, probes)
        if port is None and not named:
            return CollectorResult(collector=NAME, target=host)
        async with logins:
            try:
                return await asyncio.wait_for(asyncio.to_thread(
                    self._collect, host, port or PORTS[0], opts), opts.timeout + 30)
            except TimeoutError:
                raise CollectorError(f"{host}: no answer over WinRM in "
                                     f"{opts.timeout + 30:.0f} s", "timeout") from None

    def _collect(self, host: str, port: int, opts: WinrmOptions) -> CollectorResult:
        transport = self.connect(host, port, opts)
        return parse.parse(api.fetch(host, transport, opts.secrets()), host)


async def _open_port(host: str, probes: asyncio.Semaphore) -> int | None:
    async with probes:
        for port in PORTS:
            if await accepts(host, port):
                return port
    return None
