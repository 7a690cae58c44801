"""Source metadata from the article header: title, byline, dateline, outlet, date, language."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from .dates import Published, parse_published, parse_timestamp
from .document import HtmlDocument, Paragraph
from .languages import DEFAULT_LANGUAGE, PACKS, pack_for
from .lexicon import OUTLET_NAMES, PLACES
from .types import ExtractedSource

_DASH = r"(?:--|—|–|-)"
_DOMAIN = r"(?P<domain>[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?i:com|co\.id|id|co|net|org|news|co\.uk|uk|tv|info|or\.id|go\.id|ac\.id|web\.id|my\.id))"
_PLACE = r"(?P<place>[A-Z][A-Za-z'’.\-]*(?:\s+[A-Z][A-Za-z'’.\-]*){0,3})"
_DATELINES = [
    re.compile(rf"^{_DOMAIN}\s*,\s*{_PLACE}\s*{_DASH}\s+"),
    re.compile(rf"^{_PLACE}\s*,\s*{_DOMAIN}\s*{_DASH}\s+"),
    re.compile(
        rf"^{_PLACE}(?:,\s*(?P<state>[A-Z][a-z]+\.?(?:\s+\d{{1,2}})?))?\s*\((?P<agency>[A-Za-z][\w .&/-]{{0,30}})\)\s*{_DASH}\s+"
    ),
    re.compile(
        r"^(?P<caps>[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,3})(?:,\s*(?P<state>[A-Z][a-z]+\.?))?\s*(?:--|—|–)\s+"
    ),
    re.compile(rf"^{_PLACE}\s*,\s*(?P<agency>[A-Z][\w]*(?:\s+[A-Z][\w]*){{0,2}})\s*(?:--|—|–)\s+"),
    # "Yogyakarta - Tim peneliti …": a bare place and a spaced dash (checked against PLACES)
    re.compile(rf"^(?P<bare>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+{_DASH}\s+(?=[A-Z])"),
]
_BYLINE_LABEL = re.compile(
    r"(?P<label>\b(?:rep|reporter|wartawan|pewarta|penulis|oleh|writer|written by|by|laporan|red|"
    r"redaktur|editor|editing by|edited by|reporting by|reported by|penyunting))\b\.?\s*:?\s*"
    r"(?P<names>[^/|;\n]{2,120})",
    re.IGNORECASE,
)
_AUTHOR_LABELS = {"rep", "reporter", "wartawan", "pewarta", "penulis", "oleh", "writer", "written by",
                  "by", "laporan", "reporting by", "reported by"}  # fmt: skip
_EDITOR_LABELS = {"red", "redaktur", "editor", "editing by", "edited by", "penyunting"}
_NAME_SPLIT = re.compile(r"\s*(?:,|&|\band\b|\bdan\b)\s*", re.IGNORECASE)
_PERSONISH = re.compile(r"^[A-Z][\w'’.\-]*(?:\s+[A-Za-z][\w'’.\-]*){0,4}$")
# Credits after the body: "Reporting by X; Editing by Y", "Pewarta: X", "Editor: Y".
_FOOTER_CREDIT = re.compile(
    r"(?i)\s*(?:(?:reporting|reported|editing|edited|writing) by|(?:pewarta|penulis|reporter|editor|redaktur)\s*:)"
)
# Header lines naming the author without a label: "Andi Prasetya - Warta Mataram" (author and
# outlet) and "Sarah Whitcombe Social affairs correspondent" (author and job title).
_NAME = r"[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}?"
_AUTHOR_DASH_OUTLET = re.compile(
    rf"^(?P<name>{_NAME})\s+[-–—|]\s+(?P<outlet>[A-Z][\w]*(?:\s+[A-Z][\w]*){{0,3}})$"
)
_JOB_WORDS = frozenset(
    "correspondent reporter editor writer columnist journalist contributor koresponden wartawan "
    "pewarta photographer fotografer".split()
)
_AUTHOR_JOB = re.compile(
    rf"^(?P<name>{_NAME})\s+(?P<job>(?:[A-Z][a-z]+\s+)?(?:[a-z]+\s+){{0,3}}"
    r"(?:correspondent|reporter|editor|writer|columnist|koresponden|wartawan))$"
)
# Last words of a desk or section credited like a person ("Pulse Business", "Metro Desk").
_DESK_WORDS = frozenset(
    "business sport sports desk staff news politics world tech technology metro nasional "
    "ekonomi olahraga team tim redaksi newsroom".split()
)
# All-caps outlet names that are written that way (others are acronyms or shouted names).
_CAPS_OUTLETS = frozenset(name for name in OUTLET_NAMES.values() if name.isupper())
_BOILERPLATE = re.compile(
    r"^(?:foto|photo|baca juga|advertisement|iklan|berita lainnya|share|bagikan|image|caption)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Header:
    source: ExtractedSource
    body_start: int  # offset where the article body starts; quotes before it are headline text
    header_lines: tuple[tuple[int, int], ...]


def detect_language(text: str) -> str:
    """The code of the pack whose frequent function words the text uses most ("" when it uses
    none; the default pack wins a tie). No model, no network."""
    counts = Counter(re.findall(r"[a-z]+", text[:20000].lower()))
    hits = {code: sum(n for w, n in counts.items() if w in pack.stopwords) for code, pack in PACKS.items()}
    best = max(hits.values(), default=0)
    if not best:
        return ""
    return DEFAULT_LANGUAGE if hits.get(DEFAULT_LANGUAGE) == best else max(hits, key=hits.__getitem__)


def read_header(
    text: str,
    paragraphs: list[Paragraph],
    *,
    language: str,
    url: str,
    html_doc: HtmlDocument | None,
) -> Header:
    dateline_index, dateline = _find_dateline(text, paragraphs)
    body_index = dateline_index if dateline_index is not None else _first_body_paragraph(text, paragraphs)
    body_start = paragraphs[body_index].start if paragraphs and body_index < len(paragraphs) else 0
    header_pars = paragraphs[:body_index]
    header_text = "\n".join(text[p.start : p.end] for p in header_pars)

    published = parse_published(header_text, language=language) if header_text else None
    if html_doc is not None and html_doc.published:
        meta = parse_timestamp(html_doc.published, language=language)
        if meta is not None and (published is None or meta.precision == "minute"):
            published = meta

    authors, editors = _bylines(text, paragraphs, body_index)
    header_outlet = ""
    if not authors:
        authors, header_outlet = _unlabelled_author(text, header_pars)
    if html_doc is not None and not authors:
        authors = [a for a in html_doc.authors if _PERSONISH.match(a)]

    title = ""
    if html_doc is not None and html_doc.title:
        title = html_doc.title.strip()
    if not title:
        title = _title_from_lines(text, header_pars, published)

    domain = ""
    outlet = ""
    place = ""
    if dateline is not None:
        groups = dateline.groupdict()
        place = _title_case(groups.get("place") or groups.get("caps") or groups.get("bare") or "")
        if groups.get("state"):
            state = groups["state"]
            if not re.search(r"\d", state) and state.rstrip(".") not in _MONTH_ABBREVIATIONS:
                place = f"{place}, {state}"
        if groups.get("domain"):
            domain = groups["domain"].lower()
        elif groups.get("agency"):
            outlet = _agency_name(groups["agency"].strip(), text, header_pars)
    outlet = outlet or header_outlet
    if not domain and url:
        domain = _domain_from_url(url)
    if not domain and html_doc is not None and html_doc.hostname:
        domain = html_doc.hostname.lower().removeprefix("www.")
    if not outlet:
        if html_doc is not None and html_doc.sitename and "." not in html_doc.sitename:
            outlet = html_doc.sitename.strip()
        elif domain:
            # Only a known outlet's name: a name guessed from the domain ("Solentecho") would be
            # saved as fact. An unknown outlet stays empty for the editor to fill in.
            outlet = OUTLET_NAMES.get(domain) or _outlet_named_in_text(domain, text)
    outlet_names = {outlet.lower()} if outlet else set()
    authors = [a for a in authors if not _is_desk(a, outlet_names)]

    if published is not None and published.timezone_assumed and pack_for(language).zone_from_dateline:
        published = _localised(published, place)

    source = ExtractedSource(
        title=title,
        published_at=published.value if published else None,
        authors=tuple(authors),
        editors=tuple(editors),
        dateline_place=place,
        outlet_name=outlet,
        outlet_domain=domain,
        language=language,
        published_precision=published.precision if published else "",
        published_timezone_assumed=published.timezone_assumed if published else False,
        url=url,
    )
    return Header(source, body_start, tuple((p.start, p.end) for p in header_pars))


# Dateline cities whose local time an English article without a timezone is written in.
_CITY_ZONES = {
    "sydney": "Australia/Sydney", "melbourne": "Australia/Melbourne", "canberra": "Australia/Sydney",
    "brisbane": "Australia/Brisbane", "perth": "Australia/Perth", "auckland": "Pacific/Auckland",
    "wellington": "Pacific/Auckland", "london": "Europe/London", "dublin": "Europe/Dublin",
    "new york": "America/New_York", "washington": "America/New_York", "chicago": "America/Chicago",
    "los angeles": "America/Los_Angeles", "toronto": "America/Toronto",
    "singapore": "Asia/Singapore", "hong kong": "Asia/Hong_Kong", "tokyo": "Asia/Tokyo",
    "nairobi": "Africa/Nairobi", "johannesburg": "Africa/Johannesburg",
}  # fmt: skip
_MONTH_ABBREVIATIONS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept",
                        "Oct", "Nov", "Dec"}  # fmt: skip


def _find_dateline(text: str, paragraphs: list[Paragraph]) -> tuple[int | None, re.Match | None]:
    for index, par in enumerate(paragraphs[:25]):
        chunk = text[par.start : min(par.end, par.start + 160)]
        for pattern in _DATELINES:
            match = pattern.match(chunk)
            if (
                match
                and match.groupdict().get("bare")
                and match.group("bare").split()[0].lower() not in PLACES
            ):
                continue
            if match and par.end - par.start > 60:
                return index, match
    return None, None


def _first_body_paragraph(text: str, paragraphs: list[Paragraph]) -> int:
    """First paragraph that reads like prose (long, with sentence punctuation)."""
    for index, par in enumerate(paragraphs[:25]):
        chunk = text[par.start : par.end]
        if _BYLINE_LABEL.match(chunk) or _BOILERPLATE.match(chunk):
            continue
        if len(chunk.split()) >= 14 and re.search(r"[.!?”\"]\s*$|[.!?]\s", chunk):
            return index
        if len(chunk.split()) >= 6 and re.search(r"[.!?][”\"’']?\s*$", chunk):
            return index
    return 0


def _bylines(text: str, paragraphs: list[Paragraph], body_index: int) -> tuple[list[str], list[str]]:
    authors: list[str] = []
    editors: list[str] = []
    candidates = list(paragraphs[:body_index]) + [
        p for p in paragraphs[body_index:][-4:] if _FOOTER_CREDIT.match(text, p.start, p.end)
    ]
    for par in candidates:
        line = text[par.start : par.end]
        if len(line) > 200:
            continue
        for match in _BYLINE_LABEL.finditer(line):
            label = match.group("label").lower()
            if label == "by" and match.start() > 0 and not re.match(r"^\s*$", line[: match.start()]):
                continue
            names = [_name_case(n.strip(" .,-")) for n in _NAME_SPLIT.split(match.group("names"))]
            # "By Megan Aldridge, Local Democracy Reporter": the job after the name is no author.
            names = [
                n
                for n in names
                if n
                and _PERSONISH.match(n)
                and len(n.split()) <= 5
                and n.split()[-1].lower() not in _JOB_WORDS
            ]
            target = editors if label in _EDITOR_LABELS else authors if label in _AUTHOR_LABELS else None
            if target is None:
                continue
            for name in names:
                if name not in target:
                    target.append(name)
    return authors, editors


def _localised(published: Published, place: str) -> Published:
    """An English timestamp without a written timezone, read in the dateline city's zone."""
    zone = _CITY_ZONES.get(place.split(",")[0].strip().lower())
    if zone is None or published.precision != "minute":
        return published
    value = published.value.replace(tzinfo=ZoneInfo(zone))
    return replace(published, value=value)


