import pytest
from django.contrib import admin
from django.urls import reverse

from quotes.models import Quote, Speaker
from sources.models import Source

pytestmark = pytest.mark.django_db

REGISTERED = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in {"quotes", "sources"}
)


@pytest.mark.parametrize(("app_label", "model_name"), REGISTERED)
def test_every_admin_page_renders_for_every_model(client, superuser, demo, app_label, model_name):
    model = next(
        m for m in admin.site._registry if (m._meta.app_label, m._meta.model_name) == (app_label, model_name)
    )
    obj = model.objects.first()
    client.force_login(superuser)

    pages = [
        reverse(f"admin:{app_label}_{model_name}_changelist"),
        reverse(f"admin:{app_label}_{model_name}_add"),
        reverse(f"admin:{app_label}_{model_name}_change", args=[obj.pk]),
        reverse(f"admin:{app_label}_{model_name}_history", args=[obj.pk]),
    ]

    for url in pages:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("user_fixture", ["editor", "reviewer"])
def test_editors_and_reviewers_can_open_the_editorial_pages(client, demo, request, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    quote = Quote.objects.first()

    for url in [
        reverse("admin:index"),
        reverse("admin:quotes_quote_changelist"),
        reverse("admin:quotes_quote_add"),
        reverse("admin:quotes_quote_change", args=[quote.pk]),
        reverse("admin:quotes_speaker_add"),
        reverse("admin:sources_source_add"),
        reverse("admin:sources_outlet_add"),
    ]:
        assert client.get(url).status_code == 200, url


def test_an_editor_cannot_delete_quotes_but_a_reviewer_can(client, demo, editor, reviewer):
    quote = Quote.objects.first()
    delete_url = reverse("admin:quotes_quote_delete", args=[quote.pk])

    client.force_login(editor)
    assert client.get(delete_url).status_code == 403

    client.force_login(reviewer)
    assert client.get(delete_url).status_code == 200


def test_the_autocomplete_finds_speakers_by_alias_and_sources_by_title(client, demo, editor):
    client.force_login(editor)
    url = reverse("admin:autocomplete")

    speakers = client.get(
        url, {"app_label": "quotes", "model_name": "quote", "field_name": "speaker", "term": "王毅"}
    )
    sources = client.get(
        url, {"app_label": "quotes", "model_name": "citation", "field_name": "source", "term": "Rusia"}
    )

    assert [r["text"] for r in speakers.json()["results"]] == ["Wang Yi"]
    assert [r["text"] for r in sources.json()["results"]] == [str(Source.objects.get())]


def test_the_speaker_changelist_links_to_its_quotes(client, demo, editor):
    client.force_login(editor)
    patrushev = Speaker.objects.get(slug="nikolai-patrushev")

    listing = client.get(reverse("admin:quotes_speaker_changelist"))
    quotes = client.get(reverse("admin:quotes_quote_changelist"), {"speaker__id__exact": patrushev.pk})

    assert f"?speaker__id__exact={patrushev.pk}" in listing.content.decode()
    assert quotes.context["cl"].result_count == 4


def test_a_source_is_entered_in_its_own_time_zone(client, editor):
    client.force_login(editor)

    response = client.post(
        reverse("admin:sources_source_add"),
        {
            "kind": "news_article",
            "title": "Rusia dan Cina Perkuat Kerja Sama untuk Lawan Barat",
            "published_at_0": "2023-09-20",
            "published_at_1": "14:35:00",
            "timezone": "Asia/Jakarta",
            "language": "id",
            "contributors-TOTAL_FORMS": "2",
            "contributors-INITIAL_FORMS": "0",
            "contributors-0-name": "Rizky Jaramaya",
            "contributors-0-role": "author",
            "contributors-0-position": "0",
            "contributors-1-name": "Esthi Maharani",
            "contributors-1-role": "editor",
            "contributors-1-position": "1",
        },
    )

    assert response.status_code == 302, response.context["errors"]
    source = Source.objects.get()
    assert source.published_local.isoformat() == "2023-09-20T14:35:00+07:00"
    assert source.created_by == editor
    assert [str(c) for c in source.contributors.all()] == [
        "Rizky Jaramaya (Author / reporter)",
        "Esthi Maharani (Editor)",
    ]
    change_page = client.get(reverse("admin:sources_source_change", args=[source.pk])).content.decode()
    assert 'value="14:35:00"' in change_page


def test_a_duplicate_source_url_is_refused_with_a_message_in_the_form(client, editor):
    Source.objects.create(title="First", url="https://example.com/story")
    client.force_login(editor)

    response = client.post(
        reverse("admin:sources_source_add"),
        {
            "kind": "news_article",
            "title": "Second",
            "url": "https://www.example.com/story/?utm_source=feed".replace("www.", ""),
            "timezone": "UTC",
            "contributors-TOTAL_FORMS": "0",
            "contributors-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert "A source with this URL is already recorded." in response.content.decode()
    assert Source.objects.count() == 1
