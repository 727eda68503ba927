"""Vendor and standard-MIB identity readers (``scanner.collectors.snmp.identify.vendors``).

The parser tests read real recordings from the shared LibreNMS corpus in memory
(skipped when ``../shared`` is absent); the helpers and the hostile-value cases
need nothing.
"""

from __future__ import annotations

import asyncio
import bisect
from pathlib import Path

import pytest

from scanner.collectors.snmp.collector import build_sighting
from scanner.collectors.snmp.identify import vendors
from scanner.collectors.snmp.identify.hardware import model_text, product_descr, version_text
from scanner.collectors.snmp.identify.vendors import (
    apc,
    appliances,
    firewalls,
    mikrotik,
    network,
    power,
    printers,
    servers,
    upsmib,
    windows,
    wireless,
)
from scanner.collectors.snmp.identify.vendors.base import value
from scanner.collectors.snmp.mibs import entity
from scanner.collectors.snmp.transport import reader
from scanner.collectors.snmp.values import Value
from scanner.credentials import SnmpCommunity
from tests.collectors.snmp.snmprec import load

ROOT = Path(__file__).resolve().parents[3]
CANDIDATES = (Path("/work/shared/corpus/snmp/dev"), ROOT.parent / "shared/corpus/snmp/dev")
CORPUS = next((c for c in CANDIDATES if (c / "manifest.csv").exists()), None)
needs_corpus = pytest.mark.skipif(CORPUS is None, reason="shared/corpus/snmp/dev not present")


def recording(name: str) -> dict[str, Value]:
    assert CORPUS is not None
    return load(CORPUS / f"{name}.snmprec")


def found(parsed: list[vendors.Fact]) -> dict[str, str]:
    return {f.field: f.value for f in parsed}


# (recording, parser, facts it must yield) -- values as the devices report them
CASES = [
    ("apc_smx750", apc.parse, {"model": "Smart-UPS X 750", "serial": "AS1342225176"}),
    ("apc_ap7900b", apc.parse, {"model": "AP7900B", "serial": "ZA1732000177"}),
    (
        "cyberpower_pr2200rt2uc",
        power.parse_cyberpower,
        {"model": "PR2200RT2UC", "serial": "123456789"},
    ),
    (
        "eaton-mgeups_5px",
        power.parse_eaton,
        {"model": "Eaton 5PX 3000", "serial": "G4294C3232", "os_version": "06"},
    ),
    ("netvision-rfc", power.parse_socomec, {"model": "MODULYS GP 2.0", "serial": "PD04405001"}),
    (
        "generex-ups_cs141",
        upsmib.parse,
        {"model": "Multimatic Upscale", "os_version": "CS141-SNMP V1.80.17 190618"},
    ),
    (
        "cyberpower_pr2200rt2uc",
        upsmib.parse,
        {"model": "CPS PR2200RT2UC", "os_version": "1.1786 (agent 1.6.0)"},
    ),
    ("brother", printers.parse, {"model": "Brother MFC-L2710DW series"}),
    ("brother", printers.parse_brother, {"serial": "000A5J431816"}),
    (
        "konica_c250i",
        printers.parse,
        {"model": "KONICA MINOLTA bizhub C250i", "serial": "AA2M021115700"},
    ),
    (
        "routeros_rb750gr3",
        mikrotik.parse,
        {"model": "RB750Gr3", "serial": "6F3A071688EA", "os_version": "7.20.4"},
    ),
    ("swos_css326-24g-2sp", mikrotik.parse, {"serial": "7E1A085CCC47", "os_version": "2.18"}),
    (
        "ciscosb_sg550x-8f8t",
        network.parse_ciscosb,
        {"model": "SG550XG-8F8T", "serial": "DNI22280CSN", "os_version": "2.5.9.13"},
    ),
    (
        "jetstream_sg2218p",
        network.parse_tplink,
        {
            "model": "SG2218P 1.20",
            "serial": "222C014000151",
            "os_version": "1.20.4 Build 20241205 Rel.64944",
        },
    ),
    ("junos_mx", network.parse_juniper, {"model": "Juniper MX80", "serial": "G0290"}),
    (
        "fortigate_60f",
        network.parse_fortinet,
        {"model": "FortiGate 60F", "os_version": "v7.2.6,build1575,230926 (GA.F)"},
    ),
    (
        "sonicwall_sonicos7",
        firewalls.parse_sonicwall,
        {"model": "TZ 570", "serial": "2CB8ED6DFE5C", "os_version": "SonicOS 7.0.1-R1456"},
    ),
    (
        "sophos-xg_xgs2100",
        firewalls.parse_sophos,
        {
            "model": "XGS2100_RL01_SFOS",
            "serial": "X21987654321012",
            "os_version": "22.0.2 MR-2-Build546",
        },
    ),
    (
        "zywall_usg40w",
        firewalls.parse_zyxel,
        {"model": "USG40W", "serial": "S152L18350215", "os_version": "V4.62(AALB.0)"},
    ),
    (
        "airos_airos8",
        wireless.parse_dot11,
        {"model": "LiteBeam 5AC Gen2", "os_version": "WA.ar934x.v8.7.4.45112.210415.1103"},
    ),
    (
        "ruckuswireless-unleashed_legacy-unleashed",
        wireless.parse_ruckus,
        # its serial is all zeros: a placeholder, so no serial is claimed
        {"model": "R850", "os_version": "200.14.6.1 build 203"},
    ),
    (
        "hiveos-wireless_650ax",
        wireless.parse_aerohive,
        {"model": "AP650X", "serial": "16501810030163"},
    ),
    # the answering AP is the master (aiMasterIPAddress 10.128.0.11): model 225, as sysDescr says
    (
        "aruba-instant",
        wireless.parse_aruba_instant,
        {"model": "225", "serial": "CNBJHMV0WN", "os_version": "8.4.0.0-8.4.0.0_68230"},
    ),
    ("hpe-ilo_4", servers.parse_hp, {"model": "ProLiant ML350 Gen9", "serial": "CZ270746S1"}),
    ("windows", servers.parse_dell, {"model": "Dell PowerEdge 2650", "serial": "1234567"}),
    (
        "openwrt",
        servers.parse_extend,
        {"model": "Linksys WRT1200AC", "os_version": "OpenWrt 21.02.0-rc4"},
    ),
    (
        "dsm",
        appliances.parse_synology,
        {"model": "RS2212RP+", "serial": "3005AWL999111", "os_version": "6.1-15217"},
    ),
    ("axiscam_p1455-le", appliances.parse_axis, {"serial": "B8A44FC0FFEE"}),
    (
        "windows_svr_2019_1809",
        windows.parse,
        {"model": "Intel x64", "os_version": "Server 2019 (1809)"},
    ),
    ("windows", windows.parse, {"os_version": "Server 2008 R2 SP1 (NT 6.1)"}),
]


