"""Speakers already on record: an import links a mention to the recorded speaker it stands for."""

from datetime import date

import pytest

from quotes import services
from quotes.extraction.types import ExtractedQuote, ExtractedSource, ExtractionResult
from quotes.importing import article_draft_from_extraction, article_import
from quotes.models import Quote, Speaker
from quotes.selectors import speakers_for_mention

pytestmark = pytest.mark.django_db


@pytest.fixture
def widodo(editor):
    return services.speaker_create(name="Joko Widodo", aliases=["Jokowi"], user=editor)


@pytest.fixture
def warren(editor):
    return services.speaker_create(name="Elizabeth Warren", user=editor)


def extraction(text: str, *quotes: tuple[str, str]) -> ExtractionResult:
    """An extractor result for ``text`` with the given (quoted words, speaker as named) pairs."""
    found = []
    for words, speaker in quotes:
        start = text.index(words)
        found.append(
            ExtractedQuote(
                text=words,
                start=start,
                end=start + len(words),
                paragraph=text[:start].count("\n\n") + 1,
                excerpt=words,
                type="direct",
                speaker=speaker,
                confidence=0.9,
            )
        )
    return ExtractionResult(
        text=text, source=ExtractedSource(title="A test article", language="en"), quotes=tuple(found)
    )


def test_an_alias_stands_for_its_speaker_whatever_its_case_and_accents(widodo):
    assert speakers_for_mention("Jokowi") == [widodo]
    assert speakers_for_mention("JOKOWÍ") == [widodo]
    assert speakers_for_mention("joko widodo") == [widodo]


def test_a_surname_alone_stands_for_the_recorded_speaker_named_in_full_earlier(warren):
    earlier = "Sen. Elizabeth Warren told reporters on Tuesday that the bill was dead."

    assert speakers_for_mention("Warren", earlier_text=earlier) == [warren]


def test_a_surname_alone_stands_for_nobody_when_the_article_never_named_them_in_full(warren):
    assert speakers_for_mention("Warren", earlier_text="Residents of Warren County met on Tuesday.") == []
    assert speakers_for_mention("Warren") == []


def test_a_surname_two_recorded_speakers_named_earlier_share_is_a_choice(editor, warren):
    other = services.speaker_create(name="Mark Warren", user=editor)
    earlier = "Elizabeth Warren and her brother Mark Warren spoke at the same rally."

    assert speakers_for_mention("Warren", earlier_text=earlier) == [warren, other]


def test_the_draft_links_each_mention_to_the_recorded_speaker(widodo, warren):
    text = (
        "Elizabeth Warren spoke first.\n\n"
        "“We will not wait for another quarter,” Warren said.\n\n"
        "“Kita kerja terus,” kata Jokowi."
    )

    draft = article_draft_from_extraction(
        extraction(text, ("We will not wait for another quarter", "Warren"), ("Kita kerja terus", "Jokowi"))
    )

    assert [(q.speaker_name, q.speaker) for q in draft.quotes] == [("Warren", warren), ("Jokowi", widodo)]
    assert all(q.speaker_candidates == [] for q in draft.quotes)


def test_an_alias_two_recorded_speakers_share_is_offered_as_a_choice_not_linked(editor, widodo):
    namesake = services.speaker_create(name="Joko Wibowo", aliases=["Jokowi"], user=editor)
    text = "“Kita kerja terus,” kata Jokowi."

    draft = article_draft_from_extraction(extraction(text, ("Kita kerja terus", "Jokowi")))

    (quote,) = draft.quotes
    assert quote.speaker is None
    assert quote.speaker_candidates == [namesake, widodo]


def test_an_import_saves_linked_quotes_under_the_recorded_speaker_and_adds_no_speaker(widodo, warren):
    text = "Elizabeth Warren spoke first.\n\n“We will not wait for another quarter,” Warren said."
    draft = article_draft_from_extraction(
        extraction(text, ("We will not wait for another quarter", "Warren"))
    )

    outcome = article_import(draft=draft)

    assert outcome.new_speakers == []
    assert Quote.objects.get().speaker == warren
    assert Speaker.objects.count() == 2


def test_an_import_without_review_refuses_an_ambiguous_speaker_and_keeps_the_other_quotes(editor, widodo):
    services.speaker_create(name="Joko Wibowo", aliases=["Jokowi"], user=editor)
    text = "“Kita kerja terus,” kata Jokowi.\n\n“Harga beras turun,” kata Siti Rahma."
    draft = article_draft_from_extraction(
        extraction(text, ("Kita kerja terus", "Jokowi"), ("Harga beras turun", "Siti Rahma"))
    )

    outcome = article_import(draft=draft)

    assert [quote.speaker.name for quote in outcome.created] == ["Siti Rahma"]
    ((refused, reason),) = outcome.rejected
    assert refused.text == "Kita kerja terus"
    assert "Joko Widodo" in reason and "Joko Wibowo" in reason
    assert not Quote.objects.filter(text="Kita kerja terus").exists()


def test_a_new_speaker_is_created_once_and_gets_the_role_the_article_gives(editor):
    text = "“Harga beras turun,” kata Siti Rahma.\n\n“Stok aman,” kata Siti Rahma."
    result = extraction(text, ("Harga beras turun", "Siti Rahma"), ("Stok aman", "Siti Rahma"))
    draft = article_draft_from_extraction(result)
    for quote in draft.quotes:
        quote.speaker_role = "Kepala Bulog Jawa Barat"
        quote.said_on, quote.said_on_precision = date(2023, 9, 19), "day"

    outcome = article_import(draft=draft, user=editor)

    assert [speaker.name for speaker in outcome.new_speakers] == ["Siti Rahma"]
    assert {quote.role.title for quote in Quote.objects.all()} == {"Kepala Bulog Jawa Barat"}
