"""Person names: capitalised runs, role/name splitting, the article's registry of people."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from .document import ABBREVIATIONS, Token, tokenize
from .languages import LanguagePack, alternation
from .lexicon import (
    AMBIGUOUS_ROLE_NAMES,
    BALINESE_NAMES,
    CUE_WORDS,
    FUNCTION_WORDS,
    GROUP_NOUNS,
    HONORIFICS,
    MONTHS,
    NAME_PARTICLES,
    NON_PERSON_HEADS,
    ORG_WORDS,
    PLACE_HEADS,
    PLACES,
    RESIDENT_NOUNS,
    ROLE_BOUNDARY_WORDS,
    ROLE_NOUNS,
    ROLE_WORDS,
    WEEKDAYS,
)

_POSSESSIVE_END = re.compile(r"['’]s$")
_GAP = re.compile(r"[ \t\u00a0]{0,3}\.?[ \t\u00a0]{0,3}")
_NOMINALISATION = re.compile(r"(?:pe|ke|per|pen|pem|peng|peny|penye)\w{3,}an", re.IGNORECASE)
_ROLE_NOUNS = ROLE_WORDS | ROLE_NOUNS
_ROLE_TOKENS = _ROLE_NOUNS - AMBIGUOUS_ROLE_NAMES
_ROLE_LEAD = re.compile(
    r"^(?:(?:salah\s+)?(?:seorang|satu|sebuah)\s+|salah\s+satu\s+|the\s+|a\s+|an\s+)", re.I
)
_RELATIVE_CUT = re.compile(r"\s+(?:who|which|that|yang|whose)\b.*$", re.I | re.S)
_TRAILING_CAPITALISED = re.compile(r"(?:[A-Z][\w'’.-]*\s+)*[A-Z][\w'’.-]*\s*$")
_POST_NOMINAL = re.compile(r"(?:[A-Z][a-z]{0,3}\.\s?){1,3}(?:[A-Z][a-z]{0,4})?\.?")
MAX_NAME_TOKENS = 4
MAX_BALINESE_NAME_TOKENS = 6
# "al-Hashimi", "el-Sayed", "bin-Salman": a lower-case particle joined to a capitalised name.
_NAME_PREFIXES = frozenset("al el ad ar as at az ash ibn bin abu".split())
_PREFIXED_NAME = re.compile(rf"(?:{'|'.join(_NAME_PREFIXES)})-[A-Z]")


@dataclass(frozen=True)
class NameEvidence:
    """What one article shows about its capitalised words, for drawing name boundaries.

    * ``not_name``: words that are places or organisations here: the pack's list, words
      written after a locative ("di Jepara", "in Ohio") or right after an organisation or
      place head ("Polda Sultra", "Kabupaten Boyolali");
    * ``lower``: words the article also writes in lower case (common words);
    * ``midcap``: words the article capitalises in the middle of a sentence (names, places).
    """

    pack: LanguagePack
    not_name: frozenset[str]
    lower: frozenset[str]
    midcap: frozenset[str]
    # Capitalised words used alone between lower-case words ("kata Bambang.", "Piter menilai"):
    # the short names people are referred to by.
    alone: frozenset[str] = frozenset()
    # Single capitalised words in a speaker's place ("kata Nurhadi", "Warren said", "menurut
    # Abhan"): the short names speakers are referred to by.
    referred: frozenset[str] = frozenset()
    # ``_detached`` answers by (word, name): each is one scan of the text, asked once.
    detached: dict = field(default_factory=dict, compare=False)
    # ``parse_run`` answers by run, for one walk of the article (which asks again for the runs
    # of a sentence when it reads its cues, its reported speech and its mentions).
    parsed: dict = field(default_factory=dict, compare=False)
    # Surnames the article titles with a gendered honorific ("Mrs. Sunshine"), lower case,
    # with the gender ("m"/"f"); "" when the article uses both.
    genders: dict = field(default_factory=dict, compare=False)
    # Capitalised words ending a phrase of their own (before a lower-case word or punctuation,
    # not before another name of a list), each with (position, the word before it).
    phrase_ends: dict = field(default_factory=dict, compare=False)


_EVIDENCE: dict[int, tuple[str, NameEvidence]] = {}
_LOWER_WORD = re.compile(r"\b[a-z][\w-]*")
_MIDCAP_WORD = re.compile(r"(?<=[a-z0-9,;] )[A-Z][\w-]*")
_ALONE_WORD = re.compile(r"[A-Z][a-z][\w’'-]*(?= [a-z]|[,.;:!?])")


def read_evidence(text: str, pack: LanguagePack) -> NameEvidence:
    """Compute (once per text) and remember the name evidence of an article."""
    cached = _EVIDENCE.get(id(text))
    if cached is not None and cached[0] is text and cached[1].pack is pack:
        return cached[1]
    not_name = set(pack.not_name_words)
    for pattern in pack.place_patterns:
        not_name.update(m.group(1).lower() for m in re.finditer(pattern, text))
    evidence = NameEvidence(
        pack,
        frozenset(not_name),
        frozenset(_LOWER_WORD.findall(text)),
        frozenset(_midcap_words(text)),
        frozenset(m.group() for m in _ALONE_WORD.finditer(text) if _after_lower_word(text, m.start())),
        _referred_words(text, pack),
        phrase_ends=_phrase_ends(text, pack),
        genders=_titled_genders(text, pack),
    )
    if len(_EVIDENCE) >= 4:
        _EVIDENCE.clear()
    _EVIDENCE[id(text)] = (text, evidence)
    return evidence


_REFERRED_PATTERNS: dict[str, tuple[re.Pattern, re.Pattern]] = {}
_PHRASE_END_PATTERNS: dict[str, re.Pattern] = {}


def _titled_genders(text: str, pack: LanguagePack) -> dict[str, str]:
    """See ``NameEvidence.genders``."""
    titles = [w for w in pack.genders if w in pack.honorifics]
    if not titles:
        return {}
    found: dict[str, str] = {}
    pattern = rf"\b((?i:{alternation(titles)}))\.?\s+(?:[A-Z][\w’'-]*\.?\s+){{0,2}}([A-Z][\w’'-]+)"
    for match in re.finditer(pattern, text):
        if not match.group(1)[:1].isupper():
            continue
        surname = normalise_name(match.group(2))
        gender = pack.genders[match.group(1).lower()]
        found[surname] = gender if found.get(surname, gender) == gender else ""
    return found


def gender_of(text: str, name: str) -> str:
    """The gender the article's honorifics give the person ``name`` ("m"/"f"), else ""."""
    evidence = evidence_for(text)
    words = normalise_name(name).split()
    return evidence.genders.get(words[-1], "") if evidence is not None and words else ""


