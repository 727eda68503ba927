"""The libvirt transport: read one libvirt connection into plain data.

libvirt-python is imported here only.  Domain, pool and network definitions
stay as the XML libvirt returns (that is the recorded form); :mod:`.parse`
reads them.  Guest addresses come from DHCP leases or the guest agent when
libvirt can ask; a domain that cannot answer simply has none.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from scanner.collectors.virt.common import fail, missing_extra, safe_address
from scanner.credentials import VirtEndpoint
from scanner.inventory.model import GapReason

Snapshot = dict[str, Any]
_AUTH_WORDS = ("auth", "password", "permission denied", "sasl", "credentials")


def fetch(endpoint: VirtEndpoint, *, timeout: float) -> Snapshot:
    try:
        import libvirt
    except ImportError as exc:
        raise missing_extra("libvirt", "libvirt-python") from exc
    secrets = endpoint.credential.secrets()
    where = safe_address(endpoint.address)
    # libvirt's default handler writes every error to stderr; they are raised anyway
    libvirt.registerErrorHandler(_quiet, None)
    try:
        conn = _open(libvirt, endpoint)
    except libvirt.libvirtError as exc:
        text = str(exc)
        reason: GapReason = "auth" if any(w in text.lower() for w in _AUTH_WORDS) else "unreachable"
        raise fail(f"cannot open {where}: {text}", reason, secrets) from exc
    try:
        return _read(conn, libvirt, endpoint.address)
    except libvirt.libvirtError as exc:
        raise fail(f"reading {where} failed: {exc}", "error", secrets) from exc
    finally:
        conn.close()


def _quiet(_ctx: object, _error: object) -> None:
    """Errors reach us as exceptions; nothing is printed."""


def _open(libvirt: Any, endpoint: VirtEndpoint) -> Any:
    cred = endpoint.credential

    def answer(creds: list[list[Any]], _data: object) -> int:
        for item in creds:
            if item[0] == libvirt.VIR_CRED_AUTHNAME:
                item[4] = cred.user or ""
            elif item[0] == libvirt.VIR_CRED_PASSPHRASE:
                item[4] = cred.password or ""
        return 0

    auth = [[libvirt.VIR_CRED_AUTHNAME, libvirt.VIR_CRED_PASSPHRASE], answer, None]
    return libvirt.openAuth(endpoint.address, auth, libvirt.VIR_CONNECT_RO)


def host_name(conn: Any, uri: str) -> str:
    """The test driver serves every fake host from one daemon, whose host name
    they would all share: there the node file's name is the host's name."""
    parts = urlsplit(uri)
    if parts.scheme.split("+")[0] == "test" and parts.path not in ("", "/default"):
        return PurePosixPath(parts.path).stem
    return str(conn.getHostname())


def _read(conn: Any, libvirt: Any, uri: str) -> Snapshot:
    model, memory_mib, cpus, *_ = conn.getInfo()
    return {
        "uri": safe_address(uri), "hostname": host_name(conn, uri),
        "hypervisor": conn.getType(), "version": conn.getVersion(),
        "libvirt_version": conn.getLibVersion(),
        "node": {"model": model, "memory_bytes": memory_mib * 1024 * 1024, "cpus": cpus},
        "pools": [_pool(p) for p in conn.listAllStoragePools()],
        "domains": [_domain(d, libvirt) for d in conn.listAllDomains()],
        "networks": [n.XMLDesc(0) for n in conn.listAllNetworks()],
    }


def _pool(pool: Any) -> dict[str, Any]:
    _state, capacity, _allocation, available = pool.info()
    return {"xml": pool.XMLDesc(0), "capacity": capacity, "available": available}


def _domain(dom: Any, libvirt: Any) -> dict[str, Any]:
    state, _reason = dom.state()
    addresses: list[str] = []
    if dom.isActive():
        for source in (libvirt.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE,
                       libvirt.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT):
            try:
                ifaces = dom.interfaceAddresses(source)
            except libvirt.libvirtError:  # no leases / no agent: addresses stay unknown
                continue
            addresses += [a["addr"] for i in ifaces.values() for a in (i.get("addrs") or [])]
    return {"xml": dom.XMLDesc(0), "state": state, "addresses": addresses}
