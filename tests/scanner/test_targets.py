import pytest

from scanner.errors import UsageError
from scanner.targets import check_targets, default_targets, in_scope, parse_target


def test_parse_forms() -> None:
    assert str(parse_target("10.1.2.3")) == "10.1.2.3/32"
    assert str(parse_target("10.1.2.0/24")) == "10.1.2.0/24"
    net = parse_target("10.1.2.10-20")
    assert parse_target("10.1.2.10").subnet_of(net) and parse_target("10.1.2.20").subnet_of(net)
    with pytest.raises(UsageError, match="not an IP"):
        parse_target("nonsense")


def test_public_targets_need_allow_public() -> None:
    with pytest.raises(UsageError, match="public"):
        check_targets([parse_target("8.8.8.0/24")], allow_public=False, force=False)
    check_targets([parse_target("8.8.8.0/24")], allow_public=True, force=False)


def test_large_ranges_need_force() -> None:
    with pytest.raises(UsageError, match="/16"):
        check_targets([parse_target("10.0.0.0/8")], allow_public=False, force=False)
    check_targets([parse_target("10.0.0.0/8")], allow_public=False, force=True)
    check_targets([parse_target("192.168.0.0/16")], allow_public=False, force=False)


def test_scope_and_defaults() -> None:
    nets = [parse_target("10.77.0.0/24")]
    assert in_scope("10.77.0.5", nets)
    assert not in_scope("10.77.0.5", nets, [parse_target("10.77.0.5")])
    assert not in_scope("10.78.0.5", nets)
    assert [str(n) for n in default_targets(["10.77.0.0/24", "8.8.8.0/24", "127.0.0.0/8"])] == [
        "10.77.0.0/24"]
