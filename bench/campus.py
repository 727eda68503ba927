"""One connected campus as an inventory in the project's schema (issue 10).

Layout, for ``n`` assets (``n = 10_000`` gives the issue's campus):

- 2 gateways, each cabled to both core switches (the core pair);
- distribution switches in pairs, each cabled to both cores;
- access switches with about 40 seats each (workstations, every tenth a
  printer); every access switch is dual-homed to its distribution pair except
  every seventh, which hangs off the pair's first switch only;
- standalone ESXi hosts (one per 1,000 assets, at least one) cabled to both
  cores, each running 10 VMs without HA (``runs_on`` links); two VMs on
  different hosts are DNS servers handed out together (``network.dns_servers``),
  the others serve files, databases, web and mail.

Links are recorded as the collectors record them: ``physical`` links from the
switch (FDB/LLDP, ``source`` = the switch that saw the neighbour), ``runs_on``
from the VM to its host.  :func:`expected` says which devices the issue wants
flagged and which not, computed from the generated topology itself.

Run: ``.venv/bin/python -m bench.campus N OUT.json``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SEATS_PER_ACCESS = 40
ACCESS_PER_PAIR = 24
VMS_PER_HOST = 10
SINGLE_HOMED_EVERY = 7
_VM_ROLES = ("file", "database", "web", "mail", "file", "database", "web", "file", "web")


@dataclass
class Campus:
    assets: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    access: list[str] = field(default_factory=list)
    single_homed: list[str] = field(default_factory=list)
    #: distribution switch -> access switches cabled to it
    children: dict[str, list[str]] = field(default_factory=dict)
    cores: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)
    dns: list[str] = field(default_factory=list)

    def add(self, asset_id: str, kind: str, ip: str, roles: tuple[str, ...] = (),
            **extra: Any) -> str:
        serial = len(self.assets)
        mac = ":".join(f"{b:02x}" for b in (2, 0, serial >> 24 & 255, serial >> 16 & 255,
                                             serial >> 8 & 255, serial & 255))
        self.assets.append({"id": asset_id, "name": asset_id, "type": kind, "roles": list(roles),
                            "ips": [ip], "macs": [mac], "sources": ["snmp"], **extra})
        return asset_id

    def cable(self, switch: str, other: str, port: int) -> None:
        self.links.append({"source": switch, "target": other, "kind": "physical",
                           "source_port": f"Gi1/0/{port}", "collector": "snmp",
                           "evidence": "LLDP neighbour" if other.startswith(("sw", "gw", "esx"))
                           else "FDB: the MAC is learned on this port only"})


def _ip(index: int, base: int = 10) -> str:
    return f"{base}.{index >> 16 & 255}.{index >> 8 & 255}.{index & 255}"


def generate(n: int) -> dict[str, Any]:
    """An inventory dict with about ``n`` assets (validated by ``Inventory``)."""
    return build(n)[0]


def build(n: int) -> tuple[dict[str, Any], Campus]:
    c = Campus()
    hosts = max(1, n // 1000)
    access = max(1, round((n - 4 - hosts * (VMS_PER_HOST + 1))
                          / (SEATS_PER_ACCESS + 1 + 2 / ACCESS_PER_PAIR)))
    pairs = -(-access // ACCESS_PER_PAIR)
    mgmt = iter(range(1, 1 << 24))
    c.cores = [c.add(f"sw-core{i}", "switch", _ip(next(mgmt), 172), ("switch",))
               for i in (1, 2)]
    for i in (1, 2):
        gw = c.add(f"gw{i}", "firewall", f"192.168.0.{i}", ("gateway", "firewall"))
        for port, core in enumerate(c.cores, start=1):
            c.cable(core, gw, 40 + i)
            del port
    c.cable(c.cores[0], c.cores[1], 48)
    dists = []
    for p in range(pairs):
        pair = [c.add(f"sw-dist{p + 1}{side}", "switch", _ip(next(mgmt), 172), ("switch",))
                for side in "ab"]
        for d in pair:
            c.children[d] = []
            for port, core in enumerate(c.cores, start=49):
                c.cable(d, core, port)
        dists.append(pair)
    _access_layer(c, access, dists, mgmt)
    _hypervisors(c, hosts)
    inventory = {"schema_version": "1.0", "scan": {"generator": "bench.campus"},
                 "assets": c.assets, "links": c.links,
                 "network": {"dns_servers": [_vm_ip(c, d) for d in c.dns],
                             "default_gateways": [{"destination": "0.0.0.0/0",
                                                   "gateway": "192.168.0.1",
                                                   "collector": "localhost"}]}}
    return inventory, c


def _access_layer(c: Campus, access: int, dists: list[list[str]], mgmt: Any) -> None:
    seat = 0
    for i in range(access):
        sw = c.add(f"sw-acc{i + 1}", "switch", _ip(next(mgmt), 172), ("switch",))
        c.access.append(sw)
        pair = dists[i // ACCESS_PER_PAIR]
        uplinks = pair[:1] if i % SINGLE_HOMED_EVERY == SINGLE_HOMED_EVERY - 1 else pair
        if len(uplinks) == 1:
            c.single_homed.append(sw)
        for port, d in enumerate(uplinks, start=1):
            c.cable(d, sw, port)
            c.children[d].append(sw)
        for port in range(1, SEATS_PER_ACCESS + 1):
            seat += 1
            kind = "printer" if seat % 10 == 0 else "workstation"
            role = ("printer",) if kind == "printer" else ("workstation",)
            c.cable(sw, c.add(f"{kind[:2]}{seat}", kind, _ip(seat), role), port)


def _vm_ip(c: Campus, vm: str) -> str:
    return next(a["ips"][0] for a in c.assets if a["id"] == vm)


def _hypervisors(c: Campus, hosts: int) -> None:
    for h in range(hosts):
        host = c.add(f"esx{h + 1}", "hypervisor", f"192.168.{1 + h // 200}.{10 + h % 200}",
                     ("hypervisor",), os="VMware ESXi", os_version="8.0.2",
                     virtualization={"platform": "vmware", "kind": "host"})
        c.hosts.append(host)
        for port, core in enumerate(c.cores, start=1):
            c.cable(core, host, 100 + h)
            del port
        for v in range(VMS_PER_HOST):
            role = "dns" if v == 0 and h < 2 else _VM_ROLES[(h + v) % len(_VM_ROLES)]
            vm = c.add(f"vm{h + 1}-{v + 1}", "vm", f"10.250.{h % 250}.{10 + v}", (role,),
                       virtualization={"platform": "vmware", "kind": "vm", "host": host})
            if role == "dns":
                c.dns.append(vm)
            c.links.append({"source": vm, "target": host, "kind": "runs_on",
                            "collector": "vmware", "evidence": "runtime.host"})


def expected(c: Campus, seats_threshold: int = 5) -> tuple[set[str], set[str]]:
    """(must be flagged, must not be flagged), as the issue states them."""
    seats_of = {sw: 0 for sw in c.access}
    for link in c.links:
        if link["source"] in seats_of and link["target"].startswith(("wo", "pr")):
            seats_of[link["source"]] += 1
    single = set(c.single_homed)
    flagged = {sw for sw, n in seats_of.items() if n >= seats_threshold}
    flagged |= {d for d, kids in c.children.items() if single.intersection(kids)}
    flagged |= set(c.hosts)
    calm = set(c.cores) | {d for d, kids in c.children.items() if not single.intersection(kids)}
    return flagged, calm


def main(argv: list[str]) -> int:
    import json

    n, out = int(argv[0]), Path(argv[1])
    out.write_text(json.dumps(generate(n)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
