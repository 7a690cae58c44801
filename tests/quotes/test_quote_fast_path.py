"""The quote lists' fast path must produce exactly what the serializer produces."""

import json
from datetime import date

import pytest
from django.test import RequestFactory
from django.utils import timezone

from quotes.models import Citation, Quote, Speaker
from quotes.selectors import attach_other_attributions, quotes_for_api
from quotes.serializers import QuoteSerializer, quote_representation

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied_quotes(demo, reviewer):
    """The demo plus the cases the demo lacks: a verdict, another attribution, no role, no date, no citation."""
    wang = Quote.objects.get(text__startswith="Semakin keras")
    wang.status, wang.status_note, wang.reviewed_at = "verified", "Checked.", timezone.now()
    wang.save()
    other = Speaker.objects.create(name="Somebody Else", slug="somebody-else", wikidata_id="Q42")
    copied = Quote.objects.create(
        speaker=other, text=wang.text.lower(), language="id", status="misattributed"
    )
    Citation.objects.create(quote=copied, source=wang.citations.get().source, locator="", excerpt="")
    Quote.objects.create(speaker=other, text="Undated words", language="en")
    Quote.objects.create(
        speaker=other,
        text="Words of a year",
        language="en",
        said_on=date(2020, 1, 1),
        said_on_precision="year",
    )


def test_the_fast_path_matches_the_serializer_field_for_field(varied_quotes):
    request = RequestFactory().get("/api/v1/quotes/")
    quotes = attach_other_attributions(quotes_for_api().order_by("pk"))

    for quote in quotes:
        slow = json.loads(json.dumps(QuoteSerializer(quote, context={"request": request}).data))
        fast = json.loads(json.dumps(quote_representation(quote, request=request)))
        assert fast == slow, quote.pk


def test_lists_use_the_fast_path(varied_quotes):
    request = RequestFactory().get("/api/v1/quotes/")
    quotes = attach_other_attributions(quotes_for_api().order_by("pk"))

    data = QuoteSerializer(quotes, many=True, context={"request": request}).data

    assert [item["id"] for item in data] == [quote.pk for quote in quotes]
    assert data[0] == quote_representation(quotes[0], request=request)
