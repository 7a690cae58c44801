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


def test_the_clause_ends_before_a_relative_clause_but_keeps_a_contrast():
    result = extract(
        "Okafor said the new berths would be ready by June, which surprised the fishing crews. "
        "Brennan said the old pier would stay open, while the new one would take the ferries."
    )
    assert indirect(result) == [
        ("the new berths would be ready by June", "Maria Okafor"),
        ("the old pier would stay open, while the new one would take the ferries", "Tom Brennan"),
    ]


@pytest.mark.parametrize(
    "clause",
    [
        "the council had picked a contractor, which he declined to name",
        "the money should go to the harbour routes, which he described as slow at best",
    ],
)
def test_a_relative_clause_about_what_was_said_stays_in_it(clause):
    assert indirect(extract(f"Brennan said {clause}.")) == [(clause, "Tom Brennan")]


def test_a_statement_inside_a_fronted_clause_ends_at_its_comma():
    result = extract(
        "Weeks after Okafor announced that the slipway would reopen, the harbour board cut its budget again."
    )
    assert indirect(result) == [("the slipway would reopen", "Maria Okafor")]


def test_a_sentence_after_a_finished_quotation_has_a_cue_of_its_own():
    result = extract("“The tide waits for nobody.” Brennan says the crews start work at dawn all summer.")
    assert indirect(result) == [("the crews start work at dawn all summer", "Tom Brennan")]


@pytest.mark.parametrize(
    ("sentence", "statement"),
    [
        ("Okafor announced her candidacy for the mayoralty on the harbour steps.", "her candidacy"),
        ("Brennan recalled a storm at the old pier that flooded the car park.", "a storm"),
        ("Okafor spoke about the closure of the fish market, before leaving early.", "the closure"),
    ],
)
def test_a_verb_of_saying_reports_the_noun_phrase_it_takes(sentence, statement):
    found = indirect(extract(sentence))
    assert len(found) == 1 and found[0][0].startswith(statement)


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
        "Okafor released the report on the harbour fees.",
        "Consumer groups said the ruling did not go far enough.",
        "Okafor Says Harbour Fees Will Rise Next Spring.",
    ],
)
def test_refusals_beliefs_acts_groups_and_headlines_report_nothing(sentence):
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


def test_a_sentence_its_cue_closes_may_open_with_this():
    result = extract("This has been the wettest spring on the coast for years, Brennan said.")
    assert indirect(result) == [("This has been the wettest spring on the coast for years", "Tom Brennan")]


def test_a_participle_after_a_closing_cue_reports_a_second_statement_of_the_same_speaker():
    result = extract(
        "The slipway will reopen in 2.5 weeks, Okafor said, adding that the crane had been repaired."
    )
    assert indirect(result) == [
        ("The slipway will reopen in 2.5 weeks", "Maria Okafor"),
        ("the crane had been repaired", "Maria Okafor"),
    ]


def test_an_appositive_after_a_closing_cue_is_not_part_of_the_statement():
    result = extract(
        "The harbour fees are too high for small boats, said Okafor, a councillor who grew up on the quay."
    )
    assert indirect(result) == [("The harbour fees are too high for small boats", "Maria Okafor")]


def test_the_cue_nearest_the_end_of_the_sentence_closes_it():
    result = extract(
        "The crews repaired the crane, and the harbour board pledged to pay for it, Okafor said on Friday."
    )
    assert indirect(result) == [
        ("The crews repaired the crane, and the harbour board pledged to pay for it", "Maria Okafor")
    ]


def test_a_noun_of_saying_reports_what_its_owner_said():
    result = extract("The board rejected Okafor's claim that the harbour fees had doubled since 2019.")
    assert indirect(result) == [("the harbour fees had doubled since 2019", "Maria Okafor")]


def test_the_advisers_of_a_person_report_speech_without_a_named_speaker():
    result = extract("Okafor's advisers have long insisted that the ferry route would pay for itself.")
    assert indirect(result) == [("the ferry route would pay for itself", "")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Okafor, a councillor who grew up on the quay, said the ferry would run all winter.",
        "Maria Okafor criticised the board on Monday and has said the ferry would run all winter.",
        "Councillor Maria Okafor, D-Ohio, who chairs the board, backed the plan, saying the "
        "ferry would run all winter.",
    ],
)
def test_a_subject_set_off_from_its_cue_is_still_the_speaker(sentence):
    assert indirect(extract(sentence)) == [("the ferry would run all winter", "Maria Okafor")]


def test_the_respondents_of_a_poll_are_not_quoted():
    result = extract(
        "In a survey for the harbour board, 54 percent of residents said the ferry was too dear."
    )
    assert indirect(result) == []


