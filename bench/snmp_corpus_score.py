"""Score the SNMP collector on the real-device corpora (shared/corpus/snmp/dev and train).

Serves each corpus's recordings with snmpsim on 127.0.0.1, probes each one
(community = file stem) with the real collector and prints, per corpus, the
accuracy of every field (vendor, type, os, hardware, version, serial) and the
misses.  Each corpus is scored on its own: dev is what rules were tuned on,
train is the wider check.

Usage::

    python bench/snmp_corpus_score.py                      # dev
    python bench/snmp_corpus_score.py --corpus train
    python bench/snmp_corpus_score.py --corpus both
    python bench/snmp_corpus_score.py path/to/corpus [...]  # any folder with manifest.csv
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import re
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from scanner.collectors.snmp import probe
from scanner.collectors.snmp.transport.engine import snmp_engine
from scanner.credentials import SnmpCommunity
from scanner.options import SnmpOptions

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ("dev", "train")
FIELDS = ("vendor", "type", "os", "hardware", "version", "serial")
#: probes in flight at once (snmpsim answers one at a time; this hides the round trips)
CONCURRENCY = 4

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
    "fortiswitch": "fortiswitchos",
    "drac": "idrac",
    "hiveos-network": "hiveos",
    "merakims": "meraki",
    "ruckuswireless": "ruckus",
    # LibreNMS ids that name an OS we spell out
    "sophos": "sophos utm",
    "ftd": "cisco ftd",
    "dell-os10": "os10",
}


def corpus_dir(name: str) -> Path | None:
    """``dev``/``train`` under shared/corpus/snmp (either checkout layout), or None."""
    for base in (Path("/work/shared/corpus/snmp"), ROOT.parent / "shared/corpus/snmp"):
        if (base / name / "manifest.csv").exists():
            return base / name
    return None


def default_corpus() -> Path | None:
    return corpus_dir("dev")


def _norm(value: str | None) -> str:
    return re.sub(r"[^a-z0-9+. -]", "", (value or "").lower()).strip()


def vendor_ok(expected: str, got: str | None) -> bool:
    want = _norm(expected)
    return _norm(got) in VENDOR_ALIASES.get(want, {want})


def os_is_vendor(expected: str, got: str | None, got_os: str | None) -> bool:
    """The corpus README's convention for generic hosts ("`Linux`: generic net-snmp Linux.
    The OS is the vendor."): we never name an OS as a vendor, so an empty vendor with
    that OS is the same statement."""
    return not got and bool(got_os) and _norm(got_os) == _norm(expected)


def os_ok(expected: str, got: str | None) -> bool:
    return _norm(got) == _norm(OS_ALIASES.get(expected, expected))


def _squash(value: str | None) -> str:
    return re.sub(r"[^a-z0-9]", "", (value or "").lower())


def loose_ok(expected: str, got: str | None) -> bool:
    """The corpus README's rule for LibreNMS renderings: equal after normalising case and
    punctuation, or one contains the other."""
    want, have = _squash(expected), _squash(got)
    return bool(want and have) and (want in have or have in want)


CHECKS: dict[str, Callable[[str, str | None], bool]] = {
    "vendor": vendor_ok, "type": lambda e, g: e == g, "os": os_ok,
    "hardware": loose_ok, "version": loose_ok, "serial": loose_ok,
}


class FieldScore:
    """One field's tally on one corpus (a plain class: tests load this file by path)."""

    def __init__(self) -> None:
        self.scored = 0
        self.hits = 0
        self.by_convention = 0
        self.misses: list[tuple[str, str, str | None]] = []

    @property
    def accuracy(self) -> float:
        return self.hits / self.scored if self.scored else 1.0


async def _probe_one(
    row: dict[str, str], port: int, engine: object, gate: asyncio.Semaphore
) -> dict[str, str | None]:
    opts = SnmpOptions(credentials=(SnmpCommunity(row["name"]),), port=port,
                       timeout=3.0, retries=1)
    async with gate:
        result = await probe("127.0.0.1", opts, engine)
    seen = result.sightings[0] if result.sightings else None
    return {
        "vendor": seen.vendor if seen else None,
        "type": seen.type if seen else None,
        "os": seen.os if seen else None,
        "hardware": seen.model if seen else None,
        "version": seen.os_version if seen else None,
        "serial": seen.serial if seen else None,
    }


async def _probe_all(port: int, rows: list[dict[str, str]]) -> dict[str, dict[str, str | None]]:
    gate = asyncio.Semaphore(CONCURRENCY)
    async with snmp_engine() as engine:
        found = await asyncio.gather(*(_probe_one(r, port, engine, gate) for r in rows))
    return {r["name"]: got for r, got in zip(rows, found, strict=True)}


def _snmpsim() -> ModuleType:
    """The tests' snmpsim launcher (``python bench/...`` does not put the repository,
    and so the ``tests`` package, on the path)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.collectors.snmp import snmpsim_server

    return snmpsim_server


def judge(rows: list[dict[str, str]], got: dict[str, dict[str, str | None]]
          ) -> dict[str, FieldScore]:
    """Per-field scores of ``got`` against the manifest ``rows`` (empty cells not scored)."""
    scores = {f: FieldScore() for f in FIELDS}
    for row in rows:
        mine = got[row["name"]]
        for name, ok in CHECKS.items():
            want = row[f"expected_{name}"]
            if not want:
                continue
            score = scores[name]
            score.scored += 1
            if ok(want, mine[name]):
                score.hits += 1
            elif name == "vendor" and os_is_vendor(want, mine["vendor"], mine["os"]):
                score.hits += 1
                score.by_convention += 1
            else:
                score.misses.append((row["name"], want, mine[name]))
    return scores


def report(label: str, scores: dict[str, FieldScore]) -> None:
    print(f"== {label}")
    for name, s in scores.items():
        note = f", {s.by_convention} by 'the OS is the vendor'" if s.by_convention else ""
        print(f"{name}: {s.accuracy:.3f} ({s.hits}/{s.scored}{note})")
        for who, want, have in s.misses:
            print(f"   miss {who}: expected {want!r} got {have!r}")


def score_fields(corpus: Path) -> dict[str, FieldScore]:
    """Probe every manifest row of ``corpus`` through snmpsim and score every field."""
    with (corpus / "manifest.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    with _snmpsim().serve(corpus, 300.0) as port:
        got = asyncio.run(_probe_all(port, rows))
    return judge(rows, got)


def score(corpus: Path) -> dict[str, float]:
    """Accuracy per field for one corpus (and print its figures and misses)."""
    scores = score_fields(corpus)
    report(str(corpus), scores)
    return {name: s.accuracy for name, s in scores.items()}


def _targets(args: argparse.Namespace) -> list[Path] | None:
    if args.paths:
        return [Path(p) for p in args.paths]
    names = CORPORA if args.corpus == "both" else (args.corpus,)
    found = [corpus_dir(n) for n in names]
    return None if any(f is None for f in found) else [f for f in found if f]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="corpus folders (each with manifest.csv)")
    parser.add_argument("--corpus", choices=(*CORPORA, "both"), default="dev")
    args = parser.parse_args(argv)
    targets = _targets(args)
    if not targets:
        print(f"corpus not found (expected shared/corpus/snmp/{args.corpus})")
        return 2
    for corpus in targets:
        score(corpus)
    return 0


if __name__ == "__main__":
    sys.exit(main())
