"""Record the lab DC's LDAP snapshot into ``fixtures/ldap/``:
``python -m tests.collectors.ldap.record`` (root: it builds the Samba AD lab).

The snapshot is what :func:`scanner.collectors.ldap.api.fetch` read from a real Samba
AD DC (see :mod:`tests.collectors.ldap.samba_dc` for what the lab holds); the parser
tests run on it without a DC.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.collectors.ldap import samba_dc

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "ldap"
REPO = Path(__file__).resolve().parents[3]


def fetch_in_lab(lab: samba_dc.SambaLab, password: str, url: str | None = None,
                 *extra: str) -> dict[str, object]:
    """drscout's transport run inside the client namespace; the snapshot or the error."""
    done = subprocess.run(
        ["ip", "netns", "exec", samba_dc.NS_CLIENT, sys.executable, "-m",
         "tests.collectors.ldap.fetch", url or lab.url, lab.admin, *extra],
        capture_output=True, text=True, timeout=120, check=True, cwd=REPO,
        env=dict(os.environ, DRSCOUT_LDAP_PASSWORD=password))
    result: dict[str, object] = json.loads(done.stdout)
    return result


def record() -> Path:
    with samba_dc.samba_lab() as lab:
        snap = fetch_in_lab(lab, samba_dc.PASSWORD)
    if "error" in snap:
        raise RuntimeError(f"the lab DC did not answer: {snap}")
    out = FIXTURES / "samba-office.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(snap, indent=1, sort_keys=True) + "\n")
    return out


if __name__ == "__main__":
    print(record())
