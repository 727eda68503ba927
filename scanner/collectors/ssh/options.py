"""What an SSH scan needs: who logs in, how, where host keys are kept, how long to wait.

The login is its own type (:class:`SshCredential`): its password and key passphrase are
hidden from ``repr``/``str`` and listed by :meth:`SshCredential.secrets` so every error
text can be scrubbed of them.  Nothing here is ever written to an inventory.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class SshCredential:
    """A login: a user, plus a private key file, a password, or (neither) the agent."""

    user: str
    password: str | None = field(default=None, repr=False)
    key_path: str | None = None
    passphrase: str | None = field(default=None, repr=False)
    #: offer the keys of a running ssh-agent (SSH_AUTH_SOCK)
    use_agent: bool = True

    def secrets(self) -> list[str]:
        return [s for s in (self.password, self.passphrase) if s]

    @property
    def label(self) -> str:
        how = ("key " + self.key_path if self.key_path else
               "password" if self.password else "agent")
        return f"user {self.user} ({how})"

    def __str__(self) -> str:
        return self.label


def default_known_hosts(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME/drscout/known_hosts`` (``~/.local/share/drscout/known_hosts``)."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "drscout" / "known_hosts"


@dataclass(frozen=True)
class SshOptions:
    """``credential`` None: SSH is off.  Hosts: ``hosts`` plus, when ``discovered`` is
    on, every live host the network scan found with 22/tcp open."""

    credential: SshCredential | None = None
    hosts: tuple[str, ...] = ()
    discovered: bool = True
    port: int = 22
    known_hosts: Path = field(default_factory=default_known_hosts)
    #: seconds for the TCP connect plus the login, and for each command
    connect_timeout: float = 10.0
    command_timeout: float = 15.0
    #: hosts read at once
    parallel: int = 8

    @property
    def enabled(self) -> bool:
        return self.credential is not None

    def secrets(self) -> list[str]:
        return self.credential.secrets() if self.credential else []
