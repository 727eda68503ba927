"""Turning agent values into plain Python, and plain values into safe text.

The engine converts every pysnmp value once (:func:`plain`), so parsers only
ever see ``str`` (OIDs, IP addresses), ``int`` (integers, counters, ticks) and
``bytes`` (octet strings).  Octet strings stay bytes because only the parser
knows whether a column is text (sysDescr) or binary (ifPhysAddress).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

Value = str | int | bytes
Walk = Mapping[str, Value]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")


def plain(value: object) -> Value | None:
    """Convert one pysnmp/pyasn1 value; ``None`` for noSuchObject/endOfMibView/Null."""
    from pyasn1.type import univ
    from pysnmp.proto import rfc1902

    if isinstance(value, univ.Null):  # also noSuchObject/noSuchInstance/endOfMibView
        return None
    if isinstance(value, rfc1902.IpAddress):
        return ".".join(str(b) for b in value.asOctets())
    if isinstance(value, univ.OctetString):
        return bytes(value.asOctets())
    if isinstance(value, univ.ObjectIdentifier):
        return ".".join(str(part) for part in value)
    if isinstance(value, univ.Integer):
        return int(value)
    return None


def text(value: Value | None, limit: int = 1024) -> str:
    """Readable, single-line text from a device string (which may be hostile).

    Control characters go, runs of whitespace collapse, and the result is
    capped so a misbehaving agent cannot flood a report.
    """
    if value is None:
        return ""
    decoded = value.decode("utf-8", errors="replace") if isinstance(value, bytes) else str(value)
    cleaned = _SPACES.sub(" ", _CONTROL.sub(" ", decoded)).strip()
    return cleaned[:limit]


def integer(value: Value | None) -> int | None:
    """An int when the agent sent one (or a decimal string), else ``None``."""
    if isinstance(value, int):
        return value
    if isinstance(value, bytes | str):
        raw = value.decode("ascii", "replace") if isinstance(value, bytes) else value
        return int(raw) if raw.strip().isdigit() else None
    return None


def mac(value: Value | None) -> str | None:
    """Lower-case colon MAC from a 6-byte octet string; ``None`` when empty or all-zero."""
    if not isinstance(value, bytes) or len(value) != 6 or not any(value):
        return None
    if value == b"\xff" * 6:
        return None
    return ":".join(f"{b:02x}" for b in value)


def oid_text(value: Value | None) -> str:
    """A dotted OID string (accepting a leading dot), or "" when not an OID."""
    if not isinstance(value, str):
        return ""
    oid = value.lstrip(".")
    return oid if re.fullmatch(r"\d+(\.\d+)*", oid) else ""


#: serials a vendor ships unset or a contributor blanked: words, and runs of one digit
_FAKE_SERIAL_WORDS = frozenset({
    "serial", "serialnumber", "serialno", "sn", "none", "unknown", "na", "n/a", "null",
    "notavailable", "notset", "notspecified", "default", "empty", "private", "tbd", "test",
    "invalid", "undefined", "nosuchobject", "nosuchinstance", "xxxxxxxx",
})
_DATE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$")


def placeholder_serial(serial: str) -> bool:
    """Whether ``serial`` is a stand-in rather than a serial number.

    All one character ("FFFFFFFFFFFF", "000000000000", "XXXXXXXX"), a word such as
    "serial", "<private>" or "N/A", or a date: no device is numbered like that, so
    the value is dropped.  A counting run ("123456789") is kept as what the device
    states (cheap devices ship with it, and the worksheet should show it), but
    :func:`scanner.inventory.identity.is_real_serial` never lets it identify or merge a device.
    """
    raw = serial.strip()
    squashed = re.sub(r"[^a-z0-9]", "", raw.lower())
    if len(squashed) < 3 or len(set(squashed)) == 1:
        return True
    return squashed in _FAKE_SERIAL_WORDS or raw.startswith("<") or bool(_DATE.match(raw))
