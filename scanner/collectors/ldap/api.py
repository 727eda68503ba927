"""The LDAP transport: read an Active Directory into plain data (a snapshot).

ldap3 (PyPI, pure Python, no C build and no OpenLDAP headers, which python-ldap
needs) is imported here only.  Read-only: one bind, then searches; nothing is
written.  ``ldaps://`` speaks TLS from the start; ``ldap://`` asks for StartTLS
first and binds in clear text only when the server offers no TLS at all (a DC
without a certificate).  Certificates are verified against the system's CAs,
or ``ca_file``, unless ``insecure``.

The snapshot (see :mod:`.parse`) holds the root DSE, every computer object, the
sites/subnets/servers below ``CN=Sites``, the DNS zones of the AD-integrated
partitions and the NS records at each zone's apex.  Values are strings;
``dnsRecord`` blobs are base64.  It is JSON-able, so a recorder can save it as a
fixture and the parser runs on recorded and live data alike.
"""

from __future__ import annotations

import base64
import math
import ssl
from typing import Any
from urllib.parse import urlsplit

from scanner.collectors.virt.common import fail, missing_extra
from scanner.credentials import LdapOptions
from scanner.errors import CollectorError

Snapshot = dict[str, Any]
#: one search result: {"dn": str, "attributes": {name: [str, ...]}}
Entry = dict[str, Any]
PAGE = 500
COMPUTER_ATTRS = ("cn", "sAMAccountName", "dNSHostName", "operatingSystem",
                  "operatingSystemVersion", "lastLogonTimestamp", "userAccountControl")
SITE_ATTRS = ("objectClass", "cn", "siteObject", "dNSHostName")
DSE_ATTRS = ("defaultNamingContext", "configurationNamingContext", "rootDomainNamingContext",
             "namingContexts", "dnsHostName", "serverName", "vendorName",
             "domainControllerFunctionality")
_BINARY = frozenset({"dnsrecord"})


