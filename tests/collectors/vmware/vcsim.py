"""Bring up vcsim (govmomi's vSphere simulator) on loopback for the tests.

Debian's golang-github-vmware-govmomi-dev ships the simulator package but no
vcsim binary, so ``tests/collectors/vmware/vcsim/main.go`` is built in GOPATH mode and the
binary cached in ``~/.cache/drscout``.  The office it serves: cluster DC0_C0
with vSphere HA, cluster DC0_C1 without, standalone host DC0_H0; each has one VM
on LocalDS_0 (a host-local datastore).  :func:`shape_office` then adds, through
the vSphere API, an NFS datastore on the HA cluster's hosts and a VM on it, and
gives the VMs guest addresses.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SOURCE = Path(__file__).with_name("vcsim") / "main.go"
GOCODE = Path("/usr/share/gocode")
USER, PASSWORD = "admin", "drsv-vc-secret"
NAS_IP = "10.9.0.50"
GUEST_IPS = {"DC0_C0_RP0_VM0": "10.9.0.21", "DC0_C1_RP0_VM0": "10.9.0.22",
             "DC0_H0_VM0": "10.9.0.23", "app-ha": "10.9.0.24"}


def missing() -> str | None:
    """Why vcsim cannot be built here, or None."""
    if not shutil.which("go"):
        return "go is not installed (apt-get install golang-go)"
    if not (GOCODE / "src/github.com/vmware/govmomi/simulator").is_dir():
        return "govmomi sources missing (apt-get install golang-github-vmware-govmomi-dev)"
    try:
        import pyVmomi  # noqa: F401
    except ImportError:
        return "pyvmomi is not installed (pip install drscout[vmware])"
    return None


def binary() -> Path:
    """The launcher, built once per source version."""
    digest = hashlib.sha256(SOURCE.read_bytes()).hexdigest()[:12]
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "drscout"
    out = cache / f"drsv-vcsim-{digest}"
    if out.exists():
        return out
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="drsv-go-") as tmp:
        env = {**os.environ, "GO111MODULE": "off", "GOPATH": f"{tmp}:{GOCODE}",
               "GOCACHE": str(Path(tmp) / "cache"), "GOFLAGS": ""}
        subprocess.run(["go", "build", "-o", str(out) + ".tmp", "."], cwd=SOURCE.parent,
                       env=env, check=True, capture_output=True, timeout=600)
    os.replace(str(out) + ".tmp", out)
    return out


@contextmanager
def running(ha: str = "DC0_C0") -> Iterator[str]:
    """Start the simulator; yields ``127.0.0.1:PORT``."""
    proc = subprocess.Popen([str(binary()), "-listen", "127.0.0.1:0", "-user", USER,
                             "-pass", PASSWORD, "-ha", ha], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        if not line:
            raise RuntimeError(f"vcsim did not start: {proc.stderr.read() if proc.stderr else ''}")
        yield line
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _connect(addr: str) -> Any:
    from pyVim.connect import SmartConnect

    host, port = addr.split(":")
    return SmartConnect(host=host, port=int(port), user=USER, pwd=PASSWORD,
                        disableSslCertValidation=True)


def _find(content: Any, vim_type: Any, name: str) -> Any:
    view = content.viewManager.CreateContainerView(content.rootFolder, [vim_type], True)
    return next(o for o in view.view if o.name == name)


def _wait(task: Any) -> Any:
    from pyVim.task import WaitForTask

    WaitForTask(task)
    return task.info.result


def shape_office(addr: str, nfs_dir: Path) -> None:
    """NFS datastore on the HA cluster, a VM on it, guest IPs on every VM."""
    from pyVim.connect import Disconnect
    from pyVmomi import vim

    si = _connect(addr)
    try:
        content = si.RetrieveContent()
        cluster = _find(content, vim.ClusterComputeResource, "DC0_C0")
        nfs_dir.mkdir(parents=True, exist_ok=True)
        spec = vim.host.NasVolume.Specification(remoteHost=NAS_IP, remotePath="/export/vms",
                                                localPath=str(nfs_dir), accessMode="readWrite",
                                                type="NFS")
        stores = [h.configManager.datastoreSystem.CreateNasDatastore(spec) for h in cluster.host]
        _create_vm(content, cluster, stores[0], "app-ha")
        for vm_name, ip in GUEST_IPS.items():
            vm = _find(content, vim.VirtualMachine, vm_name)
            opt = vim.option.OptionValue(key="SET.guest.ipAddress", value=ip)
            _wait(vm.ReconfigVM_Task(vim.vm.ConfigSpec(extraConfig=[opt])))
    finally:
        Disconnect(si)


def _create_vm(content: Any, cluster: Any, store: Any, name: str) -> None:
    from pyVmomi import vim

    dc = content.rootFolder.childEntity[0]
    scsi = vim.vm.device.VirtualDeviceSpec(
        operation="add", device=vim.vm.device.ParaVirtualSCSIController(key=1000, busNumber=0,
                                                        sharedBus="noSharing"))
    disk = vim.vm.device.VirtualDisk(
        key=2000, controllerKey=1000, unitNumber=0, capacityInKB=1024 * 1024,
        backing=vim.vm.device.VirtualDisk.FlatVer2BackingInfo(
            fileName=f"[{store.name}] {name}/{name}.vmdk", diskMode="persistent",
            datastore=store))
    nic = vim.vm.device.VirtualVmxnet3(key=4000, addressType="generated")
    config = vim.vm.ConfigSpec(
        name=name, guestId="otherGuest64", numCPUs=2, memoryMB=2048,
        files=vim.vm.FileInfo(vmPathName=f"[{store.name}]"),
        deviceChange=[scsi, vim.vm.device.VirtualDeviceSpec(operation="add",
                                                            fileOperation="create",
                                                            device=disk),
                      vim.vm.device.VirtualDeviceSpec(operation="add", device=nic)])
    vm = _wait(dc.vmFolder.CreateVM_Task(config=config, pool=cluster.resourcePool,
                                         host=cluster.host[0]))
    _wait(vm.PowerOnVM_Task())
