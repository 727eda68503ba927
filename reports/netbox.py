"""NetBox bulk-import CSV files: manufacturers, device roles, device types, devices,
interfaces, IP addresses and cables, in the order NetBox needs them imported.

Column names are NetBox's own CSV import fields, from the ``Meta.fields`` of its
import forms (netbox-community/netbox, ``netbox/dcim/forms/bulk_import.py``:
ManufacturerImportForm, DeviceRoleImportForm, DeviceTypeImportForm,
DeviceImportForm, InterfaceImportForm, CableImportForm; and
``netbox/ipam/forms/bulk_import.py``: IPAddressImportForm).  Only columns drscout
can fill are written; every one of them is a documented field (a test checks).

NetBox needs a site before devices: create it first, then pass its name with
``site`` (default "Office").  Every asset gets an interface named ``lan`` when
drscout saw addresses but no interface table, so addresses and cables have
somewhere to attach.
"""

from __future__ import annotations

import ipaddress
import re
from collections import Counter
from collections.abc import Callable

from analysis.model import Assessment
from analysis.site.people import PersonEntry
from reports.audience import client_facing
from reports.csv_tables import Record, csv_bytes
from scanner.inventory.model import Asset, Inventory

DEFAULT_SITE = "Office"
FALLBACK_INTERFACE = "lan"
UNKNOWN_VENDOR = "Unknown"

MANUFACTURER_COLUMNS = ("name", "slug", "description")
DEVICE_ROLE_COLUMNS = ("name", "slug", "color", "vm_role", "description")
DEVICE_TYPE_COLUMNS = ("manufacturer", "model", "slug", "u_height", "description")
DEVICE_COLUMNS = ("name", "role", "manufacturer", "device_type", "serial", "status", "site",
                  "description", "comments")
INTERFACE_COLUMNS = ("device", "name", "label", "type", "enabled", "mtu", "mgmt_only",
                     "description")
IP_ADDRESS_COLUMNS = ("address", "status", "device", "interface", "is_primary", "dns_name",
                      "description")
#: custom fields (NetBox imports a custom field NAME from the column ``cf_NAME``) for what a
#: person wrote in the worksheet; written only when there is such an entry, since NetBox
#: refuses a column whose custom field does not exist (README: create them first)
CUSTOM_FIELDS: dict[str, str] = {
    "dr_owner": "Owner, from the DR worksheet",
    "dr_approved_tier": "Recovery tier approved in the DR worksheet (1 = first)",
    "dr_suggested_tier": "Recovery tier drscout suggests (1 = first)",
    "dr_mtd": "Maximum tolerable downtime, from the DR worksheet",
    "dr_rto": "Recovery time objective, from the DR worksheet",
    "dr_rpo": "Recovery point objective, from the DR worksheet",
    "dr_backup": "Backup as a person recorded it in the DR worksheet (not verified by a scan)",
}
CABLE_COLUMNS = ("side_a_device", "side_a_type", "side_a_name", "side_b_device", "side_b_type",
                 "side_b_name", "status", "description")
ROLE_COLORS = {"router": "2196f3", "firewall": "f44336", "switch": "4caf50", "wireless": "00bcd4",
               "ups": "ff9800", "server": "9c27b0", "hypervisor": "673ab7", "nas": "795548"}


def slug(text: str) -> str:
    """NetBox slugs: lowercase letters, digits, hyphens, underscores; at most 100 characters."""
    value = re.sub(r"[^a-z0-9_]+", "-", text.lower()).strip("-")
    return (value or "unknown")[:100]


def device_names(inventory: Inventory) -> dict[str, str]:
    """asset id -> a device name unique within the site (NetBox requires it)."""
    counts: dict[str, int] = {}
    for asset in inventory.assets:
        counts[asset.name] = counts.get(asset.name, 0) + 1
    return {a.id: a.name if counts[a.name] == 1 else f"{a.name} ({a.id})"
            for a in inventory.assets}


