"""``probe(host, options)``: log in with the first working credential, read, classify.

Failures are data: no working credential, or an agent that stops answering,
become :class:`~scanner.inventory.model.Gap` records whose text names credentials only by
their safe ``label`` (never a community or key).
"""

from __future__ import annotations

import contextlib
import ipaddress
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version

from scanner.collectors.snmp.identify import vendors
from scanner.collectors.snmp.identify.classify import FIELDS, Classification, classify
from scanner.collectors.snmp.identify.hardware import hardware_claims, module
from scanner.collectors.snmp.mibs import entity, ipaddr, neighbours, swrun, system
from scanner.collectors.snmp.mibs import interfaces as if_parser
from scanner.collectors.snmp.mibs.device_mibs import steps as device_steps
from scanner.collectors.snmp.mibs.hostres import hardware as host_hardware
from scanner.collectors.snmp.mibs.printer import parse as parse_printer
from scanner.collectors.snmp.mibs.ups import parse as parse_power
from scanner.collectors.snmp.mibs.vmware_vminfo import steps as vminfo_steps
from scanner.collectors.snmp.mibs.vmware_vminfo import vm_sightings
from scanner.collectors.snmp.transport import reader
from scanner.collectors.snmp.transport.engine import snmp_engine
from scanner.collectors.snmp.transport.login import Failures
from scanner.collectors.snmp.transport.login import login as _login
from scanner.credentials import SnmpCommunity, SnmpCredential
from scanner.inventory.identity import is_identifying_ip
from scanner.inventory.model import Gap, GapReason, Interface, asset_type
from scanner.inventory.sighting import CollectorResult, Inference, Sighting
from scanner.options import SnmpOptions

COLLECTOR = "snmp"


def _gap(host: str, reason: GapReason, detail: str) -> Gap:
    return Gap(
        target=host,
        collector=COLLECTOR,
        reason=reason,
        detail=detail,
        at=datetime.now(UTC),
    )


def _login_gap(host: str, failures: Failures) -> Gap:
    reasons = {reason for _label, reason in failures}
    preferred: tuple[GapReason, ...] = ("auth", "missing-dependency")
    reason: GapReason = next((r for r in preferred if r in reasons),
                             "timeout" if reasons <= {"timeout"} else "error")
    tried = "; ".join(f"{label}: {why}" for label, why in failures)
    return _gap(host, reason, f"no SNMP credential worked ({tried})")


def _tool_versions() -> dict[str, str]:
    try:
        return {"pysnmp": version("pysnmp")}
    except PackageNotFoundError:
        return {}


async def probe(host: str, options: SnmpOptions,
                engine: object | None = None) -> CollectorResult:
    """Identify one SNMP agent; never raises for network or agent failures.

    Pass the scan's shared ``engine`` (from :func:`snmp_engine`): building a pysnmp
    engine costs about a second of CPU (its MIB builder), far more than a probe.
    """
    creds = options.credentials or (SnmpCommunity("public"),)
    async with contextlib.AsyncExitStack() as stack:
        if engine is None:
            engine = await stack.enter_async_context(snmp_engine())
        session, cred, failures = await _login(engine, host, options, creds)
        if session is None or cred is None:
            return CollectorResult(
                collector=COLLECTOR,
                target=host,
                gaps=[_login_gap(host, failures)],
                tool_versions=_tool_versions(),
            )
        reading = await reader.read(session, reader.basic_steps() + reader.topology_steps())
        more = vendors.steps(reading.walk, frozenset(reading.present))
        reading = await reader.read_more(session, reading, more)
        reading = await reader.read_more(session, reading, device_steps(reading))
        reading = await reader.read_more(session, reading, vminfo_steps(reading.walk))
    sighting = build_sighting(host, reading, cred)
    vms, vm_links = vm_sightings(host, reading.walk)
    gaps = [_gap(host, reason, detail) for reason, detail in reading.problems]
    names = {i.index: i.name for i in sighting.interfaces if i.index is not None}
    return CollectorResult(
        collector=COLLECTOR,
        target=host,
        sightings=[sighting, *neighbours.arp_sightings(host, reading.walk), *vms],
        links=neighbours.link_hints(host, reading.walk, names) + vm_links,
        gaps=gaps,
        tool_versions=_tool_versions(),
    )


def _ips(host: str, interfaces: list[Interface]) -> list[str]:
    """The addresses this agent claims: the probed one first, then its interfaces'.

    The probed address always counts (an snmpsim agent on 127.0.0.1 is still the
    target, and the scan scope keeps a sighting only by its addresses).  Addresses many
    devices carry at once (link-local such as FortiLink's 169.254/16, loopback, 0/8,
    multicast, unspecified) stay on the interfaces but are not claimed: they would
    name no device and only invite two devices to be merged."""
    ips: list[str] = []
    for candidate in [host] + [ip for i in interfaces for ip in i.ips]:
        try:
            address = str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
        if is_identifying_ip(address, polled=candidate == host) and address not in ips:
            ips.append(address)
    return ips


def _macs(interfaces: list[Interface]) -> list[str]:
    macs: list[str] = []
    for interface in interfaces:
        if interface.mac and interface.mac not in macs:
            macs.append(interface.mac)
    return macs


def _inferred(found: Classification) -> dict[str, Inference]:
    claims = {f: getattr(found, f) for f in FIELDS}
    return {
        f: Inference(confidence=c.confidence, evidence=c.evidence)
        for f, c in claims.items()
        if c is not None
    }


def build_sighting(host: str, reading: reader.Reading, cred: SnmpCredential) -> Sighting:
    """Turn one agent's reading into the Sighting identity resolution merges."""
    info = system.parse(reading.walk)
    interfaces = if_parser.parse(reading.walk, ipaddr.parse(reading.walk))
    forwarding = ipaddr.forwarding(reading.walk)
    found = classify(info, interfaces, forwarding, frozenset(reading.present), reading.walk)
    parts = entity.parse(reading.walk)
    found = hardware_claims(found, parts, reading.walk, frozenset(reading.present))
    default = isinstance(cred, SnmpCommunity) and cred.is_default
    software, software_note = swrun.parse(reading.walk)
    return Sighting(
        collector=COLLECTOR,
        ips=_ips(host, interfaces),
        macs=_macs(interfaces),
        target=host,
        hostnames=[info.name] if info.name else [],
        name=info.name or None,
        type=asset_type(found.value("type")),
        vendor=found.value("vendor"),
        model=found.value("model"),
        serial=found.value("serial"),
        modules=[module(e) for e in parts],
        os=found.value("os"),
        os_version=found.value("os_version"),
        location=info.location or None,
        contact=info.contact or None,
        description=info.descr or None,
        sys_object_id=info.object_id or None,
        chassis_id=neighbours.chassis_id(reading.walk),
        base_mac=neighbours.base_mac(reading.walk),
        interfaces=interfaces,
        hardware=host_hardware(reading.walk, info.uptime_seconds),
        power=parse_power(reading.walk),
        printer=parse_printer(reading.walk),
        software=software,
        software_note=software_note,
        snmp_community_default=default,
        ip_forwarding=forwarding,
        inferred=_inferred(found),
    )
