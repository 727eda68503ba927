"""Vendor evidence besides the sysObjectID: what the device says about its maker.

In order of strength:

* a maker or one of its product lines named at the very start of sysDescr
  ("SHARP MX-2614N", "HP ETHERNET MULTI-ENVIRONMENT"): the device naming itself,
  stronger than an enterprise number that an OEM's firmware may carry;
* UPS-MIB upsIdentManufacturer, IEEE802dot11-MIB dot11manufacturerName and ENTITY-MIB
  entPhysicalMfgName: the maker in a standard object (chip makers ignored);
* a maker named elsewhere in sysDescr ("Linux 2.6.21, Cisco Small Business WAP121");
* a factory-default hostname in a Unix sysDescr ("Linux UBNT 4.9.65");
* the IEEE OUI of the agent's own interface MACs: weak, since a server's NIC is
  often somebody else's chip, so chip and virtual-NIC makers are ignored.

The maker words (``scanner/data/maker_words.csv``: makers and their product lines,
each with the kind of device and OS it stands for, when it stands for one) also give
type and OS hints.

"Linux" is never a vendor: it is the OS (see :data:`NOT_VENDORS`).
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

from scanner.collectors.snmp import oids
from scanner.collectors.snmp.identify.enterprises import AGENT, enterprise_number, table
from scanner.collectors.snmp.identify.vendor_names import short_name
from scanner.collectors.snmp.mibs import entity
from scanner.collectors.snmp.values import Walk, text
from scanner.inventory.model import Interface

LEADING = 0.85
STANDARD_OBJECT = 0.75
MENTIONED = 0.6
OUI = 0.3
#: operating systems and software projects that name no hardware maker
NOT_VENDORS = frozenset({"linux", "gnu/linux", "unix", "net-snmp", "ucd-snmp", "busybox"})
#: OUI holders whose chips or virtual NICs sit inside other makers' products
_CHIP_MAKERS = re.compile(
    r"intel|realtek|broadcom|marvell|qualcomm|atheros|mediatek|ralink|texas instruments|"
    r"microchip|espressif|murata|azurewave|hon hai|foxconn|vmware|xensource|parallels|"
    r"nvidia|mellanox|emulex|qlogic|chelsio|aquantia|asix|davicom|silicon|private|"
    r"liteon|lite-on|wistron|compal|quanta|pegatron|gemtek|sercomm|askey|arcadyan",
    re.IGNORECASE,
)


#: curated makers whose names are also CPU makers or plain words in sysDescr dates
_NOT_MAKER_WORDS = frozenset({"Intel", "Sun", "Apple"})
#: kernel build stamps ("#1 SMP Sun May 15 21:20:37 EEST 2016") name no maker
_BUILD_DATE = re.compile(
    r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b"
)
#: a maker's product line names a kind of device; the maker's bare name hints less
PRODUCT_LINE_TYPE = 0.6
MAKER_TYPE = 0.4
#: an OS or firmware named in sysDescr beats the kernel it runs on (Linux 0.35)
PRODUCT_LINE_OS = 0.55


@dataclass(frozen=True)
class MakerWord:
    pattern: re.Pattern[str]
    vendor: str
    type: str
    os: str
    enterprise: int | None
    source: str

    @property
    def is_maker_name(self) -> bool:
        return self.source == "maker name"


def _compile(words: str) -> re.Pattern[str]:
    """Whole-word regex alternatives; an all-capitals mark ("SHARP", "HP") must match in
    capitals, anything else matches in any case."""
    parts = []
    for word in words.split("|"):
        caps = word.isupper() and sum(c.isalpha() for c in word) >= 2
        parts.append(word if caps else f"(?i:{word})")
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![a-z])")


@functools.cache
def maker_words() -> tuple[MakerWord, ...]:
    """``scanner/data/maker_words.csv`` plus every curated enterprise's name."""
    raw = resources.files("scanner").joinpath("data/maker_words.csv").read_text("utf-8")
    words = [
        MakerWord(_compile(row["pattern"]), row["vendor"], row["type"], row["os"],
                  int(row["enterprise"]) if row["enterprise"] else None, row["source"])
        for row in csv.DictReader(io.StringIO(raw))
    ]
    named = {w.vendor for w in words} | _NOT_MAKER_WORDS
    for entry in table().values():
        if entry.category != AGENT and entry.name not in named:
            named.add(entry.name)
            words.append(
                MakerWord(_compile(re.escape(entry.name)), entry.name, "", "", None, "maker name")
            )
    return tuple(words)


