"""The registry's view of SSH: a per-host collector, on by ``--ssh-user``.

Which hosts: every ``--ssh-host``, plus (unless ``--ssh-no-discovered``) every live host
of the scan whose 22/tcp accepts a connection.  The per-host stage runs beside nmap's
port scans, so this collector checks the port itself (one TCP connect, as ssh would) and
leaves a host that does not accept it alone: no gap for a workstation without sshd.  A
host that accepts the connection and then fails (login refused, a changed host key,
silence) is a gap.  An explicitly named host is always attempted.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from functools import partial

from scanner.collectors.base import Needs, Run, Stage, Task
from scanner.collectors.ssh import NAME, client, collect
from scanner.collectors.ssh.options import SshOptions
from scanner.errors import CollectorError, MissingToolError
from scanner.inventory.model import Gap
from scanner.inventory.sighting import CollectorResult
from scanner.options import ScanOptions

#: TCP connects in flight at once while looking for sshd among the live hosts
PROBES = 64
PROBE_TIMEOUT = 3.0
NEEDS = Needs(credentials=True, extra="ssh")


async def accepts(host: str, port: int, timeout: float = PROBE_TIMEOUT) -> bool:
    """Whether ``host`` accepts a TCP connection on ``port`` (closed at once)."""
    try:
        _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    except (OSError, TimeoutError):
        return False
    writer.close()
    with contextlib.suppress(OSError):
        await writer.wait_closed()
    return True


@dataclass(frozen=True)
class SshCollector:
    name: str = NAME
    stages: tuple[Stage, ...] = ("per-host",)
    needs: Needs = NEEDS

    def runs(self, options: ScanOptions) -> bool:
        return options.ssh.enabled and options.wants(self.name)

    def prepare(self, options: ScanOptions) -> list[CollectorResult]:
        try:
            module = client.asyncssh()
        except CollectorError as exc:
            raise MissingToolError(f"--ssh-user: {exc}") from None
        return [CollectorResult(collector=NAME, target="version",
                                tool_versions={"asyncssh": module.__version__})]

    async def tasks(self, run: Run) -> list[Task]:
        opts = run.options.ssh
        named = list(dict.fromkeys(opts.hosts))
        found = [h for h in run.hosts if h not in named] if opts.discovered else []
        logins, probes = asyncio.Semaphore(opts.parallel), asyncio.Semaphore(PROBES)
        return [Task(h, partial(_read, h, opts, logins, probes, h not in named))
                for h in [*named, *found]]

    def missed(self, run: Run) -> list[Gap]:
        return []


async def _read(host: str, opts: SshOptions, logins: asyncio.Semaphore,
                probes: asyncio.Semaphore, check_port: bool) -> CollectorResult:
    if check_port:
        async with probes:
            if not await accepts(host, opts.port):
                return CollectorResult(collector=NAME, target=host)
    async with logins:
        return await collect(host, opts)
