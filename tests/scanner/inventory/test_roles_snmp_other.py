"""An SNMP agent nobody recognised is a device of type ``other``, never a workstation."""

from __future__ import annotations

from scanner.inventory.model import Asset, NetworkContext
from scanner.inventory.roles import assign_roles


def test_snmp_device_without_type_evidence_stays_other() -> None:
    asset = Asset(id="cam", name="cam", type="other", sources=["nmap", "snmp"])
    done = assign_roles(asset, NetworkContext())
    assert done.type == "other"
    assert "workstation" not in done.roles


def test_silent_host_seen_only_by_nmap_is_still_a_workstation() -> None:
    asset = Asset(id="pc", name="pc", type="other", sources=["nmap"])
    done = assign_roles(asset, NetworkContext())
    assert done.type == "workstation" and done.roles == ["workstation"]
