"""Run snmpsim's lite responder with every reply held back ``DRSCOUT_FARM_DELAY`` seconds.

Why: a real device's management CPU answers in tens of milliseconds, and this kernel
has no netem to add that delay on the wire.  Deferring the send on the responder's
own event loop delays each reply without blocking other requests, and costs no extra
hop or process.  Runs under the snmpsim-lite venv's Python (pysnmp 6), not drscout's.
"""

from __future__ import annotations

import asyncio
import os
import sys


def _delay_replies(delay: float) -> None:
    from pysnmp.carrier.asyncio.dgram.base import DgramAsyncioProtocol

    send = DgramAsyncioProtocol.sendMessage

    def later(self: object, message: bytes, address: object) -> None:
        asyncio.get_event_loop().call_later(delay, send, self, message, address)

    DgramAsyncioProtocol.sendMessage = later  # type: ignore[method-assign]


def main() -> int:
    delay = float(os.environ.get("DRSCOUT_FARM_DELAY", "0") or 0)
    if delay > 0:
        _delay_replies(delay)
    from snmpsim.commands.responder_lite import main as responder

    sys.argv[0] = "snmpsim-command-responder-lite"
    return int(responder() or 0)


if __name__ == "__main__":
    sys.exit(main())
