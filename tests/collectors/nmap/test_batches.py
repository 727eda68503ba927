"""How live hosts are split into nmap processes."""

from __future__ import annotations

import pytest

from scanner.collectors.nmap.adapter import batch_size


@pytest.mark.parametrize(("hosts", "most", "parallel", "size"), [
    (14, 8, 4, 4),    # every slot busy: 4 batches of 4 (was 2 of 8, two slots idle)
    (3, 8, 4, 1),     # fewer hosts than slots: one host per process
    (200, 8, 4, 8),   # a large site: never more than the batch limit per process
    (0, 8, 4, 1),     # nothing live: no division by zero
    (5, 8, 0, 5),     # a parallelism of 0 is treated as 1
])
def test_hosts_spread_over_the_parallel_slots(hosts: int, most: int, parallel: int,
                                              size: int) -> None:
    assert batch_size(hosts, most, parallel) == size
