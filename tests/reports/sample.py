"""The one sample dataset every renderer test uses (pip-audit's habit).

``sample_assessment()`` is a small office: a firewall, two switches, a
hypervisor with two VMs, a NAS, a UPS, a printer and a workstation, with links,
provenance, gaps, SPOFs, findings and priorities.  ``hostile=True`` rewrites
every device-supplied string (ids consistently, so references still resolve)
to start with an attack payload; literal-typed fields stay valid.

The lead may later replace the body with an Assessment recorded from the lab;
keep the signature.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import count
from typing import Any

from analysis.model import (
    Assessment,
    DependencyGraph,
    Finding,
    GraphEdge,
    GraphNode,
    Impact,
    Priority,
    ProcessStatus,
    Spof,
)
from scanner.inventory.model import (
    Asset,
    BackupJob,
    Fact,
    Gap,
    Hardware,
    Interface,
    Inventory,
    Link,
    NetworkContext,
    Route,
    ScanMeta,
    Service,
)

BIG = "A" * 100_000
PAYLOADS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    '" onmouseover="x',
    "javascript:alert(1)",
    '=HYPERLINK("http://x","y")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-1+1",
    "@SUM(1)",
    "nul\x00bell\x07esc\x1b[31m del\x7f",
    "lone\ud800surrogate",
    "\t=1+1",
    "\r=1+1",
    "<img src=x onerror=alert(1)>",
    "<a href='//evil.example/x'>x</a>",
    "<style>@import url(http://evil.example/x.css)</style>",
    "line1\nline2 | pipe [link](javascript:alert(1))",
)
#: values whose type is a Literal (or a version), which cannot carry a payload.
_LITERAL_KEYS = frozenset({"type", "kind", "reason", "protocol", "severity",
                           "schema_version", "assessment_version", "effort", "cost",
                           "version_precision", "os_precision"})

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
T1 = datetime(2025, 3, 3, 9, 4, 31, tzinfo=UTC)


def _asset(asset_id: str, name: str, type_: str, ip: str, **extra: Any) -> Asset:
    return Asset(id=asset_id, name=name, type=type_, ips=[ip], hostnames=[name],
                 first_seen=T0, last_seen=T1, **extra)


def _ssh(version: str = "OpenSSH 9.2p1") -> Service:
    product, _, ver = version.partition(" ")
    return Service(port=22, name="ssh", product=product, version=ver, collector="nmap")


def _assets() -> list[Asset]:
    snmp_type = Fact(field="type", value="switch", collector="snmp", confidence=0.8,
                     evidence="bridge with 3 ports")
    return [
        _asset("mac-005056000001", "gw-office", "firewall", "192.168.10.1",
               roles=["gateway", "firewall", "dns", "dhcp"], vendor="Netgate", model="SG-1100",
               os="pfSense", os_version="2.7.2", macs=["00:50:56:00:00:01"],
               services=[_ssh(), Service(port=53, protocol="udp", name="domain",
                                         product="dnsmasq", version="2.89", collector="nmap"),
                         Service(port=443, name="https", product="nginx", collector="nmap")],
               sources=["nmap", "localhost"],
               provenance=[Fact(field="roles", value="gateway", collector="localhost",
                                evidence="default route via 192.168.10.1")]),
        _asset("serial-FOC1234X0AB", "sw-core", "switch", "192.168.10.2",
               roles=["switch"], vendor="Cisco", model="C1000-24T-4G-L", serial="FOC1234X0AB",
               os="IOS", os_version="15.2(7)E8", macs=["00:1b:54:00:00:02"],
               location="Server cupboard", contact="it@example.org",
               description="Cisco IOS Software, C1000 Software",
               sys_object_id="1.3.6.1.4.1.9.1.2591",
               interfaces=[Interface(name="Gi0/1", index=1, oper_status="up", speed_bps=10**9),
                           Interface(name="Gi0/24", index=24, alias="uplink office")],
               sources=["nmap", "snmp"], provenance=[snmp_type]),
        _asset("mac-001b54000003", "sw-office", "switch", "192.168.10.3", roles=["switch"],
               vendor="Netgear", model="GS108T", snmp_community_default=True,
               sources=["snmp"], provenance=[snmp_type]),
        _asset("mac-525400000010", "pve1", "hypervisor", "192.168.10.10",
               roles=["hypervisor"], vendor="Supermicro", os="Proxmox VE", os_version="8.2",
               hardware=Hardware(cpu_count=16, memory_bytes=64 * 2**30, uptime_seconds=86400),
               services=[_ssh(), Service(port=8006, name="https", product="pve-api",
                                         collector="nmap")],
               sources=["nmap", "proxmox"]),
        _asset("mac-525400000011", "dc01", "vm", "192.168.10.11",
               roles=["directory", "dns", "dhcp"], os="Debian", os_version="12",
               services=[Service(port=389, name="ldap", product="Samba", collector="nmap"),
                         Service(port=53, name="domain", product="BIND", version="9.18",
                                 collector="nmap")],
               sources=["nmap", "proxmox"]),
        _asset("mac-525400000012", "files01", "vm", "192.168.10.12", roles=["file"],
               os="Debian", os_version="12",
               services=[Service(port=445, name="microsoft-ds", product="Samba smbd",
                                 version="4.17", collector="nmap")],
               backups=[BackupJob(tool="restic", name="restic-files.timer", kind="systemd-timer",
                                  schedule="*-*-* 01:30:00", last_run=T1 - timedelta(hours=31),
                                  collector="ssh", evidence="systemctl list-timers: "
                                  "restic-files.timer"),
                        BackupJob(tool="borg", name="/etc/cron.d/borg:1", kind="cron",
                                  schedule="0 3 * * *", collector="ssh",
                                  evidence="/etc/cron.d/borg line 1"),
                        # three jobs and one source: 16 strings, so ``hostile`` hands every
                        # later string the payload it had before the jobs were added
                        BackupJob(tool="rsnapshot", name="/etc/cron.d/rsnapshot:2", kind="cron",
                                  schedule="30 4 * * 0", last_success=T1 - timedelta(days=9),
                                  collector="ssh", evidence="/etc/cron.d/rsnapshot line 2")],
               sources=["nmap", "proxmox", "ssh"]),
        _asset("serial-2150ABC", "nas01", "nas", "192.168.10.20", roles=["nas", "backup"],
               vendor="Synology", model="DS220+", serial="2150ABC", sources=["nmap"],
               provenance=[Fact(field="vendor", value="Synology", collector="nmap",
                                confidence=0.6, evidence="MAC OUI 00:11:32")]),
        _asset("serial-AS1234", "ups01", "ups", "192.168.10.30", roles=["ups"], vendor="APC",
               model="Smart-UPS 1500", serial="AS1234", sources=["snmp"]),
        _asset("mac-3c2af4000040", "printer-1", "printer", "192.168.10.40", roles=["printer"],
               vendor="HP", model="LaserJet M404",
               services=[Service(port=23, name="telnet", collector="nmap"),
                         Service(port=9100, name="jetdirect", collector="nmap")],
               sources=["nmap"]),
        _asset("host-pc-reception", "pc-reception", "workstation", "192.168.10.101",
               roles=["workstation"], os="Windows 11", sources=["nmap"]),
    ]


def _links() -> list[Link]:
    def phys(src: str, dst: str, dst_port: str, src_port: str | None = None) -> Link:
        return Link(source=src, target=dst, kind="physical", source_port=src_port,
                    target_port=dst_port, collector="snmp", confidence=0.9,
                    evidence=f"FDB of {dst} learns {src} on {dst_port}")

    core, office = "serial-FOC1234X0AB", "mac-001b54000003"
    return [
        phys("mac-005056000001", core, "Gi0/1"),
        phys("mac-525400000010", core, "Gi0/2"),
        phys("serial-2150ABC", core, "Gi0/3"),
        phys(office, core, "Gi0/24", src_port="8"),
        phys("mac-3c2af4000040", office, "5"),
        phys("host-pc-reception", office, "3"),
        Link(source="mac-525400000011", target="mac-525400000010", kind="runs_on",
             collector="proxmox", evidence="qemu/101 on node pve1"),
        Link(source="mac-525400000012", target="mac-525400000010", kind="runs_on",
             collector="proxmox", evidence="qemu/102 on node pve1"),
        Link(source="mac-525400000010", target="serial-AS1234", kind="power",
             collector="site", evidence="declared in site.toml"),
    ]


def _inventory(assets: list[Asset]) -> Inventory:
    gaps = [
        Gap(target="192.168.10.20", collector="snmp", reason="auth",
            detail="no response to community 'public' (v2c)", at=T1),
        Gap(target="192.168.10.250", collector="nmap", reason="timeout",
            detail="host timeout after 300s", at=T1),
        Gap(target="qemu:///system", collector="libvirt", reason="missing-dependency",
            detail="pip install drscout[libvirt]"),
    ]
    scan = ScanMeta(targets=["192.168.10.0/24"], excluded=["192.168.10.254"], started=T0,
                    finished=T1, profile="standard",
                    collectors=["nmap", "snmp", "localhost", "proxmox"],
                    tool_versions={"nmap": "7.93", "drscout": "0.1.0"}, as_root=True,
                    scanner_host="scanner-laptop")
    network = NetworkContext(
        default_gateways=[Route(destination="0.0.0.0/0", gateway="192.168.10.1",
                                interface="eth0", collector="localhost")],
        dns_servers=["192.168.10.11", "192.168.10.1"], dhcp_servers=["192.168.10.11"],
        subnets=["192.168.10.0/24"])
    return Inventory(scan=scan, assets=assets, links=_links(), gaps=gaps, network=network)


def _graph(assets: list[Asset]) -> DependencyGraph:
    nodes = [GraphNode(id="users", label="Office users", kind="users"),
             GraphNode(id="internet", label="Internet", kind="internet", criticality=3),
             GraphNode(id="proc-files", label="File sharing", kind="process", criticality=4),
             GraphNode(id="proc-web", label="Internet access", kind="process", criticality=3),
             GraphNode(id="role-dns", label="DNS (any of)", kind="role", any_of=True)]
    nodes += [GraphNode(id=a.id, label=a.name, kind="asset", asset_type=a.type,
                        criticality=2) for a in assets]
    gw, core, office, pve, dc, files, nas, ups, prn, pc = (a.id for a in assets)
    pairs = [("users", "proc-files", "process"), ("users", "proc-web", "process"),
             ("proc-files", files, "service"), ("proc-web", "internet", "service"),
             ("internet", gw, "network"), (files, pve, "compute"), (dc, pve, "compute"),
             (files, "role-dns", "service"), ("role-dns", dc, "service"),
             ("role-dns", gw, "service"), (pve, core, "network"), (gw, core, "network"),
             (nas, core, "network"), (office, core, "network"), (prn, office, "network"),
             (pc, office, "network"), (pve, ups, "power"), ("users", pc, "network")]
    edges = [GraphEdge(source=s, target=t, kind=k, evidence=f"{s} needs {t}") for s, t, k in pairs]
    return DependencyGraph(nodes=nodes, edges=edges)


def _conclusions(ids: list[str]) -> dict[str, Any]:
    gw, core, office, pve, dc, files, nas, ups, prn, pc = ids
    core_hit = Impact(processes=2, workloads=3, seats=2, seats_total=2)
    pve_hit = Impact(processes=1, workloads=2, seats=0, seats_total=2)
    spofs = [
        Spof(id="spof-core", kind="asset", asset_ids=[core], label="sw-core",
             reason="every path from the users to the servers and the gateway crosses it",
             blast_radius=[gw, pve, dc, files, nas, office, "proc-files", "proc-web", "internet"],
             blast_weight=17, processes=["proc-files", "proc-web"],
             evidence=["articulation point of the physical layer"], impact=core_hit,
             workloads=[dc, files, nas], seats=[prn, pc]),
        Spof(id="spof-pve1", kind="asset", asset_ids=[pve], label="pve1",
             reason="both VMs run on this one hypervisor (no HA cluster)",
             blast_radius=[dc, files, "proc-files"], blast_weight=9, processes=["proc-files"],
             evidence=["runs_on dc01 -> pve1", "runs_on files01 -> pve1"], impact=pve_hit,
             workloads=[dc, files]),
        Spof(id="spof-ups", kind="asset", asset_ids=[ups], label="ups01",
             reason="the hypervisor has a single power source", blast_radius=[pve, dc, files],
             blast_weight=8, evidence=["power pve1 -> ups01 (declared)"]),
    ]
    findings = [
        Finding(id="F1", rule="single-hypervisor", title="All servers run on one hypervisor",
                severity="critical", asset_ids=[pve, dc, files],
                evidence=["dc01 and files01 run on pve1"],
                recommendation="Add a second host or keep restorable backups of both VMs off it.",
                reference="https://example.org/dr/ha", effort="days", cost="high",
                effort_cost_reason="a second host and shared storage"),
        Finding(id="F2", rule="snmp-default-community",
                title="SNMP answers the default community", severity="high",
                asset_ids=[office], evidence=["community 'public' accepted"],
                recommendation="Change the community or switch to SNMPv3.",
                effort="minutes", cost="none"),
        Finding(id="F3", rule="telnet-open", title="Telnet is enabled", severity="medium",
                asset_ids=[prn], evidence=["23/tcp telnet open"],
                recommendation="Disable telnet in the printer's web interface.",
                effort="minutes", cost="none"),
        Finding(id="F4", rule="scan-gaps", title="Some targets could not be fully scanned",
                severity="info", asset_ids=[nas], evidence=["snmp auth gap on 192.168.10.20"],
                recommendation="Provide SNMP credentials for the NAS and rescan.",
                effort="hours", cost="low", effort_cost_reason="a rescan with credentials"),
    ]
    priorities = [
        Priority(asset_id=ups, name="ups01", suggested_tier=1, tier_reason="powers the hypervisor",
                 blast_radius=3, recovery_wave=1, recovery_order=1),
        Priority(asset_id=core, name="sw-core", suggested_tier=1,
                 tier_reason="every service depends on it", depends_on=[ups],
                 spofs_on_path=["spof-ups"], blast_radius=9, recovery_wave=2, recovery_order=1,
                 impact=core_hit),
        Priority(asset_id=pve, name="pve1", suggested_tier=1, tier_reason="hosts dc01 and files01",
                 depends_on=[core, ups], spofs_on_path=["spof-core", "spof-ups"], blast_radius=3,
                 recovery_wave=3, recovery_order=1, impact=pve_hit,
                 suggested_rto="<= 4 h", suggested_rpo="<= 1 h"),
        Priority(asset_id=dc, name="dc01", suggested_tier=2, tier_reason="directory and DNS",
                 depends_on=[pve], spofs_on_path=["spof-core", "spof-pve1"], blast_radius=1,
                 recovery_wave=4, recovery_order=1),
        Priority(asset_id=files, name="files01", suggested_tier=2,
                 tier_reason="serves File sharing (criticality 4)", depends_on=[pve, dc],
                 spofs_on_path=["spof-core", "spof-pve1"], recovery_wave=5, recovery_order=1),
    ]
    processes = [
        ProcessStatus(id="proc-files", name="File sharing", criticality=4, needs=[files],
                      spofs=["spof-core", "spof-pve1"], assumed=False),
        ProcessStatus(id="proc-web", name="Internet access", criticality=3,
                      needs=["internet"], spofs=["spof-core"]),
    ]
    return {"spofs": spofs, "findings": findings, "priorities": priorities,
            "processes": processes, "recovery_waves": [[ups], [core, gw], [pve, nas], [dc],
                                                       [files]]}


def _hostile(data: Any, ids: dict[str, str], counter: count[int], key: str = "") -> Any:
    """Rewrite every string: ids consistently, everything else prefixed with a payload."""
    if isinstance(data, dict) and key == "tool_versions":
        return {_hostile(k, ids, counter, "tool"): _hostile(v, ids, counter, "tool")
                for k, v in data.items()}
    if isinstance(data, dict):
        return {k: _hostile(v, ids, counter, k) for k, v in data.items()}
    if isinstance(data, list):
        return [_hostile(v, ids, counter, key) for v in data]
    if not isinstance(data, str) or key in _LITERAL_KEYS:
        return data
    if data in ids:
        return ids[data]
    return PAYLOADS[next(counter) % len(PAYLOADS)] + " " + data


def sample_assessment(hostile: bool = False) -> Assessment:
    """The shared sample; ``hostile`` injects payloads into every device string."""
    assets = _assets()
    assessment = Assessment(inventory=_inventory(assets), graph=_graph(assets),
                            **_conclusions([a.id for a in assets]))
    if not hostile:
        return assessment
    dumped = assessment.model_dump()
    node_ids = [n["id"] for n in dumped["graph"]["nodes"]] + [s.id for s in assessment.spofs]
    ids = {old: PAYLOADS[i % len(PAYLOADS)] + old for i, old in enumerate(node_ids)}
    data = _hostile(dumped, ids, count())
    data["inventory"]["assets"][1]["vendor"] = BIG
    data["inventory"]["assets"][1]["os"] = '=HYPERLINK("http://x","y")'
    data["inventory"]["gaps"][0]["detail"] = BIG
    return Assessment.model_validate(data)
