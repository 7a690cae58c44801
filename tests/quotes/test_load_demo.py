import io

import pytest
from django.core.management import call_command

from quotes.models import Citation, Quote, Role, Speaker, SpeakerAlias, Tag
from sources.models import Contributor, Outlet, Source

pytestmark = pytest.mark.django_db

MODELS = [Outlet, Source, Contributor, Speaker, SpeakerAlias, Role, Tag, Quote, Citation]


def snapshot():
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


def test_load_demo_is_idempotent():
    call_command("load_demo", stdout=io.StringIO())
    first = snapshot()
    out = io.StringIO()

    call_command("load_demo", stdout=out)

    assert snapshot() == first
    assert "nothing changed" in out.getvalue()


def test_the_demo_source_is_the_republika_article_with_its_metadata(demo):
    source = Source.objects.get()

    assert source.outlet.name == "Republika"
    assert source.outlet.domain == "republika.co.id"
    assert source.outlet.timezone == "Asia/Jakarta"
    assert source.published_local.isoformat() == "2023-09-20T14:35:00+07:00"
    assert source.language == "id"
    assert [(c.name, c.role) for c in source.contributors.all()] == [
        ("Rizky Jaramaya", "author"),
        ("Esthi Maharani", "editor"),
    ]


def test_the_demo_has_patrushevs_direct_quote_with_role_date_place_and_citation(demo):
    quote = Quote.objects.get(text__startswith="Di tengah kampanye")

    assert quote.speaker.name == "Nikolai Patrushev"
    assert quote.role.title == "Secretary of the Security Council of Russia"
    assert (str(quote.said), quote.said_on_precision, quote.said_on_approximate) == (
        "2023-09-19",
        "day",
        False,
    )
    assert (quote.language, quote.original_language, quote.type, quote.place) == (
        "id",
        "ru",
        "direct",
        "Moscow",
    )
    citation = quote.citations.get()
    assert citation.source.outlet.slug == "republika"
    assert citation.locator == "paragraph 2"
    assert "kata Patrushev" in citation.excerpt


def test_the_demo_has_patrushevs_reported_statements_as_indirect_quotes(demo):
    indirect = Quote.objects.filter(speaker__slug="nikolai-patrushev", type="indirect")

    assert indirect.count() == 3
    assert all(q.citations.count() == 1 and q.said_on.isoformat() == "2023-09-19" for q in indirect)


def test_the_demo_has_wang_yis_direct_quote_translated_from_chinese(demo):
    quote = Quote.objects.get(text__startswith="Semakin keras tindakan hegemoni")

    assert quote.speaker.name == "Wang Yi"
    assert (quote.language, quote.original_language) == ("id", "zh")
    assert quote.said_on_approximate is True
    assert quote.role.title == "Minister of Foreign Affairs"
    assert list(Speaker.objects.matching("王毅")) == [quote.speaker]


def test_every_demo_quote_is_unverified_until_a_reviewer_rules(demo):
    assert set(Quote.objects.values_list("status", flat=True)) == {"unverified"}


def test_load_demo_gives_a_republika_recorded_without_a_time_zone_its_zone():
    from sources.services import outlet_create

    outlet_create(name="Republika", slug="republika", domain="republika.co.id")

    call_command("load_demo", stdout=io.StringIO())

    assert Outlet.objects.get().timezone == "Asia/Jakarta"
