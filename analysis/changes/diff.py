"""What changed between two assessed scans: assets, SPOFs and findings, new and gone.

Assets are matched on their stable id (MAC, serial, chassis id or hostname), so
a device that changed address is "changed", not "gone + new".  SPOFs and
findings are matched on their ids, which name what they are about.  A replica
group of the old run that is no longer redundant is a new risk of its own
(``redundancy_lost``), and the findings that vanished with it are marked as
such, not as fixes.  The result is a plain model: the CLI prints it as a table,
JSON or Markdown.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from analysis.changes.redundancy import lost_redundancy
from analysis.model import Assessment, Finding, Spof, at_or_above
from scanner.inventory.model import Asset

#: A new single point of failure counts as this severity for ``--fail-on-new``.
SPOF_SEVERITY = "high"
#: ... and so does a redundancy lost
LOST_SEVERITY = "high"
NOT_A_FIX = "gone with a lost redundancy, not fixed"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AssetRef(_Frozen):
    id: str
    name: str
    ips: list[str] = Field(default_factory=list)


class FieldChange(_Frozen):
    field: str
    old: list[str]
    new: list[str]


class AssetChange(_Frozen):
    id: str
    name: str
    changes: list[FieldChange]


class Item(_Frozen):
    """A SPOF or a finding, by id, with what a person needs to read it."""

    id: str
    title: str
    severity: str
    #: why an item is not what its list suggests (a "resolved" finding that went
    #: away with the redundancy it was about)
    note: str = ""


class Diff(_Frozen):
    old: str
    new: str
    assets_new: list[AssetRef] = Field(default_factory=list)
    assets_gone: list[AssetRef] = Field(default_factory=list)
    assets_changed: list[AssetChange] = Field(default_factory=list)
    spofs_new: list[Item] = Field(default_factory=list)
    spofs_resolved: list[Item] = Field(default_factory=list)
    findings_new: list[Item] = Field(default_factory=list)
    findings_resolved: list[Item] = Field(default_factory=list)
    #: replica groups of the old run that are no longer redundant: new risks
    redundancy_lost: list[Item] = Field(default_factory=list)
    #: findings of both runs that now list more assets (one finding per problem: a
    #: new device with a default SNMP community widens DRS-004, it adds no new id)
    findings_widened: list[Item] = Field(default_factory=list)

    def new_at_or_above(self, severity: str) -> list[Item]:
        """New findings, SPOFs and lost redundancy at ``severity`` or worse (for
        ``--fail-on-new``)."""
        return [i for i in [*self.findings_new, *self.spofs_new, *self.redundancy_lost,
                            *self.findings_widened]
                if at_or_above(i.severity, severity)]

    @property
    def empty(self) -> bool:
        return not any((self.assets_new, self.assets_gone, self.assets_changed, self.spofs_new,
                        self.spofs_resolved, self.findings_new, self.findings_resolved,
                        self.redundancy_lost, self.findings_widened))


def _ref(asset: Asset) -> AssetRef:
    return AssetRef(id=asset.id, name=asset.name, ips=list(asset.ips))


def _services(asset: Asset) -> list[str]:
    return sorted({" ".join(p for p in (f"{s.port}/{s.protocol}", s.name, s.product, s.version)
                            if p) for s in asset.services})


def _fields(asset: Asset) -> dict[str, list[str]]:
    os_text = " ".join(p for p in (asset.os, asset.os_version) if p)
    return {"ip": sorted(asset.ips), "mac": sorted(asset.macs),
            "os": [os_text] if os_text else [], "services": _services(asset),
            "name": [asset.name], "type": [asset.type]}


def _asset_change(old: Asset, new: Asset) -> AssetChange | None:
    before, after = _fields(old), _fields(new)
    changes = [FieldChange(field=k, old=before[k], new=after[k])
               for k in before if before[k] != after[k]]
    return AssetChange(id=new.id, name=new.name, changes=changes) if changes else None


def _spof_item(spof: Spof) -> Item:
    return Item(id=spof.id, title=spof.label, severity=SPOF_SEVERITY)


def _finding_item(finding: Finding, note: str = "") -> Item:
    return Item(id=finding.id, title=finding.title, severity=finding.severity, note=note)


def _widened(old: dict[str, Finding], new: dict[str, Finding],
             names: dict[str, str]) -> list[Item]:
    out = []
    for fid, finding in new.items():
        before = old.get(fid)
        added = [i for i in finding.asset_ids if before and i not in before.asset_ids]
        if added:
            out.append(Item(id=fid, title=finding.title, severity=finding.severity,
                            note=f"now also on {', '.join(names.get(i, i) for i in added)}"))
    return out


def _lost(old: Assessment, new: Assessment) -> tuple[list[Item], set[str]]:
    """Lost redundancy as items, and the ids of the members it concerns."""
    names = {a.id: a.name for a in old.inventory.assets}
    items, members = [], set()
    for label, gone, alone in lost_redundancy(old, new):
        members.update(gone + alone)
        parts = ([f"{', '.join(names.get(i, i) for i in gone)} gone"] if gone else [])
        parts += [f"{', '.join(names.get(i, i) for i in alone)} now without a replica"
                  if alone else "no member left"]
        items.append(Item(id=f"redundancy-lost:{'+'.join(gone + alone)}",
                          title=f"Redundancy lost: {label}: {'; '.join(parts)}",
                          severity=LOST_SEVERITY))
    return items, members


def diff(old: Assessment, new: Assessment, old_label: str = "old",
         new_label: str = "new") -> Diff:
    before = {a.id: a for a in old.inventory.assets}
    after = {a.id: a for a in new.inventory.assets}
    changed = [_asset_change(before[i], after[i]) for i in after if i in before]
    old_spofs = {s.id: s for s in old.spofs}
    new_spofs = {s.id: s for s in new.spofs}
    old_findings = {f.id: f for f in old.findings}
    new_findings = {f.id: f for f in new.findings}
    lost, members = _lost(old, new)
    return Diff(
        old=old_label, new=new_label,
        assets_new=[_ref(a) for i, a in after.items() if i not in before],
        assets_gone=[_ref(a) for i, a in before.items() if i not in after],
        assets_changed=[c for c in changed if c is not None],
        spofs_new=[_spof_item(s) for i, s in new_spofs.items() if i not in old_spofs],
        spofs_resolved=[_spof_item(s) for i, s in old_spofs.items() if i not in new_spofs],
        findings_new=[_finding_item(f) for i, f in new_findings.items() if i not in old_findings],
        findings_resolved=[_finding_item(f, NOT_A_FIX if members & set(f.asset_ids) else "")
                           for i, f in old_findings.items() if i not in new_findings],
        redundancy_lost=lost,
        findings_widened=_widened(old_findings, new_findings,
                                  {a.id: a.name for a in new.inventory.assets}),
    )