def endpoint_url(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an ldap:// or ldaps:// URL; a bare host means ldap://."""
    parts = urlsplit(url if "//" in url else f"ldap://{url}")
    scheme = parts.scheme.lower()
    if scheme not in ("ldap", "ldaps") or not parts.hostname:
        raise CollectorError(f"not an ldap:// or ldaps:// URL: {url[:100]}", "error")
    return scheme, parts.hostname, parts.port or (636 if scheme == "ldaps" else 389)


def fetch(url: str, options: LdapOptions) -> Snapshot:
    """Bind and read; every failure is a CollectorError whose text holds no secret."""
    try:
        import ldap3
        from ldap3.core import exceptions as lx
        from pyasn1.error import PyAsn1Error
    except ImportError as exc:
        raise missing_extra("ldap", "ldap3") from exc
    secrets = options.secrets()
    scheme, host, port = endpoint_url(url)
    where = f"{scheme}://{host}:{port}"
    try:
        conn, how = _connect(ldap3, lx, scheme, host, port, options)
        try:
            return {**_read(ldap3, lx, conn, where), "transport": how}
        finally:
            conn.unbind()
    except CollectorError as exc:
        raise fail(str(exc), exc.reason, secrets) from None
    except (lx.LDAPInvalidCredentialsResult, lx.LDAPBindError,
            lx.LDAPStrongerAuthRequiredResult) as exc:
        raise fail(f"bind refused by {where}: {exc}", "auth", secrets) from None
    except lx.LDAPInsufficientAccessRightsResult as exc:
        raise fail(f"{where}: {exc}", "permission", secrets) from None
    except (lx.LDAPSocketOpenError, lx.LDAPSocketReceiveError, lx.LDAPSocketSendError,
            lx.LDAPSessionTerminatedByServerError, lx.LDAPResponseTimeoutError) as exc:
        raise _transport_failure(exc, where, secrets, lx) from None
    except lx.LDAPException as exc:
        raise fail(f"{where}: {type(exc).__name__}: {exc}", "error", secrets) from None
    except (KeyError, IndexError, ValueError, TypeError, PyAsn1Error) as exc:
        # ldap3 decodes answers as it reads them: these are a peer that is not LDAP
        raise fail(f"{where} answered with something that is not LDAP "
                   f"({type(exc).__name__}: {exc})", "error", secrets) from None


def _transport_failure(exc: Exception, where: str, secrets: list[str], lx: Any
                       ) -> CollectorError:
    """A certificate that fails verification is an ``error`` (the DC answered; it is our
    trust that is missing); silence a ``timeout``; no connection ``unreachable``; a peer
    that took the connection and then closed it or sent what is not LDAP an ``error``."""
    text = str(exc)
    if "certificate" in text.lower() or "ssl" in text.lower():
        return fail(f"TLS failed for {where} (give the DC's CA with --ldap-ca and name the "
                    f"DC as its certificate does, or --insecure): {text}", "error", secrets)
    if "timed out" in text.lower() or isinstance(exc, lx.LDAPResponseTimeoutError):
        return fail(f"{where} did not answer in time: {text}", "timeout", secrets)
    if isinstance(exc, lx.LDAPSocketOpenError):
        return fail(f"cannot connect to {where}: {text}", "unreachable", secrets)
    return fail(f"{where} took the connection but did not answer as an LDAP server: {text}",
                "error", secrets)


def _tls(ldap3: Any, options: LdapOptions) -> Any:
    if options.insecure:
        return ldap3.Tls(validate=ssl.CERT_NONE)
    return ldap3.Tls(validate=ssl.CERT_REQUIRED, ca_certs_file=options.ca_file)


def _connect(ldap3: Any, lx: Any, scheme: str, host: str, port: int,
             options: LdapOptions) -> tuple[Any, str]:
    server = ldap3.Server(host, port=port, use_ssl=scheme == "ldaps", tls=_tls(ldap3, options),
                          get_info=ldap3.NONE, connect_timeout=options.timeout)
    cred = options.credential
    conn = ldap3.Connection(server, user=cred.user, password=cred.password,
                            authentication=ldap3.SIMPLE if cred.user else ldap3.ANONYMOUS,
                            receive_timeout=math.ceil(options.timeout),  # packed as int
                            raise_exceptions=True,
                            auto_referrals=False, read_only=True, auto_bind=ldap3.AUTO_BIND_NONE)
    conn.open()
    encrypted = scheme == "ldaps" or _start_tls(lx, conn, f"{host}:{port}")
    conn.bind()
    return conn, transport(encrypted, options.insecure)


def transport(encrypted: bool, insecure: bool) -> str:
    """How the bind travelled, for the report: a clear-text bind sent the password
    unencrypted, an unverified one may have sent it to an impostor."""
    if not encrypted:
        return "clear-text"
    return "tls-unverified" if insecure else "tls-verified"


def _start_tls(lx: Any, conn: Any, where: str) -> bool:
    """StartTLS when offered; a certificate that fails verification stops the read
    (never a silent downgrade), a server without TLS is read in clear text."""
    try:
        conn.start_tls()
    except lx.LDAPStartTLSError as exc:
        if "certificate" in str(exc).lower() or "ssl" in str(exc).lower():
            raise CollectorError(
                f"TLS failed for {where} (give the DC's CA with --ldap-ca, or --insecure "
                f"for a self-signed certificate): {exc}", "error") from None
        return False
    except lx.LDAPOperationResult:
        return False
    return True


def entry_of(raw: dict[str, Any]) -> Entry:
    """One search result as plain data: dn and string values (binary ones base64)."""
    attrs: dict[str, list[str]] = {}
    for key, found in (raw.get("raw_attributes") or {}).items():
        items = found if isinstance(found, list) else [found]
        if key.lower() in _BINARY:
            attrs[key] = [base64.b64encode(bytes(v)).decode("ascii") for v in items]
        else:
            attrs[key] = [bytes(v).decode("utf-8", "replace") if isinstance(v, bytes | bytearray)
                          else str(v) for v in items]
    entry: Entry = {"dn": str(raw.get("dn") or ""), "attributes": attrs}
    return entry


def search(ldap3: Any, lx: Any, conn: Any, base: str, query: str,
           attributes: tuple[str, ...], scope: str = "SUBTREE") -> list[dict[str, Any]]:
    """A paged subtree search; a base that does not exist gives nothing."""
    try:
        found = conn.extend.standard.paged_search(
            base, query, search_scope=getattr(ldap3, scope), attributes=list(attributes),
            paged_size=PAGE, generator=False)
    except lx.LDAPNoSuchObjectResult:
        return []
    return [entry_of(r) for r in found or [] if r.get("type") == "searchResEntry"]


def _read(ldap3: Any, lx: Any, conn: Any, where: str) -> Snapshot:
    conn.search("", "(objectClass=*)", search_scope=ldap3.BASE, attributes=list(DSE_ATTRS))
    dse: Entry = entry_of(conn.response[0]) if conn.response else {"dn": "", "attributes": {}}
    attrs: dict[str, list[str]] = {k.lower(): v for k, v in dse["attributes"].items()}
    default = (attrs.get("defaultnamingcontext") or [""])[0]
    config = (attrs.get("configurationnamingcontext") or [""])[0]
    if not default:
        raise CollectorError(f"{where} is not an Active Directory (no defaultNamingContext)",
                             "error")
    snap: Snapshot = {"root_dse": dse, "address": _peer(conn)}
    snap["computers"] = search(ldap3, lx, conn, default, "(objectClass=computer)",
                               COMPUTER_ATTRS)
    snap["sites"] = search(ldap3, lx, conn, f"CN=Sites,{config}",
                           "(|(objectClass=site)(objectClass=subnet)(objectClass=server))",
                           SITE_ATTRS) if config else []
    snap["zones"], snap["zone_heads"] = [], []
    for base in _dns_bases(attrs, default):
        snap["zones"] += search(ldap3, lx, conn, base, "(objectClass=dnsZone)", ("name",))
        snap["zone_heads"] += search(ldap3, lx, conn, base,
                                     "(&(objectClass=dnsNode)(name=@))", ("dnsRecord",))
    return snap


def _dns_bases(dse: dict[str, list[str]], default: str) -> list[str]:
    """Where AD keeps DNS zones: the DomainDnsZones/ForestDnsZones partitions and,
    from Windows 2000 days, CN=MicrosoftDNS,CN=System of the domain."""
    partitions = [nc for nc in dse.get("namingcontexts", [])
                  if nc.lower().startswith(("dc=domaindnszones,", "dc=forestdnszones,"))]
    return [f"CN=MicrosoftDNS,{nc}" for nc in partitions] + \
        [f"CN=MicrosoftDNS,CN=System,{default}"]


def _peer(conn: Any) -> str | None:
    """The address the server answered from (the DC's own address)."""
    try:
        return str(conn.socket.getpeername()[0])
    except (AttributeError, OSError, IndexError):
        return None
