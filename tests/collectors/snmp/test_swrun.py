"""hrSWRunTable: a live net-snmp agent in its own network and PID namespaces, the size
cap, malformed rows, and proof that hrSWRunParameters is never asked for nor received."""

from __future__ import annotations

import pytest

from scanner.collectors.snmp.mibs import device_mibs, swrun
from scanner.collectors.snmp.transport.reader import Reading
from scanner.collectors.snmp.values import Value
from scanner.inventory.sighting import CollectorResult, Sighting
from tests.collectors.snmp import swrun_agent
from tests.collectors.snmp.snmprec import load
from tests.collectors.snmp.test_power_printer_parsers import HOSTRES, LAB_SWITCH

E = swrun.HR_SW_RUN_ENTRY
needs_agent = pytest.mark.skipif(swrun_agent.unavailable() is not None,
                                 reason=str(swrun_agent.unavailable()))


def _swrun_oids(oids: object) -> list[str]:
    assert isinstance(oids, list)
    return [o for o in oids if isinstance(o, str) and o.startswith("1.3.6.1.2.1.25.4")]


def _never_parameters(out: dict[str, object]) -> None:
    requested, returned = _swrun_oids(out["requested"]), _swrun_oids(out["returned"])
    assert requested  # the table was asked about at all
    params = swrun.HR_SW_RUN_PARAMETERS
    assert not [o for o in requested + returned if o == params or o.startswith(params + ".")]
    assert swrun_agent.SECRET not in repr(out)


@needs_agent
def test_live_agent_lists_the_test_daemon_and_never_its_command_line() -> None:
    with swrun_agent.agent():
        served = swrun_agent.walk(swrun.HR_SW_RUN_PARAMETERS)
        out = swrun_agent.probe_json()
    assert swrun_agent.SECRET in served  # the agent would hand the command line out
    _never_parameters(out)
    result = CollectorResult.model_validate(out["result"])
    assert result.gaps == []
    seen = result.sightings[0]
    assert seen.type == "server"
    daemon = next(s for s in seen.software if s.name == swrun_agent.DAEMON)
    assert daemon.path.endswith("/" + swrun_agent.DAEMON)
    assert (daemon.type, daemon.collector) == ("application", "snmp")
    assert {"snmpd", "sleep"} <= {s.name for s in seen.software}
    assert seen.software_note is not None and "running programs" in seen.software_note
    # names and paths were read by exact GETs only: no walk of a column before parameters
    gets = {o.rsplit(".", 1)[0] for o in _swrun_oids(out["requested"])
            if o.count(".") == E.count(".") + 2}
    assert gets == {swrun.HR_SW_RUN_NAME, swrun.HR_SW_RUN_PATH}


@needs_agent
def test_live_agent_over_the_cap_is_skipped_without_a_gap() -> None:
    with swrun_agent.agent(extra=swrun.MAX_PROCESSES + 10):
        out = swrun_agent.probe_json()
    _never_parameters(out)
    result = CollectorResult.model_validate(out["result"])
    assert result.gaps == []
    seen = result.sightings[0]
    assert seen.software == []
    assert seen.software_note is not None and "not read" in seen.software_note
    requested = _swrun_oids(out["requested"])  # walk cursors of type/status, no row GETs
    assert requested and all(o.startswith(swrun.COUNT_COLUMNS) for o in requested)
    walked = [o for o in _swrun_oids(out["returned"]) if o.startswith(swrun.HR_SW_RUN_TYPE)]
    assert swrun.MAX_PROCESSES < len(walked) <= swrun.MAX_PROCESSES + 200  # capped walk


def _row(index: int, name: Value | None, path: Value | None, kind: Value | None = 4,
         status: Value | None = 1) -> dict[str, Value]:
    cols = {2: name, 4: path, 6: kind, 7: status}
    return {f"{E}.{c}.{index}": v for c, v in cols.items() if v is not None}


