"""Host keys, trusted on first use: recorded in drscout's own known_hosts file, and a
key that later differs is refused, never silently accepted.

Why drscout keeps its own file (``$XDG_DATA_HOME/drscout/known_hosts`` unless
``--ssh-known-hosts`` names another): a consultant's scan of a client's office must not
write into their personal ``~/.ssh/known_hosts``, and a file of its own can be pre-seeded
with ``ssh-keyscan`` before the first scan (README "SSH").  The format is OpenSSH's, so
an existing known_hosts file (hashed entries included) can be given instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scanner.collectors.ssh import client
from scanner.errors import CollectorError


def entry_host(host: str, port: int) -> str:
    """The host pattern OpenSSH writes: ``host`` on port 22, ``[host]:port`` otherwise."""
    return host if port == 22 else f"[{host}]:{port}"


def known_keys(path: Path, host: str, port: int) -> list[Any]:
    """The keys recorded for ``host``:``port`` (empty: never seen, first use)."""
    if not path.is_file():
        return []
    try:
        table = client.asyncssh().read_known_hosts(str(path))
    except (OSError, ValueError) as exc:
        raise CollectorError(f"known_hosts file {path} cannot be read: {exc}", "error") from exc
    return list(table.match(host, host, port)[0])


def record(path: Path, host: str, port: int, key: Any) -> None:
    """Append the key first seen for ``host`` (the file and its folder are created 0600/0700)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    line = f"{entry_host(host, port)} {key.export_public_key('openssh').decode().strip()}\n"
    with path.open("a", encoding="ascii") as out:
        out.write(line)
    path.chmod(0o600)


def changed(path: Path, host: str, port: int) -> CollectorError:
    """The gap for a host whose key no longer matches the recorded one."""
    name = entry_host(host, port)
    return CollectorError(
        f"host key of {name} differs from the one recorded in {path}: refused (it may be "
        f"a reinstalled host or an interception). Check the new key with the host's admin; "
        f"if it is right, remove the old one with: ssh-keygen -R '{name}' -f {path}", "auth")
