"""Reported (indirect) speech: the clause a sentence reports and who it is credited to.

"X said (that) …", "according to X, …", "…, X said.", "menurut X, …", "X mengatakan bahwa …".
Only the text is read here; the extractor resolves short names and pronouns to people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .attribution import (
    _DESCRIPTION_KINDS,
    _I,
    _PLAIN_VERB,
    _PRONOUN_AT,
    _SHORT,
    _SUFFIXED_VERB,
    speaker_after,
    speaker_before,
)
from .document import SpanIndex
from .languages import LanguagePack, alternation
from .lexicon import (
    ADVERBIAL_OPENERS,
    ARTICLES,
    ASIDE_CONJUNCTIONS,
    ASIDE_SUBORDINATORS,
    CLAUSE_ONLY_CUES,
    CLAUSE_PREPOSITIONS,
    COMMA_CLAUSE_AUXILIARIES,
    COMMA_CLAUSE_COMPLEMENTISERS,
    COMMA_CLAUSE_CUES,
    COMMA_CLAUSE_HEARER_PREPOSITIONS,
    COMMA_CLAUSE_NOT_VERBS,
    COMMA_CLAUSE_OBJECT_PREPOSITIONS,
    COMMA_CLAUSE_VERB_PREFIXES,
    CUE_ADJUNCT_PATTERNS,
    CUE_PARTICLES,
    HEARERS,
    IMPERATIVE_CUES,
    INDEFINITE_ARTICLES,
    INTERRUPTING_AUXILIARIES,
    INTERRUPTING_COMPLEMENTISERS,
    NON_CLAUSE_PATTERNS,
    OBJECT_CUES,
    OBJECT_PARTICIPLES,
    PERSONAL_RELATIVES,
    PREDICATIVE_MARKERS,
    SOURCE_CUES,
    SOURCE_PREPOSITIONS,
    TRAILING_ADJUNCT_OPENERS,
)
from .names import NameParse, capitalised_runs, is_role_word, parse_run
from .subjects import Description, describe_subject

# A word the comma-clause languages make a verb with a prefix ("menolak", "berjalan").
_VERBISH = (
    re.compile(rf"^(?:{alternation(COMMA_CLAUSE_VERB_PREFIXES)})\w{{3,}}$", _I)
    if COMMA_CLAUSE_VERB_PREFIXES
    else None
)
_BAD_CLAUSE_START = re.compile(r"^(?:" + ("|".join(NON_CLAUSE_PATTERNS) or "(?!)") + r")\b", _I)


@dataclass(frozen=True)
class Indirect:
    start: int
    end: int
    cue: str
    kind: str
    name: NameParse | None
    pronoun: str
    region: tuple[tuple[int, int], ...]  # attribution text outside the clause
    org: str = ""


# --- indirect speech ------------------------------------------------------------------

_SOURCE_CUE = re.compile(rf"\s*(?P<cue>{alternation(SOURCE_CUES)})\b", _I)
_SUFFIXED_CUE_IN = re.compile(rf"(?<![\w-])(?P<cue>{_SUFFIXED_VERB})(?![\w-])", _I)
_PLAIN_CUE_IN = re.compile(rf"\b(?P<cue>{_PLAIN_VERB})\b", _I)
# Asides ("As Roe pointed out, …") and cue particles ("pointed out"); "(?!)" matches nothing.
_ASIDE = alternation(ASIDE_SUBORDINATORS) or "(?!)"
_PARTICLE = alternation(CUE_PARTICLES) or "(?!)"
_TRAILING = re.compile(
    rf",(?:(?:''|[”\"»])\s*(?!(?:{_ASIDE})\s))?\s*(?:(?P<cue1>{_SHORT}|{_PLAIN_VERB}|{alternation(SOURCE_PREPOSITIONS)})\s+(?P<after>(?:[^,.;:!?“”\"]|\.(?=\s?[A-Z])){{1,80}})"
    rf"|(?:(?:{_ASIDE})\s+)?(?P<before>(?:[^,.;:!?]|\.(?=\s[A-Z])){{1,60}}?)\s+(?P<cue2>{_PLAIN_VERB}|{_SUFFIXED_VERB})(?:\s+(?:{_PARTICLE}))?)"
    rf"(?P<tail>(?:[^.;:!?]|\.(?=\d)|(?<=\b[A-Z])\.|[.!?](?=['\"’”»]+$)){{0,60}}?(?:,\s*(?:{alternation(ADVERBIAL_OPENERS)})\b"
    r"(?:[^.;:!?]|\.(?=\d)|(?<=\b[A-Z])\.|[.!?](?=['\"’”»]+$)){0,120}|,(?:[^.;:!?]|\.(?=\d)|(?<=\b[A-Z])\.|[.!?](?=['\"’”»]+$)){0,160})?)[.!?]?\s*$",
    _I,
)
# A hearer after a comma-clause cue ("mengatakan kepada wartawan bahwa …").
_HEARER = (
    re.compile(
        rf"\s*(?:{alternation(COMMA_CLAUSE_HEARER_PREPOSITIONS)})\s+[^.;:!?]{{1,80}}?"
        rf"(?=\s+(?:{alternation(COMMA_CLAUSE_COMPLEMENTISERS)})\b|,)",
        _I,
    )
    if COMMA_CLAUSE_HEARER_PREPOSITIONS and COMMA_CLAUSE_COMPLEMENTISERS
    else None
)
# The hearer after a cue like "told": a name, a noun phrase or one of the packs' hearers.
_HEARER_AFTER_CUE = re.compile(
    r"\s+(?:the\s+|a\s+|an\s+)?(?:(?:[a-z]+\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}|"
    rf"{alternation(HEARERS) + '|' if HEARERS else ''}the\s+\w+|\w+)\b"
)
# After a comma behind a closing cue, the cue's adjunct ("…, Roe said, in March"), not more of
# the statement.
_TRAILING_ADJUNCT = re.compile(rf"\s*,\s*(?:{alternation(TRAILING_ADJUNCT_OPENERS) or '(?!)'})\b", _I)
_COMMA_CLAUSE_COMPLEMENTISER = re.compile(rf"\b(?:{alternation(COMMA_CLAUSE_COMPLEMENTISERS)})\b")
_INTERRUPTING_COMPLEMENTISER = re.compile(rf"\b(?:{alternation(INTERRUPTING_COMPLEMENTISERS)})\b")
_INTERRUPTING_COMPLEMENTISER_END = re.compile(rf"\b(?:{alternation(INTERRUPTING_COMPLEMENTISERS)})\s*$")
_CUE_ADJUNCT = re.compile(r"\s*(?:" + ("|".join(CUE_ADJUNCT_PATTERNS) or "(?!)") + ")", _I)


def find_reported(
    text: str, start: int, end: int, *, blocked: SpanIndex, pack: LanguagePack
) -> list[Indirect]:
    """The statements reported in the sentence ``text[start:end]``: the first one found, then
    those its speaker goes on to make in the same sentence ("told the AP A and said B")."""
    first = find_indirect(text, start, end, blocked=blocked, pack=pack)
    if first is None:
        return []
    found = [first]
    stop = _sentence_stop(text, start, end)
    after = _participle_after(text, first, stop, blocked, pack)
    if after is not None:
        found.append(after)
    while len(found) < 4:
        following = _continuation(text, found[-1], stop, blocked, pack)
        if following is None:
            break
        found.append(following)
    return found


def find_indirect(
    text: str, start: int, end: int, *, blocked: SpanIndex, pack: LanguagePack
) -> Indirect | None:
    """The first statement reported in the sentence ``text[start:end]``."""
    sentence = text[start:end]
    if len(sentence) < 12:
        return None
    stop = _sentence_stop(text, start, end)
    tokens = sentence.split()
    if sum(1 for t in tokens if t[:1].isupper()) * 10 >= len(tokens) * 7:
        return None  # a headline in title case
    # A sentence cut short by a quotation ("On Israel, Trump added, “…”") introduces the
    # quotation: its words before the cue are not reported speech.
    introduces_quote = (
        text[end : end + 3].lstrip(" ")[:1] in _OPENING_MARKS and text[start:end].rstrip()[-1:] not in ".!?"
    )
    # Right after a quotation, the cue belongs to it ("“…,” she said, standing in front of …").
    after_quote = _after_quotation(text, start)
    finders = [_source_preposition, _as_cue, _cue_then_clause, _participle, _trailing, _noun_object, _nominal]
    if _short_trailing(text, start, stop):
        finders = [
            _source_preposition,
            _as_cue,
            _trailing,
            _cue_then_clause,
            _participle,
            _noun_object,
            _nominal,
        ]
    ends_with_cue = introduces_quote and bool(_ENDS_WITH_CUE.search(text, start, stop))
    for finder in finders:
        if finder is _trailing and introduces_quote and ends_with_cue:
            continue
        found = finder(text, start, stop, pack, after_quote)
        if found is None:
            continue
        checked = _checked(text, found, stop, blocked, pack, cut=finder in (_cue_then_clause, _participle))
        if checked is not None and introduces_quote and checked.end >= stop:
            quoted = _quotation_length(text, end)
            if quoted * 2 >= quoted + checked.end - checked.start:
                return None  # "X told Y that the plan “…”": more quotation than report: direct
        if checked is not None:
            return checked
    return None


def _sentence_stop(text: str, start: int, end: int) -> int:
    stop = end
    while stop > start and text[stop - 1] in ".!? \n":
        stop -= 1
    return stop


def _checked(
    text: str, found: Indirect, stop: int, blocked: SpanIndex, pack: LanguagePack, *, cut: bool
) -> Indirect | None:
    """``found`` with its clause trimmed, or None when the clause is not a statement."""
    clause_start, clause_end = found.start, found.end
    while clause_start < clause_end and text[clause_start] in " ,:–—-":
        clause_start += 1
    while clause_end > clause_start and text[clause_end - 1] in " ,–—-":
        clause_end -= 1
    if cut:
        clause_end = _clause_end(text, clause_start, clause_end, pack)
    clause = text[clause_start:clause_end]
    # "said this", "said it": an object, not a clause; a sentence its cue closes may open so.
    object_position = not found.region or found.region[0][1] <= clause_start
    if len(clause.split()) < 3 or (object_position and _BAD_CLAUSE_START.match(clause)):
        return None
    if blocked.overlaps(clause_start, clause_end):
        return None
    if clause[0] in _OPENING_MARKS:
        closing = max(clause.rfind(mark) for mark in ("”", '"', "''", "»"))
        if closing <= 0 or len(clause[closing + 1 :].split()) < 3:
            return None  # "said “…”": a quotation, unless the clause goes on past it
    if _mostly_quoted(clause):
        return None  # a quotation with a few words around it: its quotes are direct
    return Indirect(
        clause_start, clause_end, found.cue, found.kind, found.name, found.pronoun, found.region, found.org
    )


def _per_pack(build):
    """``build(pack)`` made once per language, on first use: the patterns built from a pack's words."""
    built: dict[str, re.Pattern] = {}

    def pattern(pack: LanguagePack) -> re.Pattern:
        found = built.get(pack.code)
        if found is None:
            found = built[pack.code] = build(pack)
        return found

    return pattern