@needs_corpus
@pytest.mark.parametrize(
    ("name", "parse", "expected"), CASES, ids=[f"{c[0]}-{c[1].__name__}" for c in CASES]
)
def test_parser_reads_recording(name: str, parse: object, expected: dict[str, str]) -> None:
    got = found(parse(recording(name)))  # type: ignore[operator]
    assert {k: got.get(k) for k in expected} == expected


@needs_corpus
def test_entity_device_rows_without_class_column() -> None:
    # FortiGate and this Catalyst 3560 omit entPhysicalClass; the top-level row is the chassis
    for name, model, serial in (
        ("fortigate_60f", "FGT_60F", "FGT60FTK00000000"),
        ("ios_c3560", "WS-C3560-48TS-S", "CAT0912N0CU"),
        ("vmware-esxi", "ProLiant DL380p Gen8", "CZ162913BZ"),
    ):
        row = entity.device_rows(recording(name))[0]
        assert (row.model, row.serial) == (model, serial)


class Recorded:
    """A session answering from one recording (GET, GETNEXT, bounded walks)."""

    def __init__(self, walk: dict[str, Value]) -> None:
        self.walk_ = walk
        self.keys = sorted(walk, key=self._key)
        self.sorted = [self._key(k) for k in self.keys]
        self.asked: list[str] = []

    @staticmethod
    def _key(oid: str) -> tuple[int, ...]:
        return tuple(int(p) for p in oid.split("."))

    async def get(self, *oid: str) -> dict[str, Value]:
        self.asked += oid
        return {o: self.walk_[o] for o in oid if o in self.walk_}

    async def get_next(self, root: str) -> tuple[str, Value] | None:
        i = bisect.bisect_right(self.sorted, self._key(root))
        if i < len(self.keys) and self.keys[i].startswith(root + "."):
            return self.keys[i], self.walk_[self.keys[i]]
        return None

    async def walk(self, root: str, limit: int | None = None) -> dict[str, Value]:
        self.asked.append(root)
        i = bisect.bisect_right(self.sorted, self._key(root))
        out: dict[str, Value] = {}
        while (
            i < len(self.keys)
            and self.keys[i].startswith(root + ".")
            and (limit is None or len(out) < limit)
        ):
            out[self.keys[i]] = self.walk_[self.keys[i]]
            i += 1
        return out

    async def walk_columns(self, roots: tuple[str, ...],
                           limit: int | None = None) -> dict[str, Value]:
        out: dict[str, Value] = {}
        for root in roots:
            out.update(await self.walk(root, limit))
        return out

    async def get_next_many(self, roots: tuple[str, ...]
                            ) -> dict[str, tuple[str, Value] | None]:
        return {root: await self.get_next(root) for root in roots}

    async def get_next_after(self, oid: str, within: str) -> tuple[str, Value] | None:
        i = bisect.bisect_right(self.sorted, self._key(oid))
        if i < len(self.keys) and self.keys[i].startswith(within + "."):
            return self.keys[i], self.walk_[self.keys[i]]
        return None


