"""UPS-MIB / PowerNet, Printer-MIB and HOST-RESOURCES parsers on real recordings
(the LibreNMS dev corpus, a net-snmp walk) and on malformed variants of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.collectors.snmp.identify.signatures import PROBE_SUBTREES
from scanner.collectors.snmp.mibs import device_mibs, hostres, printer, ups
from scanner.collectors.snmp.transport.reader import Reading
from scanner.collectors.snmp.values import Value
from tests.collectors.snmp.snmprec import load

ROOT = Path(__file__).resolve().parents[3]
HOSTRES = ROOT / "fixtures/snmp/hostres/linux-server.snmprec"
LAB_SWITCH = ROOT / "fixtures/snmp/lab-switch/walk.snmprec"
CANDIDATES = (Path("/work/shared/corpus/snmp/dev"), ROOT.parent / "shared/corpus/snmp/dev")
CORPUS = next((c for c in CANDIDATES if c.is_dir()), None)
needs_corpus = pytest.mark.skipif(CORPUS is None, reason="shared/corpus/snmp/dev absent")
SUPPLY = "1.3.6.1.2.1.43.11.1.1"
APC = "1.3.6.1.4.1.318.1.1.1"


def corpus(stem: str) -> dict[str, Value]:
    assert CORPUS is not None
    return load(CORPUS / f"{stem}.snmprec")


# --- UPS ----------------------------------------------------------------------------------

@needs_corpus
@pytest.mark.parametrize(("stem", "expected"), [
    ("apc_smx750", {"source_mib": "PowerNet-MIB, UPS-MIB", "charge_percent": 100,
                    "minutes_remaining": 272, "on_battery": False, "output_source": "onLine",
                    "load_percent": 76, "replace_battery": False, "serial": "AS1342225176",
                    "manufacturer": "APC", "battery_status": None}),
    ("apc_smt750x-nmc2", {"source_mib": "PowerNet-MIB", "minutes_remaining": 1829,
                          "load_percent": 0, "model": "Smart-UPS X 750"}),
    ("cyberpower_pr2200rt2uc", {"battery_status": "normal", "charge_percent": 100,
                                "minutes_remaining": 175, "seconds_on_battery": 0,
                                "on_battery": False, "load_percent": 3, "model": "PR2200RT2UC"}),
    ("eaton-mgeups_5px", {"battery_status": "normal", "minutes_remaining": 43,
                          "load_percent": 59, "manufacturer": "EATON"}),
    # three output lines (2%, 14%, 2%): the most loaded one counts; on bypass, not battery
    ("generex-ups_cs141", {"load_percent": 14, "output_source": "bypass", "on_battery": False,
                           "minutes_remaining": 544}),
    # 65535 minutes is "unknown", not 45 days
    ("netvision-rfc", {"minutes_remaining": None, "load_percent": 7, "battery_status": "normal"}),
    # -273 degrees is "no probe"
    ("poweralert_ups", {"temperature_c": None, "minutes_remaining": 72, "model": "SU3000LCD2UHV",
                        "output_source": "other"}),
])
def test_ups_recordings(stem: str, expected: dict[str, object]) -> None:
    power = ups.parse(corpus(stem))
    assert power is not None
    assert {k: getattr(power, k) for k in expected} == expected


@needs_corpus
def test_no_ups_mib_no_power() -> None:
    assert ups.parse(corpus("ios_2960x")) is None
    assert ups.parse(corpus("apc_ap7900b")) is None  # a PDU: APC, but no UPS group


@needs_corpus
def test_ups_malformed_values() -> None:
    walk = corpus("cyberpower_pr2200rt2uc")
    battery = "1.3.6.1.2.1.33.1.2"
    walk[battery + ".1.0"] = 9                        # undefined battery status
    walk[battery + ".3.0"] = b"\xff\xfe12"            # binary instead of an integer
    walk[battery + ".4.0"] = -5                       # negative charge
    walk["1.3.6.1.2.1.33.1.4.4.1.5.1"] = b"<script>"  # a string load
    walk["1.3.6.1.2.1.33.1.4.1.0"] = 5                # output source: battery
    power = ups.parse(walk)
    assert power is not None
    assert (power.battery_status, power.minutes_remaining, power.charge_percent) == (None,) * 3
    assert power.load_percent is None and power.on_battery is True


@needs_corpus
def test_ups_missing_columns_and_alarms() -> None:
    walk = {o: v for o, v in corpus("eaton-mgeups_5px").items()
            if not o.startswith(("1.3.6.1.2.1.33.1.2.", "1.3.6.1.2.1.33.1.4."))}
    alarms = "1.3.6.1.2.1.33.1.6.2.1.2"
    walk[alarms + ".1"] = "1.3.6.1.2.1.33.1.6.3.1"    # upsAlarmBatteryBad
    walk[alarms + ".2"] = "1.3.6.1.2.1.33.1.6.3.3"    # upsAlarmLowBattery
    walk[alarms + ".3"] = b"\x00\x01"                # not an OID at all
    power = ups.parse(walk)
    assert power is not None and power.manufacturer == "EATON"
    assert (power.minutes_remaining, power.load_percent, power.on_battery) == (None, None, None)
    assert power.alarms == ["batteryBad", "lowBattery", "alarm ?"]
    assert power.replace_battery is True and power.battery_status == "replace"


@needs_corpus
def test_apc_replace_low_and_on_battery() -> None:
    walk = corpus("apc_smt750x-nmc2")
    walk[APC + ".2.2.4.0"] = 2          # upsAdvBatteryReplaceIndicator: batteryNeedsReplacing
    walk[APC + ".4.1.1.0"] = 3          # upsBasicOutputStatus: onBattery
    walk[APC + ".2.2.1.0"] = 37         # upsAdvBatteryCapacity wins over high precision
    power = ups.parse(walk)
    assert power is not None
    assert (power.battery_status, power.on_battery, power.charge_percent) == ("replace", True, 37)
    walk[APC + ".2.1.1.0"] = 3          # upsBasicBatteryStatus: batteryLow stays low
    assert (low := ups.parse(walk)) is not None and low.battery_status == "low"


# --- printers -----------------------------------------------------------------------------

@needs_corpus
def test_printer_recordings() -> None:
    brother = printer.parse(corpus("brother"))
    assert brother is not None and brother.device_status == "running"
    toner, drum = brother.supplies
    assert (toner.kind, toner.level_percent, toner.state) == ("toner", None, "some")  # level -3
    assert (drum.kind, drum.level_percent, drum.state) == ("opc", 96, "ok")  # 11501 of 12000
    konica = printer.parse(corpus("konica_c250i"))
    assert konica is not None and konica.serial == "AA2M021115700"
    assert konica.device_status == "warning" and konica.errors == ["serviceRequested"]
    waste = konica.supplies[-1]
    assert waste.receptacle and waste.state == "some" and waste.level_percent is None
    xerox = printer.parse(corpus("xerox"))
    assert xerox is not None and len(xerox.supplies) == 12
    assert xerox.supplies[0].level_percent == 20  # 1060 of 5300
    container = xerox.supplies[9]
    assert container.receptacle and (container.level_percent, container.state) == (5, "almost-full")
    assert printer.parse(corpus("kyocera")) is None  # detection-only recording


def _supply_walk(rows: dict[int, dict[int, Value]]) -> dict[str, Value]:
    return {f"{SUPPLY}.{col}.1.{row}": value
            for row, cols in rows.items() for col, value in cols.items()}


@needs_corpus
def test_printer_special_and_malformed_levels() -> None:
    walk = {o: v for o, v in corpus("ricoh_mpc3002").items() if not o.startswith(SUPPLY)}
    walk.update(_supply_walk({
        1: {5: 3, 6: b"Black", 8: 100, 9: -1},           # other
        2: {5: 3, 6: b"Cyan", 8: 100, 9: -2},            # unknown
        3: {5: 3, 6: b"Magenta", 8: -2, 9: 150},         # no capacity, not a percent
        4: {5: 3, 6: b"Yellow", 8: 0, 9: 10},            # zero capacity
        5: {5: 3, 6: b"Fuser", 8: 50, 9: 80},            # more than full
        6: {5: 77, 6: b"\xff\xfe<b>\x07odd", 9: 0},        # unknown type, binary text
        7: {6: b"Only a name"},                          # every other column missing
        8: {4: 4, 6: b"Receptacle", 8: 100, 9: 0},       # class: receptacle, no space left
        9: {5: 3, 6: b"Low toner", 8: 200, 9: 12},       # 6%
    }))
    found = printer.parse(walk)
    assert found is not None
    states = [(s.level_percent, s.state) for s in found.supplies]
    assert states == [(None, "unknown"), (None, "unknown"), (None, "unknown"),
                      (None, "unknown"), (100, "ok"), (0, "empty"), (None, "unknown"),
                      (0, "full"), (6, "low")]
    odd = found.supplies[5]
    assert odd.kind == "" and "\x07" not in odd.description and "<b>" in odd.description


@needs_corpus
def test_printer_huge_table_colorants_alerts_and_status() -> None:
    walk = corpus("jetdirect_m130nw")
    many: dict[int, dict[int, Value]] = {
        i: {3: 1, 5: 3, 6: b"T%d" % i, 8: 100, 9: 50} for i in range(10, 5010)}
    walk.update(_supply_walk(many))
    walk["1.3.6.1.2.1.43.12.1.1.4.1.1"] = b"black"
    walk["1.3.6.1.2.1.43.18.1.1.2.1.7"] = 3
    walk["1.3.6.1.2.1.43.18.1.1.7.1.7"] = 1101
    walk["1.3.6.1.2.1.43.18.1.1.8.1.7"] = b"Toner empty\x1b[31m"
    walk["1.3.6.1.2.1.25.3.5.1.1.1"] = 4                   # hrPrinterStatus: printing
    walk["1.3.6.1.2.1.25.3.5.1.2.1"] = b"\x24\x80\xff\xff"  # lowToner, jammed, inputTrayMissing
    found = printer.parse(walk)
    assert found is not None and len(found.supplies) == printer.MAX_SUPPLIES
    assert found.supplies[2].colorant == "black"
    assert found.status == "printing" and found.device_status == "running"
    assert found.errors == ["lowToner", "jammed", "inputTrayMissing"]
    [alert] = found.alerts
    assert (alert.severity, alert.code) == ("critical", "1101")
    assert alert.description.startswith("Toner empty") and "\x1b" not in alert.description


# --- HOST-RESOURCES -----------------------------------------------------------------------

def test_hostres_net_snmp_recording() -> None:
    hardware = hostres.parse(load(HOSTRES))
    assert hardware is not None and hardware.cpu_count == 2
    assert hardware.memory_bytes == 24684096 * 1024 and hardware.uptime_seconds == 3925
    mounts = {d.mount: d for d in hardware.disks}
    assert "/" in mounts and "/dev/shm" not in mounts  # pseudo file systems stay out
    [volume] = [d for m, d in mounts.items() if m.endswith("/data")]
    assert (volume.total_bytes, volume.used_bytes) == (64 * 2**20, 60 * 2**20)


@needs_corpus
def test_hostres_corpus_nas_windows_bsd() -> None:
    dsm = hostres.parse(corpus("dsm"))
    assert dsm is not None
    volume = next(d for d in dsm.disks if d.mount == "/volume1")
    assert volume.total_bytes == 1437056540 * 65536 and volume.used_bytes == 985204486 * 65536
    windows = hostres.parse(corpus("windows_svr_2019_1809"))
    assert windows is not None and [d.mount for d in windows.disks] == ["C:\\"]
    pfsense = hostres.parse(corpus("pfsense"))  # bsnmpd: 590 rows, hrFSTypes as storage types
    assert pfsense is not None
    assert [(d.mount, d.fstype) for d in pfsense.disks] == [("/", "ufs"), ("/var/run", "ufs")]


def test_hostres_malformed_rows() -> None:
    walk = load(HOSTRES)
    entry = hostres.HR_STORAGE_ENTRY
    walk[f"{entry}.5.31"] = -1_000_000            # Integer32 overflow of a big volume
    walk[f"{entry}.6.31"] = -999_000
    walk[f"{entry}.3.31"] = b"/big\xff\x00"
    walk.update({f"{entry}.2.90": "1.3.6.1.2.1.25.2.1.4", f"{entry}.3.90": b"/zero-units",
                 f"{entry}.4.90": 0, f"{entry}.5.90": 10, f"{entry}.6.90": 5})
    walk.update({f"{entry}.2.91": "1.3.6.1.2.1.25.2.1.4", f"{entry}.3.91": b"/over",
                 f"{entry}.4.91": 512, f"{entry}.5.91": 10, f"{entry}.6.91": 50})
    walk.update({f"{entry}.2.92": "1.3.6.1.2.1.25.2.1.4", f"{entry}.3.92": b"/no-used"})
    hardware = hostres.parse(walk)
    assert hardware is not None
    mounts = {d.mount: d for d in hardware.disks}
    big = mounts["/big\ufffd"]
    assert big.total_bytes == (2**32 - 1_000_000) * 4096
    assert mounts["/over"].used_bytes == mounts["/over"].total_bytes == 5120
    assert "/zero-units" not in mounts and "/no-used" not in mounts


# --- what gets read -----------------------------------------------------------------------

def test_device_steps_follow_what_the_agent_has() -> None:
    assert {device_mibs.UPS_PRESENT, device_mibs.APC_PRESENT,
            device_mibs.PRINTER_PRESENT} <= set(PROBE_SUBTREES)
    server = [label for label, _ in device_mibs.steps(Reading(walk=load(HOSTRES)))]
    assert server == ["HOST-RESOURCES-MIB scalars", "HOST-RESOURCES-MIB hrStorageTable",
                      "HOST-RESOURCES-MIB hrDeviceType", "HOST-RESOURCES-MIB hrSWRunTable"]
    assert device_mibs.steps(Reading(walk=load(LAB_SWITCH))) == []  # a switch: nothing more
    ups_reading = Reading(walk=load(HOSTRES), present={device_mibs.UPS_PRESENT})
    labels = [label for label, _ in device_mibs.steps(ups_reading)]
    assert labels == [f"UPS-MIB {r}" for r in ups.UPS_WALK_ROOTS]  # a UPS, not a server
