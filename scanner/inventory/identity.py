"""Stable asset ids and the normalisation of the keys they are made from.

Two scans of the same office must give a device the same id so they can be
diffed, so the id comes from the most stable identifier available: the MAC
address seen on the wire, then a serial number, a chassis id, a hostname, and
only as a last resort an IP address.

Identity resolution and link matching compare devices by :class:`IdentityKey`: a typed
(kind, value) pair built only by the ``*_key`` functions below, which normalise the value
once (a MAC in any notation, a host name cleaned of its domain) and return None for a
value that identifies nothing.  Keys are never written as text and parsed back.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

_HEX = re.compile(r"[0-9a-f]")
_GENERIC_NAMES = frozenset({
    "", "localhost", "localhost.localdomain", "<private>", "unknown", "none", "(none)",
    "default", "router", "switch", "ap", "printer", "ubuntu", "debian", "raspberrypi",
})
_BAD_MACS = frozenset({"00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff"})
#: first-hop redundancy MACs (VRRP v4/v6, HSRP v1/v2, GLBP): every member of the group
#: answers with them, so they name a role, not a box
_VIRTUAL_MAC_PREFIXES = ("00:00:5e:00:01:", "00:00:5e:00:02:", "00:00:0c:07:ac:",
                         "00:00:0c:9f:f", "00:07:b4:00:")
_THIS_NETWORK = ipaddress.ip_network("0.0.0.0/8")
_BROADCAST = ipaddress.IPv4Address("255.255.255.255")
_PLACEHOLDER_SERIALS = frozenset({
    "123456789", "1234567890", "0123456789", "unknown", "none", "n-a", "na", "serial",
    "serialnumber", "serial-number", "private", "default", "string", "empty", "null",
    "not-available", "not-specified", "to-be-filled-by-o.e.m", "system-serial-number",
})
#: redacted before a recording or a support file was shared: CZxxxxxxxx, ****, ####
_REDACTED = re.compile(r"x{4,}|\*{3,}|#{3,}")
_DATE = re.compile(r"(19|20)\d\d[-/.]?[01]\d[-/.]?[0-3]\d|[0-3]?\d[-/.][01]?\d[-/.](19|20)\d\d")


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


def is_identifying_mac(mac: str | None) -> bool:
    """A MAC that names one box: usable, and not a shared first-hop redundancy MAC."""
    return is_usable_mac(mac) and not str(mac).startswith(_VIRTUAL_MAC_PREFIXES)


def is_identifying_ip(ip: str, *, polled: bool = False) -> bool:
    """False for addresses many devices carry at once, which never name one device:
    link-local (169.254/16, fe80::/10, e.g. FortiLink), 0/8, multicast, unspecified,
    broadcast and loopback.  A loopback address counts only when it is the address we
    polled (an agent on 127.0.0.1 is still the target)."""
    try:
        address = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return False
    if address.is_loopback:
        return polled
    if address.is_link_local or address.is_multicast or address.is_unspecified:
        return False
    return not (address.version == 4 and (address in _THIS_NETWORK or address == _BROADCAST))


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


def is_real_serial(serial: str | None) -> bool:
    """Placeholder serials identify nothing: all one character (FFFF..., 0000...),
    counting sequences, words such as 'serial', '<private>' or 'unknown', redactions
    (CZxxxxxxxx) and dates (some agents put a build date in the serial column)."""
    if not serial:
        return False
    s = _slug(serial)
    if len(s) < 4 or len(set(s.replace("-", ""))) < 2 or s in _PLACEHOLDER_SERIALS:
        return False
    return not _DATE.fullmatch(serial.strip()) and not _REDACTED.search(serial.lower())



def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-")[:64]


def asset_id(macs: Sequence[str], serial: str | None, chassis: str | None,
             names: Sequence[str], ips: Sequence[str]) -> str:
    """The stable id: MAC, serial, chassis id, hostname, then IP, in that order."""
    usable = [m for m in macs if is_usable_mac(m)]
    if usable:
        return "mac-" + usable[0].replace(":", "")
    if serial and is_real_serial(serial):
        return "serial-" + _slug(serial)
    if chassis and _slug(chassis):
        return "chassis-" + _slug(chassis)
    for name in names:
        short = clean_name(name)
        if short:
            return "host-" + _slug(short)
    return "ip-" + (ips[0] if ips else "unknown")


#: what an identity key is made from, strongest first; ``id``: an asset id already resolved
KeyKind = Literal["serial", "chassis", "basemac", "mac", "ip", "name", "id"]


@dataclass(frozen=True, order=True, slots=True)
class IdentityKey:
    """One identifier a device may be recognised by.  Build it with the ``*_key``
    functions, which normalise ``value``; ``str()`` gives ``kind:value`` for evidence."""

    kind: KeyKind
    value: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


def mac_key(value: str | None) -> IdentityKey | None:
    """A MAC in any common notation, or None when ``value`` is no MAC."""
    mac = norm_mac(value)
    return IdentityKey("mac", mac) if mac else None


def base_mac_key(value: str | None) -> IdentityKey | None:
    """A bridge's base MAC (BRIDGE-MIB), kept apart from port MACs."""
    mac = norm_mac(value)
    return IdentityKey("basemac", mac) if mac else None


def ip_key(value: str | None) -> IdentityKey | None:
    """An IPv4/IPv6 address as written (a zone suffix allowed), or None for anything else;
    the text is kept, since sightings and assets are matched on the text they carry."""
    if not value:
        return None
    try:
        ipaddress.ip_address(value.split("%", 1)[0])
    except ValueError:
        return None
    return IdentityKey("ip", value)


def name_key(value: str | None) -> IdentityKey | None:
    """A host name by its short lower-case form; None for generic names (``switch``)."""
    name = clean_name(value)
    return IdentityKey("name", name) if name else None


def serial_key(value: str | None) -> IdentityKey | None:
    """A serial number, lower-cased; None for placeholders (see :func:`is_real_serial`)."""
    return IdentityKey("serial", value.strip().lower()) if value and is_real_serial(value) \
        else None


def chassis_key(value: str | None) -> IdentityKey | None:
    """A chassis id (LLDP/SNMP), lower-cased."""
    text = value.strip().lower() if value else ""
    return IdentityKey("chassis", text) if text else None


def asset_key(value: str) -> IdentityKey:
    """An asset id: a link end that is already resolved."""
    return IdentityKey("id", value)


def key_list(*candidates: IdentityKey | None) -> tuple[IdentityKey, ...]:
    """The usable candidates in order, each once: the alternatives a link end may match."""
    return tuple(dict.fromkeys(k for k in candidates if k is not None))
