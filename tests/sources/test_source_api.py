"""The public source and outlet API, and writing sources."""

import pytest

from sources.models import Outlet, Source

SOURCES = "/api/v1/sources/"
OUTLETS = "/api/v1/outlets/"


@pytest.fixture
def republika_article(demo):
    return Source.objects.get(title__startswith="Rusia dan Cina")


def test_a_source_gives_its_publication_time_with_its_own_offset(client, republika_article):
    response = client.get(f"{SOURCES}{republika_article.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert body["published_at"] == "2023-09-20T14:35:00+07:00"
    assert body["timezone"] == "Asia/Jakarta"
    assert body["outlet"] == {"name": "Republika", "slug": "republika", "domain": "republika.co.id"}
    assert body["authors"] == ["Rizky Jaramaya"]
    assert body["contributors"] == [
        {"name": "Rizky Jaramaya", "role": "author"},
        {"name": "Esthi Maharani", "role": "editor"},
    ]


def test_an_unknown_source_is_a_404(client, db):
    assert client.get(f"{SOURCES}424242/").status_code == 404


def test_sources_filter_by_outlet_slug_or_domain_and_by_canonical_url(client, republika_article):
    Source.objects.filter(pk=republika_article.pk).update(url="https://republika.co.id/berita/s1")
    Source.objects.create(title="Elsewhere")

    by_slug = client.get(SOURCES, {"outlet": "republika"})
    by_domain = client.get(SOURCES, {"outlet": "republika.co.id"})
    by_url = client.get(SOURCES, {"url": "https://REPUBLIKA.co.id/berita/s1/?utm_source=feed"})

    assert [s["id"] for s in by_slug.json()["results"]] == [republika_article.pk]
    assert [s["id"] for s in by_domain.json()["results"]] == [republika_article.pk]
    assert [s["id"] for s in by_url.json()["results"]] == [republika_article.pk]


def test_an_unknown_outlet_or_kind_is_a_400_naming_the_parameter(client, demo):
    outlet = client.get(SOURCES, {"outlet": "nowhere"})
    kind = client.get(SOURCES, {"kind": "podcast"})

    assert (outlet.status_code, outlet.json()["errors"][0]["parameter"]) == (400, "outlet")
    assert (kind.status_code, kind.json()["errors"][0]["parameter"]) == (400, "kind")


def test_outlets_are_listed_and_found_by_slug(client, demo):
    listing = client.get(OUTLETS)
    detail = client.get(f"{OUTLETS}republika/")

    assert [o["slug"] for o in listing.json()["results"]] == ["republika"]
    assert detail.json()["domain"] == "republika.co.id"


def test_outlets_cannot_be_written_through_the_api(client, superuser):
    client.force_authenticate(superuser)

    response = client.post(OUTLETS, {"name": "New"}, format="json")

    assert response.status_code == 405


def test_an_editor_records_a_source_in_its_own_time_zone(client, editor, demo):
    client.force_authenticate(editor)
    body = {
        "title": "Wang Yi bertemu Lavrov",
        "url": "https://Republika.co.id/berita/xyz/?utm_source=twitter",
        "outlet": "republika",
        "published_at": "2023-09-18T20:05",
        "timezone": "Asia/Jakarta",
        "language": "id",
        "contributors": [{"name": "Rizky Jaramaya", "role": "author"}],
    }

    response = client.post(SOURCES, body, format="json")

    assert response.status_code == 201
    source = Source.objects.get(pk=response.json()["id"])
    assert source.url == "https://republika.co.id/berita/xyz"
    assert source.published_local.isoformat() == "2023-09-18T20:05:00+07:00"
    assert source.created_by == editor
    assert response.json()["authors"] == ["Rizky Jaramaya"]


def test_a_publication_time_with_an_offset_is_kept_as_that_instant(client, editor, demo):
    client.force_authenticate(editor)
    body = {"title": "Offset given", "published_at": "2023-09-18T13:05:00+00:00", "timezone": "Asia/Jakarta"}

    response = client.post(SOURCES, body, format="json")

    assert response.status_code == 201
    assert response.json()["published_at"] == "2023-09-18T20:05:00+07:00"


@pytest.mark.parametrize(
    ("field", "value"),
    [("published_at", "next tuesday"), ("timezone", "Mars/Olympus"), ("language", "Bahasa"), ("title", "  ")],
)
def test_invalid_source_fields_are_a_400_naming_the_field(client, editor, demo, field, value):
    client.force_authenticate(editor)
    body = {"title": "A title", field: value}

    response = client.post(SOURCES, body, format="json")

    assert response.status_code == 400
    assert field in [error.get("field") for error in response.json()["errors"]]


def test_a_duplicate_url_is_a_400(client, editor, republika_article):
    Source.objects.filter(pk=republika_article.pk).update(url="https://republika.co.id/berita/s1")
    client.force_authenticate(editor)

    response = client.post(
        SOURCES, {"title": "Again", "url": "https://republika.co.id/berita/s1/"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "url"


def test_a_cited_source_cannot_be_deleted(client, reviewer, republika_article):
    client.force_authenticate(reviewer)

    response = client.delete(f"{SOURCES}{republika_article.pk}/")

    assert response.status_code == 409
    assert Source.objects.filter(pk=republika_article.pk).exists()


def test_an_editor_cannot_delete_a_source(client, editor, demo):
    source = Source.objects.create(title="Uncited")
    client.force_authenticate(editor)

    response = client.delete(f"{SOURCES}{source.pk}/")

    assert response.status_code == 403


def test_anonymous_users_cannot_create_sources(client, demo):
    response = client.post(SOURCES, {"title": "Anonymous"}, format="json")

    assert response.status_code == 401
    assert Outlet.objects.count() == 1
