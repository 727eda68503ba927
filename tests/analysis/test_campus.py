"""The generated 10k campus (bench.campus): the SPOFs a DR consultant expects.

Flagged: every access switch with at least N seats, every distribution switch
carrying a single-homed access switch, every standalone hypervisor running VMs
(with its VMs in the blast radius).  Not flagged: the core pair and the
distribution switches whose access switches are all dual-homed.
"""

from __future__ import annotations

import pytest

from analysis import assess
from analysis.model import Assessment
from bench.campus import SEATS_PER_ACCESS, Campus, build, expected
from scanner.inventory.model import Inventory


@pytest.fixture(scope="module")
def campus() -> tuple[Assessment, Campus]:
    raw, layout = build(10_000)
    return assess(Inventory.model_validate(raw)), layout


def test_campus_has_the_issue_shape(campus: tuple[Assessment, Campus]) -> None:
    a, c = campus
    types = [x.type for x in a.inventory.assets]
    assert 9_900 <= len(types) <= 10_100
    assert 9_000 <= types.count("workstation") + types.count("printer") <= 9_800
    assert len(c.hosts) == 10 and types.count("vm") == 100
    assert len(c.cores) == 2 and c.single_homed
    assert all(k % 7 == 6 for k, sw in enumerate(c.access) if sw in c.single_homed)


def test_campus_flags_what_a_dr_consultant_would(campus: tuple[Assessment, Campus]) -> None:
    a, c = campus
    flagged, calm = expected(c, a.seats_threshold)
    spof_assets = {x for s in a.spofs if s.kind in ("asset", "role") for x in s.asset_ids}
    assert flagged <= spof_assets, sorted(flagged - spof_assets)[:10]
    assert not calm & spof_assets, sorted(calm & spof_assets)
    assert calm > set(c.cores)  # some distribution switches have only dual-homed children
    by_asset = {s.asset_ids[0]: s for s in a.spofs if s.kind == "asset"}
    access = by_asset[c.access[0]]
    assert access.impact.seats == SEATS_PER_ACCESS
    assert access.impact.seats_total == len(c.access) * SEATS_PER_ACCESS
    for host in c.hosts:
        vms = {ln.source for ln in a.inventory.links if ln.kind == "runs_on"
               and ln.target == host}
        assert len(vms) == 10 and vms <= set(by_asset[host].blast_radius)
        assert by_asset[host].impact.workloads >= 10
        assert "without failover" in by_asset[host].reason
