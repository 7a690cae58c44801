"""Language packs: a language is data, and the two packs are symmetric."""

from dataclasses import fields

import pytest

from quotes.extraction import extract_article
from quotes.extraction.languages import PACKS, LanguagePack, pack_for

# Fields a language may legitimately leave empty (English has no "-nya", Indonesian needs no
# ''…'' quotes, English has no short cue forms, and so on).
OPTIONAL = {"quote_styles", "pronoun_suffixes", "not_name_suffixes", "given_name_prefixes", "short_cues",
            "object_cues", "cue_adverbs", "extra", "assumed_utc_offset", "zone_from_dateline",
            "subject_clause_words"}  # fmt: skip
# Reported-speech rules a language may leave off (an empty field switches its rule off):
# Indonesian reports speech through "bahwa" and its own clause test, and has none of them yet.
OPTIONAL |= {"cue_adverb_suffixes", "cue_lead_ins", "bare_clause_cues", "thought_cues", "participle_cues",
             "commitment_cues", "infinitive_marker", "non_clause_starts", "clause_subjects", "determiners",
             "epithet_nouns", "quantity_words", "possessives", "non_report_markers", "clause_end_words",
             "contrast_conjunctions", "relative_words", "subordinators", "noun_object_cues", "nominal_cues", "poll_words", "comma_cue_interrupts", "time_words"}  # fmt: skip
# Clause tests of one kind of language: Indonesian makes verbs with prefixes and puts its hearer
# after "kepada"; English takes a hearer participle and adjuncts before "that".
OPTIONAL |= {"verb_prefixes", "not_verbs", "object_prepositions", "hearer_prepositions", "object_participles",
             "cue_adjunct_pattern", "trailing_adjunct_prepositions", "predicative_markers", "clause_prepositions",
             "imperative_cues", "aside_subordinators", "cue_particles", "possessive_pronouns", "nominal_adjunct_words",
             "existential_pattern", "perfect_auxiliaries", "definite_articles",
             "indefinite_articles", "home_words", "personal_relatives", "noun_object_adjunct_words"}  # fmt: skip


@pytest.mark.parametrize("code", sorted(PACKS))
def test_every_pack_fills_every_required_field(code):
    pack = PACKS[code]
    empty = [f.name for f in fields(LanguagePack) if f.name not in OPTIONAL and not getattr(pack, f.name)]
    assert empty == []


@pytest.mark.parametrize("code", sorted(PACKS))
def test_pack_words_are_lower_case(code):
    pack = PACKS[code]
    for name in ("pronouns", "honorifics", "verb_cues", "function_words", "role_nouns", "stopwords"):
        assert all(word == word.lower() for word in getattr(pack, name)), name


def test_an_unknown_language_falls_back_to_english():
    assert pack_for("xx") is PACKS["en"]
    assert pack_for(None) is PACKS["en"]


def test_new_york_times_double_apostrophes_are_read_as_quotation_marks():
    result = extract_article(
        "''We will not cut the budget again,'' said Mayor Ellen Marsh. ''Not this year, not next year.''",
        language="en",
    )
    assert [(q.text, q.speaker) for q in result.quotes if q.type == "direct"] == [
        ("We will not cut the budget again", "Ellen Marsh"),
        ("Not this year, not next year.", "Ellen Marsh"),
    ]


def test_a_single_quotation_at_the_edge_of_a_double_apostrophe_one_does_not_unbalance_the_marks():
    result = extract_article(
        "Mayor Ellen Marsh said residents wrote to her every week. "
        "''Some tell me, 'Just close the bridge,''' Marsh said. ''I cannot do that.''",
        language="en",
    )
    assert [(q.text, q.speaker) for q in result.quotes if q.type == "direct"] == [
        ("Some tell me, 'Just close the bridge,'", "Ellen Marsh"),
        ("I cannot do that.", "Ellen Marsh"),
    ]


