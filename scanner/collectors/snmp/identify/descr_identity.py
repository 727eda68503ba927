"""Model and firmware version read from the shape of a sysDescr, for devices no rule knows.

Embedded devices very often start their sysDescr with the product name, optionally
behind the maker's name, and follow it with the firmware version:
"ECS2100-28P", "D-Link DES-3200-18 Fast Ethernet Switch", "Room Alert 12E v3.3.0",
"US-24-250W, 5.43.18.12487, Linux 3.6.5", "Netonix WS-12-250-AC".  These claims are
weak on purpose (any vendor MIB, ENTITY-MIB or product rule beats them) and refuse
anything that is a general-purpose OS banner: a Linux or BSD sysDescr names the
kernel and the host, never the product.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: below every product rule, vendor MIB and ENTITY-MIB claim; above the bare kernel
#: version of a "Linux <host> <kernel>" banner (0.35)
DESCR_MODEL = 0.45
DESCR_VERSION = 0.45

#: a sysDescr that starts like this describes an OS, not a product
_OS_BANNER = re.compile(
    r"^\s*(Linux|FreeBSD|OpenBSD|NetBSD|SunOS|Darwin|HP-UX|AIX|Hardware:|Windows|VMware"
    r"|Cisco|Juniper|Microsoft|Software:|Kernel|GNU|Unix|QNX|VxWorks|Ubuntu|Debian|CentOS"
    r"|Red Hat|pfSense|OPNsense|TrueNAS|FreeNAS|EdgeOS|VyOS|ArubaOS|AOS-\w*|RouterOS)\b",
    re.IGNORECASE,
)
#: words that end the product name: the role, interface speeds, the OS
_STOP_WORDS = frozenset({"linux", "ecos", "version", "firmware", "software", "build", "rev",
                         "revision", "kernel", "release", "copyright", "running", "on", "for",
                         "with", "by", "agent", "snmp", "hw", "fw", "sw", "sn", "serial"})
#: a model code: letters and digits in one token ("DES-3526", "12E", "AT-GS950/24")
_MODEL_TOKEN = re.compile(r"^(?=[^\s]*\d)(?=[^\s]*[A-Za-z])[A-Za-z0-9][\w./+-]*$|^\d{3,}$")
#: tokens with digits that are not model codes: speeds, port counts, dates, versions
_NOT_MODEL = re.compile(
    r"^(\d+(/\d+)+|\d+-?(ports?|port)|(10|100|1000|25|40|50|400)[mg](bps|b|be)?|\d+[mg]bps|\d+base\S*|\S*\d\.\d\S*"
    r"|[lL]\d(/[lL]\d)?|\d{1,2}:\d{2}|(19|20)\d{2}|\d+(\.\d+)?k?(va|w)|os\d+|(?-i:(?=[0-9a-f]{4,8}$)\d*[a-f][0-9a-f]*))$",
    re.IGNORECASE,
)
_SEGMENTS = re.compile(r",|;|\s-\s|:\s|\(|\n|\s/\s")
#: a CPU architecture names no product
_ARCHITECTURE = re.compile(
    r"^(x86(_64)?|amd64|i[3-6]86|aarch64|arm64|armv\d\w*|mips\w*|ppc\w*|sparc\w*)$", re.IGNORECASE
)
#: "(MODEL: OAW-6000)", "Router Model: Vigor3900": the agent names its model outright
_MODEL_PHRASE = re.compile(r"\bmodel\s*:\s*(?P<model>[^,;()]+?)\s*(?:[,;()]|$)", re.IGNORECASE)
#: a host name ("fw1.example.lan") is no model code
_HOSTNAME = re.compile(r"^[A-Za-z][\w-]*\.[A-Za-z]")
#: comma segments about the boot loader or the kernel, whose versions are not the firmware's
_NOT_FIRMWARE = re.compile(r"u-boot|\bboot|\brom\b|\bcfe\b|ecos|linux|kernel", re.IGNORECASE)
#: version phrases, most telling first ("Application Software Version" beats
#: "Operating System Version"; "Firmware version" beats "Hardware revision")
_VERSION_PHRASES = (
    r"application software version",
    r"firmware version|firmware|fw ver(?:sion)?",
    r"software version|sw ver(?:sion)?",
    r"(?<!system )(?<!hardware )version|ver\.",
    r"(?<![\w.])v",
    r"(?<!hardware )revision|(?<!hardware )rev\.|release",
)
_VERSION_VALUE = r"\s*[:=]?\s*v?\s?(?P<version>\d+[.\d]*[\w.()+-]*)"
_VERSION_PATTERNS = tuple(
    re.compile(rf"(?:{phrase}){_VERSION_VALUE}", re.IGNORECASE) for phrase in _VERSION_PHRASES
)
#: a comma segment that is only a version: "5.43.18.12487", "PK.1.38", "R01 1.2.2.17"
_BARE_VERSION = re.compile(r"^(?:[A-Z]{1,3}\.)?\d+(?:\.\d+)+[\w.()+-]*$")
#: a version glued to a product name with an underscore: "InstantOn_1930_1.0.5.0"
_GLUED_VERSION = re.compile(r"_(?P<version>\d+(?:\.\d+){2,}[\w-]*)\b")
#: a version right after the product name on the first line: "VyOS 1.2.0-beta1"
_TRAILING_VERSION = re.compile(r"^\S+(?: \S+)? (?P<version>\d+(?:\.\d+)+[\w.-]*)(?:\s|$)")


@dataclass(frozen=True)
class DescrIdentity:
    model: str = ""
    version: str = ""


#: a maker's legal name opening the sysDescr ("Ruckus Wireless, Inc. ICX7150-24P Switch")
_COMPANY = re.compile(r"^[^,;]{2,40},\s*(?:Inc|Ltd|LLC|Corp|Corporation|Co|GmbH|AG)\.?\s+",
                      re.IGNORECASE)


def _first_segment(descr: str) -> str:
    descr = _COMPANY.sub("", descr.strip().lstrip(";=\"' ").strip())
    return _SEGMENTS.split(descr, maxsplit=1)[0].strip()


def product_name(descr: str) -> str:
    """The product name a sysDescr starts with, or "" when it starts otherwise.

    Up to three words without digits may precede the model code (a maker or a
    product line: "D-Link", "Room Alert"); the name ends at the first plain word
    after the model code (the role: "Fast Ethernet Switch").
    """
    stated = _MODEL_PHRASE.search(descr or "")
    if stated:
        return stated["model"]
    if not descr or _OS_BANNER.match(descr.lstrip(";=\"' ")):
        return ""
    words = [w.strip("\"'\\") for w in _first_segment(descr).split()]
    kept: list[str] = []
    seen_code = False
    for word in words:
        is_code = bool(_MODEL_TOKEN.match(word)) and not _NOT_MODEL.match(word)
        if (word.lower() in _STOP_WORDS or _NOT_MODEL.match(word) or _ARCHITECTURE.match(word)
                or _HOSTNAME.match(word)):
            break
        if is_code:
            seen_code = True
        elif seen_code or len(kept) >= 3:
            break
        kept.append(word)
    return " ".join(kept) if seen_code else ""


def firmware_version(descr: str) -> str:
    """The firmware version a sysDescr states, or "" (a kernel version is no answer)."""
    if not descr or re.match(r"^\s*(Linux|FreeBSD|OpenBSD|NetBSD|SunOS|Darwin|Ubuntu|Debian)\b",
                             descr):
        return ""
    text = ",".join(s for s in re.split(r",|\n", descr) if not _NOT_FIRMWARE.search(s))
    for pattern in _VERSION_PATTERNS:
        found = pattern.search(text)
        if found and re.search(r"\d\.|\d\(", found["version"]):
            return _balanced(found["version"].rstrip(".,"))
    glued = _GLUED_VERSION.search(text)
    if glued:
        return glued["version"]
    for segment in [s.strip() for s in re.split(r",|;|\n", descr)][1:4]:
        if _BARE_VERSION.match(segment):
            return segment
    first = descr.strip().splitlines()[0] if descr.strip() else ""
    trailing = _TRAILING_VERSION.match(first)
    return trailing["version"] if trailing else ""


def _balanced(version: str) -> str:
    """Drop a closing parenthesis the version does not open ("9.12(2)" keeps its own)."""
    while version.endswith(")") and version.count(")") > version.count("("):
        version = version[:-1]
    return version


def parse(descr: str) -> DescrIdentity:
    return DescrIdentity(product_name(descr), firmware_version(descr))