@_per_pack
def _continuation_pattern(pack: LanguagePack) -> re.Pattern:
    joins = alternation(pack.conjunctions | pack.contrast_conjunctions)
    pronouns = alternation(pack.pronouns)
    return re.compile(
        rf"[\s,]*(?:(?:{joins})\s+)?(?:(?:{pronouns})\s+)?(?:[a-z]+ly\s+)?"
        rf"(?P<cue>{alternation(pack.verb_cues)})\b",
        _I,
    )


def _continuation(
    text: str, previous: Indirect, stop: int, blocked: SpanIndex, pack: LanguagePack
) -> Indirect | None:
    """A second cue of the same speaker right after a reported clause: "… and said B",
    "…, but said B", "X, who said A, said B"."""
    if not pack.clause_end_words or previous.end >= stop:
        return None
    if previous.region and previous.region[0][0] == previous.end:
        return None  # "A, Okafor said": its cue follows it (see _participle_after)
    match = _continuation_pattern(pack).match(text, previous.end, stop)
    if not match:
        return None
    cue = match.group("cue")
    if f"{cue.lower()}s" in pack.verb_cues:
        return None  # "had her staff field them and tell X …": an infinitive, not the speaker's verb
    return _same_speaker(text, previous, match, stop, blocked, pack, clause_cue=cue.lower())


