"""What a WinRM scan needs: who logs in, which hosts, how long to wait.

The login is its own type (:class:`WinrmCredential`): its password is hidden from
``repr`` and listed by :meth:`WinrmOptions.secrets` so every error text can be scrubbed
of it.  Nothing here is ever written to an inventory.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: WinRM over HTTPS, then over HTTP (Windows' defaults; HTTP still encrypts with NTLM)
PORTS: tuple[int, ...] = (5986, 5985)


@dataclass(frozen=True)
class WinrmCredential:
    """A Windows login (``DOMAIN\\user`` or ``user@domain``) for NTLM."""

    user: str
    password: str | None = field(default=None, repr=False)

    def __str__(self) -> str:
        return f"user {self.user}"


@dataclass(frozen=True)
class WinrmOptions:
    """``credential`` None: WinRM is off.  Hosts: ``hosts`` plus, when ``discovered`` is
    on, every live host the network scan found with 5986 or 5985 open."""

    credential: WinrmCredential | None = None
    hosts: tuple[str, ...] = ()
    discovered: bool = True
    #: accept a self-signed certificate on 5986 (no verification)
    insecure: bool = False
    #: seconds for the connection and for the one PowerShell run
    timeout: float = 30.0
    #: hosts read at once
    parallel: int = 8

    @property
    def enabled(self) -> bool:
        return self.credential is not None

    def secrets(self) -> list[str]:
        cred = self.credential
        return [cred.password] if cred and cred.password else []
