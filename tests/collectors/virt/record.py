"""Record hypervisor snapshots into fixtures/ from the real peers the tests run:
``python -m tests.collectors.virt.record vmware`` (vcsim), ``libvirt``, ``proxmox`` (fakepve)."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from scanner.collectors.vmware import api as vmware_api
from scanner.credentials import VirtCredential, VirtEndpoint
from tests.collectors.vmware import vcsim

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"


def record_vmware() -> Path:
    with tempfile.TemporaryDirectory(prefix="drsv-") as tmp, vcsim.running() as addr:
        vcsim.shape_office(addr, Path(tmp) / "nfs-shared")
        ep = VirtEndpoint("vmware", f"https://{addr}", VirtCredential(vcsim.USER, vcsim.PASSWORD))
        snap = vmware_api.fetch(ep, insecure=True, timeout=20)
    out = FIXTURES / "vmware/vcsim-office.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(snap, indent=1, sort_keys=True) + "\n")
    return out



def record_libvirt() -> Path:
    from scanner.collectors.libvirt import api as libvirt_api
    from tests.collectors.libvirt import libvirt_office, libvirtd

    with tempfile.TemporaryDirectory(prefix="drsv-") as tmp:
        files = libvirt_office.write(Path(tmp) / "nodes")
        with libvirtd.running(Path(tmp) / "daemon") as port:
            snaps = [libvirt_api.fetch(VirtEndpoint("libvirt",
                                                    f"test+tcp://127.0.0.1:{port}{path}"),
                                       timeout=10) for path in files.values()]
    out = FIXTURES / "libvirt/office.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(snaps, indent=1, sort_keys=True) + "\n")
    return out



def record_proxmox() -> Path:
    from scanner.collectors.proxmox import api as proxmox_api
    from tests.collectors.proxmox import fakepve_office

    with tempfile.TemporaryDirectory(prefix="drsv-") as tmp, \
            fakepve_office.running(Path(tmp)) as url:
        ep = VirtEndpoint("proxmox", url, VirtCredential(fakepve_office.USER,
                                                         fakepve_office.PASSWORD))
        snap = proxmox_api.fetch(ep, insecure=True, timeout=10)
    out = FIXTURES / "proxmox/fakepve-office.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(snap, indent=1, sort_keys=True) + "\n")
    return out


if __name__ == "__main__":
    for name in sys.argv[1:]:
        path = globals()[f"record_{name}"]()
        sys.stderr.write(f"recorded {path}\n")
