"""Record what the lab's dnsmasq answers into ``fixtures/maildns/``:
``python -m tests.collectors.maildns.record [DOMAIN ...]`` (root: it builds the dnsmasq lab).

Each file is the snapshot :func:`scanner.collectors.maildns.api.ask` took of one test
domain from a real dnsmasq (see :mod:`tests.collectors.maildns.dnslab` for the zones);
the classification tests run on them without root or a DNS server.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tests.collectors.maildns import dnslab

REPO = Path(__file__).resolve().parents[3]
FIXTURES = REPO / "fixtures" / "maildns"
DOMAINS = ("contoso.test", "fabrikam.test", "onprem.test", "exchange.test", "filtered.test",
           "hostile.test",
           "nothing.test")
_ASK = ("import json, sys\n"
        "from scanner.collectors.maildns.api import ask\n"
        f"print(json.dumps({{d: ask('{dnslab.DNS_IP}', d, 3) for d in sys.argv[1:]}}))\n")


def ask_in_lab(*domains: str) -> dict[str, object]:
    """drscout's DNS questions asked from the client namespace, as JSON."""
    done = dnslab.in_ns(dnslab.NS_CL, str(REPO / ".venv" / "bin" / "python"), "-c", _ASK,
                        *domains, timeout=120)
    found: dict[str, object] = json.loads(done.stdout)
    return found


def record(domains: tuple[str, ...] = DOMAINS) -> list[Path]:
    with dnslab.dns_lab():
        snapshots = ask_in_lab(*domains)
    FIXTURES.mkdir(parents=True, exist_ok=True)
    written = []
    for domain, snapshot in snapshots.items():
        out = FIXTURES / f"{domain.split('.')[0]}.json"
        out.write_text(json.dumps(snapshot, indent=2, sort_keys=True) + "\n")
        written.append(out)
    return written


if __name__ == "__main__":  # the domains to record (default: all)
    for path in record(tuple(sys.argv[1:]) or DOMAINS):
        print(path)
