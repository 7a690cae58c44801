"""Language packs: everything the extractor knows about one language, as data.

A pack (``LanguagePack``) holds the words and marks of one language: quotation-mark styles,
speech cues, pronouns and pronominal suffixes, titles and honorifics, role nouns, weekdays,
months and relative days, name particles and suffixes, and the words that show a capitalised
word is a place or an organisation rather than part of a person's name. The walker in
``extractor.py`` is given the pack of the article's language; shared code never asks which
language it is reading.

Adding a language (see the README): write ``languages/<code>.py`` defining ``PACK`` (copy
``en.py``, keep the fields in the same order), add it to ``PACKS`` below (language detection
reads its stop words from there), and commit an annotated set for it under
``tests/quotes/extraction_devset``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


def alternation(items) -> str:
    """A regular expression matching any of ``items`` (longest first), built as a trie so that
    a list of hundreds of cue words costs a few character tests per position, not hundreds."""
    trie: dict = {}
    for item in items:
        node = trie
        for ch in item:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return body + "?" if len(branches) == 1 and len(body) == 1 else f"(?:{body})?"
        return body

    return build(trie)


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a frozen set (lists in the packs)."""
    return frozenset(text.split())


@dataclass(frozen=True)
class LanguagePack:
    code: str
    # Quotation styles beyond the curly and straight double marks every language reads:
    # "double_apostrophe" is ''…'' (the New York Times archive style).
    quote_styles: frozenset[str] = frozenset()
    # Singular subject pronouns that refer back to the last person ("he", "dia").
    pronouns: frozenset[str] = frozenset()
    # Plural or first-person pronouns that never refer to a single named speaker.
    plural_pronouns: frozenset[str] = frozenset()
    # The grammatical gender ("m"/"f") of pronouns and honorifics that have one ("she", "Mrs"):
    # a pronoun does not refer back to someone the article titles with the other gender.
    genders: dict[str, str] = field(default_factory=dict)
    # Pronominal suffixes on cue verbs ("ujarnya": said he/she).
    pronoun_suffixes: tuple[str, ...] = ()
    # Titles and honorifics written before a name and never part of it (lower case).
    honorifics: frozenset[str] = frozenset()
    # Given names that usually come with a second given name that is used alone
    # ("Mochamad Ardian Noervianto" … "kata Ardian"), lower case.
    given_name_prefixes: frozenset[str] = frozenset()
    # Generational and similar suffixes that belong to a name ("Jr.", "II").
    name_suffixes: frozenset[str] = frozenset()
    # Regular expressions whose group 1 is a capitalised word the article shows to be a place
    # ("di Jepara", "Kabupaten Boyolali", "in Ohio").
    place_patterns: tuple[str, ...] = ()
    # Capitalised words that are places or organisations in this language's news (regional
    # abbreviations, parties, demonyms): never the first word of a person's name.
    not_name_words: frozenset[str] = frozenset()
    # Suffixes of capitalised words that make them adjectives ("Texas-based").
    not_name_suffixes: tuple[str, ...] = ()
    # Common words that start a sentence capitalised and are never a given name.
    sentence_words: frozenset[str] = frozenset()
    # Function words that begin sentences capitalised and are never names (lower case).
    function_words: frozenset[str] = frozenset()
    # Speech verbs that introduce or close quotes and reported speech, every inflection
    # written out ("said says say told …"); short cue forms that take the speaker after them
    # and a pronominal suffix ("kata", "ujarnya") are ``short_cues``.
    verb_cues: frozenset[str] = frozenset()
    short_cues: frozenset[str] = frozenset()
    # Cues that only report speech with a complementiser ("that", "bahwa").
    clause_only_cues: frozenset[str] = frozenset()
    # The complementisers that open a reported clause ("told the meeting that …").
    complementisers: frozenset[str] = frozenset()
    # Cues that take a hearer before the reported clause ("told reporters that").
    object_cues: frozenset[str] = frozenset()
    # Verbs that frame a partial quote as someone's words without being speech verbs
    # ("called it a …", "described the plan as …", "menyebutnya …").
    stance_cues: frozenset[str] = frozenset()
    # Written sources, whose quoted words are not speech: regular expressions matching the end
    # of a cue's subject ("the report", "one tweet", "laporan itu"), and the verbs only written
    # text takes ("the email read").
    document_patterns: tuple[str, ...] = ()
    document_verbs: frozenset[str] = frozenset()
    # Adverbs that may stand between a speaker and the cue ("X also said", "X often says").
    cue_adverbs: frozenset[str] = frozenset()
    # Endings of adverbs that may stand between a speaker and the cue ("X openly admitted").
    cue_adverb_suffixes: tuple[str, ...] = ()
    # Verbs that lead into a cue without being the speaker ("X continued to say", "went on to").
    cue_lead_ins: frozenset[str] = frozenset()
    # Reported speech (``reported.py``). Cues after which a clause needs no complementiser
    # when it opens like a sentence ("X said the plan failed").
    bare_clause_cues: frozenset[str] = frozenset()
    # Cues of thought rather than speech ("believes"): they close quotes but report nothing said.
    thought_cues: frozenset[str] = frozenset()
    # Participles that continue a sentence with its subject's words ("…, saying that …").
    participle_cues: frozenset[str] = frozenset()
    # Cues whose reported content is an infinitive of a commitment ("vowed to fight on").
    commitment_cues: frozenset[str] = frozenset()
    # The infinitive marker those cues take ("to").
    infinitive_marker: str = ""
    # Words that open a clause which reports nothing: prepositions, subordinators, participles
    # ("said in a statement", "said when asked", "said, adding …").
    non_clause_starts: frozenset[str] = frozenset()
    # Words that open a reported clause as its subject ("said he would", "said it will").
    clause_subjects: frozenset[str] = frozenset()
    # Determiners and possessives that open a reported clause's subject ("said the plan …").
    determiners: frozenset[str] = frozenset()
    # Nouns for one person, besides the role nouns, that make "the …" an epithet for the person
    # written about ("the businessman said").
    epithet_nouns: frozenset[str] = frozenset()
    # Words right before a cue that show it reports nothing said ("declined to say", "would not
    # say", "it was said").
    non_report_markers: frozenset[str] = frozenset()
    # Words that count people ("Sixty percent of voters said") and possessive determiners ("Her
    # advisers said"): an unnamed subject whose words are still reported speech.
    quantity_words: frozenset[str] = frozenset()
    possessives: frozenset[str] = frozenset()
    # Words that present the person named after them ("Salah satunya adalah Ketua X Y."): the
    # person the next pronoun refers to, like a sentence's subject.
    presenting_words: frozenset[str] = frozenset()
    # Words that, after a comma, end the reported clause (", who …", ", while …").
    clause_end_words: frozenset[str] = frozenset()
    # Verbs of saying whose object names what was said ("announced her candidacy", "spoke about
    # the closure").
    noun_object_cues: frozenset[str] = frozenset()
    # A comma after a cue closes a cue that interrupts its statement ("A, Roe said, B"); where a
    # comma after a cue is how the clause is introduced ("Roe mengatakan, …"), False.
    comma_cue_interrupts: bool = False
    # Auxiliaries and frequent finite verbs: one among the words after a cue shows they are a
    # clause with its own predicate ("said it was", "mengatakan harga akan naik").
    auxiliaries: frozenset[str] = frozenset()
    # Prefixes that make a word a verb ("menolak", "berjalan", "ditolak"), and the words that
    # begin with one without being verbs ("terhadap", "menurut"): a verb also shows a clause.
    verb_prefixes: tuple[str, ...] = ()
    not_verbs: frozenset[str] = frozenset()
    # Prepositions after a cue's next words that show it took a noun-phrase object, not a
    # clause ("menegaskan dukungan terhadap …").
    object_prepositions: frozenset[str] = frozenset()
    # Prepositions that put a hearer between a cue and its clause ("mengatakan kepada wartawan
    # bahwa …").
    hearer_prepositions: frozenset[str] = frozenset()
    # Participles that, like ``object_cues``, take a hearer before the clause ("telling them").
    object_participles: frozenset[str] = frozenset()
    # A regular expression of the adjuncts that may stand between a cue and its clause ("said on
    # Tuesday that", "said in a statement that").
    cue_adjunct_pattern: str = ""
    # Words that, after a comma, open an adverbial clause still attached to a closing cue ("…,
    # Roe said, as …", "…, kata Roe, saat …").
    adverbial_openers: frozenset[str] = frozenset()
    # Prepositions and subordinators that open an adjunct between a cue and a colon ("said in a
    # statement on Monday:", "kata X dalam rapat:"): the cue may be further from the colon.
    adjunct_prepositions: frozenset[str] = frozenset()
    # Prepositions that, after a comma behind a closing cue, open the cue's adjunct rather than
    # more of the statement ("…, Roe said, in March").
    trailing_adjunct_prepositions: frozenset[str] = frozenset()
    # Words that show a comma-clause cue's next words name what something is called, not a
    # clause ("menyebut proyek itu sebagai …"), as written.
    predicative_markers: frozenset[str] = frozenset()
    # Prepositions that never open a reported clause, even before a number ("said in 2020").
    clause_prepositions: frozenset[str] = frozenset()
    # Cue forms that, opening a sentence, are an imperative, not a cue ("Say what you will").
    imperative_cues: frozenset[str] = frozenset()
    # Regular expressions of openings after a hearer that refer back to something said rather
    # than open a reported clause ("told them this", "kepada wartawan hal itu").
    non_clause_patterns: tuple[str, ...] = ()
    # Hearers a cue like "told" takes before its clause besides names and noun phrases ("told
    # reporters", "him"), as written.
    hearers: frozenset[str] = frozenset()
    # Subordinators that make a cue an aside to a statement ("As Roe pointed out, …", "…,” as
    # Roe said"), and particles that may follow a cue ("pointed out").
    aside_subordinators: frozenset[str] = frozenset()
    cue_particles: frozenset[str] = frozenset()
    # Possessive determiners of one person with the pronoun each stands for ("his claim": he).
    possessive_pronouns: dict[str, str] = field(default_factory=dict)
    # Words that open a short adjunct after a noun of saying ("her claim on Monday that").
    nominal_adjunct_words: frozenset[str] = frozenset()
    # A regular expression of an existential opening ("there is"), which after a conjunction
    # starts a new clause; and the perfect auxiliaries ("has", "have") before a participle.
    existential_pattern: str = ""
    perfect_auxiliaries: frozenset[str] = frozenset()
    # Regular expressions of attributions that place the words at the event the lead reports
    # ("told the meeting", "seusai laga", "siang itu"); tried at every word, so built as tries.
    same_event_patterns: tuple[str, ...] = ()
    # Definite articles written before an organisation ("the company"), lower case.
    definite_articles: frozenset[str] = frozenset()
    # Indefinite articles ("a", "an"): with the definite ones, a capitalised run after one is a
    # description, not a name ("a Democrat said").
    indefinite_articles: frozenset[str] = frozenset()
    # Prepositions that attach a speaker's organisation or place to the name ("Roe of Acme",
    # "Budi dari Unair"), and words that give only a speaker's home ("Budi asal Kupang").
    origin_prepositions: frozenset[str] = frozenset()
    # Relative pronouns of persons: after a lone name and a comma they describe a person ("Roe,
    # whose family …, said").
    personal_relatives: frozenset[str] = frozenset()
    # Prepositions whose object a capitalised run after them is, never a cue's subject ("a nurse
    # at a hospital in Springfield", "warga di Kupang").
    name_object_prepositions: frozenset[str] = frozenset()
    # Words that may stand between a verb of saying and its noun-phrase object ("announced on
    # Monday her candidacy", "spoke publicly about").
    noun_object_adjunct_words: frozenset[str] = frozenset()
    home_words: frozenset[str] = frozenset()
    # Words that join the last item of a list of alternatives ("X, Y or Z"), with ``conjunctions``.
    disjunctions: frozenset[str] = frozenset()
    # Interview transcripts: the labels of questions and answers ("Q:", "Tanya:"), as written.
    question_labels: frozenset[str] = frozenset()
    answer_labels: frozenset[str] = frozenset()
    # Regular expressions of a sentence that refers back to a statement it dates ("hal itu
    # disampaikan …", "she made the remarks …"): its date is the earlier statement's.
    retrospective_patterns: tuple[str, ...] = ()
    # A few frequent cues that show a paragraph after an interview answer is narration again,
    # and that end a role read backwards from a name ("… spokesman said X"): short hand-picked
    # lists, not every cue, so that rarer cue forms do not cut an answer or a role short.
    narration_cues: frozenset[str] = frozenset()
    role_boundary_words: frozenset[str] = frozenset()
    # Words of a time phrase besides weekdays and months ("six months ago", "last year").
    time_words: frozenset[str] = frozenset()
    # Polls: people counted in one answer it, they are not quoted ("54 percent said in a poll").
    poll_words: frozenset[str] = frozenset()
    # Nouns of saying that take what was said ("his claim that …", "her promise to …").
    nominal_cues: frozenset[str] = frozenset()
    # Relative pronouns: after a comma they end the reported clause (", which raised …"), unless
    # a pronoun follows that is not the subject of a cue (", which he declined to name").
    relative_words: frozenset[str] = frozenset()
    # Subordinators that open a fronted clause ("When X said that A, B …"): a statement reported
    # inside one ends at the clause's comma.
    subordinators: frozenset[str] = frozenset()
    # Conjunctions that join a second predicate ("… but conceded …"), with ``conjunctions``.
    contrast_conjunctions: frozenset[str] = frozenset()
    # Lower-case nouns for what a person is ("museum director X", "pedagang beras X").
    role_nouns: frozenset[str] = frozenset()
    # Weekdays and months (full names and abbreviations) with their numbers.
    weekdays: dict[str, int] = field(default_factory=dict)
    months: dict[str, int] = field(default_factory=dict)
    # How news in this language refers back to a person: "surname" ("Warren" for Elizabeth
    # Warren) or "given" ("Nurhadi", "Bambang" for Bambang Dwi Anggono). With "given", the
    # words before the name the article uses alone may be cut off as part of an office.
    short_reference: str = "surname"
    # Prepositions that introduce a source ("according to X", "menurut X").
    source_prepositions: frozenset[str] = frozenset()
    # Words that join two parts of one organisation's or office's name ("Riset dan Teknologi",
    # "Foreign Affairs and Trade").
    conjunctions: frozenset[str] = frozenset()
    # Words that open a clause between a speaker's name and the cue without commas ("X yang
    # dihubungi terpisah mengatakan", "X saat ditemui mengatakan").
    subject_clause_words: frozenset[str] = frozenset()
    # The UTC offset (minutes) assumed for a time written without a zone (WIB for Indonesian
    # news), and whether the dateline's place may tell the zone instead (US datelines).
    assumed_utc_offset: int = 0
    zone_from_dateline: bool = False
    # Frequent words that tell this language from the others (language detection).
    stopwords: frozenset[str] = frozenset()


from . import en, id  # noqa: E402  (the packs import LanguagePack from here)

PACKS: dict[str, LanguagePack] = {en.PACK.code: en.PACK, id.PACK.code: id.PACK}
# The pack used when the language is unknown and none of the packs' stop words are found.
DEFAULT_LANGUAGE = en.PACK.code


def pack_for(code: str | None) -> LanguagePack:
    """The pack of language ``code``; the default pack (English) when the language is unknown."""
    return PACKS.get(code or "", PACKS[DEFAULT_LANGUAGE])