def _same_speaker(
    text: str,
    previous: Indirect,
    match: re.Match,
    stop: int,
    blocked: SpanIndex,
    pack: LanguagePack,
    *,
    clause_cue: str,
    bare: bool | None = None,
) -> Indirect | None:
    """The clause after a further cue (``match``) of the speaker of ``previous``."""
    cue = match.group("cue")
    clause_start, introduced = _clause_after_hearer_and_adjuncts(text, match.end(), stop, cue.lower(), pack)
    if clause_start is None:
        return None
    if not introduced and not _looks_like_clause(text, clause_start, stop, clause_cue, pack, bare=bare):
        return None
    found = Indirect(
        clause_start,
        stop,
        cue,
        previous.kind,
        previous.name,
        previous.pronoun,
        ((previous.end, clause_start),),
        previous.org,
    )
    return _checked(text, found, stop, blocked, pack, cut=True)


_ENDS_WITH_CUE = re.compile(rf"\b(?:{_PLAIN_VERB}|{_SUFFIXED_VERB}|{_SHORT})\W*$", _I)
_OPENING_MARKS = "“\"«„'‘"
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|''.*?''|«[^»]*»")


@_per_pack
def _clause_end_pattern(pack: LanguagePack) -> re.Pattern:
    verbs = alternation(pack.verb_cues | pack.stance_cues)
    pronouns = alternation(pack.pronouns | pack.plural_pronouns)
    joins = alternation(pack.conjunctions | pack.contrast_conjunctions)
    perfect = rf"(?:(?:{alternation(pack.perfect_auxiliaries)})\s+)?" if pack.perfect_auxiliaries else ""
    existential = rf"|{pack.existential_pattern}\b" if pack.existential_pattern else ""
    relative = ""
    if pack.relative_words:
        relative = (
            rf"|,\s+(?:{alternation(pack.relative_words)})\b"
            rf"(?!\s+(?:{pronouns})\s+(?!(?:[a-z]+ly\s+)?(?:{alternation(pack.verb_cues)})\b))"
        )
    return re.compile(
        rf",\s+(?:{alternation(pack.clause_end_words)}|(?:[a-z]+ly\s+)?(?:{verbs}))\b{relative}"
        rf"|,\s+(?:{joins})\s+(?:(?:{pronouns})\b|(?:[a-z]+ly\s+)?{perfect}[a-z]{{3,}}ed\b)"
        rf"|\s+(?:{joins})\s+(?:(?:{pronouns})\s+)?(?:[a-z]+ly\s+)?(?:{verbs})\b"
        rf"|\s[—–-]\s*(?:{joins})\s"
        rf"|,\s+(?:{joins})\s+(?:(?:{alternation(pack.subordinators)})\b{existential}"
        rf"|(?:(?!(?:{alternation(pack.complementisers)})\b)(?:{alternation(pack.determiners)})\s+(?:[\w.'’-]+\s+){{0,2}}?"
        rf"|(?-i:[A-Z])[\w.'’-]*\s+(?:(?-i:[A-Z])[\w.'’-]*\s+)?)(?:{alternation(pack.auxiliaries)})\b)",
        _I,
    )


def _clause_end(text: str, start: int, end: int, pack: LanguagePack) -> int:
    """Where the reported clause ends inside its sentence: before a relative or adverbial
    clause set off by a comma (", who …", ", while …") and before a second predicate of the
    speaker ("… and called her …", "…, but he urged …") and before a new clause with its own
    subject ("…, and the board has …", "…, but when asked …"), unless it opens "and that …"."""
    if not pack.clause_end_words:
        return end
    for match in _clause_end_pattern(pack).finditer(text, start, end):
        before = text[start : match.start()].split()
        if len(before) < 3:
            continue
        if (
            match.group().lstrip(" ,").split()[0].lower() in pack.relative_words
            and not any(
                w.lower() in INTERRUPTING_AUXILIARIES or w.endswith(("ed", "s", "n't")) for w in before[1:]
            )
            and "," in text[match.end() : end]
        ):
            continue  # "argued the Islamic State, which has …, is in retreat": a subject, not a clause
        return match.start()
    return end


def _quotation_length(text: str, pos: int) -> int:
    """The length of the quotation that opens at ``pos`` (0 when it does not close nearby)."""
    opening = text[pos : pos + 3].lstrip(" ")
    start = pos + (len(text[pos : pos + 3]) - len(opening))
    marks = ("''",) if opening.startswith("''") else ("”", '"', "»", "’")
    closes = [c for c in (text.find(mark, start + 1, start + 600) for mark in marks) if c > 0]
    return min(closes) - start if closes else 0


def _after_quotation(text: str, start: int) -> bool:
    """The sentence follows a quotation it may be the cue of: not one that closed its own
    sentence ("“… soft.” He says …"), unless the cue goes on in lower case ("“Why?” she asked")."""
    before = text[max(0, start - 5) : start].rstrip(" ")
    if not before.endswith(("”", '"', "''", "»")):
        return False
    closed = before.rstrip("”\"'»")[-1:] in (".", "!", "?")
    return not closed or text[start : start + 1].islower()


def _mostly_quoted(clause: str) -> bool:
    """At least half of the clause lies inside quotation marks: its quotes are direct."""
    quoted = sum(len(m.group()) for m in _QUOTED.finditer(clause))
    return quoted * 2 >= len(clause)


def _short_trailing(text: str, start: int, stop: int) -> bool:
    """The sentence ends with a short attribution ("…, Blackwell maintains.")."""
    match = _trailing_search(text, start, stop)
    return bool(match) and len(match.group(0).split()) <= 5


_LAST_TRAILING: tuple = (None, 0, 0, None)


def _trailing_search(text: str, start: int, stop: int) -> re.Match | None:
    """``_TRAILING`` in the sentence's last 320 characters; asked twice per sentence, so the
    last answer is kept."""
    global _LAST_TRAILING
    last_text, last_start, last_stop, match = _LAST_TRAILING
    if last_text is text and last_start == start and last_stop == stop:
        return match
    match = _TRAILING.search(text, max(start, stop - 320), stop + 1 if stop < len(text) else stop)
    _LAST_TRAILING = (text, start, stop, match)
    return match


