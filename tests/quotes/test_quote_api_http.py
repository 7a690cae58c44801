"""HTTP behaviour of the public API: throttling, conditional GETs, caching headers and CORS."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from quotes.models import Quote, Tag

QUOTES = "/api/v1/quotes/"


@pytest.fixture
def slow_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "3/minute"},
    }


def test_anonymous_clients_over_the_rate_get_429_with_retry_after(client, demo, slow_rates):
    for _ in range(2):
        assert client.get(QUOTES).status_code == 200

    response = client.get(QUOTES)

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["errors"][0]["code"] == "throttled"


def test_authenticated_clients_have_their_own_rate(client, demo, editor, slow_rates):
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")

    statuses = [client.get(QUOTES).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]


def test_a_list_carries_an_etag_and_last_modified(client, demo):
    response = client.get(QUOTES)

    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")


def test_a_conditional_get_with_the_etag_is_a_304_without_a_body(client, demo):
    etag = client.get(QUOTES, {"speaker": "wang-yi"})["ETag"]

    response = client.get(QUOTES, {"speaker": "wang-yi"}, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_a_conditional_get_with_if_modified_since_is_a_304(client, demo):
    last_modified = client.get(QUOTES)["Last-Modified"]

    response = client.get(QUOTES, HTTP_IF_MODIFIED_SINCE=last_modified)

    assert response.status_code == 304


def test_the_etag_changes_when_a_quote_changes(client, demo):
    etag = client.get(QUOTES)["ETag"]
    quote = Quote.objects.first()
    quote.place = "Beijing"
    quote.save()

    response = client.get(QUOTES, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert response["ETag"] != etag


def test_the_etag_differs_by_query_and_by_format(client, demo):
    plain = client.get(QUOTES)["ETag"]
    filtered = client.get(QUOTES, {"type": "direct"})["ETag"]
    as_csv = client.get(QUOTES, HTTP_ACCEPT="text/csv")["ETag"]

    assert len({plain, filtered, as_csv}) == 3


def test_a_detail_of_a_deleted_quote_is_a_404_even_with_a_matching_etag(client, demo, reviewer):
    quote = Quote.objects.first()
    etag = client.get(f"{QUOTES}{quote.pk}/")["ETag"]
    quote.delete()

    response = client.get(f"{QUOTES}{quote.pk}/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 404


def test_anonymous_reads_are_publicly_cacheable_for_a_short_time(client, demo, settings):
    settings.API_CACHE_MAX_AGE = 60

    response = client.get(QUOTES)

    assert "public" in response["Cache-Control"]
    assert "max-age=60" in response["Cache-Control"]
    assert "Accept" in response["Vary"]


def test_authenticated_reads_are_private(client, demo, editor):
    client.force_authenticate(editor)

    response = client.get(QUOTES)

    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_errors_are_not_cached(client, demo):
    response = client.get(QUOTES, {"said_after": "soon"})

    assert response["Cache-Control"] == "no-store"


def test_reads_are_allowed_from_any_origin(client, demo):
    response = client.get(QUOTES, HTTP_ORIGIN="https://newsroom.example")

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_a_cross_origin_preflight_allows_reads_only(client, demo):
    response = client.options(
        QUOTES, HTTP_ORIGIN="https://newsroom.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )

    assert set(response["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_cors_is_limited_to_the_api(client, db):
    response = client.get("/admin/login/", HTTP_ORIGIN="https://newsroom.example")

    assert "Access-Control-Allow-Origin" not in response


def test_deleting_a_quote_changes_the_etag_of_the_list(client, demo, reviewer):
    url = "/api/v1/quotes/"
    first = client.get(url)
    oldest = Quote.objects.order_by("pk").first()

    client.force_login(reviewer)
    client.post(reverse("admin:quotes_quote_delete", args=[oldest.pk]), {"post": "yes"})
    client.logout()
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert not Quote.objects.filter(pk=oldest.pk).exists()
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]


def test_renaming_a_tag_changes_the_etag_of_the_list(client, demo):
    url = "/api/v1/quotes/"
    first = client.get(url)
    tag = Tag.objects.get(slug="geopolitics")
    tag.name = "World politics"
    tag.save()

    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert "World politics" in again.content.decode()
