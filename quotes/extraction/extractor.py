"""``extract_article``: source metadata plus direct and indirect quotes with speakers and dates.

The article body is walked once, in reading order, so that short names ("Patrushev") and
pronouns (dia, ia, beliau, he, she) resolve to the people introduced before them, and so that
the date given for a speaker ("pada Selasa (19/9/2023)") carries over to that speaker's later
quotes.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from itertools import pairwise

from .attribution import Cue, document_lead_in, find_cue_before, left_cue, right_cue
from .dates import DateMention, find_dates
from .document import (
    HtmlDocument,
    Paragraph,
    SpanIndex,
    finditer_near,
    html_to_document,
    is_abbreviation_before,
    looks_like_html,
    normalise_newlines,
    sentence_spans,
    split_paragraphs,
)
from .languages import DEFAULT_LANGUAGE, PACKS, LanguagePack, alternation, pack_for
from .lexicon import (
    ANSWER_LABELS,
    DEFINITE_ARTICLES,
    NARRATION_CUES,
    QUESTION_LABELS,
    RETROSPECTIVE_PATTERNS,
    SAME_EVENT_PATTERNS,
)
from .metadata import detect_language, read_header
from .names import (
    NameParse,
    Registry,
    capitalised_runs,
    gender_of,
    is_role_word,
    looks_common,
    normalise_name,
    parse_run,
    preceded_by_non_person_head,
    read_evidence,
    role_after,
    role_before,
)
from .quotes import QuoteSpan, find_quote_spans, is_embedded, looks_like_title, word_count
from .reported import find_reported
from .subjects import ANAPHOR, find_organisations
from .types import ExtractedQuote, ExtractedSource, ExtractionResult

logger = logging.getLogger(__name__)

_QA_LABEL = re.compile(rf"(?P<label>{alternation(QUESTION_LABELS | ANSWER_LABELS) or '(?!)'})\s*[:.\-–—]\s+")
_SUBJECT_PRONOUN = re.compile(
    r"\W{0,3}(?:" + alternation({w for pack in PACKS.values() for w in pack.pronouns}) + r")\b", re.IGNORECASE
)
_RETRO = re.compile(r"\W{0,3}(?:" + ("|".join(RETROSPECTIVE_PATTERNS) or "(?!)") + ")", re.IGNORECASE)
# A paragraph after an interview answer that quotes or reports someone is narration again.
_NARRATION = re.compile(rf"[“”\"«»]|\b(?:{alternation(NARRATION_CUES) or '(?!)'})\b", re.IGNORECASE)
_NAME_THEN_WORD = re.compile(r"(?:[A-Z][\w.'’-]*\s+){0,5}?[A-Z][\w'’-]*\s+([a-z][\w-]+)")
_MAX_CUE_REGION = 260
_LEADING_THE = re.compile(
    rf"^(?:{alternation({form for word in DEFINITE_ARTICLES for form in (word, word.capitalize())}) or '(?!)'})\s+"
)
# Attributions that place the words at the event the lead reports ("told the meeting",
# "seusai laga", "dalam rapat yang sama", "siang itu").
_SAME_EVENT = re.compile(
    "|".join(rf"\b(?:{pattern})\b" for pattern in SAME_EVENT_PATTERNS) or "(?!)", re.IGNORECASE
)
# The longest input the extractor reads (characters, HTML included): the walk is linear, and this
# bounds it to a few seconds. Longer text is refused with ``ArticleTooLong``.
MAX_ARTICLE_CHARS = 2_000_000


class ArticleTooLong(ValueError):
    """The text is longer than ``MAX_ARTICLE_CHARS``; the message can be shown to the user."""

    def __init__(self, length: int):
        super().__init__(
            f"The article is {length:,} characters long; the extractor reads at most "
            f"{MAX_ARTICLE_CHARS:,}. Paste the article body only, or split it."
        )
        self.length = length


# The speaker of words attributed to an unnamed person ("a fish trader said"); reported as "".
ANONYMOUS = "\x00anonymous"


def extract_article(
    text: str,
    *,
    language: str | None = None,
    url: str = "",
    html: bool | None = None,
    published_at: datetime | None = None,
) -> ExtractionResult:
    """Extract source metadata and candidate quotes from a news article.

    ``text`` is plain text or HTML (``html=None`` detects it). ``language`` ("id"/"en") is
    detected when not given. ``published_at`` overrides the publication time found in the
    text; relative dates ("kemarin", "on Tuesday") are resolved against it. Raises
    ``ArticleTooLong`` for text over ``MAX_ARTICLE_CHARS``; otherwise never raises: on an
    unexpected internal error the result has the text and no quotes.
    """
    raw = text if isinstance(text, str) else ""
    if len(raw) > MAX_ARTICLE_CHARS:
        raise ArticleTooLong(len(raw))
    try:
        return extract_unguarded(raw, language=language, url=url, html=html, published_at=published_at)
    except Exception:
        logger.exception("quote extraction failed")
        plain = normalise_newlines(raw)
        return ExtractionResult(
            text=plain, source=ExtractedSource(language=language or "", url=url), quotes=()
        )


def extract_unguarded(
    text: str,
    *,
    language: str | None = None,
    url: str = "",
    html: bool | None = None,
    published_at: datetime | None = None,
) -> ExtractionResult:
    """``extract_article`` without the safety net (used by the robustness tests)."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise ArticleTooLong(len(text))
    is_html = looks_like_html(text) if html is None else html
    html_doc: HtmlDocument | None = html_to_document(text, url=url) if is_html else None
    plain = html_doc.text if html_doc is not None else normalise_newlines(text)
    lang = language or detect_language(plain) or DEFAULT_LANGUAGE
    paragraphs = split_paragraphs(plain)
    header = read_header(plain, paragraphs, language=lang, url=url, html_doc=html_doc)
    source = header.source
    if published_at is not None:
        source = replace(
            source,
            published_at=published_at,
            published_precision="minute",
            published_timezone_assumed=published_at.tzinfo is None,
        )
    reference = source.published_at.date() if source.published_at else None
    pack = pack_for(lang)
    read_evidence(plain, pack).parsed.clear()  # remembered for one walk only
    walker = _Walker(plain, paragraphs, header.body_start, reference, pack)
    return ExtractionResult(text=plain, source=source, quotes=tuple(walker.run()))