_AS_CUE = re.compile(
    rf"\s*(?:(?:{alternation(ASIDE_CONJUNCTIONS) or '(?!)'})\s+)?(?:{_ASIDE})\s+(?P<subj>[^,;:“”\"]{{1,80}}?)"
    rf"\s+(?P<cue>{_PLAIN_VERB})(?:\s+(?:{_PARTICLE}))?\s*,",
    _I,
)


def _as_cue(text: str, start: int, stop: int, pack: LanguagePack, after_quote: bool) -> Indirect | None:
    """ "As Menendez pointed out, the rulings have a lasting impact"."""
    match = _AS_CUE.match(text, start, stop)
    if not match:
        return None
    name, pronoun = speaker_before(text, match.start("subj"), match.end("subj"))
    if not name and not pronoun:
        return None
    kind = "pronoun" if pronoun else "name"
    return Indirect(match.end(), stop, match.group("cue"), kind, name, pronoun, ((start, match.end()),))


def _source_preposition(
    text: str, start: int, stop: int, pack: LanguagePack, after_quote: bool
) -> Indirect | None:
    """ "According to X, …", "Menurut X, …", "Menurutnya, …": the clause after the comma."""
    match = _SOURCE_CUE.match(text, start, stop)
    if not match:
        return None
    cue = match.group("cue")
    pos = match.end()
    comma = text.find(",", pos, min(stop, pos + 160))
    if comma < 0:
        return None
    if cue.lower() not in SOURCE_PREPOSITIONS:  # with a pronominal suffix ("menurutnya")
        preposition = max((p for p in SOURCE_PREPOSITIONS if cue.lower().startswith(p)), key=len)
        suffix = cue.lower()[len(preposition) :]
        return Indirect(comma + 1, stop, cue, "pronoun", None, suffix, ((start, comma),))
    pronoun = _PRONOUN_AT.match(text, pos, comma)
    if pronoun and text[pronoun.end() : comma].strip() == "":
        return Indirect(comma + 1, stop, cue, "pronoun", None, pronoun.group("p"), ((start, comma),))
    name = speaker_after(text, pos, comma)
    clause_start = comma + 1
    if name is None:
        # "According to the regulator's chief executive, Rebecca Lang, the clause"
        second = text.find(",", clause_start, min(stop, clause_start + 80))
        if second < 0 or not _has_role_noun(text[pos:comma].split()):
            return None
        name = speaker_after(text, clause_start, second)
        if name is None:
            return None
        return Indirect(second + 1, stop, cue, "name", name, "", ((start, second + 1),))
    # "According to X, a spokesman for Y, the clause": skip the appositive.
    second = text.find(",", clause_start, min(stop, clause_start + 120))
    if second > 0:
        appositive = text[clause_start:second].split()
        if appositive and len(appositive) <= 9 and _has_role_noun(appositive):
            clause_start = second + 1
    return Indirect(clause_start, stop, cue, "name", name, "", ((start, clause_start),))


def _has_role_noun(words: list[str]) -> bool:
    return any(is_role_word(w) for w in words[:5])


def _cue_then_clause(
    text: str, start: int, stop: int, pack: LanguagePack, after_quote: bool
) -> Indirect | None:
    for match in _iter_cues(text, start, stop):
        cue = match.group("cue")
        lower = cue.lower()
        if lower in pack.thought_cues:
            continue  # what someone believes is not what they said
        cue_start, pos = match.start(), match.end()
        quote_cue = after_quote and not re.search(r"[.;!?]", text[start:cue_start])
        subject = _cue_subject(text, start, cue_start, lower, pack)
        if subject is None:
            continue
        kind, name, pronoun, org = subject
        if lower in COMMA_CLAUSE_CUES:
            clause_start, introduced = _clause_after_complementiser_or_comma(text, pos, stop, lower)
        else:
            clause_start, introduced = _clause_after_hearer_and_adjuncts(text, pos, stop, lower, pack)
        if clause_start is None:
            continue
        if quote_cue and not (introduced and _INTERRUPTING_COMPLEMENTISER_END.search(text[pos:clause_start])):
            continue  # the cue of the quotation before it, unless it goes on "that …"
        if not introduced and not _looks_like_clause(text, clause_start, stop, lower, pack):
            continue
        region = ((start, clause_start),)
        interrupted = re.search(r",\s*[^,\s][^,]{0,40}$", text[start:cue_start])
        if (
            pack.comma_cue_interrupts
            and interrupted
            and text[pos : pos + 3].lstrip().startswith(",")
            and len(text[start : start + interrupted.start()].split()) >= 3
            and not _time_phrase(text[start : start + interrupted.start()], pack)
        ):
            # "Without the grant, Okafor said, the pier would close": the cue interrupts it
            return Indirect(start, stop, cue, kind, name, pronoun, (), org)
        return Indirect(
            clause_start,
            _fronted_end(text, start, cue_start, clause_start, stop, pack),
            cue,
            kind,
            name,
            pronoun,
            region,
            org,
        )
    return None


def _time_phrase(phrase: str, pack: LanguagePack) -> bool:
    """ "Six months ago", "On Tuesday night": when something was said, not part of it."""
    words = {w.strip(",.").lower() for w in phrase.split()}
    return bool(words & (pack.time_words | set(pack.weekdays) | set(pack.months)))


def _fronted_end(
    text: str, start: int, cue_start: int, clause_start: int, stop: int, pack: LanguagePack
) -> int:
    """Where a statement reported inside a fronted subordinate clause ends: at the comma that
    closes the clause ("Years after X claimed that A, B happened")."""
    lead = text[start:cue_start]
    words = [w.lower() for w in lead.split()[:4]]
    if "," in lead or not any(w in pack.subordinators for w in words):
        return stop
    comma = text.find(",", clause_start, stop)
    if comma < 0 or len(text[comma:stop].split()) < 4:
        return stop
    return comma


