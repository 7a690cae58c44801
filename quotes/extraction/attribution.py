"""Speech cues around quotations and reported (indirect) speech in sentences.

Functions here only read the text; resolving short names and pronouns to people is done by the
extractor, which walks the article in order and knows who has been mentioned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import is_abbreviation_before
from .languages import PACKS, alternation
from .lexicon import (
    ADJUNCT_PREPOSITIONS,
    ARTICLES,
    CUE_WORDS,
    DEFINITE_ARTICLES,
    DISJUNCTIONS,
    HOME_WORDS,
    NAME_OBJECT_PREPOSITIONS,
    NON_PERSON_HEADS,
    ORIGIN_PREPOSITIONS,
    PLAIN_VERB_CUES,
    PRONOUN_SUFFIXES,
    ROLE_NOUNS,
    SHORT_CUES,
    SOURCE_CUES,
    SUFFIXED_VERB_CUES,
)
from .names import NameParse, after_resident_noun, capitalised_runs, is_role_word, parse_run
from .subjects import Description, describe_following, describe_subject

_I = re.IGNORECASE
_SHORT = alternation(SHORT_CUES)
_SUFFIXED_VERB = alternation(SUFFIXED_VERB_CUES)
_PLAIN_VERB = alternation(PLAIN_VERB_CUES)
_PRONOUN = (
    "(?:" + alternation({w for pack in PACKS.values() for w in pack.pronouns | pack.plural_pronouns}) + ")"
)
# Adverbs between a speaker and the cue: the packs' words, and lower-case words with an adverb
# ending ("openly").
_ADVERB_SUFFIXES = {s for pack in PACKS.values() for s in pack.cue_adverb_suffixes}
_ADVERBS = (
    "(?:"
    + alternation({w for pack in PACKS.values() for w in pack.cue_adverbs})
    + (rf"|(?-i:[a-z]{{3,}}{alternation(_ADVERB_SUFFIXES)})" if _ADVERB_SUFFIXES else "")
    + ")"
)

# After a closing mark: ", kata X", ", ujarnya", ", said X", ", X said", ", he told reporters".
_RIGHT_SUFFIXED_CUE = re.compile(rf"^[\s,]*(?P<cue>{_SHORT}|{_SUFFIXED_VERB})(?![\w-])", _I)
_RIGHT_PLAIN_CUE = re.compile(rf"^[\s,]*(?P<cue>{_PLAIN_VERB})\b", _I)
# The segment ends at the sentence end, so a full stop inside it ends an abbreviation ("Sen.");
# commas let an appositive through ("X, a spokesperson for Y, said").
_RIGHT_SUBJECT_FIRST = re.compile(
    rf"^[\s,]*(?P<subj>[^\s,.;:!?“”\"«»][^;:!?“”\"«»\n]{{0,140}}?)\s+(?:{_ADVERBS}\s+)?"
    rf"(?P<cue>{_PLAIN_VERB}|{_SUFFIXED_VERB})\b",
    _I,
)
# Before an opening mark: "X said:", "Kata X,", "Menurut X,", "he added:", "X mengatakan,".
_LEFT_REST = 60
_LEFT_CUE = re.compile(
    rf"(?P<cue>{_PLAIN_VERB}|{_SUFFIXED_VERB}|{_SHORT}|{alternation(SOURCE_CUES)})\b(?P<rest>[^.!?“”\"«»]{{0,{_LEFT_REST}}}?)"
    r"\s*[:,]?\s*$",
    _I,
)
# A match ends the segment, so its cue starts at most this far before the trailing spaces, colon
# or comma: the search starts there.
_LEFT_CUE_REACH = _LEFT_REST + max(map(len, PLAIN_VERB_CUES | SUFFIXED_VERB_CUES | SHORT_CUES | SOURCE_CUES))
_ADJUNCT_START = re.compile(rf"(?:{alternation(ADJUNCT_PREPOSITIONS) or '(?!)'})\b", _I)
_SENTENCE_END_IN_CUE = re.compile(r"[.!?](?=\s|$)|[“\"«]")
_PRONOUN_AT = re.compile(rf"\s*(?P<p>{_PRONOUN})\b", _I)
_PRONOUN_ENDS = re.compile(rf"\b(?P<p>{_PRONOUN})(?:\s+{_ADVERBS})*\s*$", _I)


def _pronoun_suffix(cue: str) -> str:
    """The pronominal suffix a lower-case cue ends with ("ujarnya": "nya"), or ""."""
    return next((suffix for suffix in PRONOUN_SUFFIXES if cue.endswith(suffix)), "")


@dataclass(frozen=True)
class Cue:
    word: str
    # "name" | "pronoun" (also epithets: "the 27-year-old") | "anon" (an unnamed person) |
    # "org" (an organisation, in ``org``) | "document" (a report: not speech) | "np" (other)
    kind: str
    name: NameParse | None
    pronoun: str
    region_start: int  # the attribution text, searched for the date the words were said
    region_end: int
    org: str = ""


def right_cue(text: str, pos: int, limit: int) -> Cue | None:
    """A speech cue right after a closing quotation mark at ``pos``."""
    window_end = min(limit, pos + 220)
    seg_end = window_end
    for end_match in _SENTENCE_END_IN_CUE.finditer(text, pos, window_end):
        if text[end_match.start()] == "." and is_abbreviation_before(text, end_match.start()):
            continue
        seg_end = end_match.start()
        break
    segment = text[pos:seg_end]
    document = _document_cue(text, pos, seg_end)
    if document is not None:
        return document
    match = _RIGHT_SUFFIXED_CUE.match(segment)
    if match:
        cue = match.group("cue")
        after = pos + match.end()
        suffix = _pronoun_suffix(cue.lower())
        # A short cue that only ends like a suffix ("tanya": asked) is its own word.
        if suffix and (cue.lower() not in SHORT_CUES or cue.lower()[: -len(suffix)] in CUE_WORDS):
            return Cue(cue, "pronoun", None, suffix, pos, seg_end)
        return _cue_with_following_speaker(text, cue, after, seg_end, pos)
    match = _RIGHT_PLAIN_CUE.match(segment)
    if match:
        return _cue_with_following_speaker(text, match.group("cue"), pos + match.end(), seg_end, pos)
    match = _RIGHT_SUBJECT_FIRST.match(segment)
    # The quote's own last mark may be two characters (''…,'' NYT style).
    closing = text[max(0, pos - 4) : pos].rstrip("\"'”’»")
    attributive = segment.lstrip().startswith(",") or closing[-1:] in (",", ".", "!", "?", "…")
    subject = match.group("subj") if match else ""
    if (
        match
        and closing[-1:] in (".", "!", "?", "…")
        and text[pos + match.end() : seg_end + 1].lstrip()[:1] == ":"
    ):
        return None  # "“…,” Ms. Alawee said. “…” Mr. Zahed said: “…”": the cue of the next quotation
    if (
        match
        and attributive
        and (
            subject[:1].isupper()
            or _ROLE_LED_NAME.match(subject)
            or _PRONOUN_AT.fullmatch(subject)
            or describe_subject(text, pos + match.start("subj"), pos + match.end("subj")) is not None
        )
    ):
        subj_start = pos + match.start("subj")
        subj_end = pos + match.end("subj")
        return _cue_with_preceding_speaker(text, match.group("cue"), subj_start, subj_end, pos, seg_end)
    return None


_DOCUMENT_VERB = alternation({w for pack in PACKS.values() for w in pack.document_verbs})
_DOCUMENT_VERB_FIRST = re.compile(rf"^[\s,]*(?P<cue>{_DOCUMENT_VERB})\s", _I)
_DOCUMENT_VERB_LAST = re.compile(
    rf"^[\s,]*(?P<subj>[^,;:!?“”\"«»]{{1,80}}?)\s+(?P<cue>{_DOCUMENT_VERB})\b", _I
)


def _document_cue(text: str, pos: int, seg_end: int) -> Cue | None:
    """ "…," the email read / "…," read the statement: words a text carries, not speech."""
    segment = text[pos:seg_end]
    match = _DOCUMENT_VERB_FIRST.match(segment)
    if match:
        described = describe_following(text, pos + match.end(), seg_end)
    else:
        match = _DOCUMENT_VERB_LAST.match(segment)
        if not match:
            return None
        described = describe_subject(text, pos + match.start("subj"), pos + match.end("subj"))
    if described is None or described.kind != "document":
        return None
    return Cue(match.group("cue"), "document", None, "", pos, seg_end)


def document_lead_in(text: str, open_pos: int, sentence_start: int) -> bool:
    """A sentence ending in a colon whose last words name a written source ("From the report:",
    "the campaign released the following statement:"): the quotation is the text's."""
    before = text[sentence_start:open_pos].rstrip()
    if not before.endswith(":"):
        return False
    described = describe_subject(text, sentence_start, sentence_start + len(before) - 1)
    return described is not None and described.kind == "document"