def _vendor(asset: Asset) -> str:
    return asset.vendor or UNKNOWN_VENDOR


def _model(asset: Asset) -> str:
    return asset.model or f"Unknown {asset.type}"


def _manufacturers(a: Assessment) -> list[Record]:
    names = sorted({_vendor(x) for x in a.inventory.assets})
    return [{"name": n, "slug": slug(n), "description": "from drscout"} for n in names]


def _roles(a: Assessment) -> list[Record]:
    types = sorted({x.type for x in a.inventory.assets})
    return [{"name": t.capitalize(), "slug": slug(t), "color": ROLE_COLORS.get(t, "9e9e9e"),
             "vm_role": "true" if t in ("vm", "server") else "false",
             "description": "device type as drscout classified it"} for t in types]


def _device_types(a: Assessment) -> list[Record]:
    pairs = sorted({(_vendor(x), _model(x)) for x in a.inventory.assets})
    return [{"manufacturer": v, "model": m, "slug": slug(f"{v}-{m}"), "u_height": 0,
             "description": "from drscout"} for v, m in pairs]


def _devices(a: Assessment, site: str) -> list[Record]:
    names = device_names(a.inventory)
    custom = _custom_fields(a)
    return [{"name": names[x.id], "role": x.type.capitalize(), "manufacturer": _vendor(x),
             "device_type": _model(x), "serial": x.serial or "", "status": "active",
             "site": site, "description": f"drscout asset {x.id}",
             "comments": "; ".join(filter(None, [", ".join(x.roles), x.os, x.description])),
             **custom.get(x.id, {})}
            for x in a.inventory.assets]


def _custom_fields(a: Assessment) -> dict[str, Record]:
    """asset id -> ``cf_dr_*`` values (none without a person's entries)."""
    if not a.people.assets:
        return {}
    tiers = {p.asset_id: p.suggested_tier for p in a.priorities}
    entries = {e.asset_id: e for e in a.people.assets}
    return {x.id: _custom(entries.get(x.id), tiers.get(x.id, "")) for x in a.inventory.assets}


def _custom(entry: PersonEntry | None, tier: int | str) -> Record:
    """The person's entries and drscout's suggested tier beside them."""
    if entry is None:
        return {"cf_dr_suggested_tier": tier}
    return {"cf_dr_owner": entry.owner, "cf_dr_approved_tier": entry.approved_tier or "",
            "cf_dr_suggested_tier": tier, "cf_dr_mtd": entry.mtd, "cf_dr_rto": entry.rto,
            "cf_dr_rpo": entry.rpo,
            "cf_dr_backup": entry.backup_text() if entry.backup_recorded else ""}


def device_columns(a: Assessment) -> tuple[str, ...]:
    """The device columns, plus the ``cf_dr_*`` ones when a person's entries exist."""
    if not a.people.assets:
        return DEVICE_COLUMNS
    return DEVICE_COLUMNS + tuple(f"cf_{name}" for name in CUSTOM_FIELDS)


def _ports(inventory: Inventory) -> dict[str, list[str]]:
    """asset id -> interface names: its own, those cables name, else the fallback."""
    ports = {a.id: [i.name for i in a.interfaces] for a in inventory.assets}
    for link in inventory.links:
        if link.kind != "physical":
            continue
        for end, port in ((link.source, link.source_port), (link.target, link.target_port)):
            if end in ports and (port or FALLBACK_INTERFACE) not in ports[end]:
                ports[end].append(port or FALLBACK_INTERFACE)
    for asset in inventory.assets:
        needs_fallback = not ports[asset.id] or (
            asset.ips and not any(i.ips for i in asset.interfaces))
        if needs_fallback and FALLBACK_INTERFACE not in ports[asset.id]:
            ports[asset.id].append(FALLBACK_INTERFACE)
    return ports