def _phrase_ends(text: str, pack: LanguagePack) -> dict[str, list[tuple[int, str]]]:
    """See ``NameEvidence.phrase_ends``: one scan of the text."""
    pattern = _PHRASE_END_PATTERNS.get(pack.code)
    if pattern is None:
        # Not a given name in a list of names ("Bill and Hillary Clinton", "Bill, Hillary and
        # Chelsea Clinton").
        conjunctions = alternation(pack.conjunctions)
        pattern = _PHRASE_END_PATTERNS[pack.code] = re.compile(
            rf"(?<![\w’'-])[A-Z][A-Za-z]*(?=\s+[a-z]|[,.;:!?)])(?!(?:,|\s+(?:{conjunctions}))\s+[A-Z])"
        )
    found: dict[str, list[tuple[int, str]]] = {}
    for match in pattern.finditer(text):
        start = end = match.start()
        while end > 0 and text[end - 1].isspace():
            end -= 1
        begin = max(text.rfind(" ", 0, end), text.rfind("\n", 0, end)) + 1
        found.setdefault(match.group(), []).append((start, text[begin:end]))
    return found


def _referred_words(text: str, pack: LanguagePack) -> frozenset[str]:
    """Single capitalised words right after a cue or before a speech verb (see ``referred``)."""
    patterns = _REFERRED_PATTERNS.get(pack.code)
    if patterns is None:
        after = alternation(pack.short_cues | pack.verb_cues | pack.source_prepositions)
        before = alternation(pack.verb_cues)
        patterns = (
            re.compile(
                rf"\b(?:{after})\s+([A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+)?(?![\w’'-]|\s+[A-Z])", re.IGNORECASE
            ),
            re.compile(rf"(?<![\w’'-])([A-Z][\w’'-]+)\s+(?:{before})\b"),
        )
        _REFERRED_PATTERNS[pack.code] = patterns
    found = {m.group(1) for m in patterns[0].finditer(text)}
    # Before a verb, a word alone: not the last word of a longer name ("Muhadjir Effendy
    # mengatakan").
    found.update(m.group(1) for m in patterns[1].finditer(text) if not _after_capitalised(text, m.start()))
    return frozenset(w for w in found if w[:1].isupper() and w.lower() not in pack.function_words)


def _after_capitalised(text: str, pos: int) -> bool:
    """True when a capitalised word and one space come right before ``pos``."""
    before = text[max(0, pos - 40) : pos]
    if not before.endswith(" "):
        return False
    words = before.split()
    return bool(words) and words[-1][:1].isupper() and words[-1][-1:].isalnum()


def _detached(text: str, word: str, name: str, evidence: NameEvidence) -> bool:
    """True when ``word`` is a common word or place here, or stands at least twice in the
    article without ``name`` right after it (within a few words: "Donald J. Trump" keeps
    "Donald" with "Trump"; one nickname, "Little Marco", is not enough)."""
    if word.lower() in evidence.not_name:
        return True
    if evidence.pack.short_reference != "given":
        return False  # "Bill Clinton", "Little Marco": given names are written alone too
    if word.lower() in evidence.lower:
        return True
    cached = evidence.detached.get((word, name))
    if cached is None:
        cached = evidence.detached[(word, name)] = _stands_without(text, word, name)
    return cached


def _stands_without(text: str, word: str, name: str) -> bool:
    pattern = (
        rf"(?<![\w-]){re.escape(word)}(?![\w-])(?![^.,;:!?\n]{{0,24}}?(?<![\w-]){re.escape(name)}(?![\w-]))"
    )
    found = re.finditer(pattern, text)
    return next(found, None) is not None and next(found, None) is not None