# "…," political scientist Jane Roe said / super PAC spokeswoman Kellyanne Conway said: a
# lower-case description (a role) before the name.
_ROLE_LED_NAME = re.compile(r"(?:[a-z][\w’'-]*\s+){1,5}[A-Z]")


def left_cue(text: str, open_pos: int, sentence_start: int) -> Cue | None:
    """A speech cue right before an opening quotation mark ("X said:", "Kata X,")."""
    segment_start = max(sentence_start, open_pos - 240)
    segment = text[segment_start:open_pos]
    if not segment.strip():
        return None
    tail = len(segment)
    while tail and (segment[tail - 1].isspace() or segment[tail - 1] in ":,"):
        tail -= 1
    match = _LEFT_CUE.search(segment, max(0, tail - _LEFT_CUE_REACH))
    if not match:
        return None
    cue = match.group("cue")
    cue_start = segment_start + match.start("cue")
    cue_end = segment_start + match.end("cue")
    lower = cue.lower()
    if lower in SOURCE_CUES or lower in SHORT_CUES:
        suffix = _pronoun_suffix(lower)
        if suffix:
            return Cue(cue, "pronoun", None, suffix, segment_start, open_pos)
        found = _cue_with_following_speaker(text, cue, cue_end, open_pos, segment_start)
        return found
    rest = match.group("rest").strip()
    if len(rest.split()) > (8 if _ADJUNCT_START.match(rest) else 4):
        return None
    found = _cue_with_preceding_speaker(text, cue, sentence_start, cue_start, segment_start, open_pos)
    if found.kind == "np" and re.search(r"\b[A-Z]", rest):
        # "In other words, explained CBS moderator Nancy Cordes:", "But, said Solovey,"
        name = speaker_after(text, cue_end, open_pos)
        if name is not None:
            return Cue(cue, "name", name, "", segment_start, open_pos)
    return found


