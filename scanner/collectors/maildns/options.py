"""What the mail-domain lookup needs: which domains, which name server, how long to wait.

Nothing here is secret: DNS questions carry no credentials.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MailDnsOptions:
    """``domains`` (``--mail-domain``) are asked besides the ones the scan finds;
    ``server`` (``--dns-server``) is the one name server to ask, in scope or not."""

    domains: tuple[str, ...] = ()
    server: str | None = None
    #: seconds for each DNS question (the server's whole lifetime for one answer)
    timeout: float = 3.0
