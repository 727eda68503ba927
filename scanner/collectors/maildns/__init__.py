"""Cloud and SaaS from the office's own DNS: who holds the mail domain's mail and accounts
(Microsoft 365, Google Workspace, a mail server in the office, another host or filter).

``tasks`` = the domains worth asking (:func:`.choose.domains`: ``--mail-domain``, the resolver's
search domains and their parent, the realm of ``--ldap-user``) x the one name server
allowed (:func:`.choose.server`: ``--dns-server``, else the resolver's first name server inside
the scan scope, the rule :mod:`scanner.collectors.lan_dns` shares with the directory's
SRV lookup; a loopback stub such as systemd-resolved is the laptop's, not the office's,
and would forward the question further) + :func:`.api.ask` (DNS I/O) +
:func:`.parse.parse` (pure).  Install with ``pip install drscout[dns]``.
"""