@functools.lru_cache(maxsize=4096)
def _all_named(descr: str, number: int | None) -> tuple[tuple[int, MakerWord, str], ...]:
    """Every maker word in ``descr`` as (position, rule, matched text), earliest first;
    cached, since one agent's sysDescr is asked about vendor, type and OS."""
    found = []
    for word in maker_words():
        if word.enterprise is not None and word.enterprise != number:
            continue
        match = word.pattern.search(descr)
        if match:
            found.append((match.start(), word, match.group(0)))
    return tuple(sorted(found, key=lambda f: f[0]))


def _named(
    descr: str, sys_object_id: str, need: str = ""
) -> tuple[int, MakerWord, str] | None:
    """(position, rule, matched text) of the first maker or product line sysDescr names."""
    body = _BUILD_DATE.sub(" ", descr.lstrip(" \"'"))
    for start, word, said in _all_named(body, enterprise_number(sys_object_id)):
        if not need or getattr(word, need):
            return start, word, said
    return None


def descr_claims(descr: str, sys_object_id: str) -> Iterable[tuple[str, float, str]]:
    """(vendor, confidence, evidence) for the first maker or product line sysDescr names."""
    found = _named(descr, sys_object_id)
    if found is None:
        return
    start, word, said = found
    where = "starts with" if start == 0 else "mentions"
    yield word.vendor, LEADING if start == 0 else MENTIONED, (
        f"sysDescr {where} {said!r} ({word.source})"
    )


#: "Linux <hostname> <release> ...": firmware often keeps the maker's default hostname
_UNIX_HOST = re.compile(r"^(?:Linux|FreeBSD|NetBSD|OpenBSD) (\S+) ")
HOSTNAME = 0.4


#: what may follow a maker word in a factory-default hostname: a serial or MAC suffix
_DEFAULT_SUFFIX = re.compile(r"[-_]?[0-9A-Fa-f:-]*")


def _default_hostname(
    descr: str, sys_object_id: str, need: str = ""
) -> tuple[str, MakerWord] | None:
    """(hostname, rule) when a Unix sysDescr's hostname is just a maker word or product
    line, maybe with a serial suffix ("UBNT", "SPA112"): the firmware's factory default,
    not a name a person chose ("cisco-lab" does not count)."""
    host = _UNIX_HOST.match(descr)
    if host is None:
        return None
    name = host.group(1)
    for start, word, said in _all_named(name, enterprise_number(sys_object_id)):
        if start == 0 and (not need or getattr(word, need)):
            rest = name[len(said):]
            return (name, word) if _DEFAULT_SUFFIX.fullmatch(rest) else None
    return None


def hostname_claims(descr: str, sys_object_id: str) -> Iterable[tuple[str, float, str]]:
    """(vendor, confidence, evidence) for a factory-default hostname ("Linux UBNT 4.9.65"):
    weak, since a person may have kept a default on another maker's box."""
    found = _default_hostname(descr, sys_object_id)
    if found is not None:
        name, word = found
        yield word.vendor, HOSTNAME, f"sysDescr hostname {name!r} ({word.source})"


def hostname_type_claims(descr: str, sys_object_id: str) -> Iterable[tuple[str, float, str]]:
    """(type, confidence, evidence) when that default hostname is a product line's
    ("Linux SPA112 ..." is a phone adapter): as weak as the vendor it gives."""
    found = _default_hostname(descr, sys_object_id, "type")
    if found is not None and not found[1].is_maker_name:
        name, word = found
        yield word.type, HOSTNAME, f"sysDescr hostname {name!r} ({word.source})"


