"""Plain text preparation: HTML conversion, paragraphs, tokens and sentence boundaries."""

from __future__ import annotations

import html as html_lib
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

_HTML_TAG = re.compile(
    r"<(?:!doctype|html|head|body|p|div|article|br|span|h[1-6]|meta|title|section|main|a)\b",
    re.IGNORECASE,
)
_SCRIPT_STYLE = re.compile(r"<(script|style|noscript)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.S)
_BLOCK_TAG = re.compile(r"</?(?:p|div|br|h[1-6]|li|tr|article|section|header|footer)\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"<[^>]{0,2000}>")
_META_PUBLISHED = re.compile(
    r"""(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|datePublished|pubdate|"""
    r"""publish-date|publishdate|date)["'][^>]{0,200}?content\s*=\s*["']([^"']{8,40})["']"""
    r"""|"datePublished"\s*:\s*"([^"]{8,40})\"""",
    re.IGNORECASE,
)
_META_SITE = re.compile(
    r"""property\s*=\s*["']og:site_name["'][^>]{0,200}?content\s*=\s*["']([^"']{1,100})["']""",
    re.IGNORECASE,
)
_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n")
_LINE = re.compile(r"[^\n]+")

WORD = re.compile(r"[^\W\d_](?:[\w'’\-]*\w)?|\d+(?:[.,:/]\d+)*|[^\w\s]")

ABBREVIATIONS = frozenset(
    [
        "dr",
        "prof",
        "mr",
        "mrs",
        "ms",
        "st",
        "jr",
        "sr",
        "no",
        "vs",
        "hj",
        "h",
        "ir",
        "drs",
        "dra",
        "sp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "agu",
        "sep",
        "sept",
        "oct",
        "okt",
        "nov",
        "dec",
        "des",
        "gen",
        "gov",
        "sen",
        "rep",
        "rev",
        "ust",
        "mx",
        "cllr",
        "lt",
        "col",
        "sgt",
        "capt",
        "inc",
        "ltd",
        "co",
        "corp",
        "dll",
        "dsb",
        "tsb",
        "etc",
        "kh",
        "fr",
        "rev",
        "messrs",
        "mt",
        "ft",
    ]
)
_TERMINATOR = re.compile(r"[.!?…]+[\"'”’»)\]]*")


@dataclass(frozen=True)
class Paragraph:
    index: int  # 1-based
    start: int
    end: int


class Token(NamedTuple):  # a tuple: built for every word of every sentence, so kept cheap
    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()

    @property
    def is_capitalised(self) -> bool:
        return self.text[0].isupper()


@dataclass
class HtmlDocument:
    text: str
    title: str = ""
    published: str = ""
    authors: list[str] = field(default_factory=list)
    sitename: str = ""
    hostname: str = ""


def looks_like_html(text: str) -> bool:
    """True when the input has several HTML tags near its start."""
    head = text[:20000]
    return len(_HTML_TAG.findall(head)) >= 2


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def html_to_document(markup: str, *, url: str = "") -> HtmlDocument:
    """Main text and metadata of an HTML page (trafilatura, with a tag-stripping fallback)."""
    doc = None
    try:
        import trafilatura

        doc = trafilatura.bare_extraction(
            markup,
            url=url or None,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
        )
    except Exception:
        doc = None
    published = ""
    match = _META_PUBLISHED.search(markup[:200000])
    if match:
        published = match.group(1) or match.group(2) or ""
    site = _META_SITE.search(markup[:200000])
    if doc is not None and getattr(doc, "text", None):
        authors = [a.strip() for a in re.split(r";|,| and ", doc.author or "") if a.strip()]
        return HtmlDocument(
            text=normalise_newlines(doc.text),
            title=doc.title or "",
            published=published or (doc.date or ""),
            authors=authors,
            sitename=(site.group(1) if site else "") or "",
            hostname=doc.hostname or "",
        )
    stripped = _SCRIPT_STYLE.sub(" ", markup)
    stripped = _BLOCK_TAG.sub("\n", stripped)
    stripped = html_lib.unescape(_ANY_TAG.sub(" ", stripped))
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in stripped.split("\n")]
    return HtmlDocument(
        text="\n".join(line for line in lines if line),
        published=published,
        sitename=(site.group(1) if site else "") or "",
    )


def split_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs are non-empty lines, except blocks that look hard-wrapped, which are merged."""
    spans: list[tuple[int, int]] = []
    block_start = 0
    for sep in [*_BLANK_LINES.finditer(text), None]:
        block_end = sep.start() if sep else len(text)
        lines = [(m.start(), m.end()) for m in _LINE.finditer(text, block_start, block_end)]
        lines = [_strip_span(text, s, e) for s, e in lines]
        lines = [(s, e) for s, e in lines if e > s]
        if _is_hard_wrapped(text, lines):
            spans.append((lines[0][0], lines[-1][1]))
        else:
            spans.extend(lines)
        block_start = sep.end() if sep else len(text)
    return [Paragraph(i + 1, s, e) for i, (s, e) in enumerate(spans)]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    if len(lines) < 3:
        return False
    return all(40 <= e - s <= 100 and text[e - 1] not in '.!?:”"' for s, e in lines[:-1])


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in WORD.finditer(text, start, end)]


def finditer_near(
    pattern: re.Pattern, text: str, anchor: re.Pattern, words: int, start: int = 0, end: int = -1
):
    """The matches of ``pattern.finditer(text, start, end)``, for a pattern each of whose matches
    contains a match of ``anchor`` that at most ``words`` whitespace-separated words precede in
    it: the pattern is tried only at the positions that allows, not at every position."""
    end = len(text) if end < 0 else end
    pos = start  # where the next match may start (the end of the last one)
    tried = start  # every position from ``pos`` up to here has been tried, without a match
    found = anchor.search(text, pos, end)
    while found is not None:
        occurrence = first = found.start()
        for _ in range(words):  # back to the start of the ``words``-th word before the anchor
            while first > 0 and text[first - 1].isspace():
                first -= 1
            while first > 0 and not text[first - 1].isspace():
                first -= 1
        for candidate in range(max(pos, tried, first), occurrence + 1):
            match = pattern.match(text, candidate, end)
            if match is not None:
                yield match
                pos = tried = max(match.end(), candidate + 1)
                found = anchor.search(text, pos, end)
                break
        else:
            tried = occurrence + 1
            found = anchor.search(text, occurrence + 1, end)


def is_abbreviation_before(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` ends an abbreviation or an initial ("Dr.", "J.")."""
    i = dot
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
        if dot - i > 12:
            return False
    word = text[i:dot].lower()
    if not word:
        return False
    if len(word) == 1 and text[i].isupper():
        return True
    return word in ABBREVIATIONS or word.replace(".", "") in {"am", "pm", "us", "uk", "eg", "ie"}


def sentence_spans(
    text: str, start: int, end: int, opaque: SpanIndex | list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]``; terminators inside ``opaque`` spans (quotes) are ignored.

    A quotation whose text ends with . ! or ? closes the sentence when the next word starts
    with a capital letter or another quotation opens.
    """
    bounds: list[int] = []
    nearby = opaque.within(start, end) if isinstance(opaque, SpanIndex) else opaque
    opaque_iter = iter(sorted(o for o in nearby if o[1] > start and o[0] < end))
    current = next(opaque_iter, None)
    pos = start
    for match in _TERMINATOR.finditer(text, start, end):
        while current is not None and current[1] <= match.start():
            if _quote_ends_sentence(text, current, end, inclusive=True):
                bounds.append(current[1])
            current = next(opaque_iter, None)
        if current is not None and current[0] <= match.start() < current[1]:
            continue
        if match.start() < pos:
            continue
        single_dot = text[match.start()] == "." and match.end() - match.start() == 1
        if single_dot and is_abbreviation_before(text, match.start()):
            continue
        if _starts_new_sentence(text, match.end(), end):
            bounds.append(match.end())
            pos = match.end()
    while current is not None:
        if _quote_ends_sentence(text, current, end, inclusive=False):
            bounds.append(current[1])
        current = next(opaque_iter, None)
    spans = []
    prev = start
    for b in sorted(set(bounds)):
        if prev < b <= end:
            spans.append(_strip_span(text, prev, b))
            prev = b
    if prev < end:
        spans.append(_strip_span(text, prev, end))
    return [(s, e) for s, e in spans if e > s]


def _quote_ends_sentence(text: str, span: tuple[int, int], end: int, *, inclusive: bool) -> bool:
    """A quotation ending in . ! ? closes the sentence when a new one starts after it."""
    close = span[1]
    if close > end or (close == end and not inclusive) or close - 1 <= span[0]:
        return False
    return text[close - 2] in ".!?…" and _starts_new_sentence(text, close, end)


def _starts_new_sentence(text: str, pos: int, end: int) -> bool:
    if pos >= end:
        return True
    if not text[pos].isspace():
        return False
    i = pos
    while i < end and text[i].isspace():
        i += 1
    if i >= end:
        return True
    ch = text[i]
    return ch.isupper() or ch.isdigit() or ch in "“\"«„‘'(["


class SpanIndex:
    """Sorted, mostly non-overlapping spans with logarithmic membership tests."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def covers(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end) - 1
        return i >= 0 and self.spans[i][1] > start

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        """Spans that intersect ``[start, end)``."""
        lo = max(0, bisect_right(self.starts, start) - 1)
        hi = bisect_left(self.starts, end)
        return [s for s in self.spans[lo:hi] if s[1] > start and s[0] < end]
