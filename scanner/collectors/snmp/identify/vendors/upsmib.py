"""UPS-MIB (RFC 1628) upsIdent group: the UPS's maker, model and firmware.

Any UPS card that implements the standard MIB answers these, whatever the
vendor (Generex, Socomec, CyberPower, Tripp Lite ...).  UPS-MIB has no serial.
"""

from __future__ import annotations

from scanner.collectors.snmp.identify.vendors.base import (
    STANDARD_MODEL,
    STANDARD_VERSION,
    Context,
    Fact,
    Source,
    facts,
    value,
)
from scanner.collectors.snmp.values import Walk

UPS_IDENT = "1.3.6.1.2.1.33.1.1"
MANUFACTURER = UPS_IDENT + ".1.0"  # upsIdentManufacturer
MODEL = UPS_IDENT + ".2.0"  # upsIdentModel
UPS_SOFTWARE = UPS_IDENT + ".3.0"  # upsIdentUPSSoftwareVersion
AGENT_SOFTWARE = UPS_IDENT + ".4.0"  # upsIdentAgentSoftwareVersion


def model_name(manufacturer: str, model: str) -> str:
    """``model`` prefixed with the maker when it does not already say it."""
    if not model:
        return ""
    if manufacturer and manufacturer.lower() not in model.lower():
        return f"{manufacturer} {model}"
    return model


def version_text(ups: str, agent: str) -> str:
    """Both firmwares when both exist: the UPS's own and its network card's."""
    if ups and agent and ups != agent:
        return f"{ups} (agent {agent})"
    return ups or agent


def parse(walk: Walk) -> list[Fact]:
    maker = value(walk, MANUFACTURER)
    return facts(
        "UPS-MIB upsIdentModel/upsIdentManufacturer",
        STANDARD_MODEL,
        model=model_name(maker, value(walk, MODEL)),
    ) + facts(
        "UPS-MIB upsIdentUPSSoftwareVersion/upsIdentAgentSoftwareVersion",
        STANDARD_VERSION,
        os_version=version_text(value(walk, UPS_SOFTWARE), value(walk, AGENT_SOFTWARE)),
    )


def _applies(ctx: Context) -> bool:
    return ctx.has("1.3.6.1.2.1.33") or ctx.object_id.startswith("1.3.6.1.2.1.33")


SOURCE = Source(
    "UPS-MIB ident", _applies, parse, gets=(MANUFACTURER, MODEL, UPS_SOFTWARE, AGENT_SOFTWARE)
)