def test_a_short_name_in_an_english_article_is_not_an_indonesian_function_word():
    result = extract_article(
        "Dan Tripp, the state director of a campaign group, spoke on Monday.\n\n"
        '"Maybe we are just trying to let the bully learn the lesson," Tripp said.',
        language="en",
    )
    assert [q.speaker for q in result.quotes if q.type == "direct"] == ["Dan Tripp"]


def test_a_partial_quote_in_a_reporting_sentence_is_a_direct_quote_with_the_sentence_as_excerpt():
    sentence = "Rebecca Lang called the clause “a loophole big enough to drive a lorry through” on Monday."
    result = extract_article(
        f"Water bills to rise\n\nLONDON -- The regulator met.\n\n{sentence}", language="en"
    )
    [quote] = [q for q in result.quotes if q.type == "direct"]
    assert (quote.text, quote.speaker, quote.excerpt) == (
        "a loophole big enough to drive a lorry through",
        "Rebecca Lang",
        sentence,
    )


def test_a_mostly_narrative_description_around_a_partial_quote_is_not_a_direct_quote():
    result = extract_article(
        "Water bills to rise\n\nLONDON -- The regulator met.\n\n"
        "Rebecca Lang described the new charges for households in the northern valleys as "
        "“a loophole for the firms” on Monday.",
        language="en",
    )
    assert [q.text for q in result.quotes if q.type == "direct"] == []


def test_the_half_rule_after_a_cue_counts_from_the_complementiser():
    result = extract_article(
        "Water bills to rise\n\nLONDON -- The regulator met.\n\n"
        "Rebecca Lang told a conference of water engineers in Leeds that the firms were "
        "“spending more on dividends than on pipes” this year.",
        language="en",
    )
    assert [(q.text, q.speaker) for q in result.quotes if q.type == "direct"] == [
        ("spending more on dividends than on pipes", "Rebecca Lang")
    ]


def test_a_partial_quote_after_a_participle_belongs_to_the_name_opening_the_sentence():
    result = extract_article(
        "Water bills to rise\n\nLONDON -- The regulator met.\n\n"
        "Rebecca Lang, who chairs the panel, defended the rise on Monday, saying the plan "
        "“will pay for itself within a decade.”",
        language="en",
    )
    assert [(q.text, q.speaker) for q in result.quotes if q.type == "direct"] == [
        ("will pay for itself within a decade.", "Rebecca Lang")
    ]


def test_a_short_quotation_right_after_an_attributed_one_continues_it():
    result = extract_article(
        "Water bills to rise\n\nLONDON -- The regulator met.\n\n"
        "“We looked at every other option before this one,” Rebecca Lang said. “None worked.”",
        language="en",
    )
    assert [(q.text, q.speaker) for q in result.quotes if q.type == "direct"] == [
        ("We looked at every other option before this one", "Rebecca Lang"),
        ("None worked.", "Rebecca Lang"),
    ]


def test_a_short_quotation_after_a_long_cue_clause_of_the_previous_one_continues_it():
    result = extract_article(
        "Water bills to rise\n\nLONDON -- The regulator met.\n\n"
        "“We looked at every other option before this one,” said Rebecca Lang, who chairs the "
        "regional panel of the water regulator. “None worked.”",
        language="en",
    )
    assert [(q.text, q.speaker) for q in result.quotes if q.type == "direct"] == [
        ("We looked at every other option before this one", "Rebecca Lang"),
        ("None worked.", "Rebecca Lang"),
    ]


@pytest.mark.parametrize("verb", ["answered", "yelled", "shouted", "exclaimed"])
def test_answers_and_shouts_are_speech_cues(verb):
    result = extract_article(
        f"Water bills to rise\n\nLONDON -- The regulator met.\n\n“Not this year,” Rebecca Lang {verb}.",
        language="en",
    )
    assert [(q.text, q.speaker) for q in result.quotes if q.type == "direct"] == [
        ("Not this year", "Rebecca Lang")
    ]


