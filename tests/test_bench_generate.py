"""The benchmark's generator (bench/generate.py) loads a dataset the app would accept as its own."""

import pytest
from django.db import connection

from bench.generate import SEARCH_VECTOR, generate
from quotes.models import Citation, Quote, Speaker

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def generated():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexrelid::regclass::text FROM pg_index ORDER BY 1")
        indexes_before = cursor.fetchall()
    return generate(2_000, log=lambda message: None), indexes_before


def scalar(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def test_it_loads_the_quotes_with_their_citations_tags_and_search_vectors(generated):
    result, _ = generated

    assert Quote.objects.count() == result["quotes"] == 2_000
    assert Citation.objects.count() == result["citations"] > 2_000
    assert Quote.tags.through.objects.count() == result["tags"] == 1_000
    assert Speaker.objects.count() == result["speakers"]
    assert (
        scalar(f"SELECT count(*) FROM quotes_quote WHERE search_vector IS DISTINCT FROM {SEARCH_VECTOR}") == 0
    )
    assert scalar("SELECT count(*) FROM quotes_quote WHERE search_vector = ''::tsvector") == 0
    assert (
        scalar(
            "SELECT count(*) FROM quotes_quote "
            "WHERE fingerprint <> encode(sha256(convert_to(text, 'UTF8')), 'hex')"
        )
        == 0
    )
    assert scalar("SELECT count(DISTINCT (speaker_id, fingerprint)) FROM quotes_quote") == 2_000
    assert scalar("SELECT count(DISTINCT fingerprint) FROM quotes_quote") < 2_000  # some words repeat


def test_it_leaves_the_schema_as_it_found_it(generated):
    _, indexes_before = generated

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexrelid::regclass::text FROM pg_index ORDER BY 1")
        assert cursor.fetchall() == indexes_before
    assert (
        scalar(
            "SELECT attgenerated FROM pg_attribute "
            "WHERE attrelid = 'quotes_quote'::regclass AND attname = 'search_vector'"
        )
        == "s"
    )
    assert scalar("SELECT count(*) FROM pg_constraint WHERE conname = 'quote_unique_words_per_speaker'") == 1
    assert scalar("SELECT nextval(pg_get_serial_sequence('quotes_quote', 'id'))") == 2_001
    assert scalar("SELECT relallvisible = relpages FROM pg_class WHERE relname = 'quotes_quote'")