def identify(name: str) -> tuple[object, list[str]]:
    session = Recorded(recording(name))

    async def run() -> reader.Reading:
        first = await reader.read(session, reader.basic_steps())  # type: ignore[arg-type]
        more = vendors.steps(first.walk, frozenset(first.present))
        return await reader.read_more(session, first, more)  # type: ignore[arg-type]

    reading = asyncio.run(run())
    return build_sighting("127.0.0.1", reading, SnmpCommunity(name)), session.asked


@needs_corpus
def test_vendor_reads_only_when_the_enterprise_says_so() -> None:
    seen, asked = identify("apc_smt750x-nmc2")
    assert (seen.model, seen.serial) == ("Smart-UPS X 750", "AS1907242163")  # type: ignore[attr-defined]
    assert apc.UPS_MODEL in asked
    _seen, asked = identify("ios_2960x")
    assert not [o for o in asked if o.startswith("1.3.6.1.4.1.")]


@needs_corpus
def test_sonicwall_with_malformed_sysobjectid_is_read_by_sysdescr() -> None:
    seen, _asked = identify("sonicwall_sonicos7")
    assert (seen.model, seen.serial) == ("TZ 570", "2CB8ED6DFE5C")  # type: ignore[attr-defined]
    assert "SNWL-COMMON-MIB" in seen.inferred["serial"].evidence  # type: ignore[attr-defined]


def test_hostile_and_placeholder_values_are_dropped() -> None:
    walk: dict[str, Value] = {
        mikrotik.SERIAL: b"\xff\xfe\x00\x01",  # binary junk
        mikrotik.BOARD: b"N/A",
        mikrotik.LICENCE_VERSION: b"=cmd|' /C calc'!A0\x07 7.1",
    }
    got = found(mikrotik.parse(walk))
    assert "serial" not in got and "model" not in got
    assert "\x07" not in got["os_version"]
    assert value({"1": 5}, "1") == ""


def test_helpers() -> None:
    assert network.forti_model("FGT_60F") == "FortiGate 60F"
    assert network.forti_model("FWF_40F") == "FortiWiFi 40F"
    assert network.forti_model("XYZ_1") == "XYZ_1"
    assert windows.release(17763, "6.3", workstation=True) == "10 (1809)"
    assert windows.release(7601, "6.1", workstation=False) == "Server 2008 R2 SP1 (NT 6.1)"
    assert windows.release(1, "6.1", workstation=False) == ""
    assert upsmib.model_name("APC", "Smart-UPS 1500") == "APC Smart-UPS 1500"
    assert upsmib.model_name("Eaton", "Eaton 9PX") == "Eaton 9PX"
    assert servers.extend_oid("serial") == "1.3.6.1.4.1.8072.1.3.2.3.1.1.6.115.101.114.105.97.108"
    assert version_text("Everest 16.6.7") == "16.6.7"
    assert version_text("PL.10.10.0002") == "PL.10.10.0002"
    assert not product_descr("CHASSIS 00 00 00 00 00 00 00")
    assert not product_descr("ASA 5555-X with SW, 8 GE Data, 1 GE Mgmt")


def _entity(descr: str, model: str) -> entity.Entity:
    return entity.Entity(1, "chassis", "", descr, model, "", "", "", "", "", 0)


def test_chassis_model_text() -> None:
    assert model_text(_entity("6100 12G Class4 PoE 2G/2SFP+ 139W Switch", "JL679A"))[0] == (
        "6100 12G Class4 PoE 2G/2SFP+ 139W Switch (JL679A)"
    )
    assert model_text(_entity("WS-C2960X-48FPS-L", "WS-C2960X-48FPS-L"))[0] == "WS-C2960X-48FPS-L"
    assert model_text(_entity("ASA 5555-X with SW, 8 GE Data", "ASA5555"))[0] == "ASA5555"
    descr_only = model_text(_entity("PowerConnect 2824", ""))
    assert descr_only[0] == "PowerConnect 2824" and descr_only[1] < 0.9
