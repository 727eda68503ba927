"""Stable asset ids and the normalisation of the keys they are made from.

Two scans of the same office must give a device the same id so they can be
diffed, so the id comes from the most stable identifier available: the MAC
address seen on the wire, then a serial number, a chassis id, a hostname, and
only as a last resort an IP address.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_HEX = re.compile(r"[0-9a-f]")
_GENERIC_NAMES = frozenset({
    "", "localhost", "localhost.localdomain", "<private>", "unknown", "none", "(none)",
    "default", "router", "switch", "ap", "printer", "ubuntu", "debian", "raspberrypi",
})
_BAD_MACS = frozenset({"00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff"})


def norm_mac(value: str | None) -> str | None:
    """Lower-case colon form of a MAC in any common notation, or None if not a MAC."""
    if not value:
        return None
    text = value.strip().lower()
    digits = "".join(_HEX.findall(text[2:] if text.startswith("0x") else text))
    if len(digits) != 12:
        return None
    return ":".join(digits[i:i + 2] for i in range(0, 12, 2))


def is_usable_mac(mac: str | None) -> bool:
    """False for all-zero, broadcast and multicast MACs, which identify nothing."""
    if not mac or mac in _BAD_MACS:
        return False
    return not int(mac[:2], 16) & 0x01


def clean_name(name: str | None) -> str | None:
    """Short lower-case host name, or None when it is generic and identifies nothing."""
    if not name:
        return None
    short = name.strip().lower().rstrip(".")
    if not short or short in _GENERIC_NAMES or _looks_like_ip(short):
        return None
    short = short.split(".", 1)[0]
    return None if short in _GENERIC_NAMES else short


def _looks_like_ip(text: str) -> bool:
    return bool(re.fullmatch(r"[0-9.]+|[0-9a-f:]+", text)) and ("." in text or ":" in text)


def _is_real_serial(serial: str) -> bool:
    """Placeholder serials (all one character, 123456789, 'unknown') identify nothing."""
    s = _slug(serial)
    return len(s) >= 4 and len(set(s)) > 1 and s not in {"123456789", "unknown", "none", "n-a"}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-")[:64]


def asset_id(macs: Sequence[str], serial: str | None, chassis: str | None,
             names: Sequence[str], ips: Sequence[str]) -> str:
    """The stable id: MAC, serial, chassis id, hostname, then IP, in that order."""
    usable = [m for m in macs if is_usable_mac(m)]
    if usable:
        return "mac-" + usable[0].replace(":", "")
    if serial and _is_real_serial(serial):
        return "serial-" + _slug(serial)
    if chassis and _slug(chassis):
        return "chassis-" + _slug(chassis)
    for name in names:
        short = clean_name(name)
        if short:
            return "host-" + _slug(short)
    return "ip-" + (ips[0] if ips else "unknown")
