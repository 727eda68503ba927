"""Record the lab switch's walk into ``fixtures/snmp/lab-switch/walk.snmprec``.

Usage (root): ``.venv/bin/python tests/collectors/snmp/record.py``.  Builds the
namespace lab, runs snmpsim's recorder from the probe namespace against the real
net-snmp agent, and writes the snmprec file that the offline tests parse.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.collectors.snmp import lab  # noqa: E402

FIXTURE = ROOT / "fixtures/snmp/lab-switch/walk.snmprec"


#: snmpwalk type word -> snmprec tag
TAGS = {
    "INTEGER": "2",
    "STRING": "4",
    "Hex-STRING": "4x",
    "OID": "6",
    "IpAddress": "64",
    "Counter32": "65",
    "Gauge32": "66",
    "Timeticks": "67",
    "Counter64": "70",
}


def _join_wrapped(walk_output: str) -> list[str]:
    """snmpwalk wraps long Hex-STRINGs onto extra lines; glue them back on."""
    lines: list[str] = []
    for line in walk_output.splitlines():
        if lines and not line.startswith("."):
            lines[-1] += " " + line.strip()
        else:
            lines.append(line)
    return lines


def to_snmprec(walk_output: str) -> list[str]:
    """Convert ``snmpwalk -On -Ox -Oe -Ot -OU`` output lines to snmprec ``OID|tag|value``."""
    records: list[str] = []
    for line in _join_wrapped(walk_output):
        oid, sep, rest = line.partition(" = ")
        if not sep:
            continue
        kind, _, value = rest.partition(": ")
        if kind.isdigit():  # -Ot prints Timeticks as a bare number
            kind, value = "Timeticks", kind
        if kind == '""':
            kind, value = "STRING", ""
        tag = TAGS.get(kind)
        if tag is None:
            continue
        if tag == "4x":
            value = value.replace(" ", "").lower()
        elif tag == "4":
            value = value.strip('"')
        elif tag == "6":
            value = value.lstrip(".")
        records.append(f"{oid.lstrip('.')}|{tag}|{value.strip()}")
    return sorted(records, key=lambda r: tuple(int(p) for p in r.split("|")[0].split(".")))


def record(lab_env: lab.Lab, output: Path) -> None:
    lines: list[str] = []
    for root in lab.VIEW:
        walked = lab.sh(
            "snmpwalk",
            "-v2c",
            "-c",
            lab.COMMUNITY,
            "-On",
            "-Ox",
            "-Oe",
            "-Ot",
            "-OU",
            lab.AGENT_IP,
            root,
            ns=lab.PROBE_NS,
        )
        lines += to_snmprec(walked.stdout)
    output.write_text("\n".join(lines) + "\n")


def main() -> int:
    reason = lab.unavailable_reason()
    if reason:
        print(f"cannot record: {reason}", file=sys.stderr)
        return 2
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="drss-record-") as tmp, lab.snmp_lab(Path(tmp)) as env:
        record(env, FIXTURE)
    print(f"wrote {FIXTURE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
