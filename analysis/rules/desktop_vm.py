"""DRS-013: a business workload living on a desktop (a VM under a client hypervisor).

A line-of-business VM on someone's PC is a classic hidden SPOF: the PC is switched off,
reinstalled or replaced, and nobody backs it up as a server.  Three kinds of evidence:

* from the outside, a VM placed on the desktop (``runs_on``: a hypervisor vendor's MAC
  learned on the desktop's switch port, :mod:`scanner.topology.guests`);
* from the inside, a port of the desktop held by a hypervisor's NAT process (a VM's
  service forwarded through the PC, read over SSH);
* from the inside, a client hypervisor in the desktop's software (VirtualBox, VMware
  Workstation/Player, Parallels; Hyper-V's vmms service on a client OS), or a client
  hypervisor's virtual adapter in its interface table (SNMP);
* with a client hypervisor present, server ports answering on the desktop's own address:
  a NAT forward to a VM, or the desktop serving others itself; either way a server role
  lives on a desktop.

A desktop with a VM or a (possibly) NAT'd service is DRS-013 (high); a client hypervisor with no
VM seen is DRS-013:installed (low), a question for the person who uses the PC.  A
server hypervisor's VMs are never flagged here (its port's other device is no desktop).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.context import Context
from analysis.model import Finding
from analysis.rules._evidence import NIST_800_34, clean, names_of, per_device, who
from analysis.virtualization import Placement, placements
from scanner.inventory.model import Asset

RULE_ID = "DRS-013"
#: installed programs (SSH package names, Windows Uninstall names) that are client hypervisors
_CLIENT_HYPERVISORS = re.compile(
    r"^(oracle vm virtualbox|oracle virtualbox|virtualbox|vmware workstation|vmware player|"
    r"vmware-workstation|vmware-player|parallels desktop|hyper-v$)\b", re.IGNORECASE)
#: processes that listen for a VM behind the desktop's NAT (port forwarding)
_NAT_PROGRAMS = frozenset({"vboxheadless", "virtualboxvm", "vboxnetnat", "virtualbox",
                           "vmnat", "vmware-vmx", "vmware-natd", "qemu-system-x86_64",
                           "qemu-system-x86", "qemu-system-aarch64", "prl_naptd"})
#: interface names/descriptions of client hypervisors' virtual adapters (SNMP ifTable, ...)
_VIRTUAL_ADAPTERS = re.compile(r"virtualbox host-only|vboxnet\d|vmware virtual ethernet|"
                               r"vmnet\d|virbr\d|vethernet \(default switch\)",
                               re.IGNORECASE)
#: roles that make a desktop answer as a server
_SERVER_ROLES = frozenset({"web", "database", "file", "mail", "directory", "dns", "dhcp"})
#: collectors that read the desktop's software from the inside
_INSIDE = ("ssh", "winrm")
#: a desktop is where a person sits; a machine typed server/hypervisor/NAS is not
_DESKTOP_TYPES = frozenset({"workstation"})


@dataclass(frozen=True)
class _Hit:
    desktop: Asset
    vms: list[Placement]
    nat: list[str]
    installed: list[str]

    @property
    def business(self) -> bool:
        return bool(self.vms or self.nat)


def is_desktop(asset: Asset) -> bool:
    """A PC a person uses: typed workstation (or untyped with only the workstation role)."""
    if asset.is_scanner or asset.virtualization is not None:
        return False
    return asset.type in _DESKTOP_TYPES or (asset.type == "other"
                                            and "workstation" in asset.roles)


def check(ctx: Context) -> list[Finding]:
    places = placements(ctx)
    hits = [h for a in sorted(ctx.assets.values(), key=lambda a: a.id)
            if is_desktop(a) and (h := _judge(a, places))]
    business = [h for h in hits if h.business]
    idle = [h for h in hits if not h.business]
    return _business(ctx, business) + _installed(ctx, idle)


def _judge(desktop: Asset, places: list[Placement]) -> _Hit | None:
    vms = [p for p in places if p.host is not None and p.host.id == desktop.id]
    installed = _installed_evidence(desktop)
    nat = _nat_inside(desktop) or (_nat_outside(desktop) if installed else [])
    if not (vms or nat or installed):
        return None
    return _Hit(desktop, vms, nat, installed)


def _installed_evidence(desktop: Asset) -> list[str]:
    """Client hypervisor evidence: software read inside, its role, its virtual adapters."""
    found = [clean(i.name if not i.version or i.version in i.name
                   else f"{i.name} {i.version}", 80)
             + (f", {clean(i.path, 60)}" if i.path else "")
             + f" (read over {i.collector or 'a collector'})"
             for i in desktop.software if _CLIENT_HYPERVISORS.match(i.name)
             or (i.type == "hypervisor" and i.collector in _INSIDE)]
    found += [clean(f"role hypervisor from {f.collector}: {f.evidence}", 160)
              for f in desktop.provenance if f.field == "role" and f.value == "hypervisor"
              and f.collector in _INSIDE]
    found += [clean(f"virtual network adapter {n.name}"
                    + (f" ({n.description})" if n.description and n.description != n.name
                       else ""), 120) + " in its interface table"
              for n in desktop.interfaces
              if _VIRTUAL_ADAPTERS.search(f"{n.name} {n.description}")]
    return found


def _nat_inside(desktop: Asset) -> list[str]:
    """Ports of the desktop held by a hypervisor's NAT process (read on the host)."""
    return [f"port {s.port}/{s.protocol} on the desktop itself is held by "
            f"{clean(s.product, 40)}: a VM's service forwarded through the desktop's NAT "
            f"(read on the host over {clean(s.collector or 'a collector', 10).upper()})"
            for s in desktop.services
            if s.product.lower().removesuffix(".exe") in _NAT_PROGRAMS]


