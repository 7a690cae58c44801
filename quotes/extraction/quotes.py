"""Direct quotation spans: finding them and telling quotes from titles and scare quotes.

The scanner walks the quotation marks of each paragraph once (linear time). A quotation left
open at the end of a paragraph continues when the next paragraph starts with an opening mark
(the convention for multi-paragraph quotes); otherwise it is closed at the paragraph end and
marked as unterminated.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from .document import Paragraph
from .lexicon import FUNCTION_WORDS

_MARKS = re.compile(r"[“”„‟\"«»]")
_SINGLE_MARKS = re.compile(r"[‘’]")
_WORDS = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_OPENERS = {"“": "curly", "‟": "curly", "„": "low", "«": "guillemet", '"': "straight"}
_SMALL_WORDS = FUNCTION_WORDS | {
    "of",
    "and",
    "the",
    "at",
    "in",
    "on",
    "di",
    "dan",
    "ke",
    "yang",
    "is",
    "are",
    "was",
}


@dataclass(frozen=True)
class QuoteSpan:
    open: int  # index of the opening mark
    close: int  # index of the closing mark (or paragraph end when unterminated)
    start: int  # inner text, trimmed, without a trailing comma
    end: int
    paragraph: int  # index into the paragraph list (0-based) where it opens
    last_paragraph: int
    closed: bool

    @property
    def outer_end(self) -> int:
        return self.close + 1 if self.closed else self.close


_DOUBLE_APOSTROPHE = re.compile(r"(?<!')''(?!')")
_ATTRIBUTE = re.compile(r'(?<==)"[^"<>]{0,200}"')
_TRIPLE_APOSTROPHE = re.compile(r"(?<!')'''(?!')")
_JOINER = "\u2060"


def _mark_double_apostrophes(text: str) -> str:
    """Rewrite the New York Times style ``''…''`` as straight double marks, same length.

    An opening pair becomes ``"`` plus an invisible joiner (skipped when trimming the inner
    text); a closing pair becomes a space plus ``"`` so that the inner text ends before it and
    the outer end lies after both apostrophes.
    """

    def replace(match: re.Match) -> str:
        i = match.start()
        before = text[i - 1] if i > 0 else " "
        after = text[i + 2] if i + 2 < len(text) else " "
        if (before.isspace() or before in "([—–-") and not after.isspace():
            return '"' + _JOINER
        return ' "'

    def replace_triple(match: re.Match) -> str:
        # A single quotation nested at an edge of a double one: the single mark is inside.
        i = match.start()
        before = text[i - 1] if i > 0 else " "
        if before.isspace() or before in "([—–-":
            return '"' + _JOINER + "'"
        return "' \""

    text = _TRIPLE_APOSTROPHE.sub(replace_triple, text)
    return _DOUBLE_APOSTROPHE.sub(replace, text)


def find_quote_spans(
    text: str, paragraphs: list[Paragraph], *, double_apostrophe: bool = False
) -> list[QuoteSpan]:
    """Quotation spans of the paragraphs; ``double_apostrophe`` also reads ``''…''``."""
    if double_apostrophe and "''" in text:
        text = _mark_double_apostrophes(text)
    if '="' in text:
        # Markup left in pasted text (<tweet author="…">): attribute values are not quotations.
        text = _ATTRIBUTE.sub(lambda m: _JOINER + m.group()[1:-1] + _JOINER, text)
    spans: list[QuoteSpan] = []
    family: str | None = None
    depth = 0
    straight_inside = 0
    open_at = 0
    open_par = 0
    for p_index, par in enumerate(paragraphs):
        pos = par.start
        if family is not None:
            first = _first_mark_at_start(text, par)
            if first is not None and _OPENERS.get(text[first]) in {family, "curly", "straight"}:
                pos = first + 1
                depth = 1
            else:
                spans.append(
                    _make_span(text, open_at, paragraphs[p_index - 1].end, open_par, p_index - 1, False)
                )
                family = None
        for match in _MARKS.finditer(text, pos, par.end):
            i = match.start()
            mark = text[i]
            before = text[i - 1] if i > par.start else " "
            after = text[i + 1] if i + 1 < par.end else " "
            if family is None:
                straight_inside = 0
                if mark in "“‟„«":
                    family, depth, open_at, open_par = _OPENERS[mark], 1, i, p_index
                elif mark == '"' and not after.isspace():
                    family, depth, open_at, open_par = "straight", 1, i, p_index
                elif mark == "”" and (before.isspace() or before in "([—-") and after.isalnum():
                    family, depth, open_at, open_par = "curly", 1, i, p_index
                elif mark == "»" and (before.isspace() or before in "([") and after.isalnum():
                    family, depth, open_at, open_par = "reversed", 1, i, p_index
                continue
            if family == "straight":
                # A straight opening mark closed by a curly one ("…” he said) is common in
                # copy edited in several tools.
                if mark == '"' or (mark == "”" and not before.isspace()):
                    spans.append(_make_span(text, open_at, i, open_par, p_index, True))
                    family = None
                continue
            if mark == '"':
                # A straight mark inside curly ones: a nested quotation, or the closing mark of
                # copy edited in several tools (“…," he said).
                if before.isspace() or before in "([—–-":
                    straight_inside += 1
                elif straight_inside:
                    straight_inside -= 1
                elif family == "curly" and (after.isspace() or after in ".,;:!?)—–-"):
                    spans.append(_make_span(text, open_at, i, open_par, p_index, True))
                    family = None
                continue
            closes = {"curly": "”", "low": "“”", "guillemet": "»", "reversed": "«"}[family]
            opens = {"curly": "“‟", "low": "„", "guillemet": "«", "reversed": "»"}[family]
            if mark in closes and not (family == "curly" and mark == "“"):
                if mark == "“" and family == "low" and depth > 1:
                    depth -= 1
                    continue
                depth -= 1
                if depth == 0:
                    spans.append(_make_span(text, open_at, i, open_par, p_index, True))
                    family = None
            elif mark in opens:
                if family == "curly" and not before.isspace() and (after.isspace() or after in ".,;:"):
                    depth -= 1  # “…“ used as a closing mark
                    if depth == 0:
                        spans.append(_make_span(text, open_at, i, open_par, p_index, True))
                        family = None
                else:
                    depth += 1
    if family is not None and paragraphs:
        spans.append(_make_span(text, open_at, paragraphs[-1].end, open_par, len(paragraphs) - 1, False))
    spans = [s for s in spans if s.end > s.start]
    singles = _single_quote_spans(text, paragraphs, spans)
    if not singles:
        return spans
    # In British style the double marks are the nested ones: ‘… “Mum, …?” …’
    spans = _outside(spans, singles)
    return sorted(spans + singles, key=lambda s: s.open)


def _outside(inner: list[QuoteSpan], outer: list[QuoteSpan]) -> list[QuoteSpan]:
    """The ``inner`` spans not nested in one of the (sorted, disjoint) ``outer`` spans."""
    opens = [o.open for o in outer]
    kept = []
    for span in inner:
        i = bisect_left(opens, span.open) - 1
        if i >= 0 and span.outer_end <= outer[i].outer_end:
            continue
        kept.append(span)
    return kept


def _single_quote_spans(text: str, paragraphs: list[Paragraph], doubles: list[QuoteSpan]) -> list[QuoteSpan]:
    """British-style ‘…’ quotations outside double quotation marks.

    ’ is also the apostrophe, so a closing mark must end a word or follow punctuation and
    must not be the plural possessive ("farmers’ union").
    """
    spans: list[QuoteSpan] = []
    covered = [(d.open, d.outer_end) for d in doubles]
    open_at: int | None = None
    open_par = 0
    for p_index, par in enumerate(paragraphs):
        if open_at is not None:
            first = par.start
            while first < par.end and text[first].isspace():
                first += 1
            if first < par.end and text[first] == "‘":
                open_at_next = first + 1
            else:
                spans.append(
                    _make_span(text, open_at, paragraphs[p_index - 1].end, open_par, p_index - 1, False)
                )
                open_at, open_at_next = None, par.start
        else:
            open_at_next = par.start
        for match in _SINGLE_MARKS.finditer(text, open_at_next, par.end):
            i = match.start()
            if any(s <= i < e for s, e in covered):
                continue
            before = text[i - 1] if i > par.start else " "
            after = text[i + 1] if i + 1 < par.end else " "
            if text[i] == "‘":
                if open_at is None and (before.isspace() or before in "([—–-") and not after.isspace():
                    open_at, open_par = i, p_index
            elif open_at is not None and not before.isspace() and (after.isspace() or after in ",.;:!?)]—–-"):
                if before == "s" and after == " " and text[i + 2 : i + 3].islower():
                    continue
                spans.append(_make_span(text, open_at, i, open_par, p_index, True))
                open_at = None
    if open_at is not None and paragraphs:
        spans.append(_make_span(text, open_at, paragraphs[-1].end, open_par, len(paragraphs) - 1, False))
    return [s for s in spans if s.end > s.start]


def _first_mark_at_start(text: str, par: Paragraph) -> int | None:
    i = par.start
    while i < par.end and text[i].isspace():
        i += 1
    if i < par.end and text[i] in '“‟„«"':
        return i
    return None


def _make_span(text: str, open_at: int, close: int, p_open: int, p_close: int, closed: bool) -> QuoteSpan:
    start, end = open_at + 1, close
    while start < end and (text[start].isspace() or text[start] == _JOINER):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and text[end - 1] == ",":
        end -= 1
    return QuoteSpan(open_at, close, start, end, p_open, p_close, closed)


@lru_cache(maxsize=1024)  # asked again for the same quotation as it is read
def word_count(text: str) -> int:
    return len(_WORDS.findall(text))


def looks_like_title(inner: str) -> bool:
    """Title Case phrases without sentence punctuation ("Senja di Pelabuhan Tua")."""
    stripped = inner.strip()
    if "://" in stripped or stripped.startswith("www."):
        return True  # an address, not words
    if stripped.endswith(".") and not re.search(r"[.!?;:,]", stripped[:-1]):
        # American punctuation: "… on “The Late Show With Stephen Colbert.”"
        content = [w for w in _WORDS.findall(stripped) if w.lower() not in _SMALL_WORDS]
        if len(content) >= 3:
            stripped = stripped[:-1]
    if not stripped or stripped[-1] in ".!?…":
        return False
    words = [w for w in _WORDS.findall(stripped) if w[0].isalpha()]
    if not words or len(words) > 12:
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS] or words
    capitalised = sum(1 for w in content if w[0].isupper())
    return capitalised / len(content) >= 0.75 and words[0][0].isupper()


def is_embedded(text: str, span: QuoteSpan, paragraph_start: int) -> bool:
    """A partial quote continuing the reporter's sentence: "… had “every right to be angry”."."""
    i = span.open - 1
    while i >= paragraph_start and text[i].isspace():
        i -= 1
    if i < paragraph_start:
        return False
    first = text[span.start] if span.start < span.end else ""
    return (text[i].isalnum() or text[i] in "%)") and first.islower()
