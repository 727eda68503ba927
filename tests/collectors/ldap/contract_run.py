"""The contract's ``run_alone`` for the ldap collector, inside the lab's client namespace.

The lab DC's address exists only in the lab's namespaces, so the contract's run (the real
orchestrator with a registry of this one collector) happens in a child process started
with ``ip netns exec drsl-cl``; it prints the results, the inventory and the configured
secrets as JSON for :mod:`tests.collectors.ldap.test_contract` to check.
"""

from __future__ import annotations

import json
import os
import sys

from scanner.credentials import LdapCredential, LdapOptions
from scanner.options import ScanOptions
from tests.collectors.contract import registered, run_alone


def options(url: str, user: str, password: str | None) -> ScanOptions:
    return ScanOptions(ldap=LdapOptions(url=url, credential=LdapCredential(user, password),
                                        insecure=True, timeout=10))


def main(url: str, user: str) -> None:
    got = run_alone(registered("ldap"),
                    options(url, user, os.environ.get("DRSCOUT_LDAP_PASSWORD")))
    print(json.dumps({"results": [r.model_dump(mode="json") for r in got.results],
                      "inventory": got.inventory.model_dump(mode="json"),
                      "secrets": list(got.secrets)}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