def _midcap_words(text: str) -> list[str]:
    """Capitalised words in the middle of sentences, outside title-case lines (headlines)."""
    found = []
    for line in text.split("\n"):
        words = line.split()
        if len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.6 * len(words):
            continue
        found.extend(_MIDCAP_WORD.findall(line))
    return found


def _after_lower_word(text: str, pos: int) -> bool:
    """True when a lower-case word (or a comma) and one space come right before ``pos``."""
    if pos < 2 or text[pos - 1] != " ":
        return False
    before = text[pos - 2]
    if before == ",":
        return True
    if not before.islower():
        return False
    start = max(text.rfind(" ", 0, pos - 1), text.rfind("\n", 0, pos - 1)) + 1
    return text[start].islower()


def evidence_for(text: str) -> NameEvidence | None:
    cached = _EVIDENCE.get(id(text))
    return cached[1] if cached is not None and cached[0] is text else None


_INITIALS = re.compile(r"[A-Z]{1,2}\.?")
_BEFORE_INITIALS = frozenset({"name", "role", "hon", "org", "acro"})
_SENTENCE_BEFORE = re.compile(r"(?:^|[.!?][\"'”’)]*|\n|[“\"]|:)\s*$")


def _not_name(word: str, evidence: NameEvidence) -> bool:
    lower = word.lower()
    if any(ch.isdigit() for ch in word) or lower in evidence.not_name:
        return True
    if len(word) >= 3 and word.isupper() and word.isalpha():
        return True  # an acronym: "KSDM", "CORE"
    return lower.endswith(evidence.pack.not_name_suffixes) if evidence.pack.not_name_suffixes else False


def _common_at_sentence_start(word: str, evidence: NameEvidence) -> bool:
    lower = word.lower()
    if lower in evidence.pack.sentence_words:
        return True
    return lower in evidence.lower and word not in evidence.midcap


def looks_common(text: str, name: str) -> bool:
    """A capitalised phrase made of the article's common words ("Gotong Royong Daring",
    "Pandemi Covid-19", "Kamar Dagang"): not a person's name without a role or title."""
    evidence = evidence_for(text)
    if evidence is None:
        return False
    words = name.split()
    if any(any(ch.isdigit() for ch in w) or w.lower() in evidence.not_name for w in words):
        return True
    common = [w for w in words if w.lower() in evidence.lower and w not in evidence.alone]
    return len(common) == len(words)


def _trim_name_end(run: list[Token], i: int, evidence: NameEvidence) -> int:
    """End of the name once trailing common words from a title-case line are cut
    ("Donald Trump Just", "Dennis Prager Tells")."""
    j = len(run)
    while j - i > 1:
        word = run[j - 1].text
        lower = word.lower().rstrip(".")
        if lower in evidence.pack.name_suffixes or word in evidence.midcap:
            break
        if (
            lower not in evidence.lower
            and lower not in evidence.pack.sentence_words
            and lower not in CUE_WORDS
        ):
            break
        j -= 1
    return j


def _trim_name(text: str, run: list[Token], i: int, evidence: NameEvidence) -> int:
    """Index of the first name token once places, organisations and common words are cut."""
    if (
        i == 0
        and len(run) > 1
        and _SENTENCE_BEFORE.search(text, max(0, run[0].start - 3), run[0].start)
        and _common_at_sentence_start(run[0].text, evidence)
    ):
        i = 1
    while len(run) - i > 1 and _not_name(run[i].text, evidence):
        i += 1
    if i > 0:
        # "Direktur Jenderal Perhubungan Udara Kemenhub Novie Riyanto": after a role, the name
        # starts after the last place or organisation word.
        last = max((k for k in range(i, len(run) - 1) if _not_name(run[k].text, evidence)), default=-1)
        if last >= i:
            i = last + 1
    for k in range(i + 1, len(run) - 2):
        if len(run[k].text.rstrip(".")) == 1 and run[k].text[0].isupper():
            i = k  # "Monas M Isa Sarnuri": a leading initial starts the name
            break
    if run[i].text not in evidence.referred:
        # "Pengawas Pemilu Indramayu Nurhadi … kata Nurhadi": the words before the short name
        # the article refers to its speaker by belong to an office, when they also stand
        # elsewhere without the name after them.
        for k in range(i + 1, len(run)):
            if run[k].text in evidence.referred:
                if any(run[m].text in evidence.referred for m in range(i, k)):
                    break
                # The name starts after the last of those words ("Ketua Badan Pengawas Pemilu
                # Indramayu Nurhadi", "Pasar Tradisional Abdullah Mansuri … kata Mansuri").
                office = [m for m in range(i, k) if _detached(text, run[m].text, run[k].text, evidence)]
                if office:
                    start = office[-1] + 1
                    if run[k - 1].text.lower() in evidence.pack.given_name_prefixes and k - 1 >= start:
                        k -= 1
                    i = min(start, k)
                break
    if (
        i > 0
        and len(run) - i >= 3
        and run[i].text not in evidence.alone
        # "Partai Nusa Sri Wulan Dewi … kata Wulan": after a party, province or other
        # organisation word the name has begun.
        # (not after an acronym, which an organisation's own words may follow: "PARA Syndicate")
        and run[i - 1].text.lower() not in evidence.not_name
    ):
        # "Menteri Komunikasi dan Informatika Bambang Dwi Anggono … kata Bambang": the
        # name starts at the word the article later uses alone (but not at the surname).
        for k in range(i + 1, len(run) - 1):
            if run[k].text in evidence.alone:
                if run[k - 1].text.lower() in evidence.pack.given_name_prefixes:
                    k -= 1
                i = k
                break
        while len(run) - i > 1 and _not_name(run[i].text, evidence):
            i += 1
    return i