def _cue_with_following_speaker(text: str, cue: str, pos: int, seg_end: int, region_start: int) -> Cue:
    pronoun = _PRONOUN_AT.match(text, pos, seg_end)
    if pronoun:
        return Cue(cue, "pronoun", None, pronoun.group("p"), region_start, seg_end)
    name = speaker_after(text, pos, seg_end)
    if name is not None:
        return Cue(cue, "name", name, "", region_start, seg_end)
    return _described_cue(cue, describe_following(text, pos, seg_end), region_start, seg_end)


def _cue_with_preceding_speaker(
    text: str, cue: str, subj_start: int, subj_end: int, region_start: int, region_end: int
) -> Cue:
    name, pronoun = speaker_before(text, subj_start, subj_end)
    if pronoun:
        return Cue(cue, "pronoun", None, pronoun, region_start, region_end)
    if name is not None:
        return Cue(cue, "name", name, "", region_start, region_end)
    return _described_cue(cue, describe_subject(text, subj_start, subj_end), region_start, region_end)


_DESCRIPTION_KINDS = {
    "epithet": "pronoun",
    "anonymous": "anon",
    "organisation": "org",
    "document": "document",
}


def _described_cue(cue: str, description: Description | None, region_start: int, region_end: int) -> Cue:
    if description is None:
        return Cue(cue, "np", None, "", region_start, region_end)
    kind = _DESCRIPTION_KINDS[description.kind]
    pronoun = "epithet" if description.kind == "epithet" else ""
    return Cue(cue, kind, None, pronoun, region_start, region_end, org=description.value)


