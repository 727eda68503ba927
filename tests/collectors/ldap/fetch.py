"""Read a directory with drscout's transport and print the snapshot as JSON.

Run inside the lab's client namespace (the DC's address is reachable only there):
``ip netns exec drsl-cl python -m tests.collectors.ldap.fetch ldap://10.77.0.10 USER``
with the password in ``DRSCOUT_LDAP_PASSWORD``; certificates are not checked unless
``--verify`` (system CAs) or ``--ca=PEM`` is given.  A failure prints
``{"error": reason, "detail": text}``: the same scrubbed text a gap would carry.
"""

from __future__ import annotations

import json
import os
import sys

from scanner.collectors.ldap import api
from scanner.credentials import LdapCredential, LdapOptions
from scanner.errors import CollectorError


def main(url: str, user: str, insecure: bool = True, ca_file: str | None = None) -> None:
    options = LdapOptions(url=url, credential=LdapCredential(
        user, os.environ.get("DRSCOUT_LDAP_PASSWORD")), insecure=insecure, ca_file=ca_file,
        timeout=10)
    try:
        snap = api.fetch(url, options)
    except CollectorError as exc:
        print(json.dumps({"error": exc.reason, "detail": str(exc)}))
        return
    snap["endpoint"] = url
    print(json.dumps(snap, indent=1, sort_keys=True))


if __name__ == "__main__":
    ca = next((a.removeprefix("--ca=") for a in sys.argv if a.startswith("--ca=")), None)
    main(sys.argv[1], sys.argv[2], "--verify" not in sys.argv and ca is None, ca)
