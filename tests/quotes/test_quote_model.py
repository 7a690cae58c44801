from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from quotes.dates import Precision, parse_partial_date
from quotes.models import Citation, Quote, Role, Speaker
from sources.models import Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def patrushev():
    return Speaker.objects.create(name="Nikolai Patrushev", slug="nikolai-patrushev")


@pytest.fixture
def wang():
    return Speaker.objects.create(name="Wang Yi", slug="wang-yi")


@pytest.fixture
def article():
    return Source.objects.create(
        title="Rusia dan Cina Perkuat Kerja Sama untuk Lawan Barat",
        published_at=datetime(2023, 9, 20, 14, 35, tzinfo=ZoneInfo("Asia/Jakarta")),
        timezone="Asia/Jakarta",
    )


def build_quote(speaker, **fields):
    values = {"text": "Di tengah kampanye yang dilancarkan oleh kolektif Barat", "language": "id", **fields}
    return Quote(speaker=speaker, **values)


def save_quote(speaker, **fields):
    quote = build_quote(speaker, **fields)
    quote.full_clean()
    quote.save()
    return quote


@pytest.mark.parametrize("text", ["", "   ", "\n\t \u00a0 "])
def test_it_rejects_empty_or_whitespace_only_text(patrushev, text):
    with pytest.raises(ValidationError) as error:
        build_quote(patrushev, text=text).full_clean()

    assert "text" in error.value.message_dict


def test_it_normalises_unicode_and_spacing_but_keeps_the_published_wording(patrushev):
    quote = save_quote(patrushev, text="  Rusia-Cina  di arena\u00a0internasional,  kata Cafe\u0301!  ")

    quote.refresh_from_db()
    assert quote.text == "Rusia-Cina di arena internasional, kata Café!"


def test_it_rejects_a_date_in_the_future(patrushev):
    next_week = date.today() + timedelta(days=7)

    with pytest.raises(ValidationError) as error:
        build_quote(patrushev, said_on=next_week, said_on_precision=Precision.DAY).full_clean()

    assert error.value.message_dict["said_on"] == [
        "The date is in the future; a quote can only be dated when it was said."
    ]


def test_it_needs_a_precision_for_a_date(patrushev):
    with pytest.raises(ValidationError) as error:
        build_quote(patrushev, said_on=date(2023, 9, 19)).full_clean()

    assert "said_on_precision" in error.value.message_dict


def test_it_stores_a_month_precision_date_as_the_whole_month(patrushev):
    quote = save_quote(patrushev, said_on=date(2023, 9, 19), said_on_precision=Precision.MONTH)

    quote.refresh_from_db()
    assert (quote.said_on, quote.said_on_latest, str(quote.said)) == (
        date(2023, 9, 1),
        date(2023, 9, 30),
        "2023-09",
    )


def test_the_database_refuses_a_date_without_a_precision(patrushev):
    with pytest.raises(IntegrityError):
        Quote.objects.create(speaker=patrushev, text="words", language="id", said_on=date(2023, 9, 19))


def test_the_database_refuses_an_unknown_status(patrushev):
    with pytest.raises(IntegrityError):
        Quote.objects.create(speaker=patrushev, text="words", language="id", status="probably")


def test_it_rejects_an_original_language_equal_to_the_language(patrushev):
    with pytest.raises(ValidationError) as error:
        build_quote(patrushev, original_language="id").full_clean()

    assert "original_language" in error.value.message_dict


def test_it_rejects_a_role_held_by_another_speaker(patrushev, wang):
    role = Role.objects.create(speaker=wang, title="Minister of Foreign Affairs")

    with pytest.raises(ValidationError) as error:
        build_quote(patrushev, role=role).full_clean()

    assert error.value.message_dict["role"] == ["This role belongs to Wang Yi, not to Nikolai Patrushev."]


def test_it_fills_in_the_role_the_speaker_held_on_the_day(patrushev):
    Role.objects.create(speaker=patrushev, title="Director of the FSB", end_date=date(2008, 5, 12))
    secretary = Role.objects.create(
        speaker=patrushev, title="Secretary of the Security Council", start_date=date(2008, 5, 12)
    )

    quote = save_quote(patrushev, said_on=date(2023, 9, 19), said_on_precision=Precision.DAY)

    assert quote.role == secretary


def test_the_same_words_by_two_speakers_are_linked_by_their_fingerprint(patrushev, wang):
    first = save_quote(patrushev, text="Semakin keras tindakan hegemoni unilateral")
    second = save_quote(wang, text="semakin  KERAS tindakan — hegemoni unilateral!")

    assert first.fingerprint == second.fingerprint
    assert list(Quote.objects.attributions_of(first)) == [second]


def test_it_refuses_the_same_words_twice_for_one_speaker(patrushev):
    save_quote(patrushev, text="Semakin keras tindakan hegemoni")

    with pytest.raises(ValidationError) as error:
        build_quote(patrushev, text="Semakin keras, tindakan hegemoni.").full_clean()

    assert "already has a quote with these words" in str(error.value)


def test_a_verdict_needs_a_citation(patrushev):
    quote = save_quote(patrushev)
    quote.status = Quote.Status.VERIFIED

    with pytest.raises(ValidationError) as error:
        quote.check_citations([])

    assert error.value.messages == [
        "A quote without a citation can only be unverified; add a citation first."
    ]


def test_an_unverified_quote_needs_no_citation(patrushev):
    save_quote(patrushev).check_citations([])


def test_it_rejects_a_date_later_than_the_citing_sources_publication(patrushev, article):
    quote = save_quote(patrushev, said_on=date(2023, 9, 21), said_on_precision=Precision.DAY)

    with pytest.raises(ValidationError) as error:
        quote.check_citations([article])

    assert "a source cannot report words before they are said" in error.value.messages[0]


def test_a_date_on_the_day_of_publication_in_the_sources_time_zone_is_accepted(patrushev, article):
    quote = save_quote(patrushev, said_on=date(2023, 9, 20), said_on_precision=Precision.DAY)
    Citation.objects.create(quote=quote, source=article)

    quote.check_citations(quote.cited_sources())


def test_a_year_precision_date_is_compared_by_its_first_day(patrushev, article):
    quote = save_quote(patrushev, said_on=date(2023, 1, 1), said_on_precision=Precision.YEAR)

    quote.check_citations([article])


def test_the_database_refuses_a_second_citation_of_a_quote_by_the_same_source(patrushev, article):
    quote = save_quote(patrushev)
    Citation.objects.create(quote=quote, source=article, locator="paragraph 2")

    with pytest.raises(IntegrityError):
        Citation.objects.create(quote=quote, source=article, locator="paragraph 3")


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2023", date(2023, 1, 1), date(2023, 12, 31), "year"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month"),
        ("2023-09-19", date(2023, 9, 19), date(2023, 9, 19), "day"),
    ],
)
def test_partial_dates_cover_their_whole_period(text, start, end, precision):
    partial = parse_partial_date(text)

    assert (partial.start, partial.end, partial.precision) == (start, end, precision)


@pytest.mark.parametrize("text", ["19/9/2023", "2023-13", "2023-02-30", "Selasa", "", "20233"])
def test_partial_dates_reject_malformed_input_with_a_message(text):
    with pytest.raises(ValueError, match=r"YYYY|valid calendar date"):
        parse_partial_date(text)
