"""Replica groups: which assets can stand in for each other, and the evidence.

Two assets that merely share a role name are two workloads (two file servers
usually hold different files), so a role is an "all of" need over its
providers.  Only evidence or a declaration makes providers interchangeable
("any of"):

- DNS servers handed out together (DHCP's DNS option, a host's resolver list:
  ``network.dns_servers``) and DHCP servers that both answered
  (``network.dhcp_servers``);
- domain controllers of one Active Directory domain (nmap's LDAP banner names
  the domain): directory and DNS;
- hypervisors of one cluster with HA enabled;
- a ``replica_group`` fact on the assets (``vrrp:10.0.0.1``, ``hsrp:…``,
  ``carp:…``, ``stack:…``): what a collector records when it reads a virtual
  router address or a stack; none records it yet, but such facts count;
- a ``[[redundancy]]`` group in the site file.

Parallel cables (LAGs) and stacks seen as one chassis are handled in the
physical layer and need nothing here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from analysis.context import Context
from analysis.impact import SERVICE_ROLES
from analysis.model import ReplicaGroup, SeparateRole
from scanner.inventory.model import Asset

#: roles whose providers stand in for each other by nature: any gateway reaches
#: the internet; printers and workstations are seats (their loss is counted as
#: seats), not workloads holding data of their own; a hypervisor's work is its
#: VMs, which are workloads placed by evidence (runs_on, HA), so a host without
#: VMs is no one's single point of failure
ANY_OF_ROLES = frozenset({"gateway", "printer", "workstation", "hypervisor"})
#: a provenance fact with this field puts assets sharing its value in one group
REPLICA_FACT = "replica_group"
_AD_DOMAIN = re.compile(r"Domain:\s*([A-Za-z0-9_.-]+)")


def replica_groups(ctx: Context) -> list[ReplicaGroup]:
    groups = [*_handed_out(ctx), *_ad_domains(ctx), *_ha_clusters(ctx), *_facts(ctx)]
    if ctx.site is not None:
        for i, d in enumerate(ctx.site.redundancy):
            groups.append(ReplicaGroup(id=f"replicas:site:{i + 1}", label=d.name,
                                       asset_ids=sorted(d.members), roles=list(d.roles),
                                       evidence=d.evidence, declared=True))
    return groups


def units(ctx: Context, groups: list[ReplicaGroup], role: str,
          providers: Iterable[str]) -> list[list[str]]:
    """The providers of ``role`` split into replica sets (sorted lists): members of
    one set stand in for each other; overlapping groups merge."""
    wanted = sorted(set(providers))
    if role in ANY_OF_ROLES:
        return [wanted] if wanted else []
    parent = {p: p for p in wanted}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for group in groups:
        if group.roles and role not in group.roles:
            continue
        inside = [m for m in group.asset_ids if m in parent]
        for other in inside[1:]:
            parent[find(other)] = find(inside[0])
    sets: dict[str, list[str]] = defaultdict(list)
    for p in wanted:
        sets[find(p)].append(p)
    return sorted(sets.values())


def group_evidence(groups: list[ReplicaGroup], role: str, members: list[str]) -> str:
    """Why the members of one replica set stand in for each other."""
    texts = [g.evidence for g in groups if (not g.roles or role in g.roles)
             and len(set(g.asset_ids) & set(members)) >= 2]
    return "; ".join(dict.fromkeys(texts))


def assumed_separate(ctx: Context, groups: list[ReplicaGroup]) -> list[SeparateRole]:
    """Service roles (the ones workloads play: DNS, files, databases ...) with two or
    more providers that are not all one replica set.  Switches, firewalls and the
    like are the network, judged by cabling, not by replication."""
    out = []
    for role, providers in sorted(ctx.providers.items()):
        if role in ANY_OF_ROLES or role not in SERVICE_ROLES or len(providers) < 2:
            continue
        if len(units(ctx, groups, role, providers)) > 1:
            out.append(SeparateRole(role=role, asset_ids=list(providers)))
    return out


def handed_out_ids(ctx: Context, role: str) -> list[str]:
    """The DNS (or DHCP) servers clients are handed, as asset ids."""
    net = ctx.inventory.network
    ips = net.dns_servers if role == "dns" else net.dhcp_servers if role == "dhcp" else []
    return _by_ip(ctx, ips)


def _by_ip(ctx: Context, ips: Iterable[str]) -> list[str]:
    wanted = set(ips)
    if not wanted:
        return []
    return sorted(a.id for a in ctx.assets.values()
                  if a.ips and not wanted.isdisjoint(a.ips) and not a.is_scanner)


def _handed_out(ctx: Context) -> list[ReplicaGroup]:
    out = []
    for role, what in (("dns", "handed out together (DHCP option / resolver list)"),
                       ("dhcp", "both answered DHCP discovery")):
        ids = [i for i in handed_out_ids(ctx, role) if role in ctx.assets[i].roles]
        if len(ids) >= 2:
            names = ", ".join(ctx.assets[i].name for i in ids)
            out.append(ReplicaGroup(id=f"replicas:{role}:clients", label=f"{role.upper()} "
                                    f"servers {names}", asset_ids=ids, roles=[role],
                                    evidence=f"{role.upper()} servers {names} {what}"))
    return out


def ad_domain(asset: Asset) -> str | None:
    """The Active Directory domain a domain controller's LDAP banner names."""
    for service in asset.services:
        match = _AD_DOMAIN.search(service.extrainfo)
        if match:
            return match.group(1).removesuffix("0.").rstrip(".").lower() or None
    return None


def _ad_domains(ctx: Context) -> list[ReplicaGroup]:
    by_domain: dict[str, list[str]] = defaultdict(list)
    for asset_id in ctx.providers.get("directory", []):
        domain = ad_domain(ctx.assets[asset_id])
        if domain:
            by_domain[domain].append(asset_id)
    return [ReplicaGroup(id=f"replicas:ad:{domain}", label=f"domain controllers of {domain}",
                         asset_ids=sorted(ids), roles=["directory", "dns"],
                         evidence=f"domain controllers of Active Directory domain {domain} "
                         "(LDAP banner) replicate the directory and its DNS zones")
            for domain, ids in sorted(by_domain.items()) if len(ids) >= 2]


def _ha_clusters(ctx: Context) -> list[ReplicaGroup]:
    by_cluster: dict[tuple[str, str], list[str]] = defaultdict(list)
    for asset in ctx.assets.values():
        v = asset.virtualization
        if v is not None and v.kind == "host" and v.cluster and v.ha_enabled:
            by_cluster[(v.platform, v.cluster)].append(asset.id)
    return [ReplicaGroup(id=f"replicas:cluster:{platform}:{cluster}",
                         label=f"HA cluster {cluster}", asset_ids=sorted(ids),
                         roles=["hypervisor"],
                         evidence=f"{platform} cluster {cluster} has HA enabled")
            for (platform, cluster), ids in sorted(by_cluster.items()) if len(ids) >= 2]


def _facts(ctx: Context) -> list[ReplicaGroup]:
    by_value: dict[str, list[str]] = defaultdict(list)
    why: dict[str, str] = {}
    for asset in ctx.assets.values():
        for fact in asset.provenance:
            if fact.field == REPLICA_FACT and fact.value:
                by_value[fact.value].append(asset.id)
                why.setdefault(fact.value, f"{fact.collector}: {fact.evidence or fact.value}")
    return [ReplicaGroup(id=f"replicas:fact:{value}", label=value, asset_ids=sorted(set(ids)),
                         evidence=why[value])
            for value, ids in sorted(by_value.items()) if len(set(ids)) >= 2]