def _cue_subject(text: str, start: int, cue_start: int, cue: str, pack: LanguagePack):
    """(kind, name, pronoun, org) of the subject of the cue at ``cue_start``, or None."""
    subject_end = _subject_end(text, start, cue_start, pack)
    name, pronoun = speaker_before(text, start, subject_end)
    kind = "pronoun" if pronoun else "name" if name else ""
    org = ""
    if not kind or (name is not None and not name.strong):
        # A lone capitalised word far from the cue ("Ditemui …, spiker itu mengatakan")
        # gives way to a description right before the cue.
        described = _described(describe_subject(text, start, subject_end))
        if described[0] and (not kind or described[0] == "pronoun"):
            (kind, pronoun, org), name = described, None
    if not kind and pack.determiners:
        kind, name, pronoun = _sentence_subject(text, start, subject_end, pack)
    if not kind and pack.determiners:
        if cue.endswith("s") or not _unnamed_subject(text, start, subject_end, pack, cue):
            return None  # "the dozen states that …": a plural noun, not a cue of unnamed people
        if _in_poll(text, start, cue_start, pack):
            return None  # respondents of a poll: the poll reports, nobody speaks
        kind = "np"  # someone the sentence describes ("About four in 10 said"): unknown speaker
    if not kind:
        return None
    return kind, name, pronoun, org


_poll_pattern = _per_pack(lambda pack: re.compile(rf"\b(?:{alternation(pack.poll_words)})\b", _I))


def _in_poll(text: str, start: int, cue_start: int, pack: LanguagePack) -> bool:
    """The sentence of the cue at ``cue_start`` reports a poll ("54 percent said in a poll …")."""
    if not pack.poll_words:
        return False
    end = re.compile(r"[.!?](?:\s|$)").search(text, cue_start)
    return bool(_poll_pattern(pack).search(text, start, end.start() if end else len(text)))


@_per_pack
def _noun_object_pattern(pack: LanguagePack) -> re.Pattern:
    return re.compile(
        rf"\b(?P<cue>{alternation(pack.noun_object_cues)})"
        rf"(?:\s+(?:{alternation(pack.noun_object_adjunct_words) or '(?!)'})(?:\s+\w+)?)??"
        rf"\s+(?=(?:{alternation(pack.determiners - {'that'})})\s)",
        _I,
    )


_NOUN_OBJECT_END = re.compile(
    r"[,;:(—–]|\s-\s|\s(?:during|after|before|while|when|because|but|since|until)\b"
)


def _noun_object(text: str, start: int, stop: int, pack: LanguagePack, after_quote: bool) -> Indirect | None:
    """ "Rivera announced her candidacy", "Okafor spoke about the closure": what was said, named
    by a noun phrase after a verb of saying."""
    if not pack.noun_object_cues:
        return None
    for match in _noun_object_pattern(pack).finditer(text, start, stop):
        if after_quote and not re.search(r"[.;!?]", text[start : match.start()]):
            continue
        subject = _cue_subject(text, start, match.start(), match.group("cue").lower(), pack)
        if subject is None:
            continue
        end = _NOUN_OBJECT_END.search(text, match.end(), stop)
        np_end = end.start() if end else stop
        if len(text[match.end() : np_end].split()) < 2:
            continue
        kind, name, pronoun, org = subject
        region = ((start, match.end()),)
        return Indirect(match.end(), np_end, match.group("cue"), kind, name, pronoun, region, org)
    return None


@_per_pack
def _nominal_pattern(pack: LanguagePack) -> re.Pattern:
    owners = alternation(pack.possessive_pronouns)
    adjunct = alternation(pack.nominal_adjunct_words) or "(?!)"
    return re.compile(
        rf"(?:(?P<owner>(?:[A-Z][\w.'’-]*\s+){{0,3}}[A-Z][\w'-]*)['’]s?|\b(?P<pronoun>(?i:{owners})))"
        rf"\s+(?:[a-z]+\s+)?(?P<cue>{alternation(pack.nominal_cues)})"
        rf"(?:\s+(?:{adjunct})\s+\w+)?\s+(?P<intro>{alternation(pack.complementisers)}|{pack.infinitive_marker})\s"
    )


def _nominal(text: str, start: int, stop: int, pack: LanguagePack, after_quote: bool) -> Indirect | None:
    """ "Okafor's claim that the fees had doubled", "his promise to reopen the pier": a noun of
    saying, owned by its speaker, and what was said."""
    if not pack.nominal_cues:
        return None
    for match in _nominal_pattern(pack).finditer(text, start, stop):
        if match.group("owner"):
            runs = capitalised_runs(text, match.start("owner"), match.start("cue"))
            name = parse_run(text, runs[-1]) if runs else None
            if name is None:
                continue
            kind, pronoun = "name", ""
        else:
            name, kind = None, "pronoun"
            pronoun = pack.possessive_pronouns[match.group("pronoun").lower()]
        # The complementiser stays out, as after a verb; the infinitive marker opens the promised
        # infinitive ("to reopen …")
        clause_start = (
            match.end("intro") if match.group("intro") in pack.complementisers else match.start("intro")
        )
        end = _clause_end(text, clause_start, stop, pack)
        if len(text[clause_start:end].split()) >= 3:
            region = ((start, clause_start),)
            return Indirect(clause_start, end, match.group("cue"), kind, name, pronoun, region)
    return None


def _unnamed_subject(text: str, start: int, cue_start: int, pack: LanguagePack, cue: str = "") -> bool:
    """The cue has a subject of its own that is no name, pronoun, organisation or document
    ("Sixty percent of voters said", "Her advisers say"), and the cue reports what it said
    (not "declined to say", "would not say", "which officials said", "…, said Jane Roe")."""
    lead = text[start:cue_start].rstrip()
    if not lead or lead.endswith((",", "—", "–", "-")):
        return False
    words = re.split(r"[,—–]", lead)[-1].split()
    if not words or words[0].lower() in pack.clause_end_words:
        return False
    last = words[-1].lower().replace("’", "'")
    if last in pack.non_report_markers or last.endswith("n't"):
        return False
    if last in pack.relative_words | pack.determiners or last.endswith("'s"):
        return False  # "women who claim", "states that held", "his claims": no subject of a cue
    # People counted ("Sixty percent of voters", "About four in 10") or someone's people ("Her
    # advisers"); a bare group or office ("Consumer groups", "The regulator") is left out.
    lower = [w.lower().replace("’", "'") for w in words]
    counted = any(w[:1].isdigit() or any(p in pack.quantity_words for p in w.split("-")) for w in lower)
    someones = any(w.endswith("'s") or w in pack.possessives for w in lower)
    # A subject that names someone inside a description ("The Ohio senator and former
    # governor", "the Roe campaign"), though no person's name heads it.
    capitalised_inside = any(w[:1].isupper() for w in words[1:])
    named = capitalised_inside and (not words[0][:1].isupper() or words[0].lower() in pack.determiners)
    if named and cue in pack.bare_clause_cues and describe_subject(text, start, cue_start) is None:
        return True
    return (counted or someones) and describe_subject(text, start, cue_start) is None