def speaker_after(text: str, pos: int, end: int) -> NameParse | None:
    """The name after a cue ("kata Menteri X", "said mayor Jean-Luc Berthod, who …")."""
    window_end = min(end, pos + 200)
    runs = capitalised_runs(text, pos, window_end)
    role_only = False
    for index, run in enumerate(runs):
        gap = text[pos : run[0].start]
        if not re.fullmatch(r"[\s,]*(?:(?:[a-z0-9][\w'’-]*|dr\.?)[\s,]+){0,5}", gap):
            return None
        if role_only and re.search(r"[a-z]", gap):
            return None  # "ujar Presiden, yang datang bersama Menteri X": the role is the speaker
        if gap.strip() and _OBJECT_BEFORE.search(text, max(pos, run[0].start - 30), run[0].start):
            pos = run[-1].end  # "said a trader from Punta Alta": a place, not the speaker
            continue
        parsed = parse_run(text, run)
        nxt = runs[index + 1] if index + 1 < len(runs) else None
        if nxt is not None and _ROLE_GAP.fullmatch(text, run[-1].end, nxt[0].start):
            # "said Judicial Watch president Tom Fitton", "said former Utah governor Michael
            # Leavitt", "said another Twitter user, Johanna Bayer": the first run qualifies a role.
            following = parse_run(text, nxt)
            words = text[run[-1].end : nxt[0].start].replace(",", " ").split()
            if (
                following is not None
                and (parsed is None or not parsed.role)
                and any(w in ROLE_NOUNS for w in words)
            ):
                return following
        # "kata peneliti senior Centropolis, Suryono Herlambang": a role written in lower case
        # before the organisation; "Kepala Humas Daop 1 Eva Chairunisa": a numbered unit.
        role_led = any(w in ROLE_NOUNS for w in gap.replace(",", " ").split())
        after = runs[index + 2] if index + 2 < len(runs) else None
        if (
            nxt is not None
            and after is not None
            and len(nxt) == 1
            and _UNIT_GAP.fullmatch(text, run[-1].end, after[0].start)
        ):
            nxt = after  # "kata anggota Tim Peneliti GeNose dari UGM, Dian …": the unit's place
        if nxt is not None and _UNIT_GAP.fullmatch(text, run[-1].end, nxt[0].start):
            following = parse_run(text, nxt)
            numbered = text[run[-1].end : nxt[0].start].strip().isdigit()
            if (
                following is not None
                # "Humas KAI Daop 8 Surabaya Suprapto": after a numbered unit, one word will do
                and (len(following.name.split()) >= 2 or (numbered and following.start > nxt[0].start))
                and (parsed is None or parsed.role or role_led)
            ):
                # "kata Ketua Umum Persatuan Guru, Dedi Kurniawan": role, then the name
                role = text[run[0].start : run[-1].end]
                if after_resident_noun(text, run[0].start):
                    role = f"{gap.split()[-1]} {role}"  # "kata nelayan Waingapu, Rambu Lika"
                return NameParse(
                    following.name,
                    following.role or role,
                    following.start,
                    following.end,
                    run[0].start,
                    following.run_end,
                    True,
                    False,
                )
        if (
            parsed is not None
            and after is not None
            and _ACRONYM_GAP.fullmatch(text, run[-1].end, after[0].start)
            and (parsed.role or role_led)
        ):
            # "kata Panglima Komando Armada I (Pangkoarmada) Laksda TNI Abdul Rasyid": an office
            # and its acronym, then the person holding it.
            following = parse_run(text, after)
            if following is not None and following.strong and following.role:
                return following
        if parsed is not None:
            return parsed
        role_only = all(is_role_word(t.text) for t in run)
        pos = run[-1].end
    return None


_DETERMINER_BEFORE = re.compile(rf"(?<![\w’'-])(?:{alternation(ARTICLES) or '(?!)'})\s+$", re.I)
_ORIGIN = alternation(ORIGIN_PREPOSITIONS) or "(?!)"
_UNIT_GAP = re.compile(rf", | \d{{1,3}} |(?: \d{{1,3}})?(?: (?:{_ORIGIN}) [A-Z][\w-]*)?, ")
_ACRONYM_GAP = re.compile(r"\s*\([A-Z][A-Za-z-]{1,15}\)\s+")
_ROLE_GAP = re.compile(r"(?:\s+[a-z][\w'’-]*){1,3},?\s+")
_LIST_JOINERS = alternation({w for pack in PACKS.values() for w in pack.conjunctions} | DISJUNCTIONS)
_SUBJECT_CLAUSE = alternation({w for pack in PACKS.values() for w in pack.subject_clause_words})
_IGNORABLE_GAP = re.compile(
    r"(?:['’]s)?\s*"
    r"(?:,\s*(?:[A-Z][A-Za-z]{0,3}\.){1,4}[A-Za-z]{0,3}\.?)*"  # academic titles: ", Sp.A"
    r"(?:,\s*\d{1,3}(?=,)|\s*\(\d{1,3}\))?"  # age: "Walsh, 34," / "Hendrikus (41)"
    # party and state: "Chuck Schumer (D-N.Y.)", "Mitch McConnell, R-Ky.,", "Jason Holsman (D)"
    r"(?:\s*\([A-Z](?:-[A-Z][A-Za-z.]{0,8})?\)|,\s*[A-Z]-[A-Z][A-Za-z.]{0,8}(?=,))?"
    rf"(?:\s*(?:{alternation(ORIGIN_PREPOSITIONS | HOME_WORDS) or '(?!)'})\s[^.;:!?]{{0,90}}?)?"
    # a clause without commas: "X yang dihubungi secara terpisah mengatakan"
    rf"(?:\s+(?:{_SUBJECT_CLAUSE})\s[^,.;:!?“”\"]{{0,60}}?)?"
    # an appositive or relative clause, not the next item of a list (", dan Geofisika")
    rf"(?:,\s*(?!(?:{_LIST_JOINERS})\b)(?:who|which|yang|a|an|the|[a-z][\w'’-]*)\b(?:[^.;:!?]|\.(?=\S)){{0,120}}?)?"
    rf"[\s,]*(?:{_ADVERBS}\s+)*\s*",
    re.S,
)


