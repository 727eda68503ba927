"""Meeting of a site file and an inventory: references resolved, overrides applied.

The result is an ordinary Inventory (declared dependencies become ``Link``
records with ``collector="site"``, excluded assets are gone, names and owners
overridden) plus the process specs and the facts only the site knows (backups,
tiers, suppressions).  Every later step therefore works the same with or
without a site file.  A reference that matches nothing is not an error (the
site file may be older than the scan, or the device was off): it is listed in
``unresolved`` and reported as a finding.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from analysis.processes import ProcessSpec, slugify
from analysis.site.model import DEFAULT_SEATS_THRESHOLD, Site, Suppression
from scanner.inventory.model import ROLES, Asset, Fact, Inventory, Link, LinkKind

#: (reference, site-file line, what it is) -> asset id or None
Ref = Callable[[str, int, str], "str | None"]

_LINK_KIND: dict[str, LinkKind] = {"compute": "runs_on", "storage": "storage", "power": "power",
              "network": "physical", "service": "logical"}


@dataclass(frozen=True)
class Backup:
    sources: tuple[str, ...]
    target: str | None
    offsite: bool
    evidence: str


@dataclass(frozen=True)
class DeclaredGroup:
    """A ``[[redundancy]]`` group with its members resolved to asset ids."""

    name: str
    members: tuple[str, ...]
    roles: tuple[str, ...]
    evidence: str


@dataclass(frozen=True)
class SiteFacts:
    """What analysis needs from the site besides the rewritten inventory."""

    site: Site
    processes: list[ProcessSpec] | None
    descriptions: dict[str, str] = field(default_factory=dict)
    #: "service:NAME" -> ids of the assets offering it
    services: dict[str, list[str]] = field(default_factory=dict)
    tiers: dict[str, int] = field(default_factory=dict)
    backups: list[Backup] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    suppress: tuple[Suppression, ...] = ()
    redundancy: list[DeclaredGroup] = field(default_factory=list)
    seats_threshold: int = DEFAULT_SEATS_THRESHOLD


class Resolver:
    """Asset references by id, name, host name (full or short) or address."""

    def __init__(self, assets: list[Asset]) -> None:
        self.index: dict[str, str] = {}
        for asset in assets:
            keys = [asset.name, *asset.hostnames, *(h.split(".")[0] for h in asset.hostnames),
                    *asset.ips]
            for key in keys:
                self.index.setdefault(key.lower(), asset.id)
        for asset in assets:
            self.index[asset.id.lower()] = asset.id

    def asset(self, ref: str) -> str | None:
        return self.index.get(ref.strip().lower())


def apply_site(inventory: Inventory, site: Site) -> tuple[Inventory, SiteFacts]:
    res = Resolver(inventory.assets)
    unresolved: list[str] = []

    def ref(text: str, line: int, what: str) -> str | None:
        found = res.asset(text)
        if found is None:
            unresolved.append(f"{site.path}:{line}: {what} {text!r} matches no scanned asset")
        return found

    links = _declared_links(site, ref)
    roles = _declared_roles(site, ref)
    inv = _rewrite(inventory, site, ref, links, roles)
    procs, services = _processes(site, Resolver(inv.assets), inv, unresolved)
    backups = [Backup(tuple(x for s in b.sources if (x := ref(s, b.line, "backup source"))),
                      ref(b.target, b.line, "backup target"), b.offsite,
                      f"{site.path}:{b.line}: backups of {', '.join(b.sources) or 'the office'}"
                      f" go to {b.target}" + (" with an offsite copy" if b.offsite else ""))
               for b in site.backups]
    tiers = {x: o.tier for o in site.overrides if o.tier and (x := res.asset(o.ref))}
    facts = SiteFacts(site=site, processes=procs, services=services, tiers=tiers,
                      backups=backups, unresolved=unresolved, suppress=site.suppress,
                      redundancy=_groups(site, ref), seats_threshold=site.seats_threshold,
                      descriptions={f"process:{slugify(p.name)}": p.description
                                    for p in site.processes})
    return inv, facts


def _groups(site: Site, ref: Ref) -> list[DeclaredGroup]:
    """Declared replica groups; a group left with fewer than two scanned members
    replicates nothing (its unresolved members are reported)."""
    out = []
    for i, decl in enumerate(site.redundancy):
        ids = tuple(dict.fromkeys(x for m in decl.members
                                  if (x := ref(m, decl.line, "redundancy member"))))
        if len(ids) < 2:
            continue
        name = decl.name or f"redundancy group {i + 1}"
        out.append(DeclaredGroup(name, ids, decl.roles,
                                 f"{site.path}:{decl.line}: [[redundancy]] {name}: "
                                 f"{', '.join(decl.members)} ({decl.reason})"))
    return out


def _declared_links(site: Site, ref: Ref) -> list[Link]:
    resolve = ref
    out: list[Link] = []
    for p in site.power:
        ups = resolve(p.ups, p.line, "UPS")
        for load in p.feeds:
            dev = resolve(load, p.line, "powered device")
            if ups and dev:
                out.append(Link(source=dev, target=ups, kind="power", collector="site",
                                evidence=f"{site.path}:{p.line}: {p.ups} feeds {load}"))
    process_names = {pr.name.lower() for pr in site.processes}
    for d in site.dependencies:
        if d.source.lower() in process_names:
            continue  # a process's extra need: handled with the processes
        src = resolve(d.source, d.line, "dependency source")
        dst = resolve(d.target, d.line, "dependency target")
        if src and dst:
            note = f" ({d.note})" if d.note else ""
            out.append(Link(source=src, target=dst, kind=_LINK_KIND[d.kind],
                            collector="site",
                            evidence=f"{site.path}:{d.line}: {d.source} needs {d.target}{note}"))
    return out


def _declared_roles(site: Site, ref: Ref) -> dict[str, list[tuple[str, str]]]:
    """asset id -> (role, evidence) the site adds: internet gateways, backup targets."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for gw in site.internet:
        found = ref(gw, 0, "internet gateway")
        if found:
            out[found].append(("gateway", f"{site.path}: [internet] gateways lists {gw}"))
    for b in site.backups:
        found = ref(b.target, b.line, "backup target")
        if found:
            out[found].append(("backup", f"{site.path}:{b.line}: backups go to {b.target}"))
    return out