_lead_in_pattern = _per_pack(lambda pack: re.compile(rf"\b(?:{alternation(pack.cue_lead_ins)})\s+$", _I))


def _subject_end(text: str, start: int, cue_start: int, pack: LanguagePack) -> int:
    """Where the cue's subject ends, before adverbs ("Cruz openly admitted")."""
    if not pack.cue_adverb_suffixes:
        return cue_start
    end = cue_start
    if pack.cue_lead_ins:
        lead_in = _lead_in_pattern(pack).search(text, max(start, end - 30), end)
        if lead_in:
            end = lead_in.start()
    while True:
        match = re.search(r"(?:^|\s)([a-z]+)\s*$", text[max(start, end - 30) : end])
        if not match or not match.group(1).endswith(pack.cue_adverb_suffixes) or len(match.group(1)) < 5:
            return end
        end = max(start, end - 30) + match.start(1)


# The subject at the start of a sentence, set off from its cue by an appositive or a relative
# clause ("Jason Roe, who leads Mr. Smith's council, said"), a party label ("Jane Roe
# (D-Ohio) last week said") or a first predicate ("He called the actions lawful, and said").
_LEADING_NAME = re.compile(
    r"\s*(?:(?i:and|but|so|yet|still|now)\b,?\s+)?(?:[A-Z][\w.'’-]*\s+){0,6}[A-Z][\w'’-]*"
    r"(?=\s+(?:of|from)\s+[A-Z]|[\s,(])"
)
_SUBJECT_GAP = re.compile(
    r"\s*(?:(?:of|from)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)?"
    r"\s*(?:(?:\([^()]{1,30}\))?\s*,[^;:“”\"]{1,200},|\([^()]{1,30}\)(?:\s+(?:last|this|on)\s+\w+)?"
    r"|[\s,][^;:“”\"]{1,160}?,?\s+(?:and|but))\s*(?:(?:[a-z]+ly|has|have|had|also|then|later)\s+)*$"
)


def _sentence_subject(text: str, start: int, cue_start: int, pack: LanguagePack):
    """(kind, name, pronoun) of the sentence's own subject when the cue is far from it."""
    lead = text[start:cue_start]
    if _epithet(lead, pack):
        return "pronoun", None, "epithet"  # "The businessman said": the person written about
    pronoun = re.match(r"\s*(\w+)\b", lead)
    if pronoun and pronoun.group(1).lower() in pack.pronouns and _SUBJECT_GAP.match(lead, pronoun.end()):
        return "pronoun", None, pronoun.group(1)
    match = _LEADING_NAME.match(lead)
    if not match or not _SUBJECT_GAP.fullmatch(lead, match.end()):
        return "", None, ""
    name, pronoun = speaker_before(text, start, start + match.end())
    if name is None or pronoun:
        return "", None, ""
    if not (name.strong or " " in name.name or _person_appositive(lead[match.end() :], pack)):
        return "", None, ""  # a lone capitalised word opening the sentence ("Aid groups …")
    return "name", name, ""


def _person_appositive(gap: str, pack: LanguagePack) -> bool:
    """ "Roe, a securities analyst at …, said" / "Roe, whose family …, said": the words after a
    lone capitalised word describe a person."""
    words = [w.strip(",.").lower() for w in gap.split()[:8]]
    if not words or not gap.lstrip().startswith(","):
        return False
    if words[0] in PERSONAL_RELATIVES:
        return True
    return words[0] in ARTICLES and any(w in pack.role_nouns | pack.epithet_nouns for w in words[1:])


def _epithet(lead: str, pack: LanguagePack, *, anywhere: bool = False) -> bool:
    """``lead`` is "the <words> <person noun>" before its verb ("The billionaire real estate
    magnate (also) says"); with ``anywhere``, followed by more of the sentence."""
    words = [w.strip(",").lower() for w in lead.split()]
    if words[:1] and words[0] in pack.conjunctions | pack.contrast_conjunctions:
        words = words[1:]
    if not words or words[0] not in pack.determiners - pack.possessives or words[0] in INDEFINITE_ARTICLES:
        return False
    nouns = pack.role_nouns | pack.epithet_nouns
    if anywhere:
        return any(w in nouns for w in words[1:7])
    # the noun ends the subject: at most one adverb or auxiliary between it and the cue
    return any(w in nouns for w in words[-2:]) and len(words) <= 8


_participle_pattern = _per_pack(
    lambda pack: re.compile(
        r"[,–—](?:''|[”\"»])?\s*(?:while\s+)?(?P<cue>"
        + alternation(pack.participle_cues)
        + r")(?:\s+out)?\b",
        _I,
    )
)


_ENDS_WITH_TRAILING_CUE = re.compile(
    rf",\s*(?:(?:{_PLAIN_VERB})\s+[^,;:]{{1,60}}|[^,;:]{{1,60}}\s+(?:{_PLAIN_VERB}))(?:\s+\w+){{0,2}}\s*$", _I
)


def _participle_after(
    text: str, previous: Indirect, stop: int, blocked: SpanIndex, pack: LanguagePack
) -> Indirect | None:
    """ "A, Okafor said, adding that B": B, said by the speaker of the statement A before the cue."""
    if not pack.participle_cues or not previous.region or previous.region[0][0] != previous.end:
        return None
    match = _participle_pattern(pack).search(text, previous.end, stop)
    if not match or not _ENDS_WITH_TRAILING_CUE.search(text[previous.start : match.start()]):
        return None
    # A participle ("adding that …") takes its clause as a bare-clause cue of the pack does.
    return _same_speaker(text, previous, match, stop, blocked, pack, clause_cue="", bare=True)


