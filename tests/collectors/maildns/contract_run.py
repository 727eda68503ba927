"""The contract's ``run_alone`` for the maildns collector, inside the lab's client namespace.

The lab's DNS server exists only in the lab's namespaces, so the run (the real
orchestrator with a registry of this one collector) happens in a child process started
with ``ip netns exec drsm-cl``; it prints the results and the inventory as JSON.
Arguments: the DNS server to name (or ``-`` for the resolver's), then mail domains.
"""

from __future__ import annotations

import ipaddress
import json
import sys

from scanner.collectors.maildns.options import MailDnsOptions
from scanner.options import ScanOptions
from tests.collectors.contract import registered, run_alone

SUBNET = "10.78.0.0/24"


def options(server: str | None, domains: tuple[str, ...]) -> ScanOptions:
    return ScanOptions(targets=(ipaddress.ip_network(SUBNET),),
                       maildns=MailDnsOptions(domains=domains, server=server, timeout=1.0))


def main(server: str, *domains: str) -> None:
    got = run_alone(registered("maildns"), options(None if server == "-" else server,
                                                   tuple(domains)))
    print(json.dumps({"results": [r.model_dump(mode="json") for r in got.results],
                      "inventory": got.inventory.model_dump(mode="json"),
                      "secrets": list(got.secrets)}))


if __name__ == "__main__":
    main(*sys.argv[1:])