def _after_earlier_organisation(text: str, run: list[Token], i: int, evidence: NameEvidence) -> int:
    """Index of the first name token once the words of an organisation the article writes on
    their own are cut ("Pertamina berkomitmen …. Direktur Logistik Pertamina Mulyono"): a
    person is introduced by full name, so a word standing alone before the introduction is no
    given name; nor is a word written elsewhere after an organisation word of the run ("Bank
    Mandiri, misalnya")."""
    if run[i].text.lower() in evidence.pack.given_name_prefixes:
        return i
    for m in range(len(run) - 2, i - 1, -1):
        ends = evidence.phrase_ends.get(run[m].text)
        if not ends:
            continue
        joined = run[m - 1].text if m > 0 else ""
        head = bool(joined) and token_kind(joined, frozenset(), evidence.pack.function_words) == "org"
        if m == i and not head:
            joined = ""
        for pos, previous in ends:
            if pos < run[0].start and (
                previous == joined
                or not previous
                or not previous[:1].isupper()
                or previous[-1:] in ',.;:!?("“”'
            ):
                return m + 1
            if head and pos > run[-1].end and previous == joined:
                return m + 1
    return i


@dataclass(frozen=True)
class NameParse:
    name: str
    role: str
    start: int  # span of the name part only
    end: int
    run_start: int
    run_end: int
    strong: bool  # introduced with a role or honorific, or at least two name tokens
    possessive: bool


@dataclass
class Person:
    name: str
    tokens: tuple[str, ...]
    role: str
    first: int


@dataclass
class Registry:
    """People named in an article, used to expand short names ("Wang" -> "Wang Yi")."""

    persons: list[Person] = field(default_factory=list)
    _index: dict[str, Person] = field(default_factory=dict)
    # Every run of words inside the known people's roles (see ``in_a_role``).
    _role_phrases: set[str] = field(default_factory=set)

    def add(self, name: str, *, role: str = "", pos: int = 0) -> Person:
        key = normalise_name(name)
        known = self._index.get(key) or self.resolve(name, pos=pos)
        if known is not None:
            if role and not known.role:
                known.role = role
                self._note_role(role)
            return known
        person = Person(name, _name_tokens(key), role, pos)
        self.persons.append(person)
        self._index[key] = person
        self._note_role(role)
        return person

    def _note_role(self, role: str) -> None:
        words = normalise_name(role).split()
        # Only an office's words: not a list of people ("Gubernur X, Wali Kota Y, dan …") nor a
        # headline run into a role.
        if not words or "," in role or len(words) > 8:
            return
        for start in range(len(words)):
            for end in range(start + 1, len(words) + 1):
                self._role_phrases.add(" ".join(words[start:end]))

    def in_a_role(self, name: str) -> bool:
        """True when ``name`` is written inside the role of someone known ("Menganyam Pesisir"
        in "Founder Menganyam Pesisir"): an organisation, not a person."""
        return normalise_name(name) in self._role_phrases

    def resolve(self, name: str, *, pos: int) -> Person | None:
        """The registered person a (possibly partial) name refers to, preferring earlier ones."""
        key = normalise_name(name)
        if not key:
            return None
        exact = self._index.get(key)
        if exact is not None:
            return exact
        wanted = set(key.split())
        matches = [p for p in self.persons if wanted <= set(p.tokens) and len(p.tokens) > len(wanted)]
        if not matches:
            matches = [p for p in self.persons if _abbreviates(name, p.tokens)]
        if not matches:
            return None
        # A surname first ("Trump" is Donald Trump, not the Trump Organization, when both are
        # known).
        surname = [p for p in matches if set(p.tokens[-len(wanted) :]) == wanted]
        matches = surname or matches
        before = [p for p in matches if p.first <= pos]
        if before:
            return max(before, key=lambda p: p.first)
        return min(matches, key=lambda p: p.first)


def _abbreviates(name: str, tokens: tuple[str, ...]) -> bool:
    """True when ``name`` is the full name ``tokens`` with words written as their capital
    initials ("Sultan HB X" for "Sultan Hamengku Buwono X")."""
    words = name.split()
    if len(words) < 2 or len(words) >= len(tokens):
        return False
    k = 0
    for word in words:
        initials = word.isupper() and 2 <= len(word) <= 3 and word.isalpha()
        width = len(word) if initials else 1
        part = tokens[k : k + width]
        if len(part) < width:
            return False
        if initials and "".join(t[:1] for t in part) != word.lower():
            return False
        if not initials and part[0] != normalise_name(word):
            return False
        k += width
    return k == len(tokens) and any(w.isupper() and len(w) >= 2 for w in words)


