"""The quote read paths must produce exactly what the serializer produces.

Three paths give a quote's representation: ``QuoteSerializer``, the Python fast path
for lists (``quote_representation``) and, on PostgreSQL, JSON built by the database
(``selectors.quotes_as_json``). They share their formats (``core.formats``); these
tests hold them to the same output in several time zones and for the awkward cases.
"""

import json
from datetime import UTC, date, datetime

import pytest
from django.test import RequestFactory
from django.utils import timezone

from quotes.models import Citation, Quote, Role, Speaker
from quotes.selectors import attach_other_attributions, quotes_as_json, quotes_for_api
from quotes.serializers import QuoteSerializer, quote_representation
from sources.models import Contributor, Source

pytestmark = pytest.mark.django_db

TIME_ZONES = ["UTC", "Asia/Jakarta", "America/St_Johns", "Asia/Kathmandu"]


@pytest.fixture
def varied_quotes(demo, reviewer):
    """The demo plus what it lacks: verdicts, shared words, no role, no date, no citation, no outlet, every type."""
    wang = Quote.objects.get(text__startswith="Semakin keras")
    wang.status, wang.status_note = "verified", "Checked."
    wang.reviewed_at = datetime(2024, 2, 29, 23, 30, 15, 123456, tzinfo=UTC)
    wang.save()
    other = Speaker.objects.create(name="Somebody Else", slug="somebody-else", wikidata_id="Q42")
    role = Role.objects.create(speaker=other, title="Envoy", start_date=date(2019, 1, 1))
    copied = Quote.objects.create(
        speaker=other, text=wang.text.lower(), language="id", status="misattributed"
    )
    Citation.objects.create(quote=copied, source=wang.citations.get().source, locator="", excerpt="")
    Quote.objects.create(speaker=other, text="Undated words", language="en", type="paraphrase")
    no_outlet = Source.objects.create(
        title="A leaflet", published_at=datetime(2021, 6, 30, 17, 0, tzinfo=UTC), timezone="America/St_Johns"
    )
    Contributor.objects.create(source=no_outlet, name="B. Writer", position=1)
    Contributor.objects.create(source=no_outlet, name="A. Writer", position=0)
    Contributor.objects.create(source=no_outlet, name="An Editor", role="editor")
    undated_source = Source.objects.create(title="Undated notes", timezone="UTC")
    for precision, kind in (("year", "indirect"), ("month", "direct"), ("day", "paraphrase")):
        quote = Quote.objects.create(
            speaker=other,
            role=role,
            text=f"Words of a {precision}",
            language="en",
            type=kind,
            said_on=date(2020, 2, 29),
            said_on_precision=precision,
            said_on_approximate=precision == "month",
            place="Dili",
            context="A speech.",
        )
        Citation.objects.create(quote=quote, source=no_outlet, locator="p. 2", excerpt="“Words”")
        Citation.objects.create(quote=quote, source=undated_source)


def serialized(quotes, request):
    return {
        quote.pk: json.loads(json.dumps(QuoteSerializer(quote, context={"request": request}).data))
        for quote in quotes
    }


@pytest.mark.parametrize("zone", TIME_ZONES)
def test_the_python_fast_path_matches_the_serializer_field_for_field(varied_quotes, settings, zone):
    settings.TIME_ZONE = zone
    request = RequestFactory().get("/api/v1/quotes/")
    with timezone.override(zone):
        quotes = attach_other_attributions(quotes_for_api().order_by("pk"))
        expected = serialized(quotes, request)
        for quote in quotes:
            assert json.loads(json.dumps(quote_representation(quote, request=request))) == expected[quote.pk]


@pytest.mark.postgres
@pytest.mark.parametrize("zone", TIME_ZONES)
def test_the_json_postgresql_builds_matches_the_serializer_field_for_field(varied_quotes, settings, zone):
    settings.TIME_ZONE = zone
    request = RequestFactory().get("/api/v1/quotes/")
    with timezone.override(zone):
        quotes = attach_other_attributions(quotes_for_api().order_by("pk"))
        expected = serialized(quotes, request)
        built = quotes_as_json([quote.pk for quote in quotes], request=request)

    assert [json.loads(body) for body in built] == [expected[quote.pk] for quote in quotes]
    assert {q["type"] for q in expected.values()} == set(Quote.Type.values)
    assert any(q["said_on"] is None for q in expected.values())
    assert any(c["source"]["outlet"] is None for q in expected.values() for c in q["citations"])


@pytest.mark.postgres
def test_the_json_path_percent_encodes_slugs_as_reverse_does(varied_quotes):
    Speaker.objects.filter(slug="somebody-else").update(slug="orang-lain-é")
    request = RequestFactory().get("/api/v1/quotes/")
    quotes = attach_other_attributions(quotes_for_api().order_by("pk"))

    built = quotes_as_json([quote.pk for quote in quotes], request=request)

    assert [json.loads(body) for body in built] == list(serialized(quotes, request).values())
    assert any("orang-lain-%C3%A9" in body for body in built)


def test_lists_use_the_fast_path(varied_quotes):
    request = RequestFactory().get("/api/v1/quotes/")
    quotes = attach_other_attributions(quotes_for_api().order_by("pk"))

    data = QuoteSerializer(quotes, many=True, context={"request": request}).data

    assert [item["id"] for item in data] == [quote.pk for quote in quotes]
    assert data[0] == quote_representation(quotes[0], request=request)


@pytest.mark.parametrize("zone", TIME_ZONES)
def test_a_list_and_a_detail_give_a_quote_the_same_way(client, varied_quotes, settings, zone):
    settings.TIME_ZONE = zone
    listed = {
        item["id"]: item for item in client.get("/api/v1/quotes/", {"page_size": 100}).json()["results"]
    }

    for pk, item in listed.items():
        assert client.get(f"/api/v1/quotes/{pk}/").json() == item
