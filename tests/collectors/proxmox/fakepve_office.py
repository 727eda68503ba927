"""A Proxmox VE cluster served by fakepve (PyPI) on a loopback address.

Nodes pve1 and pve2 run HA-managed VMs whose disks sit on an NFS storage
(``shared 1``, server 10.9.0.70); pve3 runs a VM that is not an HA resource,
on local-lvm, and a stopped container.  fakepve keeps VMs, configs, HA state
(``hastate`` in /cluster/resources) and storage configs as state; it answers
/cluster/ha/resources and /cluster/ha/groups with generic schema-shaped data.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

USER, PASSWORD = "root@pam", "drsv-pve-secret"
NAS_IP = "10.9.0.70"
EXPECTED_HOSTS = {"dc-ha": "pve1", "erp-ha": "pve2", "print3": "pve3", "ct-off": "pve3"}


def missing() -> str | None:
    try:
        import fakepve  # noqa: F401
        import proxmoxer  # noqa: F401
    except ImportError as exc:
        return f"{exc.name} is not installed (pip install drscout[proxmox] fakepve)"
    return None


def build() -> Any:
    from fakepve import FakePve

    pve = FakePve(user=USER, password=PASSWORD, host="127.0.0.1", port=0)
    pve.cluster_name = "office"
    pve.nodes = {}
    for node in ("pve1", "pve2", "pve3"):
        pve.add_node(node)
    pve.storages["nas-nfs"] = {"type": "nfs", "server": NAS_IP, "export": "/export/pve",
                               "path": "/mnt/pve/nas-nfs", "content": "images,rootdir",
                               "shared": 1, "active": 1, "files": set()}
    dc = pve.add_vm(100, "dc-ha", node="pve1", status="running",
                    config={"scsi0": "nas-nfs:100/vm-100-disk-0.qcow2,size=32G",
                            "net0": "virtio=BC:24:11:00:01:00,bridge=vmbr0",
                            "memory": 4096, "cores": 2, "ostype": "win11"})
    erp = pve.add_vm(101, "erp-ha", node="pve2", status="running",
                     config={"virtio0": "nas-nfs:101/vm-101-disk-0.qcow2,size=64G",
                             "net0": "virtio=BC:24:11:00:01:01,bridge=vmbr0",
                             "memory": 8192, "cores": 4, "ostype": "l26"})
    dc.ha_state = erp.ha_state = "started"
    pve.add_vm(102, "print3", node="pve3", status="running",
               config={"scsi0": "local-lvm:vm-102-disk-0,size=16G",
                       "ide2": "local:iso/debian.iso,media=cdrom",
                       "net0": "virtio=BC:24:11:00:01:02,bridge=vmbr0", "memory": 2048})
    pve.add_ct(200, "ct-off", node="pve3", status="stopped",
               config={"rootfs": "local-lvm:vm-200-disk-0,size=8G", "memory": 512,
                       "net0": "name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:02:00,"
                               "ip=10.9.0.200/24"})
    return pve


@contextmanager
def running(workdir: Path) -> Iterator[str]:
    """Serve the office on 127.0.0.1 in a thread; yields ``https://127.0.0.1:PORT``."""
    from fakepve.certs import make_cert

    certfile, keyfile, _ = make_cert(str(workdir), hosts=("127.0.0.1",))
    pve = build()
    loop = asyncio.new_event_loop()
    started = threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(pve.start(certfile, keyfile))
        started.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, name="drsv-fakepve", daemon=True)
    thread.start()
    if not started.wait(30):
        raise RuntimeError("fakepve did not start")
    try:
        yield f"https://127.0.0.1:{pve.port}"
    finally:
        asyncio.run_coroutine_threadsafe(pve.stop(), loop).result(15)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(15)
