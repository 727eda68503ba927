"""Record what the SSH collector reads on the SSH lab's hosts into fixtures/ssh/.

Run as root: ``python -m tests.collectors.ssh.record``.  Each host's raw snapshot (every
allow-listed command's output, exactly as the live collector got it) goes into a case
folder named after what it shows; ``test_parse.py`` parses them without a network.
"""

from __future__ import annotations

import asyncio
import json
import tempfile
from pathlib import Path

from scanner.collectors.ssh import SshCredential, SshOptions, api
from tests.collectors.ssh import sshlab

FIXTURES = sshlab.REPO / "fixtures" / "ssh"
CASES = {"files1": "lab-files1-restic-timer", "app2": "lab-app2-dnsmasq-cron-dump",
         "hostile": "lab-hostile-strings"}


async def _record(lab: sshlab.SshLab) -> None:
    opts = SshOptions(credential=SshCredential("root", key_path=str(lab.client_key)),
                      known_hosts=lab.root / "known_hosts")
    for key, case in CASES.items():
        snapshot = await api.fetch(lab.hosts[key].ip, opts)
        snapshot["recorded"] = {"backup_started": str(lab.backup_started),
                                "restic_snapshot_time": str(lab.snapshot_time)}
        folder = FIXTURES / case
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "snapshot.json").write_text(json.dumps(snapshot, indent=1, sort_keys=True)
                                              + "\n", encoding="utf-8")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="drsh-rec-") as tmp, \
            sshlab.running(Path(tmp)) as lab:
        asyncio.run(_record(lab))


if __name__ == "__main__":
    main()