def _name_case(name: str) -> str:
    """ "MARIA ALVAREZ" -> "Maria Alvarez"; names in mixed case are kept as written."""
    if name.isupper() and len(name) > 3:
        return " ".join(w.capitalize() for w in name.split())
    return name


def _is_desk(name: str, outlet_names: set[str]) -> bool:
    """A byline entry that is a desk or section ("Pulse Business") rather than a person."""
    words = name.split()
    if words[-1].lower() in _DESK_WORDS:
        return True
    return any(" ".join(words[:i]).lower() in outlet_names for i in range(1, len(words)))


def _unlabelled_author(text: str, header_pars: list[Paragraph]) -> tuple[list[str], str]:
    """Author (and outlet) from a header line without a byline label; the title line is skipped."""
    for par in header_pars[1:]:
        line = text[par.start : par.end].strip()
        match = _AUTHOR_DASH_OUTLET.match(line)
        if match:
            return [match.group("name")], match.group("outlet")
        match = _AUTHOR_JOB.match(line)
        if match:
            return [match.group("name")], ""
    return [], ""


def _agency_name(agency: str, text: str, header_pars: list[Paragraph]) -> str:
    """The outlet named in a dateline's parentheses, spelled out when the header does so.

    "(TNP)" with a header line "The National Press" gives "The National Press"; a shouted name
    ("WARTANUSA") is title-cased unless the outlet is known to write itself in capitals.
    """
    if agency.isupper() and " " not in agency:
        for par in header_pars:
            line = text[par.start : par.end].strip()
            words = line.split()
            if not 2 <= len(words) <= 6 or not all(w[0].isupper() for w in words):
                continue
            initials = "".join(w[0] for w in words)
            if agency in {initials, initials[1:] if words[0] == "The" else ""}:
                return line
        if len(agency) >= 7 and agency not in _CAPS_OUTLETS:
            return agency.capitalize()
    return agency


def _title_from_lines(text: str, header_pars: list[Paragraph], published: Published | None) -> str:
    for par in header_pars:
        line = text[par.start : par.end].strip()
        if (
            published is not None
            and parse_published(line, language=DEFAULT_LANGUAGE) is not None
            and len(line) < 80
        ):
            continue
        if _BYLINE_LABEL.match(line) or _BOILERPLATE.match(line):
            continue
        if len(line.split()) >= 3 and len(line) <= 250:
            return line
    return ""


def _title_case(place: str) -> str:
    place = place.strip()
    if place.isupper():
        return " ".join(w.capitalize() for w in place.split())
    return place


def _domain_from_url(url: str) -> str:
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.")


def _outlet_named_in_text(domain: str, text: str) -> str:
    """The outlet's name when the article itself prints it ("KABARNUSA.COM, MEDAN --",
    "(WARTANUSA)"): the domain's first label, title-cased; "" when the text never says it."""
    label = domain.split(".")[0]
    if len(label) < 3 or not re.search(rf"(?<![\w.]){re.escape(label)}(?![\w])", text[:3000], re.IGNORECASE):
        return ""
    return label.capitalize()
