from scanner.inventory.identity import (
    IdentityKey,
    asset_id,
    chassis_key,
    clean_name,
    ip_key,
    is_usable_mac,
    key_list,
    mac_key,
    name_key,
    norm_mac,
    serial_key,
)
from scanner.inventory.model import Asset
from scanner.inventory.resolve import resolve_links
from scanner.inventory.sighting import LinkHint


def test_norm_mac_accepts_common_notations() -> None:
    assert norm_mac("00-1A-2B-3C-4D-5E") == "00:1a:2b:3c:4d:5e"
    assert norm_mac("001a.2b3c.4d5e") == "00:1a:2b:3c:4d:5e"
    assert norm_mac("0x001A2B3C4D5E") == "00:1a:2b:3c:4d:5e"
    assert norm_mac("not a mac") is None


def test_multicast_and_zero_macs_identify_nothing() -> None:
    assert not is_usable_mac("00:00:00:00:00:00")
    assert not is_usable_mac("01:00:5e:00:00:01")
    assert is_usable_mac("02:77:00:00:00:0a")


def test_generic_names_are_not_identities() -> None:
    assert clean_name("<private>") is None
    assert clean_name("localhost") is None
    assert clean_name("10.0.0.1") is None
    assert clean_name("Files.Office.LAN.") == "files"


def test_id_prefers_mac_then_serial_then_chassis_then_name_then_ip() -> None:
    assert asset_id(["02:77:00:00:00:0a"], "SER1", None, ["x"], ["10.0.0.1"]) == "mac-02770000000a"
    assert asset_id([], "FOC1234X0AB", "ch", ["x"], ["10.0.0.1"]) == "serial-foc1234x0ab"
    assert asset_id([], "FFFFFFFFFFFF", "AA:BB", ["x"], []) == "chassis-aa-bb"
    assert asset_id([], None, None, ["files.office.lan"], ["10.0.0.1"]) == "host-files"
    assert asset_id([], "123456789", None, ["<private>"], ["10.0.0.1"]) == "ip-10.0.0.1"


def test_identity_keys_are_normalised_once_and_refuse_what_identifies_nothing() -> None:
    assert mac_key("02-77-00-00-00-0A") == IdentityKey("mac", "02:77:00:00:00:0a")
    assert name_key("SW1.office.lan.") == IdentityKey("name", "sw1")
    assert serial_key(" FCW1234A0BC ") == IdentityKey("serial", "fcw1234a0bc")
    assert chassis_key(" 00:1A ") == IdentityKey("chassis", "00:1a")
    assert ip_key("fe80::1%eth0") == IdentityKey("ip", "fe80::1%eth0")
    assert [mac_key("zz"), name_key("switch"), serial_key("123456789"), chassis_key("  "),
            ip_key("nas01"), ip_key(None)] == [None] * 6
    assert str(mac_key("02:77:00:00:00:0a")) == "mac:02:77:00:00:00:0a"


def test_key_list_keeps_order_drops_nothing_keys_and_repeats() -> None:
    keys = key_list(ip_key("10.0.0.1"), name_key("localhost"), mac_key("02:00:00:00:00:01"),
                    ip_key("10.0.0.1"))
    assert keys == (IdentityKey("ip", "10.0.0.1"), IdentityKey("mac", "02:00:00:00:00:01"))


def test_a_generic_name_never_names_a_link_end() -> None:
    # both "switch"es clean to no name at all: neither may land on the other
    assets = [Asset(id="a", name="switch", ips=["10.0.0.1"]), Asset(id="b", name="srv")]
    hint = LinkHint(source_keys=key_list(name_key("srv")), target_keys=key_list(name_key("switch")),
                    kind="runs_on", collector="vmware")
    assert resolve_links([hint], assets) == []
    named = hint.model_copy(update={"target_keys": key_list(ip_key("10.0.0.1"))})
    assert [(x.source, x.target) for x in resolve_links([named], assets)] == [("b", "a")]
