"""Tiny protocol probes run *inside* a lab namespace: ``python -m tests.lab.probes KIND ARGS``.

They speak just enough of each protocol to prove the right server answers
(an open port alone could be anything).  Exit status 0 means it answered;
the one line printed on stdout is what the test asserts on.
"""

from __future__ import annotations

import re
import socket
import struct
import sys
import urllib.request

SMB2_DIALECTS = (0x0202, 0x0210, 0x0300, 0x0302)


def smb2_dialect(host: str, port: int = 445, timeout: float = 3.0) -> str:
    """Send an SMB2 NEGOTIATE and return the dialect the server picked, e.g. '0x0311'."""
    header = b"\xfeSMB" + struct.pack("<HHIHHIIQIIQ16s", 64, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, b"")
    body = struct.pack("<HHHHI16sQ", 36, len(SMB2_DIALECTS), 1, 0, 0, b"drscout-lab-test", 0)
    body += b"".join(struct.pack("<H", d) for d in SMB2_DIALECTS)
    msg = header + body
    with socket.create_connection((host, port), timeout) as s:
        s.sendall(struct.pack(">I", len(msg)) + msg)
        reply = _recv_exact(s, 4)
        reply = _recv_exact(s, struct.unpack(">I", reply)[0])
    if reply[:4] != b"\xfeSMB":
        raise RuntimeError(f"not an SMB2 reply: {reply[:8]!r}")
    status = struct.unpack_from("<I", reply, 8)[0]
    if status != 0:
        raise RuntimeError(f"SMB2 NEGOTIATE failed with status {status:#x}")
    return f"{struct.unpack_from('<H', reply, 64 + 4)[0]:#06x}"


def _recv_exact(s: socket.socket, n: int) -> bytes:
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            raise RuntimeError("connection closed early")
        buf += chunk
    return buf


def http_title(url: str, timeout: float = 3.0) -> str:
    """GET ``url`` and return its HTML <title>."""
    with urllib.request.urlopen(url, timeout=timeout) as resp:
        html = resp.read(65536).decode("utf-8", "replace")
    found = re.search(r"<title>(.*?)</title>", html, re.S | re.I)
    return found.group(1).strip() if found else ""


def tcp_refused_or_timeout(host: str, port: int, timeout: float = 2.0) -> str:
    """Return 'blocked' when a TCP connection cannot be made, else 'open'."""
    try:
        socket.create_connection((host, port), timeout).close()
    except OSError as exc:
        return f"blocked: {type(exc).__name__}"
    return "open"


def main(argv: list[str]) -> int:
    kind, *args = argv
    if kind == "smb2":
        print(smb2_dialect(args[0]))
    elif kind == "http-title":
        print(http_title(args[0]))
    elif kind == "tcp":
        print(tcp_refused_or_timeout(args[0], int(args[1])))
    else:
        print(f"unknown probe {kind}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