def _participle(text: str, start: int, stop: int, pack: LanguagePack, after_quote: bool) -> Indirect | None:
    """ "Trump went with the odds, pointing out that …" / "…, saying he would …": the words of
    the sentence's subject."""
    if not pack.participle_cues:
        return None
    match = _participle_pattern(pack).search(text, start, stop)
    if not match:
        return None
    lead = text[start : match.start()]
    if _ENDS_WITH_TRAILING_CUE.search(lead):
        return None  # "A, Okafor said, adding that B": A is reported first, B goes on from it
    subject = re.match(r"\s*(?:[A-Z][\w.'’-]*[\s,]+){0,4}?(?=[a-z])", lead)
    first = re.match(r"\s*(\w+)\b", lead)
    if first and first.group(1).lower() in pack.pronouns:
        name, pronoun = None, first.group(1)  # "“…,” he said, adding that …"
    elif subject is None or not subject.group().strip():
        name, pronoun = None, ""
    else:
        # "Sen. Jane Roe, D-Ohio, who …, said": the name opens the subject, a label may follow
        runs = capitalised_runs(text, start, start + len(subject.group()))
        name, pronoun = parse_run(text, runs[0]) if runs else None, ""
        if name is None or name.possessive or " " not in name.name:
            name, pronoun = speaker_before(text, start, start + len(subject.group().rstrip(", ")))
    if not name and not pronoun and _epithet(text[start : match.start()], pack, anywhere=True):
        pronoun = "epithet"
    if not name and not pronoun:
        return None
    cue = match.group("cue")
    clause_start, introduced = _clause_after_hearer_and_adjuncts(text, match.end(), stop, cue.lower(), pack)
    if clause_start is None:
        return None
    if not introduced and not _looks_like_clause(text, clause_start, stop, "", pack, bare=True):
        return None
    kind = "pronoun" if pronoun else "name"
    return Indirect(clause_start, stop, cue, kind, name, pronoun, ((start, clause_start),))


def _described(description: Description | None) -> tuple[str, str, str]:
    """(kind, pronoun, org) of an indirect statement whose subject is a description."""
    if description is None or description.kind == "document":
        return "", "", ""
    kind = _DESCRIPTION_KINDS[description.kind]
    return kind, "epithet" if kind == "pronoun" else "", description.value


def _iter_cues(text: str, start: int, stop: int):
    for match in _SUFFIXED_CUE_IN.finditer(text, start, stop):
        yield match
    for match in _PLAIN_CUE_IN.finditer(text, start, stop):
        if match.group("cue").lower() in IMPERATIVE_CUES and match.start() == start:
            continue
        yield match


def _clause_after_complementiser_or_comma(
    text: str, pos: int, stop: int, cue: str
) -> tuple[int | None, bool]:
    window = text[pos : min(stop, pos + 120)]
    complementiser = _COMMA_CLAUSE_COMPLEMENTISER.search(window) if COMMA_CLAUSE_COMPLEMENTISERS else None
    if complementiser and not re.search(r"[.;“\"]", window[: complementiser.start()]):
        return pos + complementiser.end(), True
    if cue in CLAUSE_ONLY_CUES:
        return None, False
    offset = 0
    obj = _HEARER.match(window, offset) if _HEARER else None
    if obj:
        offset = obj.end()
    if window[offset : offset + 1] == ",":
        return pos + offset + 1, True
    if window[offset : offset + 2].strip() in {":", ","}:
        return pos + offset + 2, True
    return pos + offset, False


def _clause_after_hearer_and_adjuncts(
    text: str, pos: int, stop: int, cue: str, pack: LanguagePack
) -> tuple[int | None, bool]:
    window = text[pos : min(stop, pos + 160)]
    that = _INTERRUPTING_COMPLEMENTISER.search(window) if INTERRUPTING_COMPLEMENTISERS else None
    if that and not re.search(r"[.;“\"«]|,\s", window[: that.start()]):
        between = re.findall(r"[\w'’-]+", window[: that.start()])
        following = re.match(r"\s*([\w'’-]+)", window[that.end() :])
        relative = (
            bool(between)
            and bool(following)
            and (following.group(1).lower() in INTERRUPTING_AUXILIARIES or following.group(1).endswith("ed"))
        )  # "recalled an incident that left …"
        if (
            len(between) <= 9
            and not relative
            and not any(w.lower() in INTERRUPTING_AUXILIARIES or w.endswith("ed") for w in between)
        ):
            return pos + that.end(), True
    if cue in pack.commitment_cues and pack.infinitive_marker:
        adjunct = _CUE_ADJUNCT.match(window)
        offset = adjunct.end() if adjunct else 0
        marker = re.match(rf"\s+{re.escape(pack.infinitive_marker)}\s+[a-z]", window[offset:])
        return (pos + offset + 1, True) if marker else (None, False)
    if cue in CLAUSE_ONLY_CUES:
        return None, False
    offset = 0
    if cue in OBJECT_CUES or cue in OBJECT_PARTICIPLES:
        obj = _HEARER_AFTER_CUE.match(window)
        if not obj:
            return None, False
        offset = obj.end()
    while True:
        adjunct = _CUE_ADJUNCT.match(window, offset)
        if not adjunct or adjunct.end() == offset:
            day = re.match(r"\s+(\w+)(?:\s+(?:night|morning|afternoon|evening))?(?=[\s,])", window[offset:])
            if not day or day.group(1).lower() not in pack.weekdays:
                break
            adjunct = day
            offset += day.end()
            continue
        offset = adjunct.end()
    if window[offset:].lstrip().startswith(":"):
        return None, False
    return pos + offset, False


