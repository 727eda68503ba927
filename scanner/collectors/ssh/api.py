"""The SSH transport: log in, run the allow-listed commands, return their raw output.

Client: asyncssh (imported here only).  Why asyncssh over paramiko: the scan
orchestrator is asyncio, and asyncssh runs every host and every command as a
coroutine (no thread per host, a timeout is ``asyncio.wait_for``); it reads and
matches OpenSSH known_hosts files (hashed entries too), which the trust-on-first-use
host-key check needs; and it is actively maintained.  paramiko is more common but
blocking, so each host would need a thread and its hangs could outlive the scan.

The snapshot is plain JSON-able data (recorded as fixtures by
``tests/collectors/ssh/record.py``); :mod:`.parse` turns it into facts.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from scanner.collectors.ssh import client, hostkeys
from scanner.collectors.ssh.commands import ALLOWED, NOT_FOUND, Command
from scanner.collectors.ssh.options import SshCredential, SshOptions
from scanner.collectors.virt.common import fail
from scanner.errors import CollectorError

Snapshot = dict[str, Any]
#: output kept per command (a package list is ~100 kB; more is a misbehaving host)
STDOUT_LIMIT = 2_000_000
STDERR_LIMIT = 2_000
#: commands in flight on one connection (OpenSSH allows 10 sessions by default)
SESSIONS = 4


async def fetch(host: str, opts: SshOptions) -> Snapshot:
    """Every allow-listed command's output from ``host``; a login failure, a refused or
    changed host key, or a host that never answers raises a :class:`CollectorError`."""
    asyncssh = client.asyncssh()
    if opts.credential is None:
        raise CollectorError("no SSH user given (--ssh-user)", "not-attempted")
    conn, first_use = await _connect(asyncssh, host, opts, opts.credential)
    try:
        key = conn.get_server_host_key()
        sem = asyncio.Semaphore(SESSIONS)
        outputs = await asyncio.gather(*(_run(asyncssh, conn, c, sem, opts.command_timeout)
                                         for c in ALLOWED))
    finally:
        conn.abort()
    if all(o.get("error") == "timeout" for o in outputs):
        raise fail(f"{host} accepted the login but no command finished within "
                   f"{opts.command_timeout:g}s", "timeout", opts.secrets())
    if all(o.get("exit_status") is None for o in outputs):  # closed, or sessions refused
        first = next((o["error"] for o in outputs if o.get("error")), "no output")
        raise fail(f"{host} accepted the login but ran no command ({first})", "error",
                   opts.secrets())
    return {"host": host, "port": opts.port,
            "host_key": key.get_fingerprint() if key else "",
            "host_key_first_use": first_use,
            "outputs": {c.name: o for c, o in zip(ALLOWED, outputs, strict=True)}}


def _auth(cred: SshCredential) -> dict[str, Any]:
    """Only the methods the user chose: a key file, a password, or the agent (and the
    default ~/.ssh keys, as ssh itself does)."""
    if cred.key_path:
        return {"client_keys": [str(Path(cred.key_path).expanduser())],
                "passphrase": cred.passphrase, "agent_path": None, "password": None,
                "preferred_auth": "publickey"}
    if cred.password:
        return {"client_keys": None, "agent_path": None, "password": cred.password,
                "preferred_auth": "password,keyboard-interactive"}
    return {} if cred.use_agent else {"agent_path": None}


async def _connect(asyncssh: Any, host: str, opts: SshOptions,
                   cred: SshCredential) -> tuple[Any, bool]:
    trusted = hostkeys.known_keys(opts.known_hosts, host, opts.port)
    secrets = cred.secrets()
    where = hostkeys.entry_host(host, opts.port)
    try:
        conn = await asyncio.wait_for(asyncssh.connect(
            host, opts.port, username=cred.user, config=[],
            known_hosts=(trusted, [], []) if trusted else None,
            connect_timeout=opts.connect_timeout, login_timeout=opts.connect_timeout,
            **_auth(cred)), opts.connect_timeout + 2)
    except (asyncssh.HostKeyNotVerifiable, asyncssh.KeyExchangeFailed) as exc:
        if trusted:
            raise hostkeys.changed(opts.known_hosts, host, opts.port) from exc
        raise fail(f"{where}: key exchange failed: {exc}", "error", secrets) from exc
    except asyncssh.PermissionDenied as exc:
        raise fail(f"{where} refused the login of {cred.label}: check the user and its key "
                   f"or password", "auth", secrets) from exc
    except TimeoutError as exc:
        raise fail(f"{where} did not complete the SSH handshake and login within "
                   f"{opts.connect_timeout:g}s", "timeout", secrets) from exc
    except asyncssh.Error as exc:
        raise fail(f"{where}: SSH error: {exc.reason}", "error", secrets) from exc
    except (OSError, ValueError) as exc:  # refused, no route; an unreadable key file
        raise fail(f"cannot connect to {where}: {exc}", "unreachable", secrets) from exc
    if not trusted:
        hostkeys.record(opts.known_hosts, host, opts.port, conn.get_server_host_key())
    return conn, not trusted


async def _run(asyncssh: Any, conn: Any, command: Command, sem: asyncio.Semaphore,
               timeout: float) -> dict[str, Any]:
    """One allow-listed command, its alternatives tried while the program is missing."""
    async with sem:
        out: dict[str, Any] = {}
        for text in command.alternatives:
            try:
                res = await asyncio.wait_for(
                    conn.run(text, check=False, encoding=None, stdin=asyncssh.DEVNULL), timeout)
            except TimeoutError:
                return {"command": text, "error": "timeout"}
            except asyncssh.Error as exc:
                return {"command": text, "error": f"{type(exc).__name__}: {exc.reason}"}
            out = {"command": text, "exit_status": res.exit_status,
                   "stdout": _text(res.stdout, STDOUT_LIMIT),
                   "stderr": _text(res.stderr, STDERR_LIMIT)}
            if res.exit_status != NOT_FOUND:
                break
        return out


def _text(data: bytes | str | None, limit: int) -> str:
    raw = data or b""
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    return text[:limit]
