"""All 462 corpus recordings (dev 62 + train 400) served at once, each as its own SNMP
agent on its own address, scanned in one ``drscout scan``: one asset per device.

This is the scan that once made 117 assets out of 124 devices (shared link-local and
factory-default addresses, addresses read from other devices' ARP tables).  Every
agent must become exactly one asset, and the asset at each address must be the
recording served there.  VMs that a hypervisor's agent lists are assets of their own
and are counted apart.  No wall time is asserted here: ``bench/snmp_farm.py`` measures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.inventory.model import Asset, Inventory
from tests.collectors.snmp.farm import (
    corpus_dir,
    drscout,
    farm,
    recordings,
    sys_object_id,
    unavailable_reason,
)

REASON = unavailable_reason()
pytestmark = [pytest.mark.corpus, pytest.mark.skipif(REASON is not None, reason=REASON or "")]
#: dev 62 + train 400, as the corpus README counts them
EXPECTED_AGENTS = 462


def _is_vm(asset: Asset) -> bool:
    return asset.virtualization is not None and asset.virtualization.kind == "vm"


def test_every_agent_of_the_farm_becomes_exactly_one_asset(tmp_path: Path) -> None:
    corpus = corpus_dir()
    assert corpus is not None
    records = recordings(corpus)
    assert len(records) == EXPECTED_AGENTS
    out = tmp_path / "inventory.json"
    with farm(records, tmp_path) as fm:
        # generous timeouts: 462 agents share 15 simulator processes on a small machine,
        # and this test is about identity, not speed (bench/snmp_farm.py measures that)
        done = fm.run([drscout(), "scan", "-q", "--collectors", "snmp", "--snmp-timeout", "10",
                       "--snmp-retries", "2", "-o", str(out), *fm.targets], timeout=3600)
        agents = {a.address: a.recording for a in fm.agents}
    assert done.returncode == 0, done.stderr[-3000:]
    inventory = Inventory.model_validate_json(out.read_text())
    devices = [a for a in inventory.assets if not _is_vm(a)]
    where = {a.id: [ip for ip in a.ips if ip in agents] for a in devices}
    assert not [a.id for a in devices if len(where[a.id]) != 1], "assets without one agent"
    served = {where[a.id][0]: a for a in devices}
    assert sorted(served) == sorted(agents), "agents without an asset"
    assert len(devices) == EXPECTED_AGENTS
    wrong = [(ip, rec.name, served[ip].sys_object_id) for ip, rec in agents.items()
             if sys_object_id(rec) and served[ip].sys_object_id != sys_object_id(rec)]
    assert not wrong, f"asset at an address is not the recording served there: {wrong[:5]}"
    vms = [a for a in inventory.assets if _is_vm(a)]
    assert all(not set(a.ips) & set(agents) for a in vms)
