"""Shared wording for rule evidence.  Device strings are hostile (control
characters, huge banners): they are cleaned and shortened here, once; escaping
for HTML or spreadsheets stays the renderers' job."""

from __future__ import annotations

import re

from analysis.model import EFFORTS, Effort
from scanner.inventory.model import Asset, Service

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
NIST_800_34 = ("NIST SP 800-34 Rev. 1, Contingency Planning Guide "
               "(https://csrc.nist.gov/pubs/sp/800/34/r1/upd1/final)")


def clean(text: str, limit: int = 120) -> str:
    text = _CONTROL.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def who(asset: Asset) -> str:
    """"fs1 (10.0.0.5)": the name people know plus an address to find it by."""
    ips = ", ".join(asset.ips[:2])
    return f"{clean(asset.name, 60)} ({ips})" if ips else clean(asset.name, 60)


def service_text(svc: Service) -> str:
    product = " ".join(p for p in (svc.product, svc.version) if p)
    name = svc.name or "unknown"
    text = f"{svc.port}/{svc.protocol} {name}" + (f" ({product})" if product else "")
    return clean(text) + (f", seen by {clean(svc.collector, 30)}" if svc.collector else "")


def role_facts(asset: Asset, role: str) -> list[str]:
    return [clean(f"role {role} from {f.collector}" + (f": {f.evidence}" if f.evidence else ""),
                  200)
            for f in asset.provenance if f.field == "role" and f.value == role]


def per_device(each: Effort, count: int) -> tuple[Effort, str]:
    """The effort band for doing ``each`` on ``count`` devices, and why: a
    five-minute change on twenty switches is an afternoon."""
    step = 1 if (each == "minutes" and count >= 6) or (each == "hours" and count >= 8) else 0
    band = EFFORTS[min(EFFORTS.index(each) + step, len(EFFORTS) - 1)]
    return band, f"{each} per device, {count} device(s)"


def names_of(assets: list[Asset], limit: int = 6) -> str:
    """"a, b, c and 4 more": titles name a few, the evidence names all."""
    shown = [clean(a.name, 40) for a in assets[:limit]]
    return ", ".join(shown) + (f" and {len(assets) - limit} more" if len(assets) > limit else "")


def client_assets(assets: list[Asset]) -> list[Asset]:
    """The office's assets: the consultant's scanning machine is never a finding."""
    return [a for a in assets if not a.is_scanner]