def _name_tokens(key: str) -> tuple[str, ...]:
    """The words of a normalised name, plus "hashimi" for "al-hashimi" (a short reference)."""
    words = key.split()
    extra = [w.split("-", 1)[1] for w in words if w.split("-", 1)[0] in _NAME_PREFIXES and "-" in w]
    return tuple(words + [w for w in extra if w and w not in words])


def is_prefixed_name(word: str) -> bool:
    return "-" in word[2:5] and word[:1].islower() and _PREFIXED_NAME.match(word) is not None


@lru_cache(maxsize=4096)
def normalise_name(name: str) -> str:
    """Lower-case, accent-free, punctuation-free name without honorifics (for comparison)."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    plain = re.sub(r"['’]s\b", "", plain)
    words = re.sub(r"[^\w\s-]", " ", plain).replace("_", " ").split()
    return " ".join(w for w in words if w not in HONORIFICS and w + "." not in HONORIFICS)


def token_kind(
    word: str, places: frozenset[str] | set[str] = PLACES, function_words: frozenset[str] = FUNCTION_WORDS
) -> str:
    lower = word.lower()
    if lower in HONORIFICS or lower + "." in HONORIFICS:
        return "hon"
    if lower in NAME_PARTICLES and word[0].islower():
        return "part"
    if lower in _ROLE_TOKENS or (len(word) >= 8 and _NOMINALISATION.fullmatch(word)):
        return "role"
    if lower in GROUP_NOUNS or (lower[-1:] == "s" and lower[:-1] in _ROLE_TOKENS):
        return "role"  # "Officials", "Organisers": a group of people, not a name
    if lower in PLACE_HEADS:
        return "place"
    if lower in ORG_WORDS:
        return "org"
    if lower in places:
        return "place"
    if lower in function_words or lower in MONTHS or lower in WEEKDAYS:
        return "func"
    if len(word) >= 2 and word.isupper():
        return "acro"
    if _POSSESSIVE_END.search(word):
        return "poss"
    if not word[0].isupper():
        return "name" if is_prefixed_name(word) else "lower"
    return "name"


def capitalised_runs(text: str, start: int, end: int) -> list[list[Token]]:
    """Maximal runs of capitalised words (with name particles and abbreviation dots).

    The runs of the whole text are found once and clipped to ``[start, end)``: the extractor
    asks for the runs of every sentence and of every cue's surroundings.
    """
    runs, ends = _text_runs(text)
    result = []
    for run in runs[bisect_right(ends, start) :]:
        if run[0].start >= end:
            break
        clipped = (
            [t for t in run if t.start >= start and t.end <= end]
            if (run[0].start < start or run[-1].end > end)
            else list(run)
        )
        while clipped and clipped[-1].text[0].islower() and not is_prefixed_name(clipped[-1].text):
            clipped.pop()  # a trailing name particle ("van")
        while clipped and clipped[0].text[0].islower() and not is_prefixed_name(clipped[0].text):
            clipped.pop(0)
        if clipped:
            result.append(clipped)
    return result


_RUNS_CACHE: dict[int, tuple[str, list[list[Token]], list[int]]] = {}


def _text_runs(text: str) -> tuple[list[list[Token]], list[int]]:
    cached = _RUNS_CACHE.get(id(text))
    if cached is not None and cached[0] is text:
        return cached[1], cached[2]
    runs = _scan_runs(text)
    ends = [run[-1].end for run in runs]
    if len(_RUNS_CACHE) >= 4:
        _RUNS_CACHE.clear()
    _RUNS_CACHE[id(text)] = (text, runs, ends)
    return runs, ends


def _scan_runs(text: str) -> list[list[Token]]:
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token in tokenize(text):
        if token.text == ".":
            continue
        word = token.is_word
        joinable = bool(current) and _GAP.fullmatch(text, current[-1].end, token.start) is not None
        if joinable and "." in text[current[-1].end : token.start]:
            joinable = _absorbs_dot(current[-1].text)
        if word and (token.is_capitalised or is_prefixed_name(token.text)):
            if current and not joinable:
                runs.append(current)
                current = []
            current.append(token)
        elif word and current and joinable and token.text.lower() in NAME_PARTICLES:
            current.append(token)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _absorbs_dot(word: str) -> bool:
    lower = word.lower()
    return (len(word) == 1 and word.isupper()) or lower in ABBREVIATIONS or lower + "." in HONORIFICS


def parse_run(text: str, run: list[Token], *, places: frozenset[str] | set[str] = PLACES) -> NameParse | None:
    """Split a capitalised run into role and person name; None when it holds no name."""
    evidence = evidence_for(text) if places is PLACES else None
    if evidence is None:
        return _parse_run(text, run, places=places)
    key = tuple(run)
    parsed = evidence.parsed.get(key, _UNPARSED)
    if parsed is _UNPARSED:
        parsed = evidence.parsed[key] = _parse_run(text, run, places=places)
    return parsed


_UNPARSED = object()


def _parse_run(
    text: str, run: list[Token], *, places: frozenset[str] | set[str] = PLACES
) -> NameParse | None:
    if not run:
        return None
    first = run[0].text.lower()
    honorific = first in HONORIFICS or first + "." in HONORIFICS
    if not honorific and _POST_NOMINAL.fullmatch(text, run[0].start, run[-1].end):
        return None  # "M.Kes", "S.H.", "Ph.D": a degree after a name, not a name
    words = [t.text for t in run]
    possessive = bool(_POSSESSIVE_END.search(words[-1]))
    evidence = evidence_for(text)
    # The article's own language decides which short words are function words ("Dan Tripp").
    function_words = evidence.pack.function_words if evidence is not None else FUNCTION_WORDS
    kinds = [token_kind(w, places, function_words) for w in words]
    suffixes = evidence.pack.name_suffixes if evidence is not None else frozenset()
    for j in range(1, len(words)):
        # "Dedie A Rachim", "Bambang PS Brodjonegoro", "Mahfud MD": initials in a name
        before_name = j + 1 < len(words) and kinds[j + 1] == "name"
        closing = j == len(words) - 1 and kinds[j - 1] == "name"
        # After a role, a known organisation is not initials ("Gubernur BI Perry Warjiyo").
        if (
            _INITIALS.fullmatch(words[j])
            and (kinds[j] != "org" or kinds[j - 1] == "name")
            and kinds[j - 1] in _BEFORE_INITIALS
            and (before_name or closing)
        ):
            kinds[j] = "name"
    prefixes = evidence.pack.given_name_prefixes if evidence is not None and "func" in kinds else ()
    for j in range(len(words) if prefixes else 0):
        # "Ketua Asosiasi Lalu Kusnawan", "tutur Lalu.": capitalised inside a sentence, a name's
        # first word, not the function word ("lalu": then).
        if (
            kinds[j] == "func"
            and words[j].lower() in prefixes
            and (j == len(words) - 1 or kinds[j + 1] == "name")
            and (j > 0 or not _SENTENCE_BEFORE.search(text, max(0, run[0].start - 3), run[0].start))
        ):
            kinds[j] = "name"
    if len(words) >= 3 and words[-1].lower().rstrip(".") in suffixes:
        kinds[-1] = "name"  # "Emanuel Cleaver II", "Martin Luther King Jr."
    if possessive:
        kinds[-1] = "name" if token_kind(words[-1][:-2], places) == "name" else kinds[-1]
    if (
        len(kinds) >= 2
        and kinds[0] == "place"
        and all(k == "name" for k in kinds[1:])
        and words[0].lower() not in PLACE_HEADS
        and (evidence is None or words[0].lower() not in evidence.not_name)
        and not after_parenthesis(text, run[0].start)
        and not re.search(r"\d\s+$", text[max(0, run[0].start - 4) : run[0].start])  # "Daop 8 Surabaya X"
    ):
        kinds[0] = "name"  # a given name that is also a place: "Jordan Pike", "Georgia Hall"
    if (
        len(kinds) >= 3
        and kinds[-1] == "place"
        and kinds[-2] == "name"
        and (kinds[-3] in {"role", "hon"} or (kinds[-3] == "name" and {"role", "hon"} & set(kinds)))
        and words[-1].lower() not in PLACE_HEADS
        and (evidence is None or words[-1].lower() not in evidence.not_name)
    ):
        kinds[-1] = "name"  # a surname that is also a place: "Rep. Steve Israel"
    for j in range(len(kinds) - 1):
        if kinds[j] == "place" and words[j].lower() in PLACE_HEADS:
            kinds[j + 1] = "place"  # "Tanjung Baru", "Punta Alta": the head's word is a place
    for j in range(len(words) - 1):
        if words[j] == "Anak" and words[j + 1] == "Agung":
            kinds[j + 1] = "name"  # "Anak Agung Gede Oka", a Balinese noble name
    i = len(run)
    while i > 0 and kinds[i - 1] in {"name", "part"}:
        i -= 1
    while i < len(run) and kinds[i] == "part":
        i += 1
    if i < len(run) - 1 and words[i] in {"I", "Ni"}:
        i += 1  # the particle is added back below
    after_organisation = False
    balinese = i < len(run) - 1 and (words[i].lower() in BALINESE_NAMES or words[i] in {"Anak", "Ida"})
    if balinese and i > 0 and words[i - 1] in {"I", "Ni"}:
        i -= 1  # "I Wayan Sudira", "Ni Luh Putu Sari": the particle is part of the name
    elif evidence is not None and i < len(run):
        if i == 0 and len(run) >= 3 and _after_joined_office(text, run[0].start, evidence):
            i = 1  # "Menteri Komunikasi dan Informatika Bambang Dwi Anggono"
        i = _trim_name(text, run, i, evidence)
        if i > 0:
            trimmed = _after_earlier_organisation(text, run, i, evidence)
            after_organisation, i = trimmed > i, trimmed
    j = len(run)
    if evidence is not None and not possessive:
        j = _trim_name_end(run, i, evidence)
    long_name = False
    if (
        not balinese
        and j - i > MAX_NAME_TOKENS
        and evidence is not None
        and (
            any(k in {"role", "hon"} for k in kinds[:i])
            or _after_joined_office(text, run[0].start, evidence)
            or after_parenthesis(text, run[0].start)
        )
        and evidence.pack.short_reference == "given"
    ):
        # "CEO Dagadu Djokdja Spica Virgino Titahelu", "Guru Besar … Universitas Lambung Mangkurat
        # Muhammad Handry Imansyah": an office's words run into the name; the name is its end.
        # It starts at the given name the article uses alone, even five words from the end
        # ("Dinas Kesehatan Kota Bogor Sri Wulan Ayu Dewi Lestari … kata Sri").
        i = next(
            (k for k in range(j - MAX_NAME_TOKENS - 1, j - 1) if run[k].text in evidence.alone),
            j - 3,
        )
        long_name = j - i > MAX_NAME_TOKENS
    name_tokens = run[i:j]
    if (
        evidence is not None
        and len(name_tokens) == 1
        and name_tokens[0].text.lower() in evidence.pack.not_name_words
        and (i == 0 or kinds[i - 1] != "hon")  # "Ms. White" is a name
    ):
        return None  # "said Democratic front-runner Hillary Clinton": an adjective, not a name
    if not name_tokens or len(name_tokens) > (
        MAX_BALINESE_NAME_TOKENS if balinese else MAX_NAME_TOKENS + long_name
    ):
        return None
    if (
        len(name_tokens) == 1
        and i > 0
        and evidence is not None
        and _name_continues(text, run[-1].end, evidence)
    ):
        return None  # "Menteri Riset dan Teknologi", "Ketua Komite … Transportasi (KNKT) X"
    if len(name_tokens) == 1 and (
        (i > 0 and words[i - 1].lower() in RESIDENT_NOUNS) or after_resident_noun(text, run[0].start)
    ):
        return None  # "Warga Waingapu", "kata nelayan Waingapu": a place
    prefix_kinds = kinds[:i]
    has_role = "role" in prefix_kinds
    # Only nominalisations before a one-word name ("Pembukaan Monas tetap …"): the words of an
    # office or a common noun starting the sentence, not a role and a name.
    if (
        has_role
        and len(words) - i < 2
        and all(k in {"role", "func"} for k in prefix_kinds)
        and not any(k == "role" and _lexicon_role(words[m]) for m, k in enumerate(prefix_kinds))
    ):
        return None
    has_hon = "hon" in prefix_kinds
    if not has_role and not has_hon and "org" in prefix_kinds:
        # "Juru bicara BPBD Kalimantan Barat Agustinus Lumban Gaol": the role is written in
        # lower case before the run, so the organisation belongs to it.
        if len(name_tokens) < 2 or not _role_word_before(text, run[0].start):
            return None
        has_role = True
    role_words = [w for w, k in zip(words[:i], prefix_kinds, strict=True) if k not in {"hon", "func"}]
    while role_words and token_kind(role_words[0], places) == "func":
        role_words.pop(0)
    name_words = [t.text for t in name_tokens]
    if possessive:
        name_words[-1] = re.sub(r"['’]s$", "", name_words[-1])
    name_end = name_tokens[-1].end - (2 if possessive else 0)
    has_role = has_role or after_organisation
    strong = has_role or has_hon or len(name_tokens) >= 2
    # Words cut off only by the article's evidence ("Data Centropolis", a sentence's first
    # word) are no role; an organisation, place or acronym before the name is.
    qualified = any(k not in {"name", "func", "part"} for k in prefix_kinds)
    role = " ".join(role_words) if has_role or (role_words and qualified) else ""
    if role and i > 0:
        role = _joined_role(text, run[0].start, role)
    return NameParse(
        name=" ".join(name_words),
        role=role,
        start=name_tokens[0].start,
        end=name_end,
        run_start=run[0].start,
        run_end=run[-1].end,
        strong=strong,
        possessive=possessive,
    )


_CONTINUATION = re.compile(r"\s*\([^()]{1,60}\)\s+[A-Z]|/[A-Z]|\s+(?P<word>[a-z]+)\s+[A-Z]")


def _after_joined_office(text: str, pos: int, evidence: NameEvidence) -> bool:
    """True when a conjunction after an office's capitalised words comes right before ``pos``
    ("Menteri Komunikasi dan |Informatika X")."""
    words = text[max(0, pos - 120) : pos].split()
    if len(words) < 2 or words[-1] not in evidence.pack.conjunctions:
        return False
    return _role_word_before(text, pos)


def _lexicon_role(word: str) -> bool:
    lower = word.lower()
    return lower in _ROLE_TOKENS or lower in GROUP_NOUNS or lower[:-1] in _ROLE_TOKENS


def _name_continues(text: str, pos: int, evidence: NameEvidence) -> bool:
    """True when the capitalised run ending at ``pos`` goes on after a parenthesised acronym, a
    slash or a conjunction: it is part of an organisation's or office's name, not a person's."""
    match = _CONTINUATION.match(text, pos, min(len(text), pos + 70))
    if match is None:
        return False
    word = match.group("word")
    return word is None or word in evidence.pack.conjunctions


