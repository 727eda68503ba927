"""The Proxmox VE transport: read a cluster (or one node) into plain data.

proxmoxer is imported here only.  One snapshot holds the answers of
``/cluster/status``, ``/cluster/resources``, ``/storage``, ``/cluster/ha/resources``,
``/cluster/ha/groups`` and every guest's config (and guest-agent interfaces
where the agent answers); :mod:`.parse` reads it.
"""

from __future__ import annotations

import warnings
from typing import Any
from urllib.parse import urlsplit

from scanner.collectors.virt.common import fail, missing_extra, safe_address
from scanner.credentials import VirtEndpoint
from scanner.inventory.model import GapReason

Snapshot = dict[str, Any]


def fetch(endpoint: VirtEndpoint, *, insecure: bool, timeout: float) -> Snapshot:
    try:
        import requests
        from proxmoxer import ProxmoxAPI
        from proxmoxer.core import AuthenticationError, ResourceException
        from urllib3.exceptions import InsecureRequestWarning
    except ImportError as exc:
        raise missing_extra("proxmox", "proxmoxer") from exc
    secrets = endpoint.credential.secrets()
    where = safe_address(endpoint.address)
    try:
        with warnings.catch_warnings():  # --insecure is reported once, as a finding
            warnings.simplefilter("ignore", InsecureRequestWarning)
            api = _connect(ProxmoxAPI, endpoint, insecure, timeout)
            return _read(api, ResourceException)
    except AuthenticationError as exc:
        raise fail(f"login refused by {where}: {exc}", "auth", secrets) from exc
    except ResourceException as exc:
        denied = getattr(exc, "status_code", 0) in (401, 403)
        reason: GapReason = "permission" if denied else "error"
        raise fail(f"{where}: {exc}", reason, secrets) from exc
    except requests.exceptions.Timeout as exc:
        raise fail(f"{where} timed out", "timeout", secrets) from exc
    except requests.exceptions.SSLError as exc:
        raise fail(f"TLS failed for {where} (use --insecure for a self-signed certificate)",
                   "error", secrets) from exc
    except requests.exceptions.ConnectionError as exc:
        raise fail(f"cannot reach {where}: {exc}", "unreachable", secrets) from exc


def _connect(proxmox_api: Any, endpoint: VirtEndpoint, insecure: bool, timeout: float) -> Any:
    url = urlsplit(endpoint.address if "//" in endpoint.address else f"https://{endpoint.address}")
    cred = endpoint.credential
    common = {"host": url.hostname, "port": url.port or 8006, "verify_ssl": not insecure,
              "timeout": timeout}
    if cred.token_id:
        user, _, token = cred.token_id.partition("!")
        return proxmox_api(user=user, token_name=token, token_value=cred.token_secret or "",
                           **common)
    return proxmox_api(user=cred.user or "root@pam", password=cred.password or "", **common)


def _optional(call: Any, errors: list[str], resource_exc: type[Exception], what: str) -> Any:
    """Answers some clusters do not give (HA off, agent absent) are noted, not fatal."""
    try:
        return call()
    except resource_exc as exc:
        errors.append(f"{what}: {exc}")
        return None


def agent_enabled(config: dict[str, Any]) -> bool:
    """``agent: 1`` or ``agent: enabled=1,fstrim_cloned_disks=1``."""
    return str(config.get("agent", "0")).split(",")[0] in ("1", "enabled=1")


def _read(api: Any, resource_exc: type[Exception]) -> Snapshot:
    errors: list[str] = []
    resources = api.cluster.resources.get()
    guests = [r for r in resources if r.get("type") in ("qemu", "lxc")]
    configs, agents = {}, {}
    for g in guests:
        node = api.nodes(g["node"])
        kind = node.qemu if g["type"] == "qemu" else node.lxc
        vmid = g["vmid"]
        configs[str(vmid)] = kind(vmid).config.get()
        if g["type"] == "qemu" and g.get("status") == "running" and \
                agent_enabled(configs[str(vmid)]):
            agents[str(vmid)] = _optional(
                lambda k=kind, v=vmid: k(v).agent("network-get-interfaces").get(),
                errors, resource_exc, f"guest agent of {vmid}")
    return {
        "version": api.version.get(),
        "status": api.cluster.status.get(),
        "resources": resources,
        "storage": api.storage.get(),
        "ha_resources": _optional(api.cluster.ha.resources.get, errors, resource_exc,
                                  "HA resources") or [],
        "ha_groups": _optional(api.cluster.ha.groups.get, errors, resource_exc,
                               "HA groups") or [],
        "configs": configs, "agents": agents, "errors": errors,
    }
