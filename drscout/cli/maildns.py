"""Command-line options for the Cloud and SaaS lookup (the mail domain's DNS records).

``maildns_options`` adds them to ``scan`` and ``run``; ``maildns_options_from`` turns the
parsed values into :class:`~scanner.collectors.maildns.options.MailDnsOptions`.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import Any

import click

from scanner.collectors.maildns.options import MailDnsOptions
from scanner.errors import UsageError


def maildns_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--mail-domain``, ``--dns-server``, ``--dns-timeout``."""
    decorators = [
        click.option("--mail-domain", "mail_domains", multiple=True, metavar="DOMAIN",
                     help="Mail domain to look up for the Cloud and SaaS sheet (MX, SPF, "
                          "autodiscover: Microsoft 365, Google Workspace or a mail server "
                          "in the office), besides the resolver's search domains "
                          "(repeatable). Needs pip install drscout[dns]."),
        click.option("--dns-server", metavar="IP",
                     help="The office's DNS server to ask about the mail domain. Without "
                          "it, only the resolver's first name server inside the scan "
                          "targets is asked, never one outside them."),
        click.option("--dns-timeout", default=3.0, show_default=True,
                     type=click.FloatRange(0.5, 60),
                     help="Seconds to wait for each DNS answer."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def maildns_options_from(kw: dict[str, Any]) -> MailDnsOptions:
    """MailDnsOptions from the parsed click values (absent keys mean "none given")."""
    server = (kw.get("dns_server") or "").strip() or None
    if server is not None:
        try:
            ipaddress.ip_address(server)
        except ValueError:
            raise UsageError(f"--dns-server takes an IP address, not {server[:60]!r}") \
                from None
    domains = tuple(d.strip().strip(".").lower() for d in kw.get("mail_domains") or ())
    bad = [d for d in domains if "." not in d or any(c.isspace() or c in "/@" for c in d)]
    if bad:
        raise UsageError(f"--mail-domain takes a domain name such as example.com, "
                         f"not {bad[0][:60]!r}")
    return MailDnsOptions(domains=domains, server=server,
                          timeout=float(kw.get("dns_timeout") or 3.0))
