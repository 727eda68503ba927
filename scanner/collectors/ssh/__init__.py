"""SSH collector: Linux servers, NAS and Proxmox/KVM hosts read from the inside.

``collect`` = :func:`.api.fetch` (the only place asyncssh is imported: log in, run the
allow-listed commands of :mod:`.commands`) + :func:`.parse.parse` (pure).  Client:
asyncssh (why: see :mod:`.api`).  Install with ``pip install drscout[ssh]``.
One call reads one host; which hosts is the scan's choice (:mod:`.scan`).
"""

from __future__ import annotations

from scanner.collectors.ssh.options import SshCredential, SshOptions
from scanner.inventory.sighting import CollectorResult

NAME = "ssh"


async def collect(host: str, options: SshOptions) -> CollectorResult:
    """Everything the allow-list reads on ``host``; failures raise a CollectorError
    (auth, timeout, unreachable, a changed host key) whose text holds no secret."""
    from scanner.collectors.ssh import api, parse

    return parse.parse(await api.fetch(host, options))


__all__ = ["NAME", "SshCredential", "SshOptions", "collect"]