def test_a_place_written_before_a_name_in_a_role_is_not_part_of_the_name():
    result = extract_article(
        "Kepala Kantor SAR Jepara Wisnu Yuas memimpin pencarian di Jepara sejak pagi.\n\n"
        "“Tim kami terus menyisir perairan utara sampai sore,” kata Wisnu.",
        language="id",
    )
    assert [q.speaker for q in result.quotes if q.type == "direct"] == ["Wisnu Yuas"]


SHARED_MODULES = [
    "attribution",
    "extractor",
    "names",
    "quotes",
    "reported",
    "subjects",
    "dates",
    "metadata",
    "document",
    "lexicon",
]


@pytest.mark.parametrize("module", SHARED_MODULES)
def test_shared_extraction_code_never_names_a_language(module):
    """Language-specific behaviour comes from the packs: the walker and its helpers never
    compare with, or look up, a language code (docstrings aside)."""
    import ast
    from pathlib import Path

    import quotes.extraction as package

    source = Path(package.__file__).with_name(f"{module}.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    codes = set(PACKS)
    named = [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in codes and id(node) not in docstrings
    ]
    assert named == []


def _package_modules():
    """Every module of the extraction package outside the language packs, with its syntax tree."""
    import ast
    from pathlib import Path

    import quotes.extraction as package

    root = Path(package.__file__).parent
    for path in sorted(root.glob("*.py")):
        yield path.stem, ast.parse(path.read_text(encoding="utf-8"))


def _language_named(name: str) -> bool:
    """``EN_CUES``, ``_ID_VERB``, ``_VERBISH_ID``, ``_EN``: a name that says which language its
    words are from."""
    bare = name.lstrip("_").upper()
    return any(
        bare == code.upper() or bare.startswith(f"{code.upper()}_") or bare.endswith(f"_{code.upper()}")
        for code in PACKS
    )


@pytest.mark.parametrize("module", [name for name, _ in _package_modules() if name != "lexicon"])
def test_shared_extraction_code_imports_no_word_list_named_after_a_language(module):
    """A third language is one more pack: no shared module imports a list of one language's
    words (``EN_CUES``, ``ID_ROLE_NOUNS``) from the lexicon or another module; they read the
    pack in hand or a union over every pack."""
    import ast

    tree = dict(_package_modules())[module]
    imported = [
        (node.lineno, alias.name)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if _language_named(alias.name)
    ]
    assert imported == []


def _defined_at_module_level(tree) -> list[str]:
    import ast

    return [
        target.id
        for node in tree.body
        if isinstance(node, (ast.Assign, ast.AnnAssign))
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    ] + [node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))]


@pytest.mark.parametrize("module", [name for name, _ in _package_modules()])
def test_shared_extraction_modules_define_no_word_list_named_after_a_language(module):
    """One language's words (``_EN_AUX``, ``_VERBISH_ID``) are pack fields, not lists or patterns
    of a shared module: a shared module holds rules, and reads the words from the packs."""
    tree = dict(_package_modules())[module]
    assert [name for name in _defined_at_module_level(tree) if _language_named(name)] == []


def test_the_lexicon_builds_its_lists_from_every_pack_and_indexes_none_by_language():
    import ast

    tree = dict(_package_modules())["lexicon"]
    indexed = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Subscript)
        and isinstance(node.value, ast.Name)
        and node.value.id == "PACKS"
        and isinstance(node.slice, ast.Constant)
    ]
    defined = [
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name) and _language_named(target.id)
    ]
    assert (indexed, defined) == ([], [])


def test_language_detection_picks_the_pack_whose_function_words_the_text_uses():
    from quotes.extraction.metadata import detect_language

    assert detect_language("Dia mengatakan bahwa kapal itu akan tiba dari pelabuhan.") == "id"
    assert detect_language("She said that the ship would arrive from the harbour.") == "en"
    assert detect_language("12345 67890") == ""
