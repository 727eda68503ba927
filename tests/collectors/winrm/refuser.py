"""A WinRM endpoint on loopback that refuses every login the way Windows does to a wrong
password: it offers NTLM, answers the client's negotiate message with a challenge, and
answers the client's authenticate message with HTTP 401.  The real pywinrm and
requests_ntlm clients run the whole handshake against it and meet a real refusal."""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from spnego._ntlm_raw.messages import (
    AvId,
    Challenge,
    FileTime,
    NegotiateFlags,
    TargetInfo,
)

_FLAGS = (NegotiateFlags.unicode | NegotiateFlags.ntlm | NegotiateFlags.target_info
          | NegotiateFlags.extended_session_security | NegotiateFlags.request_target
          | NegotiateFlags.always_sign | NegotiateFlags.sign | NegotiateFlags.seal
          | NegotiateFlags.key_128 | NegotiateFlags.key_exch | NegotiateFlags.key_56)


def _challenge() -> str:
    info = TargetInfo()
    info[AvId.nb_domain_name] = "CORP"
    info[AvId.nb_computer_name] = "DC01"
    info[AvId.timestamp] = FileTime.now()
    message = Challenge(flags=_FLAGS, server_challenge=b"\x01\x23\x45\x67\x89\xab\xcd\xef",
                        target_name="CORP", target_info=info)
    return "NTLM " + base64.b64encode(message.pack()).decode()


class _Refuse(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        auth = self.headers.get("Authorization") or ""
        token = base64.b64decode(auth.split(" ", 1)[1]) if " " in auth else b""
        self.send_response(401)
        if not token:
            self.send_header("WWW-Authenticate", "NTLM")
        elif token[8:12] == b"\x01\x00\x00\x00":  # type 1: negotiate
            self.send_header("WWW-Authenticate", _challenge())
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Silent: a test server."""


@contextmanager
def refusing_server(address: str = "127.0.0.1", port: int = 0) -> Iterator[int]:
    """Yields the port of a server on ``address`` that refuses every NTLM login."""
    server = ThreadingHTTPServer((address, port), _Refuse)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