# A capitalised run right after these words is the object of a preposition or a named thing
# inside an appositive ("a nurse at a hospital in Springfield"), never the subject of the cue.
_OBJECT_BEFORE = re.compile(
    rf"\b(?:{alternation(NAME_OBJECT_PREPOSITIONS | NON_PERSON_HEADS)})"
    rf"(?:\s+(?:{alternation(DEFINITE_ARTICLES) or '(?!)'}))?\s+$",
    _I,
)


def speaker_before(text: str, start: int, end: int) -> tuple[NameParse | None, str]:
    """The subject just before a cue ("X, who …, said"); returns (name, pronoun)."""
    segment = text[start:end]
    pronoun = _PRONOUN_ENDS.search(segment)
    if pronoun:
        return None, pronoun.group("p")
    for run in reversed(capitalised_runs(text, max(start, end - 260), end)):
        gap = text[run[-1].end : end]
        if not _IGNORABLE_GAP.fullmatch(gap):
            continue
        if _OBJECT_BEFORE.search(text, max(start, run[0].start - 30), run[0].start):
            continue  # "a spokeswoman for the charity East Africa Health Relief, said"
        if re.search(r"\d-year-old\s+$", text[max(start, run[0].start - 20) : run[0].start]):
            continue  # "The 27-year-old Ukrainian said": a description, not a name
        parsed = parse_run(text, run)
        if (
            parsed is not None
            and " " not in parsed.name
            and _DETERMINER_BEFORE.search(text, max(start, run[0].start - 5), run[0].start)
        ):
            continue  # "X, the Republican National Committeeman from Virginia, said": a description
        if parsed is not None and not parsed.possessive:
            return parsed, ""
    return None, ""


_STANCE_CUE = re.compile(
    rf"\b(?P<cue>{_PLAIN_VERB}|{_SUFFIXED_VERB}|{_SHORT}|"
    + alternation({w for pack in PACKS.values() for w in pack.stance_cues})
    + r")\b",
    _I,
)


def find_cue_before(text: str, start: int, pos: int) -> Cue | None:
    """The speech or stance verb of a sentence, before ``pos``, with its subject ("Lang
    called the clause “…”", "he said it posed “…”"); None without one."""
    for match in _STANCE_CUE.finditer(text, start, pos):
        name, pronoun = speaker_before(text, start, match.start())
        if pronoun:
            return Cue(match.group("cue"), "pronoun", None, pronoun, start, pos)
        if name is not None:
            return Cue(match.group("cue"), "name", name, "", start, pos)
        subject = _sentence_subject(text, start, match.start())
        if subject is not None:
            return Cue(match.group("cue"), "name", subject, "", start, pos)
    return None


def _sentence_subject(text: str, start: int, end: int) -> NameParse | None:
    """The name that opens the sentence ("Bradley apologized …, saying they have “…”", "Sen.
    Ann Roe, who …, said that “…”"): the subject of a cue further on."""
    runs = capitalised_runs(text, start, end)
    if not runs or text[start : runs[0][0].start].strip():
        return None
    parsed = parse_run(text, runs[0])
    if (
        parsed is None
        or parsed.possessive
        or not re.match(r"[\s,]+[a-z(]", text[parsed.end : parsed.end + 3])
    ):
        return None
    return parsed