def test_malformed_rows() -> None:
    walk: dict[str, Value] = {}
    walk |= _row(1, b"<script>x</script>\x00\x1b[2J", b"/usr/sbin/x")  # hostile text
    walk |= _row(2, b"", b"C:\\Program Files\\Veeam\\Veeam.Backup.Service.exe", kind=9)
    walk |= _row(3, b"gone", b"/bin/gone", status=4)  # invalid: the process ended
    walk |= _row(4, b"", b"")  # nothing to name it by
    walk |= _row(5, b"postgres", b"/usr/lib/postgresql/15/bin/postgres")
    walk |= _row(6, b"postgres", b"/usr/lib/postgresql/15/bin/postgres")  # a worker
    walk |= _row(7, b"\xff\xfe" * 200, 12345, kind=b"app")  # binary, long; int path
    walk |= _row(8, b"orphan-name", None, kind=None, status=None)  # no walked column
    items, note = swrun.parse(walk)
    by_name = {i.name: i for i in items}
    assert "<script>x</script> [2J" in by_name  # control characters gone, text kept
    veeam = by_name["Veeam.Backup.Service.exe"]  # named from its Windows path
    assert veeam.type == ""  # unknown hrSWRunType value
    assert "gone" not in by_name and "orphan-name" not in by_name
    assert [i.name for i in items].count("postgres") == 1
    long_name = next(n for n in by_name if n.startswith("\ufffd"))
    assert len(long_name) == 128 and by_name[long_name].type == ""
    assert len(items) == 4 and note is not None and "(7 rows)" in note


def test_cap_counts_rows_not_varbinds() -> None:
    walk: dict[str, Value] = {}
    for i in range(1, swrun.MAX_PROCESSES + 1):
        walk |= _row(i, b"p", b"/p")
    assert not swrun.too_large(walk) and len(swrun.rows(walk)) == swrun.MAX_PROCESSES
    walk |= _row(swrun.MAX_PROCESSES + 1, None, None)
    assert swrun.too_large(walk) and swrun.rows(walk) == []
    items, note = swrun.parse(walk)
    assert items == [] and note is not None and "more than 300" in note
    assert swrun.parse({}) == ([], None)


def test_gate_servers_only_and_no_parameters_column() -> None:
    assert swrun.HR_SW_RUN_PARAMETERS not in swrun.COUNT_COLUMNS + swrun.GET_COLUMNS
    server = [label for label, _ in device_mibs.steps(Reading(walk=load(HOSTRES)))]
    assert "HOST-RESOURCES-MIB hrSWRunTable" in server
    assert device_mibs.steps(Reading(walk=load(LAB_SWITCH))) == []
    printer = Reading(walk=load(HOSTRES), present={device_mibs.PRINTER_PRESENT})
    assert "HOST-RESOURCES-MIB hrSWRunTable" not in [lbl for lbl, _ in
                                                     device_mibs.steps(printer)]


def test_gap_report_lists_programs_escaped() -> None:
    """Sighting -> inventory -> assessment -> HTML, with a hostile program name."""
    from analysis import assess
    from reports.gap_html import render_gap_html
    from scanner.inventory.build import build_inventory
    from scanner.inventory.model import ScanMeta, SoftwareItem

    evil = SoftwareItem(name="<img src=x onerror=alert(1)>", path="/opt/evil", type="application",
                        collector="snmp")
    pg = SoftwareItem(name="postgres", path="/usr/bin/postgres", collector="snmp")
    seen = Sighting(collector="snmp", ips=["10.9.0.7"], type="server", software=[evil, pg],
                    software_note="2 distinct running programs from hrSWRunTable (2 rows)")
    inventory = build_inventory([CollectorResult(collector="snmp", target="10.9.0.7",
                                                 sightings=[seen])], ScanMeta())
    html = render_gap_html(assess(inventory)).decode()
    assert "2 running programs" in html and "postgres (/usr/bin/postgres)" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html

