"""Command-line options for the directory (Active Directory over LDAP).

``ldap_options`` adds them to ``scan`` and ``run``; ``ldap_options_from`` turns the
parsed values into :class:`~scanner.credentials.LdapOptions`.  The bind password is
read from the environment (``DRSCOUT_LDAP_PASSWORD``) or the ``--config`` file only:
a command line is visible to every user of the machine.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any

import click

from scanner.credentials import LdapCredential, LdapOptions
from scanner.errors import UsageError

PASSWORD_ENV = "DRSCOUT_LDAP_PASSWORD"


def ldap_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--ldap``, ``--ldap-user``, ``--ldap-ca``, ``--ldap-timeout``."""
    decorators = [
        click.option("--ldap", "ldap_url", metavar="URL",
                     help="Active Directory domain controller to read computers, DCs, "
                          "sites and DNS zones from (read-only), e.g. ldaps://dc1.corp "
                          "or ldap://10.0.0.5 (StartTLS when offered). Without it, "
                          "--ldap-user looks the DCs up in the LAN's DNS "
                          "(_ldap._tcp SRV). Needs pip install drscout[ldap]."),
        click.option("--ldap-user", envvar="DRSCOUT_LDAP_USER", metavar="USER",
                     help="Bind identity: user@realm or a bind DN. Password: env "
                          f"{PASSWORD_ENV}. Env: DRSCOUT_LDAP_USER."),
        click.option("--ldap-ca", type=click.Path(dir_okay=False, exists=True),
                     metavar="PEM",
                     help="CA certificate(s) to trust for ldaps:// and StartTLS (the DC's "
                          "own CA); --insecure accepts any certificate."),
        click.option("--ldap-timeout", default=30.0, show_default=True,
                     type=click.FloatRange(1, 3600),
                     help="Seconds to wait for each directory operation."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def ldap_options_from(kw: dict[str, Any], environ: Mapping[str, str] | None = None
                      ) -> LdapOptions:
    """LdapOptions from the parsed click values (absent keys mean "none given")."""
    env = os.environ if environ is None else environ
    url = (kw.get("ldap_url") or "").strip() or None
    if kw.get("ldap_url") is not None and url is None:
        raise UsageError("--ldap needs a URL")
    if url and not url.lower().startswith(("ldap://", "ldaps://")) and "//" in url:
        raise UsageError("--ldap takes an ldap:// or ldaps:// URL")
    user = kw.get("ldap_user") or None
    return LdapOptions(url=url,
                       credential=LdapCredential(user=user, password=env.get(PASSWORD_ENV)
                                                 or None),
                       ca_file=kw.get("ldap_ca") or None, insecure=bool(kw.get("insecure")),
                       timeout=float(kw.get("ldap_timeout") or 30.0))
