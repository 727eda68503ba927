"""Physical topology: neighbour reports and forwarding tables -> physical links.

Collectors report what each device sees of its own ports (``LinkHint``s);
this package matches the far ends to known assets, merges the two sides of a
cable into one link, and infers links from forwarding tables where no
neighbour protocol runs, and VMs behind another machine's port from the MAC blocks of
hypervisor vendors.  It is pure: hints and assets in, links out.
"""

from __future__ import annotations

from scanner.topology.guests import guest_links, mark_guests
from scanner.topology.links import PHYSICAL_HINT_KINDS
from scanner.topology.physical import physical_links

__all__ = ["PHYSICAL_HINT_KINDS", "guest_links", "mark_guests", "physical_links"]
