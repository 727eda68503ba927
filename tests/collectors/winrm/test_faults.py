"""A WinRM host that accepts the connection and then says nothing: the real pywinrm
client gives up after its read timeout and the host becomes a ``timeout`` gap."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from scanner.collectors.winrm import api
from scanner.collectors.winrm.options import WinrmOptions
from scanner.errors import CollectorError
from tests.collectors.winrm import recorded


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A loopback port that accepts connections, reads, and never answers."""
    server = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def hold() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
                held.append(conn)
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        thread.join(2)
        for conn in held:
            conn.close()
        server.close()


def test_a_silent_host_is_a_timeout_gap_without_the_password(silent_port: int) -> None:
    options = WinrmOptions(credential=recorded.CREDENTIAL, timeout=1.0)
    transport = api.winrm_transport("127.0.0.1", silent_port, options)
    with pytest.raises(CollectorError) as err:
        api.fetch("127.0.0.1", transport, options.secrets())
    assert err.value.reason == "timeout"
    assert recorded.PASSWORD not in str(err.value)
