"""A UDP relay that makes one SNMP simulator look like many slow devices.

Why: snmpsim answers in well under a millisecond on loopback, while a switch or
UPS management CPU takes tens of milliseconds; this kernel has no netem to add
the delay.  The relay listens on one 127.0.0.x port per simulated device,
forwards each request to the simulator and holds each RESPONSE back for
``delay`` seconds.  Tests also use it to count requests and to kill an agent by
PID part-way through a walk (``on_response``).

Run as a process (so its CPU is not charged to the client being measured):
``python -m bench.udp_relay UPSTREAM_PORT N DELAY`` prints one JSON line with the
listening ports, then relays until stdin closes.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast

Address = tuple[str, int]


class _Upstream(asyncio.DatagramProtocol):
    """One client's connected socket to the simulator; replies go back delayed."""

    def __init__(self, device: _Device, client: Address) -> None:
        self.device = device
        self.client = client
        self.transport: asyncio.DatagramTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.DatagramTransport, transport)

    def datagram_received(self, data: bytes, addr: Address) -> None:
        self.device.responses += 1
        if self.device.relay.on_response is not None:
            self.device.relay.on_response(self.device, data)
        if self.device.forwarding:
            loop = asyncio.get_running_loop()
            loop.call_later(self.device.relay.delay, self.device.reply, data, self.client)


@dataclass(eq=False)
class _Device(asyncio.DatagramProtocol):
    """The listening side of one simulated device."""

    relay: Relay
    listen: Address
    transport: asyncio.DatagramTransport | None = None
    upstreams: dict[Address, _Upstream] = field(default_factory=dict)
    #: (arrival time, datagram) of every request, when the relay keeps them
    requests: list[tuple[float, bytes]] = field(default_factory=list)
    responses: int = 0
    forwarding: bool = True

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.DatagramTransport, transport)

    def datagram_received(self, data: bytes, addr: Address) -> None:
        if self.relay.keep_requests:
            self.requests.append((time.monotonic(), data))
        upstream = self.upstreams.get(addr)
        if upstream is not None and upstream.transport is not None:
            upstream.transport.sendto(data)
            return
        asyncio.get_running_loop().create_task(self._connect(addr, data))

    async def _connect(self, client: Address, first: bytes) -> None:
        loop = asyncio.get_running_loop()
        transport, protocol = await loop.create_datagram_endpoint(
            lambda: _Upstream(self, client), remote_addr=self.relay.upstream)
        self.upstreams[client] = protocol
        transport.sendto(first)

    def reply(self, data: bytes, client: Address) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.sendto(data, client)


@dataclass(eq=False)
class Relay:
    """Listening endpoints (``devices``) in front of one upstream agent."""

    upstream: Address
    delay: float
    on_response: Callable[[_Device, bytes], None] | None = None
    keep_requests: bool = False
    devices: list[_Device] = field(default_factory=list)

    async def add(self, listen: Address) -> _Device:
        device = _Device(self, listen)
        loop = asyncio.get_running_loop()
        await loop.create_datagram_endpoint(lambda: device, local_addr=listen)
        if device.transport is not None:
            device.listen = device.transport.get_extra_info("sockname")[:2]
        self.devices.append(device)
        return device

    def close(self) -> None:
        for device in self.devices:
            for upstream in device.upstreams.values():
                if upstream.transport is not None:
                    upstream.transport.close()
            if device.transport is not None:
                device.transport.close()


async def start(upstream: Address, listen: list[Address], delay: float, **kw: object) -> Relay:
    """A relay with one device per ``listen`` address (port 0 = any free port)."""
    relay = Relay(upstream, delay, **kw)  # type: ignore[arg-type]
    for address in listen:
        await relay.add(address)
    return relay


async def _serve(upstream_port: int, count: int, delay: float) -> None:
    relay = await start(("127.0.0.1", upstream_port), [("127.0.0.1", 0)] * count, delay)
    sys.stdout.write(json.dumps([d.listen[1] for d in relay.devices]) + "\n")
    sys.stdout.flush()
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    relay.close()


if __name__ == "__main__":
    asyncio.run(_serve(int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])))
