from scanner.inventory.identity import asset_id, clean_name, is_usable_mac, norm_mac


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
