"""Credential types: the ``v1:`` community prefix (read in one place for the command
line, the environment and ``--config``), and secrets hidden from every repr."""

from __future__ import annotations

from scanner.credentials import SnmpCommunity, SnmpV3User, parse_community


def test_v1_prefix_selects_snmpv1_and_is_not_part_of_the_community() -> None:
    assert parse_community("v1:legacy") == SnmpCommunity("legacy", version="1")
    assert parse_community("modern") == SnmpCommunity("modern", version="2c")
    # only the exact prefix counts: a community may itself contain "v1"
    assert parse_community("V1:x") == SnmpCommunity("V1:x")
    assert parse_community("site-v1:x") == SnmpCommunity("site-v1:x")


def test_secrets_never_show_in_repr_or_str() -> None:
    community = parse_community("v1:s3cret-community")
    user = SnmpV3User(user="ops", auth_key="auth-s3cret", priv_key="priv-s3cret")
    shown = " ".join([repr(community), str(community), repr(user), str(user)])
    assert "s3cret" not in shown
    assert "v1 community" in shown and "v3 user ops (authPriv)" in shown