def _interfaces(a: Assessment) -> list[Record]:
    names = device_names(a.inventory)
    known = {(x.id, i.name): i for x in a.inventory.assets for i in x.interfaces}
    out: list[Record] = []
    for asset_id, ports in _ports(a.inventory).items():
        for port in ports:
            iface = known.get((asset_id, port))
            out.append({"device": names[asset_id], "name": port,
                        "label": iface.alias if iface else "", "type": "other",
                        "enabled": "false" if iface and iface.admin_status == "down" else "true",
                        "mtu": iface.mtu if iface and iface.mtu else "", "mgmt_only": "false",
                        "description": iface.description if iface else "created by drscout"})
    return out


def _prefix_for(ip: str, inventory: Inventory) -> str:
    """``10.77.0.10/24``: NetBox stores addresses with their mask; /32 when unknown."""
    address = ipaddress.ip_address(ip)
    for subnet in inventory.network.subnets:
        network = ipaddress.ip_network(subnet, strict=False)
        if address in network:
            return f"{ip}/{network.prefixlen}"
    return f"{ip}/{address.max_prefixlen}"


def _ip_records(a: Assessment) -> list[Record]:
    names = device_names(a.inventory)
    out: list[Record] = []
    for asset in a.inventory.assets:
        by_iface = {ip: i.name for i in asset.interfaces for ip in i.ips}
        for n, ip in enumerate(asset.ips):
            try:
                address = _prefix_for(ip, a.inventory)
            except ValueError:
                continue
            out.append({"address": address, "status": "active", "device": names[asset.id],
                        "interface": by_iface.get(ip, FALLBACK_INTERFACE),
                        "is_primary": "true" if n == 0 else "false",
                        "dns_name": asset.hostnames[0] if asset.hostnames else "",
                        "description": "seen by drscout"})
    return out


def _cables(a: Assessment) -> list[Record]:
    """Physical links; one whose port is unknown on a device with several links is left
    out, since NetBox allows one cable per interface and the fallback would be reused."""
    names = device_names(a.inventory)
    physical = [x for x in a.inventory.links if x.kind == "physical"]
    ends = Counter(e for x in physical for e in (x.source, x.target))
    return [{"side_a_device": names[x.source], "side_a_type": "dcim.interface",
             "side_a_name": x.source_port or FALLBACK_INTERFACE,
             "side_b_device": names[x.target], "side_b_type": "dcim.interface",
             "side_b_name": x.target_port or FALLBACK_INTERFACE, "status": "connected",
             "description": f"{x.collector} ({x.confidence:g}): {x.evidence}"}
            for x in physical
            if x.source in names and x.target in names
            and (x.source_port or ends[x.source] == 1)
            and (x.target_port or ends[x.target] == 1)]


def netbox_files(site: str = DEFAULT_SITE) -> tuple[tuple[str, Callable[[Assessment], bytes]],
                                                    ...]:
    """File name -> renderer, numbered in import order (the scanning machine left out)."""
    files = (
        ("01-manufacturers.csv", lambda a: csv_bytes(MANUFACTURER_COLUMNS, _manufacturers(a))),
        ("02-device-roles.csv", lambda a: csv_bytes(DEVICE_ROLE_COLUMNS, _roles(a))),
        ("03-device-types.csv", lambda a: csv_bytes(DEVICE_TYPE_COLUMNS, _device_types(a))),
        ("04-devices.csv", lambda a: csv_bytes(device_columns(a), _devices(a, site))),
        ("05-interfaces.csv", lambda a: csv_bytes(INTERFACE_COLUMNS, _interfaces(a))),
        ("06-ip-addresses.csv", lambda a: csv_bytes(IP_ADDRESS_COLUMNS, _ip_records(a))),
        ("07-cables.csv", lambda a: csv_bytes(CABLE_COLUMNS, _cables(a))),
    )
    return tuple((name, client_facing(render)) for name, render in files)