def _nat_outside(desktop: Asset) -> list[str]:
    """Server ports answering on a desktop that has a client hypervisor: a NAT forward to
    a VM, or the desktop serving itself; either way a server role on a desktop."""
    roles = sorted(set(desktop.roles) & _SERVER_ROLES)
    if not roles:
        return []
    ports = ", ".join(f"{s.port}/{s.protocol}" + (f" {clean(s.name, 20)}" if s.name else "")
                      for s in desktop.services[:8])
    return [f"the desktop's own address answers as a server ({', '.join(roles)}: {ports}) "
            "while a client hypervisor runs there: a VM behind its NAT, or the desktop "
            "serving others itself"]


def _vm_line(desktop: Asset, place: Placement, ctx: Context) -> str:
    vm = place.vm
    link = next((ln for ln in ctx.inventory.links if ln.kind == "runs_on"
                 and ln.source == vm.id and ln.target == desktop.id), None)
    how = clean(link.evidence, 300) if link and link.evidence else "placed by " + (
        vm.virtualization.platform if vm.virtualization else "a collector")
    offers = ", ".join(f"{s.port}/{s.protocol}" + (f" {clean(s.name, 20)}" if s.name else "")
                       for s in vm.services[:8]) or "no open port seen"
    roles = ", ".join(r for r in vm.roles if r != "workstation")
    return (f"{who(vm)} runs on desktop {who(desktop)} ({how}); it offers {offers}"
            + (f" (roles: {roles})" if roles else ""))


def _lines(ctx: Context, hit: _Hit) -> list[str]:
    lines = [_vm_line(hit.desktop, p, ctx) for p in hit.vms]
    lines += [f"{who(hit.desktop)}: {n}" for n in hit.nat]
    lines += [f"{who(hit.desktop)}: client hypervisor installed: {i}" for i in hit.installed]
    return lines


def _server_hosts(ctx: Context) -> list[Asset]:
    """Hypervisors that are no desktop and no VM: where the VM could move."""
    def fits(a: Asset) -> bool:
        hosted = a.virtualization is None or a.virtualization.kind == "host"
        return (a.type == "hypervisor" or "hypervisor" in a.roles) and hosted \
            and not a.is_scanner and not is_desktop(a)
    return sorted((a for a in ctx.assets.values() if fits(a)), key=lambda a: a.id)


def _business(ctx: Context, hits: list[_Hit]) -> list[Finding]:
    if not hits:
        return []
    desktops = [h.desktop for h in hits]
    vms = sorted({p.vm.id for h in hits for p in h.vms})
    hosts = _server_hosts(ctx)
    effort, why = per_device("days", len(hits))
    target = (f"the existing hypervisor {names_of(hosts, 3)}" if hosts
              else "a server or hypervisor host")
    return [Finding(
        id=RULE_ID, rule="business-workload-on-desktop", severity="high",
        title=f"Business workload on a desktop: {names_of(desktops)}",
        asset_ids=[*(d.id for d in desktops), *vms],
        evidence=[line for h in hits for line in _lines(ctx, h)]
        + ["when the desktop is switched off, reinstalled, replaced or stolen, the VM stops "
           "with it, and desktops are rarely backed up as servers"],
        recommendation=(f"Move the VM to {target} with backups (and add it to the backup "
                        "plan and the recovery order); until then keep the desktop on a UPS, "
                        "tell its user it must stay on, and copy the VM's disk files to the "
                        "backup."),
        reference=f"{NIST_800_34} (system backup and alternate processing)",
        effort=effort, cost="low" if hosts else "high",
        effort_cost_reason=(f"migrating a VM and setting up its backup; {why}; "
                            + ("an existing hypervisor can take it" if hosts else
                               "no server hypervisor was found: it needs one (hardware)")))]


def _installed(ctx: Context, hits: list[_Hit]) -> list[Finding]:
    if not hits:
        return []
    desktops = [h.desktop for h in hits]
    effort, why = per_device("minutes", len(hits))
    return [Finding(
        id=f"{RULE_ID}:installed", rule="client-hypervisor-on-desktop", severity="low",
        title=f"Client hypervisor installed on desktop(s) {names_of(desktops)}",
        asset_ids=[d.id for d in desktops],
        evidence=[line for h in hits for line in _lines(ctx, h)]
        + ["no VM of these desktops was seen on the network (it may be off, on NAT, or "
           "host-only)"],
        recommendation=("Ask each desktop's user which VMs run there and what they do; a VM "
                        "that serves other people is a business workload to move to a server "
                        "or hypervisor with backups."),
        reference=NIST_800_34, effort=effort, cost="none",
        effort_cost_reason=f"a question to the user; {why}")]