def test_a_cue_set_off_by_commas_inside_the_statement_keeps_both_halves():
    result = extract("Without the grant for the pier, Okafor said, she would close the market on Sundays.")
    assert indirect(result) == [
        ("Without the grant for the pier, Okafor said, she would close the market on Sundays", "Maria Okafor")
    ]


def test_a_description_that_names_no_person_first_reports_without_a_named_speaker():
    result = extract("The Harbour Party candidate and former fisherman said the pier would close in May.")
    assert indirect(result) == [("the pier would close in May", "")]


def test_a_fronted_time_phrase_is_not_part_of_the_statement_its_cue_interrupts():
    result = extract("Two weeks ago, Okafor said, the board had no money for the pier.")
    assert indirect(result) == [("the board had no money for the pier", "Maria Okafor")]


def test_people_named_with_others_report_without_a_named_speaker():
    result = extract("Kofi Mensah and others who fish from the pier said the new fees were unfair.")
    assert indirect(result) == [("the new fees were unfair", "")]


def test_a_relative_clause_closing_a_noun_phrase_statement_stays_out():
    result = extract(
        "Okafor announced her engagement to the harbour pilot Ana Ruiz, who is the daughter of a ferryman."
    )
    assert indirect(result) == [("her engagement to the harbour pilot Ana Ruiz", "Maria Okafor")]


@pytest.mark.parametrize(
    ("sentence", "clause"),
    [
        # a new subject with its own verb
        (
            "Okafor said she would reopen the fish market, and the harbour board has agreed to pay for it.",
            "she would reopen the fish market",
        ),
        (
            "Okafor said she would reopen the fish market, but Brennan was not convinced by the plan.",
            "she would reopen the fish market",
        ),
        # an adverbial clause that opens the writer's next statement
        (
            "Okafor said the pier was safe, and when asked about the fees she left the room.",
            "the pier was safe",
        ),
        ("Okafor said the pier was safe, but there is no money for repairs.", "the pier was safe"),
    ],
)
def test_a_new_clause_joined_by_a_comma_and_a_conjunction_ends_the_statement(sentence, clause):
    assert indirect(extract(sentence)) == [(clause, "Maria Okafor")]


def test_a_list_ending_in_and_stays_inside_the_statement():
    result = extract("Okafor said that Spanish, Italian, and Greek boats would pay the same fee.")
    assert indirect(result) == [("Spanish, Italian, and Greek boats would pay the same fee", "Maria Okafor")]


def test_a_second_that_clause_after_a_comma_and_a_conjunction_stays_inside_the_statement():
    result = extract("Okafor said the ferry would run late, and that the crew had asked for more pay.")
    assert indirect(result) == [
        ("the ferry would run late, and that the crew had asked for more pay", "Maria Okafor")
    ]


def test_a_pronoun_after_a_cue_that_follows_a_relative_clause_opens_the_statement():
    result = extract(
        "Okafor, who has run the market for ten years and knows every trader, said she would stay."
    )
    assert indirect(result) == [("she would stay", "Maria Okafor")]


def test_a_statement_that_opens_with_a_short_quotation_and_goes_on_is_reported_speech():
    result = extract(
        'Okafor criticised the board, saying that "wild promises" do more harm than good to the port.'
    )
    assert indirect(result) == [('"wild promises" do more harm than good to the port', "Maria Okafor")]


def test_a_sentence_of_the_reporter_ending_in_a_short_quotation_before_its_cue_is_reported_speech():
    result = extract(
        'Brennan tried to leave the board, and in doing so he "made a costly mistake," Okafor said.'
    )
    assert [(q.type, q.text, q.speaker) for q in result.quotes] == [
        (
            "indirect",
            'Brennan tried to leave the board, and in doing so he "made a costly mistake,"',
            "Maria Okafor",
        )
    ]


def test_a_quotation_that_is_most_of_its_sentence_before_the_cue_stays_direct():
    result = extract(
        'The plan is "a clever way to pay for the new ferry and keep the market open," Okafor said.'
    )
    assert [(q.type, q.text) for q in result.quotes] == [
        ("direct", "a clever way to pay for the new ferry and keep the market open")
    ]


def test_an_interview_named_with_modifiers_between_the_cue_and_its_statement_stays_out():
    result = extract("Okafor said in a long radio interview the ferry would be sold by the spring.")
    assert indirect(result) == [("the ferry would be sold by the spring", "Maria Okafor")]


def test_a_participle_cue_right_after_a_quoted_word_reports_the_sentence_subject():
    result = extract(
        "Okafor hailed the harbour vote as “historic,” telling reporters on Friday that the port would grow."
    )
    assert indirect(result) == [("the port would grow", "Maria Okafor")]