def descr_type_claims(descr: str, sys_object_id: str) -> Iterable[tuple[str, float, str]]:
    """(type, confidence, evidence): the kind of device a named product line (or, more
    weakly, a maker that makes mostly one kind) stands for."""
    found = _named(descr, sys_object_id, need="type")
    if found is None:
        return
    _start, word, said = found
    weight = MAKER_TYPE if word.is_maker_name or said.lower() == word.vendor.lower() else (
        PRODUCT_LINE_TYPE)
    yield word.type, weight, f"sysDescr names {said!r}: {word.source}"


def _maker(value: object) -> str:
    """A maker's short name from a standard object, "" for an OS, a chip maker or noise."""
    name = short_name(text(value if isinstance(value, bytes | str) else None, limit=128))
    if name.lower() in NOT_VENDORS or _CHIP_MAKERS.search(name):
        return ""
    return name if re.search(r"[A-Za-z]{2}", name) else ""


def descr_os_claims(descr: str, sys_object_id: str) -> Iterable[tuple[str, float, str]]:
    """(os, confidence, evidence): an OS or firmware line named in sysDescr ("EdgeOS",
    "VyOS", "DD-WRT"), which is the device's OS even when it runs on a Linux kernel."""
    found = _named(descr, sys_object_id, need="os")
    if found is not None:
        _start, word, said = found
        yield word.os, PRODUCT_LINE_OS, f"sysDescr names {said!r}: {word.source}"


def firmware_named(said: str) -> tuple[MakerWord, str] | None:
    """(rule, matched text) of the first OS or firmware line named in a free-text value
    such as a net-snmp ``distro`` extend ("dd-wrt 3.10.108-d8", "OpenWrt 21.02.0"),
    matched in any case: such values are often lower-cased, and name no hostname."""
    for start, word, found in _all_named(said.upper(), None):
        if word.os:
            return word, said[start:start + len(found)]
    return None


def standard_object_claims(
    walk: Walk, rows: list[entity.Entity] | None = None, radio: bool = True
) -> Iterable[tuple[str, float, str]]:
    """upsIdentManufacturer, a radio's dot11manufacturerName (looked for only when
    ``radio``), then the first entPhysicalMfgName the agent fills in (``rows``: the
    ENTITY-MIB rows when the caller already parsed them)."""
    ups = _maker(walk.get(oids.UPS_IDENT_MANUFACTURER))
    if ups:
        yield ups, STANDARD_OBJECT, f"UPS-MIB upsIdentManufacturer {ups!r}"
    prefix = oids.DOT11_MANUFACTURER_NAME + "."
    radios = [o for o in walk if o.startswith(prefix)] if radio else []
    maker = _maker(walk[min(radios, key=_index)]) if radios else ""
    if maker:
        yield maker, STANDARD_OBJECT, f"IEEE802dot11-MIB dot11manufacturerName {maker!r}"
    for row in entity.rows(walk) if rows is None else rows:
        name = _maker(row.vendor)
        if name:
            yield name, STANDARD_OBJECT, f"ENTITY-MIB entPhysicalMfgName {name!r}"
            return


def _index(oid: str) -> int:
    tail = oid.rsplit(".", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _oui_holder(mac: str) -> str:
    if int(mac[:2], 16) & 0x02:  # locally administered: no maker behind it
        return ""
    from netaddr import EUI, NotRegisteredError

    try:
        org = str(EUI(mac).oui.registration().org)
    except (NotRegisteredError, ValueError, IndexError):
        return ""
    return "" if _CHIP_MAKERS.search(org) else short_name(org)


def oui_claims(interfaces: Sequence[Interface]) -> Iterable[tuple[str, float, str]]:
    """The maker holding the OUI of most of the agent's own interface MACs."""
    makers = Counter(
        holder for holder in (_oui_holder(i.mac) for i in interfaces if i.mac) if holder
    )
    if makers:
        name, count = makers.most_common(1)[0]
        yield name, OUI, f"IEEE OUI of {count} interface MAC(s) registered to {name!r}"


def is_vendor(name: str) -> bool:
    """False for OS or software names that must never stand as a device's vendor."""
    return name.strip().lower() not in NOT_VENDORS