_JOINED_ROLE = re.compile(r"((?:[A-Z][\w.’'-]*,?\s+)+)(?:dan|and|of|for|&)\s+$")


def _joined_role(text: str, run_start: int, role: str) -> str:
    """A role whose capitalised run was cut by a conjunction: "Kepala Dinas Kelautan dan
    Perikanan Kota Bitung", "Secretary of State"."""
    match = _JOINED_ROLE.search(text, max(0, run_start - 120), run_start)
    if match is None or not is_role_word(match.group(1).split()[0]):
        return role
    joiner = text[match.end(1) : run_start].strip()
    return f"{match.group(1).strip()} {joiner} {role}"


def after_resident_noun(text: str, pos: int) -> bool:
    """True when the word right before ``pos`` is "warga", "nelayan", "residents" and the like."""
    before = text[max(0, pos - 12) : pos]
    if not before.endswith(" "):
        return False
    words = before.split()
    return bool(words) and words[-1] in RESIDENT_NOUNS


def _role_word_before(text: str, pos: int) -> bool:
    """A role word right before ``pos``, or before the parenthesised acronym there:
    "Kepala Badan Perencanaan Pembangunan Daerah (Bappeda) Provinsi Kalsel Nurul Fajar"."""
    before = text[max(0, pos - 160) : pos].rstrip()
    if before.endswith(")") and "(" in before:
        head = before[: before.rfind("(")].split()[-8:]
        return any(w.lower() in ROLE_WORDS for w in head)
    words = before[-30:].split()
    if len(words) >= 2 and words[-1].isdigit():
        words.pop()  # "CEO 99 Group Indonesia Chong Ming Hwee"
    if bool(words) and words[-1].lower() in ROLE_WORDS:
        return True
    # "Ketua Kamar Dagang dan Industri Kota Surabaya X": the office's name runs on after "dan".
    evidence = evidence_for(text)
    words = before[-120:].split()
    if len(words) < 2 or evidence is None or words[-1] not in evidence.pack.conjunctions:
        return False
    head = []
    for word in reversed(words[:-1]):
        if not word[:1].isupper() and word not in evidence.pack.conjunctions:
            break
        head.append(word.lower())
    return any(word in ROLE_WORDS for word in head[:8])