def _looks_like_clause(
    text: str, start: int, stop: int, cue: str, pack: LanguagePack, *, bare: bool | None = None
) -> bool:
    """Whether the words after ``cue`` are a reported clause; ``bare``: whether the cue may take
    a clause without a complementiser (by default, whether the pack says so of the cue)."""
    words = re.findall(r"[\w'’-]+", text[start : min(stop, start + 200)].replace("’", "'"))
    if len(words) < 3:
        return False
    if cue in COMMA_CLAUSE_CUES:
        head = [w.lower() for w in words[:6]]
        if any(w in PREDICATIVE_MARKERS for w in words[:8]):
            return False
        for w in head[:5]:
            if w in COMMA_CLAUSE_AUXILIARIES:
                break  # "gelar tersebut adalah jawaban atas …": a clause with its own predicate
            if w in COMMA_CLAUSE_OBJECT_PREPOSITIONS:
                return False  # "menegaskan kembali dukungan Rusia terhadap …": an object
        if any(
            w in COMMA_CLAUSE_AUXILIARIES
            or (_VERBISH and _VERBISH.match(w) and w not in COMMA_CLAUSE_NOT_VERBS and len(w) > 4)
            for w in head
        ):
            return True
        return len(words) >= 5
    head = [w.lower() for w in words[:14]]
    if head[0] in CLAUSE_PREPOSITIONS:
        return False
    approximate = len(head) > 1 and head[1][:1].isdigit()  # "said about 60,000 passengers …"
    if (
        (head[0] in pack.non_clause_starts and not approximate)
        or head[0] in pack.weekdays
        or head[0] in pack.months
    ):
        return False
    if any(
        w in INTERRUPTING_AUXILIARIES
        or (w.endswith("ed") and len(w) > 4)
        or (w.endswith("ies") and len(w) > 5)
        or w.endswith(("n't", "'ll", "'d", "'re", "'ve"))
        or w == "not"
        for w in head[1:]
    ):
        return True
    if not (cue in pack.bare_clause_cues if bare is None else bare) or len(words) < 4:
        return False
    # "said he’s a counterpuncher", "said Trump campaign strategists plan to …"
    first = words[0]
    return (
        head[0] in pack.clause_subjects
        or head[0].split("'")[0] in pack.clause_subjects
        or head[0] in pack.determiners
        or first[:1].isupper()
        or first[:1].isdigit()
        or (head[0].endswith("ing") and len(head[0]) > 5)
    )


def _trailing(text: str, start: int, stop: int, pack: LanguagePack, after_quote: bool) -> Indirect | None:
    """'The work would create 400 jobs, Prior said.' / '…, kata X.'"""
    if after_quote:
        return None
    match = _last_trailing(text, start, stop, pack)
    if match is None:
        return None
    tail = match.group("tail")
    if pack.participle_cues and re.match(rf"\s*,\s*(?:{alternation(pack.participle_cues)})\b", tail, _I):
        return _trailing_speaker(text, match, start, stop)  # "…, X said, adding that …"
    if match.group("cue1") and re.match(r"\s*,\s*(?:an?|the|who|whose)\s", tail, _I):
        return _trailing_speaker(text, match, start, stop)  # "…, said Jane Roe, a teacher who …"
    if re.match(r"\s*,\s*[^,]*\s", tail) and not _TRAILING_ADJUNCT.match(tail):
        # "The years that followed, he said, brought a shift": the statement runs on past its cue.
        whole = _trailing_speaker(text, match, start, stop)
        if whole is None:
            return None
        return Indirect(start, stop, whole.cue, whole.kind, whole.name, whole.pronoun, (), whole.org)
    return _trailing_speaker(text, match, start, stop)


def _last_trailing(text: str, start: int, stop: int, pack: LanguagePack) -> re.Match | None:
    """The closing cue nearest the end of the sentence ("A pledged B, according to X")."""
    endpos = stop + 1 if stop < len(text) else stop
    comma = stop
    while True:
        comma = text.rfind(",", max(start + 1, stop - 320), comma)
        if comma < 0:
            return None
        match = _TRAILING.match(text, comma, endpos)
        if match and _trailing_fits(text, match, start, pack):
            return match


def _trailing_fits(text: str, match: re.Match, start: int, pack: LanguagePack) -> bool:
    """'…, X said on Tuesday.': the cue closes the sentence, and what it closes is a clause
    ("In two other instances, Clinton had asked …" is neither)."""
    if not pack.determiners:
        return True
    before = (match.group("before") or "").split()
    if before and before[-1].lower() in pack.non_clause_starts:
        return False  # "as the number of confirmed cases rose": a participle, not a cue
    tail = match.group("tail").split(",")[0].split()
    if len(tail) > 10 or (tail and tail[0].lower() in {pack.infinitive_marker, *pack.complementisers}):
        return False
    said = text[start : match.start()]
    if match.group("tail").lstrip().startswith(","):
        said += match.group("tail")  # "The ferry, Okafor said, would carry …"
    words = re.findall(r"[\w'’-]+", said.replace("’", "'"))
    return any(
        w.lower() in INTERRUPTING_AUXILIARIES
        or w.lower() in pack.clause_subjects
        or w.endswith(("ed", "n't", "'ll", "'d", "'re", "'ve"))
        for w in words
    )


def _trailing_speaker(text: str, match: re.Match, start: int, stop: int) -> Indirect | None:
    # A quotation closing the statement keeps its mark ("… he “made a mistake,” Okafor said").
    closing = re.match(r",(?:''|[”\"»])", text[match.start() : match.start() + 3])
    end = match.start() + len(closing.group()) if closing else match.start()
    if match.group("cue1"):
        cue = match.group("cue1")
        pronoun = _PRONOUN_AT.match(match.group("after"))
        if pronoun and re.search(r"\w", match.group("after")[pronoun.end() :]):
            return None  # "Okafor, who …, said she would stay": the pronoun opens the statement
        if pronoun:
            return Indirect(
                start,
                end,
                cue,
                "pronoun",
                None,
                pronoun.group("p"),
                ((end, stop),),
            )
        name = speaker_after(text, match.start("after"), match.end("after"))
        if name is None:
            return None
        return Indirect(start, end, cue, "name", name, "", ((end, stop),))
    cue = match.group("cue2")
    region = ((end, stop),)
    name, pronoun = speaker_before(text, match.start("before"), match.start("cue2"))
    if pronoun:
        return Indirect(start, end, cue, "pronoun", None, pronoun, region)
    if name is None:
        kind, pronoun, org = _described(describe_subject(text, match.start("before"), match.start("cue2")))
        if not kind:
            return None
        return Indirect(start, end, cue, kind, None, pronoun, region, org)
    return Indirect(start, end, cue, "name", name, "", region)
