"""Credential -> pysnmp authentication data.

Kept apart from the engine so the protocol-name tables are easy to audit, and
so that the only place that touches secret material is one small function.
"""

from __future__ import annotations

from typing import Any

from scanner.credentials import SnmpCommunity, SnmpCredential, SnmpV3User
from scanner.errors import CollectorError

_AUTH_NAMES: dict[str, str] = {
    "none": "usmNoAuthProtocol",
    "md5": "usmHMACMD5AuthProtocol",
    "sha": "usmHMACSHAAuthProtocol",
    "sha224": "usmHMAC128SHA224AuthProtocol",
    "sha256": "usmHMAC192SHA256AuthProtocol",
    "sha384": "usmHMAC256SHA384AuthProtocol",
    "sha512": "usmHMAC384SHA512AuthProtocol",
}
_PRIV_NAMES: dict[str, str] = {
    "none": "usmNoPrivProtocol",
    "des": "usmDESPrivProtocol",
    "3des": "usm3DESEDEPrivProtocol",
    "aes": "usmAesCfb128Protocol",
    "aes128": "usmAesCfb128Protocol",
    "aes192": "usmAesCfb192Protocol",
    "aes256": "usmAesCfb256Protocol",
}


def _protocol(table: dict[str, str], name: str, kind: str) -> Any:
    from pysnmp.hlapi.v3arch import asyncio as hlapi

    attr = table.get(name.lower())
    if attr is None:
        raise CollectorError(f"unsupported SNMPv3 {kind} protocol {name!r}", reason="error")
    return getattr(hlapi, attr)


def auth_data(cred: SnmpCredential) -> Any:
    """The pysnmp ``CommunityData``/``UsmUserData`` for one credential."""
    from pysnmp.hlapi.v3arch import asyncio as hlapi

    if isinstance(cred, SnmpCommunity):
        return hlapi.CommunityData(cred.community, mpModel=0 if cred.version == "1" else 1)
    return _usm(cred)


def _usm(user: SnmpV3User) -> Any:
    from pysnmp.hlapi.v3arch import asyncio as hlapi

    if not user.auth_key:
        return hlapi.UsmUserData(user.user)
    auth = _protocol(_AUTH_NAMES, user.auth_proto, "auth")
    if not user.priv_key:
        return hlapi.UsmUserData(user.user, authKey=user.auth_key, authProtocol=auth)
    priv = _protocol(_PRIV_NAMES, user.priv_proto, "privacy")
    return hlapi.UsmUserData(
        user.user,
        authKey=user.auth_key,
        privKey=user.priv_key,
        authProtocol=auth,
        privProtocol=priv,
    )


def context_name(cred: SnmpCredential) -> str:
    """The SNMPv3 context to address ("" for communities)."""
    return cred.context if isinstance(cred, SnmpV3User) else ""


def is_v1(cred: SnmpCredential) -> bool:
    """SNMPv1 has no GETBULK: walks must use GETNEXT."""
    return isinstance(cred, SnmpCommunity) and cred.version == "1"