def after_parenthesis(text: str, pos: int) -> bool:
    """True when a closing parenthesis comes right before ``pos`` ("(KSDM) Kalsel …")."""
    return text[max(0, pos - 3) : pos].rstrip().endswith(")")


def preceded_by_non_person_head(text: str, pos: int) -> bool:
    """True for "the journal Cryosphere Letters", "the Night Shift Alliance" and the like."""
    before = text[max(0, pos - 30) : pos].split()
    if not before:
        return False
    last = before[-1].lower()
    return last in NON_PERSON_HEADS or last in {"the", "a", "an"}


def role_before(text: str, name_start: int, limit: int) -> str:
    """Role written before a name: "Museum director X", "Kepala Dinas …, X"."""
    head = text[max(limit, name_start - 160) : name_start]
    if head.rstrip().endswith(","):
        segment = head.rstrip()[:-1]
        trailing = _TRAILING_CAPITALISED.search(segment)
        if trailing and any(is_role_word(w) for w in trailing.group().split()):
            return _clean_role(trailing.group())
        cut = max(segment.rfind(m) for m in (",", "(", ". ", "\n", '"', "“", "”"))
        segment = segment[cut + 1 :].strip()
        words = segment.split()
        # "Kepala Unit X menjelaskan, Monas akan dibuka": a clause before the comma, no role.
        clause = bool(words) and words[-1].lower() in CUE_WORDS
        if 0 < len(words) <= 10 and not clause and any(is_role_word(w) for w in words):
            return _clean_role(segment)
        return ""
    words = head.split()
    picked: list[str] = []
    for word in reversed(words[-4:]):
        bare = word.strip(",.;:()")
        if bare != word or not bare or bare.lower() in FUNCTION_WORDS:
            break
        if bare.lower() in ROLE_BOUNDARY_WORDS:
            break
        picked.insert(0, bare)
    if picked and is_role_word(picked[-1]):
        return _clean_role(" ".join(picked))
    return ""


