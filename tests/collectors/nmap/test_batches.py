"""How live hosts are split into nmap processes."""

from __future__ import annotations

import pytest

from scanner.collectors.nmap.adapter import batch_size


@pytest.mark.parametrize(("hosts", "most", "parallel", "size"), [
    (14, 64, 4, 16),   # a small office: one nmap process (4 of 4 hosts were 30 % slower)
    (3, 64, 4, 16),    # fewer hosts than slots: still one process, not one per host
    (200, 64, 4, 50),  # a larger site: spread over every slot
    (462, 64, 4, 64),  # a large one: never more than the batch limit per process
    (14, 2, 2, 2),     # a limit set below the minimum wins
    (0, 64, 4, 16),    # nothing live: no division by zero
    (5, 8, 0, 8),      # a parallelism of 0 is treated as 1
])
def test_hosts_spread_over_the_parallel_slots(hosts: int, most: int, parallel: int,
                                              size: int) -> None:
    assert batch_size(hosts, most, parallel) == size
