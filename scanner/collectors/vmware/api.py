"""The vSphere transport: read a vCenter or ESXi host into plain JSON-able data.

pyVmomi is imported here and nowhere else.  What comes back is a snapshot
(``dict``) that :mod:`.parse` turns into sightings; tests record snapshots from
vcsim into ``fixtures/vmware/`` and parse them again without a server.
"""

from __future__ import annotations

import ssl
from typing import Any
from urllib.parse import urlsplit

from scanner.collectors.virt.common import fail, missing_extra, safe_address
from scanner.credentials import VirtEndpoint
from scanner.errors import CollectorError

Snapshot = dict[str, Any]


def fetch(endpoint: VirtEndpoint, *, insecure: bool, timeout: float) -> Snapshot:
    try:
        from pyVim.connect import Disconnect, SmartConnect
        from pyVmomi import vim
    except ImportError as exc:
        raise missing_extra("vmware", "pyvmomi") from exc
    url = urlsplit(endpoint.address if "//" in endpoint.address else f"https://{endpoint.address}")
    cred = endpoint.credential
    secrets = cred.secrets()
    context = ssl.create_default_context()
    if insecure:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    try:
        si = SmartConnect(host=url.hostname, port=url.port or 443, user=cred.user or "",
                          pwd=cred.password or "", sslContext=context,
                          httpConnectionTimeout=timeout)
    except vim.fault.InvalidLogin as exc:
        raise fail(f"login refused by {safe_address(endpoint.address)}: {_msg(exc)}", "auth",
                   secrets) from exc
    except TimeoutError as exc:
        raise fail(f"{safe_address(endpoint.address)} timed out", "timeout", secrets) from exc
    except ssl.SSLError as exc:
        raise fail(f"TLS failed for {safe_address(endpoint.address)}: {exc} (use --insecure "
                   "for a self-signed certificate)", "error", secrets) from exc
    except OSError as exc:
        raise fail(f"cannot reach {safe_address(endpoint.address)}: {exc}", "unreachable",
                   secrets) from exc
    try:
        return _read(si.RetrieveContent(), vim)
    except vim.fault.NoPermission as exc:
        raise fail(f"{cred.label} may not read the inventory: {_msg(exc)}", "permission",
                   secrets) from exc
    except TimeoutError as exc:
        raise fail(f"{safe_address(endpoint.address)} timed out", "timeout", secrets) from exc
    finally:
        Disconnect(si)


def _msg(exc: BaseException) -> str:
    return str(getattr(exc, "msg", "") or type(exc).__name__)


def _view(content: Any, vim_type: Any) -> list[Any]:
    view = content.viewManager.CreateContainerView(content.rootFolder, [vim_type], True)
    try:
        return list(view.view)
    finally:
        view.Destroy()


def _read(content: Any, vim: Any) -> Snapshot:
    about = content.about
    return {
        "about": {"fullName": about.fullName, "apiType": about.apiType,
                  "version": about.version, "instanceUuid": about.instanceUuid},
        "clusters": [_cluster(c) for c in _view(content, vim.ClusterComputeResource)],
        "hosts": [_host(h, vim) for h in _view(content, vim.HostSystem)],
        "datastores": [_datastore(d, vim) for d in _view(content, vim.Datastore)],
        "vms": [_vm(v, vim) for v in _view(content, vim.VirtualMachine)],
    }


def _cluster(c: Any) -> dict[str, Any]:
    cfg = c.configurationEx
    das = getattr(cfg, "dasConfig", None)
    drs = getattr(cfg, "drsConfig", None)
    return {"name": c.name, "id": c._moId,
            "ha": getattr(das, "enabled", None), "drs": getattr(drs, "enabled", None),
            "hosts": [h.name for h in c.host]}


def _host(h: Any, vim: Any) -> dict[str, Any]:
    hw = h.summary.hardware
    cfg = h.config
    net = cfg.network if cfg else None
    serial = next((i.identifierValue for i in (hw.otherIdentifyingInfo or [])
                   if getattr(i.identifierType, "key", "") in ("SerialNumberTag",
                                                                "ServiceTag")), None)
    return {
        "name": h.name, "id": h._moId,
        "cluster": h.parent.name if isinstance(h.parent, vim.ClusterComputeResource) else None,
        "vendor": hw.vendor, "model": hw.model, "serial": serial,
        "cpu_cores": hw.numCpuCores, "memory_bytes": hw.memorySize,
        "product": cfg.product.fullName if cfg else None,
        "version": cfg.product.version if cfg else None,
        "connection": str(h.runtime.connectionState), "power": str(h.runtime.powerState),
        "nics": [{"device": v.device, "mac": v.spec.mac, "ip": v.spec.ip.ipAddress}
                 for v in (net.vnic if net else [])],
        "datastores": [d._moId for d in h.datastore],
    }


def _datastore(d: Any, vim: Any) -> dict[str, Any]:
    info = d.info
    nas = getattr(info, "nas", None)
    vmfs = getattr(info, "vmfs", None)
    return {
        "name": d.name, "id": d._moId, "type": d.summary.type,
        "info": type(info).__name__.rsplit(".", 1)[-1],
        "capacity": d.summary.capacity, "free": d.summary.freeSpace,
        "multiple_host_access": d.summary.multipleHostAccess,
        "remote_host": getattr(nas, "remoteHost", None),
        "remote_path": getattr(nas, "remotePath", None),
        "vmfs_local": getattr(vmfs, "local", None),
        "hosts": [m.key._moId for m in d.host],
    }


def _vm(v: Any, vim: Any) -> dict[str, Any]:
    cfg = v.config
    devices = cfg.hardware.device if cfg else []
    disks = [{"label": d.deviceInfo.label, "file": getattr(d.backing, "fileName", ""),
              "datastore": d.backing.datastore._moId if getattr(d.backing, "datastore", None)
              else None, "capacity": d.capacityInBytes or d.capacityInKB * 1024}
             for d in devices if isinstance(d, vim.vm.device.VirtualDisk)]
    nics = [{"mac": n.macAddress, "ips": list(n.ipAddress or [])} for n in (v.guest.net or [])]
    nics += [{"mac": d.macAddress, "ips": []} for d in devices
             if isinstance(d, vim.vm.device.VirtualEthernetCard)]
    return {
        "name": v.name, "id": v._moId, "host": v.runtime.host.name if v.runtime.host else None,
        "host_id": v.runtime.host._moId if v.runtime.host else None,
        "power": str(v.runtime.powerState), "connection": str(v.runtime.connectionState),
        "vcpus": cfg.hardware.numCPU if cfg else None,
        "memory_mb": cfg.hardware.memoryMB if cfg else None,
        "guest_os": (cfg.guestFullName if cfg else None) or v.guest.guestFullName,
        "tools": str(v.guest.toolsRunningStatus or ""),
        "template": bool(cfg.template) if cfg else False,
        "ip": v.guest.ipAddress, "hostname": v.guest.hostName,
        "nics": nics, "disks": disks,
    }


__all__ = ["CollectorError", "Snapshot", "fetch"]