def _rewrite(inventory: Inventory, site: Site, ref: Ref, links: list[Link],
             roles: dict[str, list[tuple[str, str]]]) -> Inventory:
    overrides = {x: o for o in site.overrides
                 if (x := ref(o.ref, o.line, "asset override"))}
    excluded = {x for x, o in overrides.items() if o.excluded}
    assets = []
    for asset in inventory.assets:
        if asset.id in excluded:
            continue
        update: dict[str, object] = {}
        facts: list[Fact] = []
        o = overrides.get(asset.id)
        if o:
            update = {k: v for k, v in (("name", o.name), ("contact", o.owner),
                                        ("location", o.location)) if v}
            if o.owner:  # so a worksheet's Owner can be told apart and compared
                facts.append(Fact(field="owner", value=o.owner, collector="site",
                                  evidence=f"{site.path}:{o.line}: [[assets]] owner"))
        extra = [(r, e) for r, e in roles.get(asset.id, []) if r not in asset.roles]
        if extra:
            update["roles"] = [*asset.roles, *dict.fromkeys(r for r, _ in extra)]
            facts += [Fact(field="role", value=r, collector="site", evidence=e)
                      for r, e in extra]
        if facts:
            update["provenance"] = [*asset.provenance, *facts]
        assets.append(asset.model_copy(update=update) if update else asset)
    kept = [ln for ln in [*inventory.links, *links]
            if ln.source not in excluded and ln.target not in excluded]
    return inventory.model_copy(update={"assets": assets, "links": kept})


def _processes(site: Site, res: Resolver, inv: Inventory,
               unresolved: list[str]) -> tuple[list[ProcessSpec] | None, dict[str, list[str]]]:
    if not site.processes:
        return None, {}
    names = {p.name.lower(): f"process:{slugify(p.name)}" for p in site.processes}
    extra: dict[str, list[str]] = defaultdict(list)
    for d in site.dependencies:
        if d.source.lower() in names:
            extra[d.source.lower()].append(d.target)
    services: dict[str, list[str]] = {}
    specs = []
    for p in site.processes:
        needs: list[str] = []
        for text in [*p.needs, *extra[p.name.lower()]]:
            node = _need(text, res, names, inv, services)
            if node is None:
                unresolved.append(f"{site.path}:{p.line}: process {p.name!r} needs {text!r}, "
                                  "which matches no asset, role, service or process")
            elif node not in needs:
                needs.append(node)
        specs.append(ProcessSpec(p.name, p.criticality, tuple(needs), assumed=False,
                                 rpo_hours=p.rpo_hours))
    return specs, services


def _need(text: str, res: Resolver, processes: dict[str, str], inv: Inventory,
          services: dict[str, list[str]]) -> str | None:
    low = text.strip().lower()
    if low == "internet":
        return "internet"
    if low in processes:
        return processes[low]
    if low.startswith("service:"):
        wanted = low[8:]
        ids = sorted(a.id for a in inv.assets if not a.is_scanner and any(
            s.name.lower() == wanted or wanted in s.product.lower() for s in a.services))
        services[f"service:{wanted}"] = ids
        return f"service:{wanted}" if ids else None
    found = res.asset(text)
    if found:
        return found
    role = low.removeprefix("role:")
    if role in ROLES:
        return f"role:{role}"
    return None
