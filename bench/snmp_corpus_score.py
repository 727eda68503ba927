"""Score the SNMP collector on the real-device corpus (shared/corpus/snmp/dev).

Serves the recordings with snmpsim on 127.0.0.1, probes each one (community =
file stem) and prints per-field accuracy for vendor, type and os plus the
misses.  Usage: ``python bench/snmp_corpus_score.py [CORPUS_DIR]``.
"""

from __future__ import annotations

import asyncio
import csv
import importlib.util
import re
import sys
from pathlib import Path

from scanner.collectors.snmp import probe
from scanner.credentials import SnmpCommunity
from scanner.options import SnmpOptions

ROOT = Path(__file__).resolve().parents[1]

#: vendor aliases the corpus README accepts, normalised
VENDOR_ALIASES = {
    "cisco": {"cisco", "meraki"},
    "hpe aruba": {"hpe aruba", "hp", "hpe", "aruba", "procurve", "hewlett packard enterprise"},
    "hpe": {"hpe", "hp", "hewlett packard enterprise"},
    "tripp lite": {"tripp lite", "eaton"},
    "apc": {"apc", "schneider electric"},
    "aerohive": {"aerohive", "extreme networks"},
}
#: our OS names for LibreNMS OS ids where the two differ
OS_ALIASES = {
    "ios": "cisco ios",
    "iosxe": "cisco ios-xe",
    "asa": "cisco asa",
    "ciscosb": "cisco small business",
    "ciscowlc": "cisco wlc",
    "merakimr": "meraki",
    "procurve": "procurve",
    "jetdirect": "jetdirect",
    "junos": "junos",
    "fortigate": "fortios",
    "sonicwall": "sonicos",
    "panos": "pan-os",
    "fireware": "fireware",
    "sophos-xg": "sfos",
    "zywall": "zywall",
    "draytek": "drayos",
    "dsm": "dsm",
    "qnap": "qts",
    "truenas-scale": "truenas scale",
    "vmware-esxi": "esxi",
    "proxmox": "proxmox ve",
    "apc": "apc aos",
    "hpe-ilo": "ilo",
    "axiscam": "axis os",
    "unifi": "unifi",
    "airos": "airos",
    "aruba-instant": "arubaos",
    "hiveos-wireless": "hiveos",
    "ruckuswireless-unleashed": "ruckus",
    "poweralert": "poweralert",
    "jetstream": "jetstream",
}


def default_corpus() -> Path | None:
    for candidate in (Path("/work/shared/corpus/snmp/dev"), ROOT.parent / "shared/corpus/snmp/dev"):
        if (candidate / "manifest.csv").exists():
            return candidate
    return None


def _norm(value: str | None) -> str:
    return re.sub(r"[^a-z0-9+. -]", "", (value or "").lower()).strip()


def vendor_ok(expected: str, got: str | None) -> bool:
    want = _norm(expected)
    return _norm(got) in VENDOR_ALIASES.get(want, {want})


def os_ok(expected: str, got: str | None) -> bool:
    return _norm(got) == _norm(OS_ALIASES.get(expected, expected))


def _squash(value: str | None) -> str:
    return re.sub(r"[^a-z0-9]", "", (value or "").lower())


def loose_ok(expected: str, got: str | None) -> bool:
    """The corpus README's rule for LibreNMS renderings: equal after normalising case and
    punctuation, or one contains the other."""
    want, have = _squash(expected), _squash(got)
    return bool(want and have) and (want in have or have in want)


async def _probe_all(port: int, rows: list[dict[str, str]]) -> dict[str, dict[str, str | None]]:
    options = SnmpOptions(port=port, timeout=3.0, retries=1)
    results: dict[str, dict[str, str | None]] = {}
    for row in rows:
        opts = SnmpOptions(
            credentials=(SnmpCommunity(row["name"]),),
            port=options.port,
            timeout=options.timeout,
            retries=options.retries,
        )
        result = await probe("127.0.0.1", opts)
        seen = result.sightings[0] if result.sightings else None
        results[row["name"]] = {
            "vendor": seen.vendor if seen else None,
            "type": seen.type if seen else None,
            "os": seen.os if seen else None,
            "hardware": seen.model if seen else None,
            "version": seen.os_version if seen else None,
            "serial": seen.serial if seen else None,
        }
    return results


def score(corpus: Path) -> dict[str, float]:
    """Probe every manifest row; return accuracy per field (and print the misses)."""
    spec = importlib.util.spec_from_file_location(
        "snmpsim_server", ROOT / "tests/collectors/snmp/snmpsim_server.py"
    )
    assert spec and spec.loader
    server = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(server)
    with (corpus / "manifest.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    with server.serve(corpus) as port:
        got = asyncio.run(_probe_all(port, rows))
    checks = {"vendor": vendor_ok, "type": lambda e, g: e == g, "os": os_ok,
              "hardware": loose_ok, "version": loose_ok, "serial": loose_ok}
    accuracy: dict[str, float] = {}
    for field, ok in checks.items():
        scored = [r for r in rows if r[f"expected_{field}"]]
        misses = [r for r in scored if not ok(r[f"expected_{field}"], got[r["name"]][field])]
        accuracy[field] = 1 - len(misses) / len(scored)
        print(f"{field}: {accuracy[field]:.3f} ({len(scored) - len(misses)}/{len(scored)})")
        for r in misses:
            want, have = r[f"expected_{field}"], got[r["name"]][field]
            print(f"   miss {r['name']}: expected {want!r} got {have!r}")
    return accuracy


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else default_corpus()
    if corpus is None:
        print("corpus not found (expected /work/shared/corpus/snmp/dev)")
        return 2
    score(corpus)
    return 0


if __name__ == "__main__":
    sys.exit(main())
