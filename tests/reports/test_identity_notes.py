"""Identity resolution's notes reach the reader: two devices kept apart, shared addresses."""

from __future__ import annotations

from reports.rows import source_text
from scanner.inventory.resolve import resolve
from scanner.inventory.sighting import Sighting


def test_devices_kept_apart_and_shared_addresses_are_shown_in_the_source_column() -> None:
    devices = [Sighting(collector="snmp", target=f"10.0.0.{21 + n}",
                        ips=[f"10.0.0.{21 + n}", "192.168.1.1"], name=f"ap{n}",
                        serial=f"SN{n}000{n}X", sys_object_id=f"1.3.6.1.4.1.9.1.{n}")
               for n in range(2)]
    assets = sorted(resolve(devices), key=lambda a: a.name)
    assert len(assets) == 2
    text = source_text(assets[0])
    assert "shared address 192.168.1.1" in text
    texts = [source_text(a) for a in assets]
    assert all("snmp" in t for t in texts)


def test_refused_join_names_the_other_device() -> None:
    serial = "VMware-56 4d 2f 12"
    hosts = [Sighting(collector="vmware", name=f"esx{n}", serial=serial) for n in range(2)]
    first, second = sorted(resolve(hosts), key=lambda a: a.name)
    assert f"kept apart from {second.id}" in source_text(first)
    assert f"kept apart from {first.id}" in source_text(second)
