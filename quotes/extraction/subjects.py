"""Speakers that are descriptions rather than names.

A speech cue's subject is not always a person's name. It can be

* an **epithet** for the person being written about ("perwira menengah Polri itu",
  "the 27-year-old Ukrainian"): resolved like a pronoun;
* an **unnamed person** ("a fish trader who asked not to be named", "seorang petugas"):
  the speaker is "" and later pronouns refer to that unnamed person, not to the last name;
* an **organisation** ("The Mombasa County Health Department", "a spokesperson for Homes
  First", "manajemen DDS", "the company"): the speaker of a direct quote, never of indirect
  speech, whose statements the annotation guidelines leave out;
* a **document** ("the report", "putusan itu"): written text, not speech, so not a quote.

The functions here read only the text; the extractor resolves acronyms and anaphors
("the company") against the organisations named earlier in the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import finditer_near
from .languages import PACKS
from .lexicon import FUNCTION_WORDS, ORG_WORDS, ROLE_NOUNS

_I = re.IGNORECASE
_CAP_RUN = r"[A-Z][\w&'’.-]*(?:\s+(?:of|for|and|dan|&|de)?\s*[A-Z][\w&'’.-]*)*"
_PERSON_NOUNS = ROLE_NOUNS | frozenset(
    """man woman mother father resident residents official source employee trader vendor
        player veteran petugas pria wanita perempuan lelaki gadis ibu ayah pekerja sumber orang
        tua perwira spiker atlet politikus politisi pejabat mantan polisi tentara penyanyi artis
        aktor aktris berusia""".split()
)
# Where a subject starts: the sentence start, or after a comma / conjunction.
_LEAD = r"(?:^|[,;]\s+|\b(?:and|but|namun|tetapi)\s+)"

_EPITHET = re.compile(
    _LEAD + r"(?P<np>the\s+\d{1,3}-year-old(?:\s+[\w-]+){0,2}"
    r"|(?P<demonstrative>[a-z][\w-]*(?:\s+[\w-]+){0,5})\s+(?:itu|tersebut))\s*$",
    _I,
)
_ANONYMOUS = re.compile(
    _LEAD + r"(?:(?:salah\s+)?seorang|salah\s+satu|a|an|one|another)\s+(?P<np>[^,.;:!?]{1,120}?)\s*$",
    _I,
)
_DOCUMENT = re.compile("|".join(p for pack in PACKS.values() for p in pack.document_patterns), _I)
_ORG_SPOKESPERSON = re.compile(
    r"\b(?i:spokesperson|spokesman|spokeswoman|representative|juru\s+bicara|jubir|perwakilan)\s+"
    r"(?:for|of|at|from|dari)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}"
    rf"(?P<org>{_CAP_RUN})\s*$",
)
_ORG_POSSESSOR = re.compile(
    rf"\b(?i:a|an|the)\s+(?P<org>{_CAP_RUN})\s+(?:spokesperson|spokesman|spokeswoman|representative)\s*$"
)
_ORG_MANAGEMENT = re.compile(rf"\b(?:manajemen|pihak|management\s+of)\s+(?P<org>{_CAP_RUN})\s*$", _I)
_ORG_ANAPHOR = re.compile(
    r"\b(?:(?:the|its)\s+(?:company|firm|ministry|department|agency|operator|charity|"
    r"organisation|organization|group|union|council)"
    r"|(?:perusahaan|kementerian|lembaga|organisasi|manajemen|dinas)\s+(?:itu|tersebut))\s*$",
    _I,
)
_ORG_RUN = re.compile(rf"(?:^|[,;]\s+)(?:the\s+)?(?P<org>{_CAP_RUN})\s*$")
ANAPHOR = "\x00the-organisation"


@dataclass(frozen=True)
class Description:
    kind: str  # "epithet" | "anonymous" | "organisation" | "document"
    value: str = ""  # the organisation as written, or ANAPHOR for "the company"


def describe_subject(text: str, start: int, end: int) -> Description | None:
    """What the words just before a cue (``text[start:end]``) stand for, when not a name."""
    segment = text[max(start, end - 200) : end]
    segment = re.sub(r"(?:\s+(?:also|then|later|juga|pun|kembali|sempat))+\s*$", " ", segment)
    return _describe(segment)


def describe_following(text: str, pos: int, end: int) -> Description | None:
    """What the words right after a cue stand for ("said the report", "ujar perwira itu")."""
    segment = re.split(r"[,.;:!?\n(]", text[pos : min(end, pos + 120)], maxsplit=1)[0]
    segment = re.split(r"\s+(?:dalam|in|on|at|pada|saat|kepada|to|di)\s", segment, maxsplit=1)[0]
    return _describe(segment.strip())


def _describe(segment: str) -> Description | None:
    stripped = segment.rstrip()
    if not stripped:
        return None
    for pattern in (_ORG_SPOKESPERSON, _ORG_POSSESSOR, _ORG_MANAGEMENT):
        match = pattern.search(stripped)
        if match:
            return Description("organisation", match.group("org"))
    if _ORG_ANAPHOR.search(stripped):
        return Description("organisation", ANAPHOR)
    if _DOCUMENT.search(stripped):
        return Description("document")
    match = _ORG_RUN.search(stripped)
    if match and _is_organisation(match.group("org")):
        return Description("organisation", match.group("org"))
    match = _EPITHET.search(stripped)
    if match:
        described = match.group("demonstrative")
        if described is None or (
            described.split()[0].lower() not in FUNCTION_WORDS
            and any(w.lower() in _PERSON_NOUNS for w in described.split())
        ):
            return Description("epithet")
    match = _ANONYMOUS.search(stripped)
    if match and any(w.lower() in _PERSON_NOUNS for w in match.group("np").split()[:4]):
        return Description("anonymous")
    return None


def _is_organisation(run: str) -> bool:
    words = run.split()
    return any(w.lower() in ORG_WORDS for w in words) and words[-1].lower() not in FUNCTION_WORDS


_ACRONYM = re.compile(
    r"(?<![\w&.-])(?P<long>[A-Z][\w&.-]{0,30}(?:\s+(?:dan\s+|and\s+|of\s+|for\s+|&\s+)?[A-Z][\w&.-]{0,30}){1,8})"
    r"\s+\((?P<short>[A-Z][A-Za-z]{1,11})\)"
)
_APPOSITIVE_ORG = re.compile(
    r"(?<![\w&.-])(?P<org>[A-Z][\w&.-]{0,30}(?:\s+[A-Z][\w&.-]{0,30}){0,3}),\s+(?:the|a|an)\s+"
    r"(?:(?!(?:for|of|at|with|in|from|by)\b)[\w-]+\s+){0,5}?"
    r"(?:company|firm|app|operator|startup|platform|bank|lender|retailer|airline|insurer|"
    r"charity|provider|group|developer|maker)"
    r"(?=,|\s+(?:popular|based|known|owned|which|that|whose|with|in|from)\b)"
)
# What each match holds, and how many words at most come before it in the match: the patterns
# are tried only there (``finditer_near``).
_ACRONYM_ANCHOR, _ACRONYM_WORDS = re.compile(r"\("), 17
_APPOSITIVE_ANCHOR, _APPOSITIVE_WORDS = re.compile(r",\s+(?:the|a|an)\s"), 4


def find_organisations(text: str, start: int, end: int) -> list[tuple[int, str, str]]:
    """Organisations introduced in ``text[start:end]`` as (position, name, acronym).

    "PT Dompet Digital Sejahtera (DDS)" gives its acronym; "Paybridge, the peer-to-peer
    payments app …" is an organisation by its appositive.
    """
    found = []
    for match in finditer_near(_ACRONYM, text, _ACRONYM_ANCHOR, _ACRONYM_WORDS, start, end):
        long = match.group("long")
        if _is_organisation(long) or long.split()[0] in {"PT", "CV"}:
            found.append((match.start("long"), long, match.group("short")))
    for match in finditer_near(_APPOSITIVE_ORG, text, _APPOSITIVE_ANCHOR, _APPOSITIVE_WORDS, start, end):
        org = match.group("org")
        if " " not in org or _is_organisation(org):  # "Rebecca Lang, the company's chief"
            found.append((match.start("org"), org, ""))
    found.sort()
    return found