# Marks that open each paragraph of a quotation running on ('' is the New York Times style).
_OPENING_MARKS = "“‟„«\"'"


@dataclass
class _Candidate:
    start: int
    end: int
    open: int
    outer_end: int
    paragraph: int
    last_paragraph: int
    kind: str  # "direct" | "qa"
    cue: Cue | None = None
    borrowed: bool = False
    closed: bool = True


@dataclass
class _Found:
    start: int
    end: int
    paragraph: int
    last_paragraph: int
    type: str
    speaker: str
    cue: str
    said_on: DateMention | None
    confidence: float
    # The sentence around a partial quote, which is its excerpt; else the paragraphs.
    sentence: tuple[int, int] | None = None
    # Where a date counts as stated for these words (the attribution); a date found
    # anywhere else was inferred from context.
    region: tuple[int, int] | None = None


@dataclass
class _Walker:
    text: str
    paragraphs: list[Paragraph]
    body_start: int
    reference: date | None
    pack: LanguagePack
    registry: Registry = field(default_factory=Registry)
    subject: str = ""
    subject_paragraph: int = -1
    last_speaker: str = ""
    last_speaker_paragraph: int = -1
    last_quote: _Found | None = None
    speaker_dates: dict[str, DateMention] = field(default_factory=dict)
    paragraph_persons: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    paragraph_dates: dict[int, list[DateMention]] = field(default_factory=dict)
    found: list[_Found] = field(default_factory=list)
    possessive_mentions: list[tuple[int, str]] = field(default_factory=list)
    organisations: list[tuple[int, str, str]] = field(default_factory=list)
    # True while the subject is a person first named in the sentence that set it.
    introduced: bool = False
    full_names: dict[str, str] = field(default_factory=dict)

    def run(self) -> list[ExtractedQuote]:
        body = [(i, p) for i, p in enumerate(self.paragraphs) if p.start >= self.body_start]
        if not body:
            return []
        self.lead = body[0][0]
        self.organisations = find_organisations(self.text, self.body_start, len(self.text))
        self.organisation_starts = [start for start, _, _ in self.organisations]
        self.organisation_names = {}
        for _, name, acronym in reversed(self.organisations):  # the first introduction wins
            self.organisation_names[name] = name
            if acronym:
                self.organisation_names[acronym] = name
        double_apostrophe = "double_apostrophe" in self.pack.quote_styles
        raw = [
            s
            for s in find_quote_spans(self.text, self.paragraphs, double_apostrophe=double_apostrophe)
            if s.open >= self.body_start
        ]
        self.raw_spans = SpanIndex([(s.open, s.outer_end) for s in raw])
        answers = self._interview_answers(body)
        raw = [s for s in raw if not any(a.start <= s.open < a.end for a in answers)]
        candidates = self._accepted(raw) + answers
        candidates.sort(key=lambda c: c.open)
        self.accepted_spans = SpanIndex([(c.open, c.outer_end) for c in candidates])
        self.candidate_opens = [c.open for c in candidates]
        self.candidates = candidates
        self.interviewee = ""
        events: list[tuple[int, int, object]] = []
        for c in candidates:
            events.append((c.open, 1, c))
        for index, par in body:
            for s, e in self._free_segments(par):
                for s_start, s_end in sentence_spans(self.text, s, e, self.raw_spans):
                    events.append((s_start, 0, (index, s_start, s_end)))
        events.sort(key=lambda ev: (ev[0], ev[1]))
        current_paragraph = -1
        for _, _, event in events:
            paragraph = event.paragraph if isinstance(event, _Candidate) else event[0]
            if paragraph != current_paragraph:
                self._close_paragraph(current_paragraph)
                current_paragraph = paragraph
            if isinstance(event, _Candidate):
                self._quote(event)
            else:
                self._sentence(*event)
        self._close_paragraph(current_paragraph)
        return [self._build(f) for f in sorted(self.found, key=lambda f: f.start)]

    # --- candidates -------------------------------------------------------------------

    def _accepted(self, raw: list[QuoteSpan]) -> list[_Candidate]:
        self.partials: list[QuoteSpan] = []
        result: list[_Candidate] = []
        document_paragraph = -1
        cues: list[Cue | None] = []
        for index, span in enumerate(raw):
            par = self.paragraphs[span.last_paragraph]
            limit = raw[index + 1].open if index + 1 < len(raw) else par.end
            cue = right_cue(self.text, span.outer_end, min(limit, par.end)) if span.closed else None
            adjacent = cue is not None
            closing_cue = adjacent
            if cue is None:
                open_par = self.paragraphs[span.paragraph]
                floor = open_par.start
                if index > 0 and raw[index - 1].outer_end > floor:
                    floor = raw[index - 1].outer_end
                start = self._sentence_start(floor, span.open)
                cue = left_cue(self.text, span.open, start)
                before = self.text[start : span.open].rstrip()
                adjacent = cue is not None and before.endswith((":", ","))
                if cue is None and not before and span.paragraph > 0:
                    cue = self._cue_ending_previous_paragraph(span.paragraph - 1)
                    adjacent = cue is not None
            cues.append(cue)
            if (
                closing_cue
                and span.paragraph == span.last_paragraph
                and self._reported_tail(raw, index, span)
            ):
                self.partials.append(span)  # credited later, if its sentence reports speech
                continue
            if cue is not None and cue.kind == "document":
                document_paragraph = span.last_paragraph
                continue  # "…," the report said: written, not spoken
            if cue is None and (
                document_paragraph == span.paragraph
                or document_lead_in(
                    self.text,
                    span.open,
                    self._sentence_start(self.paragraphs[span.paragraph].start, span.open),
                )
            ):
                document_paragraph = span.last_paragraph
                continue  # the same text quoted on, or a text introduced with a colon
            inner = self.text[span.start : span.end]
            words = word_count(inner)
            par_start = self.paragraphs[span.paragraph].start
            if looks_like_title(inner) and not adjacent:
                continue
            if (
                cue is not None
                and cue.region_start >= span.outer_end
                and self._title_before_cue(span, index, raw)
            ):
                continue
            if is_embedded(self.text, span, par_start) and not adjacent:
                if words >= 3 and span.closed and span.paragraph == span.last_paragraph:
                    self.partials.append(span)  # credited later, if its sentence reports speech
                continue
            if words < 4 and not adjacent and not self._continues_quote(result, cues, index, span):
                continue
            if words < 2 and cue is None:
                continue
            result.append(
                _Candidate(
                    span.start,
                    span.end,
                    span.open,
                    span.outer_end,
                    span.paragraph,
                    span.last_paragraph,
                    "direct",
                    cue,
                    closed=span.closed,
                )
            )
        for first, second in pairwise(result):
            gap = self.text[first.outer_end : second.open]
            if first.cue is None and second.cue is not None and not gap.strip():
                first.cue, first.borrowed = second.cue, True
        return result

    def _title_before_cue(self, span: QuoteSpan, index: int, raw: list[QuoteSpan]) -> bool:
        """A title closed by the cue of its sentence but continuing the words before it ("On
        ABC’s “This Week,” Rubio said"): the name of a programme, not words said."""
        floor = self.paragraphs[span.paragraph].start
        if index > 0 and raw[index - 1].outer_end > floor:
            floor = raw[index - 1].outer_end
        before = self.text[self._sentence_start(floor, span.open) : span.open].rstrip()
        if not before or not (before[-1].isalnum() or before[-1] in "’'"):
            return False
        return looks_like_title(self.text[span.start : span.end])

    def _continues_quote(self, result: list[_Candidate], cues: list, index: int, span: QuoteSpan) -> bool:
        """A short quotation right after an attributed one in the same paragraph, with only its
        cue between ("“… Clinton,” he said. “They see that.”"): the same speaker goes on."""
        if not result or index == 0 or cues[index - 1] is None or not span.closed:
            return False
        previous = result[-1]
        if previous.last_paragraph != span.paragraph or previous.outer_end > span.open:
            return False
        gap = self.text[previous.outer_end : span.open]
        sentence = self.text[span.start : span.end].rstrip().endswith((".", "!", "?", "…"))
        if not sentence or not gap.rstrip().endswith((".", ":")):
            return False
        if len(gap) <= 40 and word_count(gap) <= 5:
            return True
        # Only the previous quotation's cue clause between them ("“…,” said X, the president of
        # the chamber. “Marco gets it.”"): one sentence, which that cue starts.
        cue = cues[index - 1]
        return (
            cue.region_start >= previous.outer_end
            and word_count(gap) <= 25
            and self._sentence_start(previous.outer_end, span.open) == span.open
            and not self._sentence_start(previous.outer_end, span.open - 1) > previous.outer_end
        )

    def _cue_ending_previous_paragraph(self, index: int) -> Cue | None:
        """'… the company said:' closing the paragraph before a quotation that opens its own."""
        par = self.paragraphs[index]
        if par.start < self.body_start or not self.text[par.start : par.end].endswith(":"):
            return None
        if self.raw_spans.covers(par.end - 1):
            return None
        return left_cue(self.text, par.end, self._sentence_start(par.start, par.end))

    def _reported_tail(self, raw: list[QuoteSpan], index: int, span: QuoteSpan) -> bool:
        """ "He tried to …, and he “made a mistake,” Okafor said.": a quotation that ends the
        reporter's own sentence before its cue. Less than half of what the cue reports is
        quoted, so the whole is reported speech."""
        par_start = self.paragraphs[span.paragraph].start
        if not is_embedded(self.text, span, par_start):
            return False
        floor = max(par_start, raw[index - 1].outer_end if index > 0 else par_start)
        start = self._sentence_start(floor, span.open)
        quoted = span.outer_end - span.open
        return word_count(self.text[start : span.open]) >= 3 and quoted * 2 < span.outer_end - start

    def _sentence_start(self, floor: int, pos: int) -> int:
        segment = self.text[floor:pos]
        best = floor
        for match in re.finditer(r"[.!?]+[\"'”’»)]*\s+", segment):
            dot = floor + match.start()
            if self.text[dot] == "." and is_abbreviation_before(self.text, dot):
                continue
            best = floor + match.end()
        return best

    def _interview_answers(self, body: list[tuple[int, Paragraph]]) -> list[_Candidate]:
        labelled = []
        for index, par in body:
            match = _QA_LABEL.match(self.text, par.start, par.end)
            if match:
                labelled.append((index, par, match))
        questions = sum(1 for _, _, m in labelled if m.group("label") in QUESTION_LABELS)
        if questions < 2 or len(labelled) - questions < 2:
            return []
        labelled_indexes = {index for index, _, _ in labelled}
        answers = []
        for index, _par, match in labelled:
            if match.group("label") in QUESTION_LABELS:
                continue
            last = index
            while last + 1 < len(self.paragraphs) and last + 1 not in labelled_indexes:
                following = self.paragraphs[last + 1]
                if _NARRATION.search(self.text, following.start, following.end):
                    break
                last += 1
            end = self.paragraphs[last].end
            answers.append(_Candidate(match.end(), end, match.end(), end, index, last, "qa"))
        return answers

    def _free_segments(self, par: Paragraph) -> list[tuple[int, int]]:
        segments = []
        pos = par.start
        first = max(0, bisect_right(self.candidate_opens, par.start) - 1)
        for c in self.candidates[first:]:
            if c.open >= par.end:
                break
            if c.outer_end <= par.start:
                continue
            if c.open > pos:
                segments.append((pos, c.open))
            pos = max(pos, c.outer_end)
        if pos < par.end:
            segments.append((pos, par.end))
        return segments

    # --- walking ----------------------------------------------------------------------

    def _sentence(self, paragraph: int, start: int, end: int) -> None:
        statements = find_reported(self.text, start, end, blocked=self.accepted_spans, pack=self.pack)
        indirect = statements[0] if statements else None
        clause: tuple[int, int] | None = None
        speaker = ""
        for statement in statements:
            said_by = self._reported(paragraph, start, end, statement)
            if said_by and not speaker:
                speaker, clause = said_by, (statement.start, statement.end)
        self._partial_quotes(paragraph, start, end, speaker, indirect, statements)
        self.possessive_mentions = []
        mentions = self._mentions(start, end)
        persons = self.paragraph_persons.setdefault(paragraph, [])
        persons.extend(mentions)
        persons.extend(self.possessive_mentions)
        starts_with_pronoun = bool(_SUBJECT_PRONOUN.match(self.text, start, end))
        if speaker:
            self._set_subject(speaker, paragraph)
        elif starts_with_pronoun and self.subject:
            persons.append((start, self.subject))
            self.subject_paragraph = paragraph
        elif mentions:
            was_introduced = self.introduced and self.subject == mentions[0][1]
            previous = (self.subject, self.introduced and self.subject_paragraph == paragraph)
            self._set_subject(mentions[0][1], paragraph)
            lead = self.text[start : mentions[0][0]].split()
            # "Terkait …, Gubernur BI Perry Warjiyo mendorong …": after a fronted phrase, the
            # name that a predicate follows is the subject too.
            fronted = next((k + 1 for k in range(len(lead) - 1, -1, -1) if lead[k].endswith(",")), 0)
            strict = not fronted
            if not fronted:
                # A subheading run into the sentence ("Kawal kotak suara Kepala Bidang Humas …").
                fronted = next(
                    (
                        k
                        for k in range(1, min(len(lead), 5))
                        if lead[k][:1].isupper()
                        and lead[k - 1].isalpha()
                        and lead[k - 1].islower()
                        and lead[k - 1] not in self.pack.function_words
                    ),
                    0,
                )
            if fronted and not self._predicate_after(mentions[0][0], end, strict=strict):
                fronted = 0
            presented = next(
                (
                    k + 1
                    for k in range(len(lead) - 1, -1, -1)
                    if lead[k].lower() in self.pack.presenting_words
                ),
                None,
            )
            if presented is not None and any(is_role_word(w) for w in lead[presented:]):
                fronted = presented  # "Salah satunya adalah Ketua … X": X is presented
            opens = all(
                w[:1].isupper()
                or w[:1] in "(/"
                or w.isdigit()
                or is_role_word(w)
                or w in self.pack.conjunctions
                for w in lead[fronted:]
            )
            # Only the subject of the sentence takes over from the last speaker ("Hanna Keraf
            # juga blusukan …. “…,” ujarnya"), not a name further on ("… tentang Ekonomi").
            # "His business partner, Rachel Stein, handles …": a description, then the name.
            person_end = self.text.find(",", mentions[0][0], min(end, mentions[0][0] + 60))
            appositive = (
                0 < len(lead) <= 6
                and lead[-1].endswith(",")
                and person_end > 0
                and not self.text[mentions[0][0] : person_end].count(" ") > 4
            )
            self.introduced = opens or appositive or was_introduced
            if not self.introduced and previous[1]:
                # A name further on ("… dibahas dalam rapat DPR dan Menpora") leaves the person
                # just introduced as the subject.
                self.subject, self.introduced = previous
        dates = [
            d
            for d in find_dates(self.text, start, end, reference=self.reference)
            if clause is None or not clause[0] <= d.start < clause[1]
        ]
        if (speaker or mentions) and not any(d.precision == "day" and not d.future for d in dates):
            event = self._event_date(start, end)
            dates = [*dates, event] if event is not None else dates
        self.paragraph_dates.setdefault(paragraph, []).extend(dates)
        if dates and _RETRO.match(self.text, start, end):
            self._retro_date(dates, paragraph)

    def _reported(self, paragraph: int, start: int, end: int, indirect) -> str:
        """Records one reported statement of the sentence ``text[start:end]``; its speaker."""
        speaker = self._speaker_for(
            indirect.kind, indirect.name, indirect.pronoun, indirect.start, require_person=True
        )
        org = ""
        if indirect.kind == "org":
            org = self._organisation(indirect.org, indirect.start)
        elif indirect.kind == "name" and indirect.name is not None:
            org = self._organisation(indirect.name.name, indirect.start, strict=True)
        if org:
            # Not annotated as indirect speech, but it dates the organisation's quotes.
            self.paragraph_persons.setdefault(paragraph, []).append((indirect.start, org))
        # Someone whose words are reported but who cannot be named for sure (an ambiguous name,
        # "Sixty percent of voters") gives an empty speaker; an organisation gives nothing.
        if not speaker and not (indirect.kind == "np" or (indirect.kind == "name" and not org)):
            return ""
        said_on = self._region_date(indirect.region)
        said_on = said_on or self._known_date(speaker, paragraph, indirect.start)
        confidence = {"name": 0.75, "np": 0.3}.get(indirect.kind, 0.65)
        found = _Found(
            indirect.start,
            indirect.end,
            paragraph,
            paragraph,
            "indirect",
            speaker,
            indirect.cue,
            said_on,
            confidence,
            region=(start, end),
        )
        self.found.append(found)
        if speaker:
            self._note_speaker(speaker, paragraph, indirect.start)
        return speaker

    def _partial_quotes(
        self, paragraph: int, start: int, end: int, speaker: str, indirect, statements: list
    ) -> None:
        """Partial quotes inside a sentence that reports speech ("Lang called the clause “a
        loophole big enough to drive a lorry through”"): direct quotes of the sentence's
        speaker, with the sentence as their excerpt. A quote inside a reported statement stays
        part of that indirect quote (less than half of it is quoted, see ``find_reported``)."""
        inside = [
            p
            for p in self.partials
            if start <= p.open
            and p.outer_end <= end
            and not any(
                s.start <= p.open and not self.text[s.end : p.outer_end].strip(" ,.!?”\"'»")
                for s in statements
            )
        ]
        if not inside:
            return
        cue_word, confidence = (indirect.cue, 0.7) if speaker else ("", 0.0)
        if not speaker:
            cue = find_cue_before(self.text, start, inside[0].open)
            if cue is None:
                return
            cue_word = cue.word
            if not self._mostly_quoted_after(cue.word, start, end, inside):
                return  # "called the law “much better” than the old one, since …": a description
            speaker = self._speaker_for(cue.kind, cue.name, cue.pronoun, start, require_person=True)
            confidence = 0.6
        if not speaker:
            return
        for span in inside:
            said_on = self._known_date(speaker, paragraph, span.open)
            self.found.append(
                _Found(span.start, span.end, paragraph, paragraph, "direct", speaker, cue_word, said_on,
                       confidence, sentence=(start, end), region=(start, end))
            )  # fmt: skip

    def _mostly_quoted_after(self, cue_word: str, start: int, end: int, spans: list[QuoteSpan]) -> bool:
        """The half rule for what a cue introduces without a reported clause: the rest of the
        sentence after the cue is at least half inside quotation marks."""
        match = re.search(rf"\b{re.escape(cue_word)}\b", self.text[start : spans[0].open])
        if match is None:
            return True
        content_start = start + match.end()
        for word in re.finditer(r"\w+", self.text[content_start : spans[0].open]):
            if word.group().lower() in self.pack.complementisers:
                content_start += word.end()  # "told the meeting that …": the clause after it
                break
        content_end = end
        while content_end > content_start and self.text[content_end - 1] in " .!?\n":
            content_end -= 1
        quoted = sum(min(s.outer_end, content_end) - s.open for s in spans)
        return quoted * 2 >= content_end - content_start

    def _quote(self, c: _Candidate) -> None:
        speaker = ""
        cue_word = ""
        inherited: _Found | None = None
        confidence = 0.3
        if c.kind == "qa":
            speaker = self._interviewee()
            cue_word = "Q&A"
            confidence = 0.85
        elif c.cue is not None:
            cue_word = c.cue.word
            speaker = self._speaker_for(
                c.cue.kind, c.cue.name, c.cue.pronoun, c.open, require_person=False, org=c.cue.org
            )
            confidence = {"name": 0.9, "pronoun": 0.8, "org": 0.8, "anon": 0.7}.get(c.cue.kind, 0.5)
            if c.cue.kind == "np":
                speaker, confidence = self._role_only(c.cue), 0.6
        else:
            last = self.last_quote
            starts_paragraph = not self.text[self.paragraphs[c.paragraph].start : c.open].strip()
            if last is not None and last.last_paragraph == c.paragraph and last.type == "direct":
                speaker, inherited, confidence = last.speaker, last, 0.75
            elif starts_paragraph and self.last_speaker and self.last_speaker_paragraph == c.paragraph - 1:
                speaker, confidence = self.last_speaker, 0.6
                if last is not None and last.speaker == speaker:
                    inherited = last
            elif self.subject and self.subject_paragraph >= c.paragraph - 1:
                speaker, confidence = self.subject, 0.45
        said_on = None
        if c.cue is not None:
            region = ((c.cue.region_start, c.cue.region_end),)
            said_on = self._region_date(region)
        if said_on is None and inherited is not None:
            said_on = inherited.said_on
        if said_on is None and speaker:
            said_on = self._known_date(speaker, c.paragraph, c.open)
        if not c.closed:
            confidence *= 0.7
        if word_count(self.text[c.start : c.end]) < 4:
            confidence *= 0.9
        found = _Found(
            c.start,
            c.end,
            c.paragraph,
            c.last_paragraph,
            "direct",
            speaker,
            cue_word,
            said_on,
            confidence,
            region=(c.cue.region_start, c.cue.region_end) if c.cue is not None else None,
        )
        if c.kind == "direct" and c.last_paragraph > c.paragraph:
            self.found.extend(self._per_paragraph(found, self.text[c.open]))
        else:
            self.found.append(found)
        self.last_quote = found
        if speaker:
            self._note_speaker(speaker, c.last_paragraph, c.open)
            self._set_subject(speaker, c.last_paragraph)

    def _per_paragraph(self, found: _Found, mark: str) -> list[_Found]:
        """A quotation running on across paragraphs (each opening with a quotation mark), as one
        quote per paragraph with the same speaker, cue and date."""
        opening = _OPENING_MARKS + mark
        pieces = []
        for index in range(found.paragraph, found.last_paragraph + 1):
            par = self.paragraphs[index]
            start, end = max(found.start, par.start), min(found.end, par.end)
            while start < end and (self.text[start].isspace() or self.text[start] in opening):
                start += 1
            while end > start and self.text[end - 1].isspace():
                end -= 1
            if end > start and self.text[end - 1] == ",":
                end -= 1
            if end > start:
                pieces.append(replace(found, start=start, end=end, paragraph=index, last_paragraph=index))
        return pieces

    def _speaker_for(
        self,
        kind: str,
        name: NameParse | None,
        pronoun: str,
        pos: int,
        *,
        require_person: bool,
        org: str = "",
    ) -> str:
        """The speaker a cue's subject refers to; "" when unknown or not a person (indirect)."""
        if kind == "name" and name is not None:
            known_org = self._organisation(name.name, pos, strict=True)
            if known_org:  # "tulis Apkelnas": an acronym introduced for an organisation
                return "" if require_person else known_org
            return self._person(name, pos, from_cue=not require_person)
        if kind == "pronoun":
            if pronoun.lower() in self.pack.plural_pronouns:
                return ""
            # The person last credited with words, unless someone new has been introduced
            # since ("Dewi Anggraeni, a seller, …. She said"); the last person mentioned when
            # nobody has spoken yet.
            candidates = [self.subject] if self.introduced else []
            candidates += [self.last_speaker, self.subject]
            candidates = [c for c in candidates if c]
            gender = self.pack.genders.get(pronoun.lower(), "")
            if gender and not require_person:
                # "she" is not the man titled "Mr. Stone" but the last woman spoken of
                candidates = [c for c in candidates if gender_of(self.text, c) in ("", gender)]
            return candidates[0] if candidates else ""
        if kind == "anon":
            return ANONYMOUS
        if kind == "org" and not require_person:
            return self._organisation(org, pos)
        return ""

    def _full_name(self, short: str) -> str:
        """The one full name the article gives for a surname or short name used alone
        ("Baron" -> "Martin Baron"); ``short`` itself when there is none or several."""
        cached = self.full_names.get(short)
        if cached is not None:
            return cached
        known = self.registry.resolve(short, pos=len(self.text))
        found = {known.name} if known is not None and known.name != short else set()
        if not found:
            # A surname ("Warren") or, failing that, a given name ("Salman") of a fuller name.
            ending = rf"(?<![\w.])(?:[A-Z][\w'’.-]*\s+){{1,3}}{re.escape(short)}(?![\w-])"
            starting = rf"(?<![\w.-]){re.escape(short)}(?:\s+[A-Z][\w'’-]*){{1,3}}"
            body = self.text[self.body_start :]
            for pattern, keep, words in ((ending, str.endswith, 3), (starting, str.startswith, 0)):
                for match in finditer_near(re.compile(pattern), body, re.compile(re.escape(short)), words):
                    start = self.body_start + match.start()
                    runs = capitalised_runs(self.text, start, self.body_start + match.end())
                    parsed = parse_run(self.text, runs[-1 if keep is str.endswith else 0]) if runs else None
                    if parsed is not None and keep(parsed.name, short) and parsed.name != short:
                        found.add(parsed.name)
                if found:
                    break
        longest = max(found, key=lambda name: len(normalise_name(name).split())) if found else ""
        tokens = set(normalise_name(longest).split())
        # "Donald Trump" and "Donald J. Trump" agree; "Bill Clinton" and "Hillary Clinton" do not.
        agree = all(set(normalise_name(name).split()) <= tokens for name in found)
        full = longest if longest and agree else short
        self.full_names[short] = full
        return full

    def _role_only(self, cue: Cue) -> str:
        """ "kata Presiden": the one person in the article introduced with that role."""
        runs = capitalised_runs(self.text, cue.region_start, cue.region_end)
        for run in runs:
            words = [t.text for t in run]
            if not words or not all(is_role_word(w) for w in words):
                continue
            role = " ".join(words).lower()
            holders = [p for p in self.registry.persons if p.role and p.role.lower() == role]
            # Several names under one bare role ("Presiden Joko Widodo" … "Presiden Jokowi"):
            # the person the article introduced with it first.
            return min(holders, key=lambda p: p.first).name if holders else ""
        return ""

    def _organisation(self, written: str, pos: int, *, strict: bool = False) -> str:
        """The organisation ``written`` refers to: acronyms are spelled out, "the company" is
        the last organisation introduced before ``pos``. With ``strict``, only known ones."""
        if written == ANAPHOR:
            index = bisect_left(self.organisation_starts, pos) - 1
            return self.organisations[index][1] if index >= 0 else ""
        bare = _LEADING_THE.sub("", written.strip())
        return self.organisation_names.get(bare, "" if strict else bare)

    def _person(self, name: NameParse, pos: int, *, from_cue: bool) -> str:
        role = name.role or role_before(self.text, name.start, max(0, pos - 300))
        role = role or role_after(self.text, name.end, len(self.text))
        if name.strong or role:
            return self.registry.add(name.name, role=role, pos=pos).name
        known = self.registry.resolve(name.name, pos=pos)
        if known is not None:
            return known.name
        if from_cue and not self._common_word(name.name):
            return self.registry.add(name.name, role=role, pos=pos).name
        return ""

    def _common_word(self, word: str) -> bool:
        """A lone capitalised word never introduced as a name, written in lower case elsewhere in
        the article ("Organisers said", "Staffers said"): a common word, not a name."""
        if " " in word or not word.isalpha():
            return False
        return re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", self.text) is not None

    def _mentions(self, start: int, end: int) -> list[tuple[int, str]]:
        found: list[tuple[int, str]] = []
        runs = capitalised_runs(self.text, start, end)
        runs = [r for r in runs if not self.raw_spans.covers(r[0].start)]
        for index, run in enumerate(runs):
            parsed = parse_run(self.text, run)
            if parsed is None:
                continue
            nxt = runs[index + 1] if index + 1 < len(runs) else None
            if nxt is not None and self.text[run[-1].end : nxt[0].start] == ", ":
                following = parse_run(self.text, nxt)
                if following is not None and len(following.name.split()) >= 2 and parsed.role:
                    continue  # "Camat Pagentan, Imam Santosa": the first run is a role
            if parsed.possessive:
                known = self.registry.resolve(parsed.name, pos=parsed.start)
                if parsed.strong:
                    known = self.registry.add(parsed.name, role=parsed.role, pos=parsed.start)
                if known is not None:
                    self.possessive_mentions.append((parsed.start, known.name))
                continue
            if not parsed.role and preceded_by_non_person_head(self.text, run[0].start):
                continue
            role = parsed.role or role_before(self.text, parsed.start, start)
            role = role or role_after(self.text, parsed.end, end)
            known = self.registry.resolve(parsed.name, pos=parsed.start)
            if known is None and not parsed.role and self.registry.in_a_role(parsed.name):
                continue  # "Founder Menganyam Pesisir X" … "Menganyam Pesisir menggandeng …"
            if (parsed.strong or role) and (role or not looks_common(self.text, parsed.name)):
                person = self.registry.add(parsed.name, role=role, pos=parsed.start)
            else:
                known = self.registry.resolve(parsed.name, pos=parsed.start)
                if known is None:
                    continue
                person = known
            found.append((parsed.start, person.name))
        return found

    def _predicate_after(self, pos: int, end: int, *, strict: bool = False) -> bool:
        """True when the capitalised name at ``pos`` is followed by a lower-case word other than
        a conjunction (its predicate: "Perry Warjiyo mendorong", "Cruz on Monday attacked");
        with ``strict``, other than any function word."""
        match = _NAME_THEN_WORD.match(self.text, pos, end)
        if match is None:
            return False
        word = match.group(1).lower()
        return word not in (self.pack.function_words if strict else self.pack.conjunctions)

    def _set_subject(self, person: str, paragraph: int) -> None:
        self.introduced = False
        self.subject = person
        self.subject_paragraph = paragraph

    def _note_speaker(self, speaker: str, paragraph: int, pos: int) -> None:
        self.last_speaker = speaker
        self.last_speaker_paragraph = paragraph
        self.paragraph_persons.setdefault(paragraph, []).append((pos, speaker))

    def _interviewee(self) -> str:
        if not self.interviewee and self.registry.persons:
            self.interviewee = self.registry.persons[0].name
        return self.interviewee

    # --- dates ------------------------------------------------------------------------

    def _region_date(self, region: tuple[tuple[int, int], ...]) -> DateMention | None:
        for start, end in region:
            end = min(end, start + _MAX_CUE_REGION) if end - start > _MAX_CUE_REGION else end
            for mention in find_dates(self.text, start, end, reference=self.reference):
                if mention.future:
                    continue
                if self.accepted_spans.covers(mention.start):
                    continue
                return mention
        for start, end in region:
            event = self._event_date(start, min(end, start + _MAX_CUE_REGION))
            if event is not None:
                return event
        return None

    def _lead_date(self, paragraph: int) -> DateMention | None:
        """The day of the event a paragraph reports, when it names a past day."""
        days = [d for d in self.paragraph_dates.get(paragraph, []) if d.precision == "day" and not d.future]
        return days[-1] if days else None

    def _event_date(self, start: int, end: int) -> DateMention | None:
        """The lead's event day, when ``text[start:end]`` refers back to that event."""
        for paragraph in (self.lead, self.lead + 1):
            day = self._lead_date(paragraph)
            if day is not None and self.paragraphs[paragraph].end <= start:
                return day if _SAME_EVENT.search(self.text, start, end) else None
        return None

    def _known_date(self, speaker: str, paragraph: int, pos: int) -> DateMention | None:
        """An earlier date in the same paragraph, else the latest day given for this speaker."""
        dates = [
            d
            for d in self.paragraph_dates.get(paragraph, [])
            if d.start < pos and d.precision == "day" and not d.future
        ]
        if dates:
            return dates[-1]
        if paragraph == self.lead + 1 and speaker != ANONYMOUS:
            # The paragraph after a dated lead usually quotes someone at that same event.
            lead_day = self._lead_date(self.lead)
            if lead_day is not None and speaker not in self.speaker_dates:
                return lead_day
        return self.speaker_dates.get(speaker)

    def _close_paragraph(self, paragraph: int) -> None:
        if paragraph < 0:
            return
        dates = [d for d in self.paragraph_dates.get(paragraph, []) if d.precision == "day" and not d.future]
        if not dates and paragraph == self.lead + 1:
            lead_day = self._lead_date(self.lead)
            dates = [lead_day] if lead_day is not None else []
        if not dates:
            return
        for _, person in self.paragraph_persons.get(paragraph, []):
            if person != ANONYMOUS:
                self.speaker_dates[person] = dates[-1]

    def _retro_date(self, dates: list[DateMention], paragraph: int) -> None:
        """'Hal itu ia sampaikan …, Rabu (17/1/2024).': date the speaker's preceding quotes."""
        day = next((d for d in dates if d.precision == "day" and not d.future), None)
        if day is None or not self.subject:
            return
        for index in range(len(self.found) - 1, -1, -1):
            found = self.found[index]
            if found.paragraph < paragraph - 1:
                break
            if found.speaker == self.subject and found.said_on is None:
                self.found[index] = replace(found, said_on=day)
        self.paragraph_persons.setdefault(paragraph, []).append((dates[0].start, self.subject))

    # --- output -----------------------------------------------------------------------

    def _build(self, f: _Found) -> ExtractedQuote:
        first = self.paragraphs[f.paragraph]
        last = self.paragraphs[max(f.last_paragraph, f.paragraph)]
        excerpt = self.text[first.start : last.end]
        if f.sentence is not None:
            excerpt = self.text[f.sentence[0] : f.sentence[1]].strip()
        speaker = "" if f.speaker == ANONYMOUS else f.speaker
        if speaker and " " not in speaker:
            speaker = self._full_name(speaker)
        person = self.registry.resolve(speaker, pos=f.start) if speaker else None
        said_on = f.said_on
        return ExtractedQuote(
            text=self.text[f.start : f.end],
            start=f.start,
            end=f.end,
            paragraph=f.paragraph - self.lead + 1,
            excerpt=excerpt,
            type=f.type,
            speaker=speaker,
            speaker_role=person.role if person else "",
            cue=f.cue,
            said_on=said_on.value if said_on else None,
            said_on_precision=said_on.precision if said_on else "",
            said_on_inferred=said_on is not None
            and not (f.region is not None and f.region[0] <= said_on.start < f.region[1]),
            confidence=round(min(1.0, max(0.0, f.confidence)), 3),
        )
