"""Reported speech (``quotes/extraction/reported.py``): which clause a sentence reports and who
said it. Every article here is invented for the test."""

import pytest

from quotes.extraction import ExtractionResult, extract_article

HEADER = "March 7, 2024 10:00 AM GMT\n\nA headline for the test article\n\n"
INTRO = "Councillor Maria Okafor and Tom Brennan, the harbour master, met on Monday. "


def indirect(result: ExtractionResult):
    return [(q.text, q.speaker) for q in result.quotes if q.type == "indirect"]


def extract(body: str) -> ExtractionResult:
    return extract_article(HEADER + INTRO + body)


@pytest.mark.parametrize(
    ("sentence", "clause", "speaker"),
    [
        # no complementiser after "said"
        (
            "Okafor said the ferry timetable would change in the spring.",
            "the ferry timetable would change in the spring",
            "Maria Okafor",
        ),
        # a contraction with a curly apostrophe is a verb
        ("Okafor said she’s ready to sign the lease.", "she’s ready to sign the lease", "Maria Okafor"),
        # an adverb between the speaker and the cue
        (
            "Brennan openly admitted that the pier had been neglected for years.",
            "the pier had been neglected for years",
            "Tom Brennan",
        ),
        # an appositive with an abbreviation between the name and the cue
        (
            "Tom Brennan, a former aide to Mr. Hale, said that the budget was already spent.",
            "the budget was already spent",
            "Tom Brennan",
        ),
        # a party label and a time before the cue
        (
            "Maria Okafor (Lab.) last week said the harbour would stay open all winter.",
            "the harbour would stay open all winter",
            "Maria Okafor",
        ),
        # a participle continues the subject's sentence
        (
            "Okafor backed the plan, saying the town could not afford another closure.",
            "the town could not afford another closure",
            "Maria Okafor",
        ),
        # a commitment is reported as its infinitive
        ("Brennan vowed on Monday to reopen the slipway.", "to reopen the slipway", "Tom Brennan"),
        # "as X pointed out, …"
        (
            "As Okafor pointed out, the harbour fees have not changed since 2019.",
            "the harbour fees have not changed since 2019",
            "Maria Okafor",
        ),
        # a weekday between the cue and the clause
        (
            "Brennan announced Sunday he will retire after the summer season.",
            "he will retire after the summer season",
            "Tom Brennan",
        ),
    ],
)
def test_a_sentence_reports_its_clause_with_its_speaker(sentence, clause, speaker):
    assert indirect(extract(sentence)) == [(clause, speaker)]


def test_the_clause_ends_before_a_relative_or_contrasting_clause():
    result = extract("Okafor said the new berths would be ready by June, while the old ones would close.")
    assert indirect(result) == [("the new berths would be ready by June", "Maria Okafor")]


def test_a_second_predicate_of_the_speaker_is_a_second_statement():
    result = extract(
        "Brennan told the council the dredging had finished and said the channel was safe again."
    )
    assert indirect(result) == [
        ("the dredging had finished", "Tom Brennan"),
        ("the channel was safe again", "Tom Brennan"),
    ]


def test_a_statement_interrupted_by_its_cue_keeps_both_halves():
    result = extract("The new ferry, Okafor said, would carry twice as many cars.")
    assert indirect(result) == [
        ("The new ferry, Okafor said, would carry twice as many cars", "Maria Okafor")
    ]


def test_counted_people_report_speech_without_a_named_speaker():
    result = extract("Sixty percent of the residents said they would use the new ferry.")
    assert indirect(result) == [("they would use the new ferry", "")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Brennan declined to say whether the lease had been signed.",
        "Okafor believes that the harbour will be busier next year.",
        "Brennan recalled a storm at the old pier that flooded the car park.",
        "Consumer groups said the ruling did not go far enough.",
        "Okafor Says Harbour Fees Will Rise Next Spring.",
    ],
)
def test_refusals_beliefs_objects_groups_and_headlines_report_nothing(sentence):
    assert indirect(extract(sentence)) == []


def test_a_clause_that_is_mostly_quotation_is_a_direct_quote():
    result = extract("Okafor said the plan was “a mistake that the whole town will pay for.”")
    assert indirect(result) == []
    assert [(q.text, q.speaker) for q in result.quotes if q.type == "direct"] == [
        ("a mistake that the whole town will pay for.", "Maria Okafor")
    ]


def test_a_clause_half_inside_quotation_marks_gives_only_its_quoted_stretch_as_a_direct_quote():
    result = extract("Okafor said the harbour fees for boats were “far higher than anyone had planned for”.")
    assert indirect(result) == []
    assert [(q.text, q.speaker) for q in result.quotes if q.type == "direct"] == [
        ("far higher than anyone had planned for", "Maria Okafor")
    ]


def test_a_clause_less_than_half_quoted_is_one_indirect_quote_keeping_its_quoted_fragment():
    result = extract(
        "Okafor said the council would review the harbour fees for small boats next year "
        "because they were “far too high”."
    )
    assert indirect(result) == [
        (
            "the council would review the harbour fees for small boats next year because they "
            "were “far too high”",
            "Maria Okafor",
        )
    ]
    assert [q.text for q in result.quotes if q.type == "direct"] == []


def test_the_cue_of_a_quotation_does_not_report_what_follows_it():
    result = extract("“We are ready,” Okafor said, standing in front of the new terminal building.")
    assert indirect(result) == []
