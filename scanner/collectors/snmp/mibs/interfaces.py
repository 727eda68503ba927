"""IF-MIB ifTable + ifXTable -> :class:`scanner.inventory.model.Interface` records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from scanner.collectors.snmp import oids
from scanner.collectors.snmp.mibs.iftypes import STATUS, if_type_name
from scanner.collectors.snmp.values import Value, Walk, integer, mac, text
from scanner.inventory.model import Interface

_COLUMN_KEYS: dict[str, str] = {
    oids.IF_DESCR: "descr",
    oids.IF_TYPE: "type",
    oids.IF_MTU: "mtu",
    oids.IF_SPEED: "speed",
    oids.IF_PHYS_ADDRESS: "mac",
    oids.IF_ADMIN_STATUS: "admin",
    oids.IF_OPER_STATUS: "oper",
    oids.IF_NAME: "name",
    oids.IF_HIGH_SPEED: "high_speed",
    oids.IF_ALIAS: "alias",
}
_GAUGE_MAX = 4294967295


def rows(walk: Walk) -> dict[int, dict[str, Value]]:
    """Group interface columns by ifIndex: ``{index: {"descr": ..., ...}}``."""
    table: dict[int, dict[str, Value]] = defaultdict(dict)
    for column, key in _COLUMN_KEYS.items():
        for oid, value in walk.items():
            index = oids.index_of(oid, column)
            if index is not None and index.isdigit():
                table[int(index)][key] = value
    return dict(table)


def _speed(row: Mapping[str, Value]) -> int | None:
    """ifHighSpeed (Mbit/s) wins when ifSpeed is saturated or missing."""
    speed = integer(row.get("speed"))
    high = integer(row.get("high_speed"))
    if high and (speed is None or speed >= _GAUGE_MAX or high * 1_000_000 > speed):
        return high * 1_000_000
    return speed if speed else None


def _status(value: Value | None) -> str:
    number = integer(value)
    return STATUS.get(number, "") if number is not None else ""


def _interface(index: int, row: Mapping[str, Value], ips: list[str]) -> Interface:
    descr = text(row.get("descr"), limit=256)
    name = text(row.get("name"), limit=256) or descr or f"if{index}"
    return Interface(
        name=name,
        index=index,
        description=descr,
        alias=text(row.get("alias"), limit=256),
        type=if_type_name(integer(row.get("type"))),
        mac=mac(row.get("mac")),
        ips=ips,
        speed_bps=_speed(row),
        mtu=integer(row.get("mtu")) or None,
        admin_status=_status(row.get("admin")),
        oper_status=_status(row.get("oper")),
    )


def parse(walk: Walk, ips_by_index: Mapping[int, list[str]] | None = None) -> list[Interface]:
    """Interfaces in ifIndex order, each with the IPs ipAddrTable puts on it."""
    by_index = ips_by_index or {}
    table = rows(walk)
    return [_interface(i, table[i], list(by_index.get(i, []))) for i in sorted(table)]