def role_after(text: str, name_end: int, limit: int) -> str:
    """Appositive role after a name: "X, a spokeswoman for Y," / "X, pedagang beras di Z,"."""
    tail = text[name_end : min(limit, name_end + 160)]
    if not tail.startswith(", "):
        return ""
    segment = re.split(r"[,;.(\n]", tail[2:], maxsplit=1)[0]
    segment = _RELATIVE_CUT.sub("", segment).strip()
    words = segment.split()
    if not 0 < len(words) <= 12 or not words[0][0].islower():
        return ""
    # "Pasalnya, dalam situasi …": a word that is a role only in a capitalised office ("Menteri
    # Dalam Negeri") is a function word here.
    if not any(is_role_word(w) and w.lower() not in FUNCTION_WORDS for w in words[:6]):
        return ""
    return _clean_role(segment)


def is_role_word(word: str) -> bool:
    """True for role nouns (\"Menteri\", \"director\", \"pedagang\"), possessive or not."""
    bare = _POSSESSIVE_END.sub("", word.strip(",.;:()")).lower()
    return bare in _ROLE_NOUNS or bare.endswith("-author") or bare == "author"


_DATELINE_DASH = re.compile(r"\s(?:--|—|–)\s|\s-\s")


def _clean_role(role: str) -> str:
    # "PORTSMOUTH -- The chairman of …": a dateline is never part of a role.
    role = _DATELINE_DASH.split(role)[-1]
    role = _ROLE_LEAD.sub("", role.strip())
    return re.sub(r"\s+", " ", role).strip(" ,")
