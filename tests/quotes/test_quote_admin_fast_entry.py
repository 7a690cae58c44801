"""The quote add page's source section, inline speakers, time zones and roles."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from quotes import services
from quotes.dates import parse_partial_date
from quotes.models import Quote, Role, Speaker
from sources import services as source_services
from sources.models import Outlet, Source
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:quotes_quote_add")
URL = "https://www.republika.co.id/berita/s17gsd370/rusia-dan-cina"


@pytest.fixture
def republika():
    return source_services.outlet_create(
        name="Republika", domain="republika.co.id", language="id", timezone="Asia/Jakarta"
    )


@pytest.fixture
def patrushev(editor):
    speaker = services.speaker_create(name="Nikolai Patrushev", user=editor)
    services.role_save(
        role=Role(speaker=speaker, title="Security Council Secretary", start_date=date(2008, 5, 12)),
        user=editor,
    )
    return speaker


def post_new(client, **values):
    data = admin_form_data(
        client.get(ADD_URL),
        text="Kerja sama kedua negara akan terus diperdalam",
        type="direct",
        status="unverified",
        **values,
    )
    return client.post(ADD_URL, data)


def test_a_quote_from_a_new_article_records_the_source_in_the_same_save(client, editor, republika, patrushev):
    client.force_login(editor)

    response = post_new(
        client,
        speaker=str(patrushev.pk),
        said_on="2023-09-19",
        source_url=URL,
        source_title="Rusia dan Cina Perkuat Kerja Sama",
        source_outlet="republika",
        source_published_at="2023-09-20 14:35",
        source_byline="Rizky Jaramaya, Fitriyan Zamzami",
        source_locator="paragraph 2",
    )

    assert response.status_code == 302, response.context["errors"]
    quote = Quote.objects.get()
    source = quote.citations.get().source
    assert (source.outlet, source.timezone, source.language) == (republika, "Asia/Jakarta", "id")
    assert source.published_at == datetime(2023, 9, 20, 14, 35, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert [c.name for c in source.contributors.all()] == ["Rizky Jaramaya", "Fitriyan Zamzami"]
    assert (quote.language, quote.created_by, source.created_by) == ("id", editor, editor)
    assert quote.citations.get().locator == "paragraph 2"
    assert quote.role.title == "Security Council Secretary"


def test_a_new_outlet_and_a_new_speaker_are_typed_by_name(client, editor):
    client.force_login(editor)

    response = post_new(
        client,
        speaker="Budi Santoso",
        language="id",
        source_url="https://kompas.example/berita/1",
        source_title="Judul",
        source_outlet="Kompas Example",
        source_timezone="Asia/Makassar",
    )

    assert response.status_code == 302, response.context["errors"]
    quote = Quote.objects.get()
    assert (quote.speaker.name, quote.speaker.created_by) == ("Budi Santoso", editor)
    outlet = Outlet.objects.get()
    assert (outlet.name, outlet.timezone) == ("Kompas Example", "Asia/Makassar")
    assert quote.citations.get().source.outlet == outlet


def test_a_recorded_url_is_cited_without_a_second_source(client, editor, patrushev):
    recorded = source_services.source_create(title="Recorded", url=URL, language="id", user=editor)
    client.force_login(editor)

    response = post_new(client, speaker=str(patrushev.pk), source_url=URL + "?utm_source=feed")

    assert response.status_code == 302, response.context["errors"]
    assert Quote.objects.get().citations.get().source == recorded
    assert Source.objects.count() == 1
    lookup = client.get(reverse("admin:quotes_quote_source_lookup"), {"url": URL})
    assert lookup.json()["found"] is True and lookup.json()["id"] == recorded.pk


def test_save_and_add_another_from_the_same_source_keeps_the_source(client, editor, republika, patrushev):
    client.force_login(editor)

    response = post_new(
        client,
        speaker=str(patrushev.pk),
        source_url=URL,
        source_title="Rusia dan Cina",
        source_outlet="Republika",
        _addanother_same_source="1",
    )

    source = Source.objects.get()
    assert response.status_code == 302
    assert response.url == f"{ADD_URL}?cite_source={source.pk}"
    page = client.get(response.url)
    assert page.context["adminform"].form.initial["language"] == "id"
    assert "Rusia dan Cina" in page.content.decode()


def test_said_after_publication_is_shown_beside_the_date(client, editor, republika, patrushev):
    client.force_login(editor)

    response = post_new(
        client,
        speaker=str(patrushev.pk),
        said_on="2023-09-21",
        source_url=URL,
        source_title="Rusia dan Cina",
        source_outlet="Republika",
        source_published_at="2023-09-20 14:35",
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "a source cannot report words before they are said" in errors["said_on"][0]
    assert not Source.objects.exists() and not Quote.objects.exists()


def test_a_new_url_needs_a_title(client, editor, patrushev):
    client.force_login(editor)

    response = post_new(client, speaker=str(patrushev.pk), language="id", source_url=URL)

    assert response.status_code == 200
    assert "give its title" in response.context["adminform"].form.errors["source_title"][0]


def test_the_role_list_offers_only_the_chosen_speakers_roles(client, editor, patrushev):
    other = services.speaker_create(name="Wang Yi", user=editor)
    services.role_save(role=Role(speaker=other, title="Foreign Minister"), user=editor)
    client.force_login(editor)
    params = {"app_label": "quotes", "model_name": "quote", "field_name": "role", "term": ""}

    mine = client.get("/admin/autocomplete/", {**params, "speaker": patrushev.pk}).json()
    nobody = client.get("/admin/autocomplete/", {**params, "speaker": "A new name"}).json()

    assert [r["text"] for r in mine["results"]] == ["Security Council Secretary (Nikolai Patrushev)"]
    assert nobody["results"] == []


def test_the_role_is_filled_in_for_a_month_or_a_year_that_one_role_covers(editor, patrushev):
    month = services.quote_create(
        user=editor, speaker=patrushev, text="Satu", language="id", said_on=parse_partial_date("2023-09")
    )
    before = services.quote_create(
        user=editor, speaker=patrushev, text="Dua", language="id", said_on=parse_partial_date("2008")
    )

    assert month.role.title == "Security Council Secretary"
    assert before.role is None  # the role began in May 2008: it does not cover the whole year
    assert Speaker.objects.get(pk=patrushev.pk).role_on(date(2023, 9, 1), date(2023, 9, 30)) is not None
