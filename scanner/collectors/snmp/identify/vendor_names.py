"""Organisation names as registries write them -> the short names people say.

"Cisco Systems, Inc." -> "Cisco", "Brother Industries, Ltd." -> "Brother",
"Hewlett Packard Enterprise" -> "HPE".  The IANA registry, ENTITY-MIB
entPhysicalMfgName and the IEEE OUI registry all spell makers their own way; one
normaliser makes the three agree.  Legal forms go, then descriptive words that
only say what kind of company it is ("Systems", "Communications"), but never the
last word left: "Delta Electronics" stays as it is, since "Delta" alone is
somebody else.
"""

from __future__ import annotations

import re

#: legal forms, compared without dots/commas and case-insensitively
_LEGAL = frozenset(
    {
        "inc", "incorporated", "ltd", "limited", "llc", "llp", "lp", "corp", "corporation", "co",
        "company", "gmbh", "mbh", "ag", "kg", "kgaa", "ab", "oy", "oyj", "as", "sa", "sas", "sarl",
        "spa", "srl", "sro", "sl", "bv", "nv", "plc", "pty", "pte", "pvt", "bhd", "kk", "sdn",
        "ltda", "eirl", "ehf", "aps", "sp", "zoo", "doo", "ad", "ood", "publ", "ug", "se",
        "nl", "jsc", "ojsc", "cjsc", "pjsc", "ooo", "zao", "oao", "coltd", "tbk", "corporate", "oo",
        "private",
    }
)
#: descriptive words that do not name the maker (dropped from the end, one at a time)
_DESCRIPTIVE = frozenset(
    {
        "systems", "system", "communications", "communication", "technologies", "technology",
        "industries", "industrial", "international", "computer", "computers", "software",
        "manufacturing", "holdings", "holding", "group", "project", "enterprises", "solutions",
        "networks", "network", "wireless",
    }
)
#: well-known names that the rules above would not reach
_KNOWN = {
    "hewlett packard enterprise": "HPE",
    "hewlett-packard enterprise": "HPE",
    "hewlett packard": "HP",
    "hewlett-packard": "HP",
    "hp inc": "HP",
    "ciscosystems": "Cisco",
    "international business machines": "IBM",
    "american power conversion": "APC",
}
_PAREN = re.compile(r"\s*[\(\[].*?([\)\]]|$)")
_URL = re.compile(r"\s*\bhttps?://\S+")
_FORMERLY = re.compile(r"\s*(#|\bformerly\b|\bprevious(ly)? was\b|\bf/k/a\b).*$", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*[,;]\s*")


def _key(word: str) -> str:
    return re.sub(r"[.,]", "", word).lower()


def _strip_tail(words: list[str]) -> list[str]:
    """Drop legal forms (anywhere after the first word) and then trailing descriptors."""
    kept = [w for i, w in enumerate(words) if i == 0 or _key(w) not in _LEGAL]
    while len(kept) > 1 and _key(kept[-1]) in _DESCRIPTIVE | _LEGAL:
        kept.pop()
    while len(kept) > 1 and kept[-1] in {"&", "and", "-", "/"}:
        kept.pop()
    return kept


def short_name(name: str) -> str:
    """The name people use for the organisation ``name`` ("" when nothing is left)."""
    cleaned = _FORMERLY.sub("", _URL.sub("", _PAREN.sub("", name))).strip(" .,-")
    head = _SEPARATORS.split(cleaned, maxsplit=1)[0] if cleaned else ""
    known = _KNOWN.get(_key(head).replace("  ", " ").strip())
    if known:
        return known
    words = head.replace("Co.,Ltd", "Co. Ltd").split()
    words = _strip_tail(words)
    short = " ".join(words).strip(" .,-")
    if sum(c.isalpha() for c in short) < 2:  # "Q Solutions", "[IS]2": keep what was written
        return " ".join(name.split())[:64]
    return _KNOWN.get(short.lower(), short)
