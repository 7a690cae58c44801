"""The shared response cache: anonymous API answers and reader pages, invalidated by any edit (core/cache.py).

Every test runs against the local-memory backend and against a throwaway Redis server
(skipped, and said so in the summary, when redis-server is not installed).
"""

import pytest
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from core.cache import response_key, store_response
from quotes import services
from quotes.models import Quote

BACKENDS = {
    "memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "responses-test"},
    "redis": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "KEY_PREFIX": "responses"},
}


@pytest.fixture(params=sorted(BACKENDS))
def response_cache(request, settings):
    backend = dict(BACKENDS[request.param])
    if request.param == "redis":
        backend["LOCATION"] = request.getfixturevalue("redis_url")
    settings.CACHES = {**settings.CACHES, "responses": backend}
    settings.RESPONSE_CACHE_SECONDS = 300
    caches["responses"].clear()
    yield caches["responses"]
    caches["responses"].clear()


@pytest.fixture
def quote(demo):
    return Quote.objects.order_by("pk").first()


def get_counting_queries(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries.captured_queries)


def test_a_second_anonymous_get_is_served_from_the_cache_without_the_database(response_cache, quote):
    first, first_queries = get_counting_queries(APIClient(), "/api/v1/quotes/")
    second, second_queries = get_counting_queries(APIClient(), "/api/v1/quotes/")

    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Content-Type"] == first["Content-Type"]
    assert first_queries > 1
    assert second_queries == 0  # the counter's copy and the answer both come from the cache


def test_an_edit_through_a_service_shows_in_the_next_anonymous_get(response_cache, quote, editor):
    url = f"/api/v1/quotes/{quote.pk}/"
    before = APIClient().get(url)

    services.quote_update(quote=quote, user=editor, context="Said again, in a rewritten context.")
    after, queries = get_counting_queries(APIClient(), url)

    assert before.json()["context"] != "Said again, in a rewritten context."
    assert after.json()["context"] == "Said again, in a rewritten context."
    assert after["ETag"] != before["ETag"]
    assert queries > 1


def test_a_deleted_quote_is_a_404_at_once(response_cache, quote, superuser):
    url = f"/api/v1/quotes/{quote.pk}/"
    APIClient().get(url)

    services.quote_delete(quote=quote, user=superuser)

    assert APIClient().get(url).status_code == 404


def test_a_cached_answer_still_honours_if_none_match(response_cache, quote):
    url = f"/api/v1/quotes/{quote.pk}/"
    etag = APIClient().get(url)["ETag"]

    response, queries = get_counting_queries(APIClient(), url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response["ETag"] == etag
    assert queries == 0


def test_authenticated_gets_are_neither_served_from_nor_put_in_the_cache(response_cache, quote, editor):
    signed_in = APIClient()
    signed_in.force_login(editor)  # a session cookie, as a browser sends
    url = f"/api/v1/quotes/{quote.pk}/"
    APIClient().get(url)  # an anonymous answer is cached

    first, _ = get_counting_queries(signed_in, url)
    second, second_queries = get_counting_queries(signed_in, url)

    assert first.status_code == second.status_code == 200
    assert "private" in second["Cache-Control"]
    assert second_queries > 1


def test_an_authenticated_answer_is_not_given_to_anonymous_clients(response_cache, quote, editor):
    signed_in = APIClient()
    signed_in.force_login(editor)  # a session cookie, as a browser sends
    signed_in.get("/api/v1/quotes/")

    response, queries = get_counting_queries(APIClient(), "/api/v1/quotes/")

    assert "public" in response["Cache-Control"]
    assert queries > 1


def test_json_and_csv_of_the_same_list_are_kept_apart(response_cache, quote):
    client = APIClient()
    as_csv = client.get("/api/v1/quotes/", HTTP_ACCEPT="text/csv")
    as_json = client.get("/api/v1/quotes/", HTTP_ACCEPT="application/json")
    csv_again, queries = get_counting_queries(client, "/api/v1/quotes/", HTTP_ACCEPT="text/csv")
    by_parameter = client.get("/api/v1/quotes/?format=csv")

    assert as_csv["Content-Type"].startswith("text/csv")
    assert as_json["Content-Type"].startswith("application/json")
    assert as_json.json()["results"]
    assert csv_again.content == as_csv.content
    assert queries == 0
    assert by_parameter["Content-Type"].startswith("text/csv")
    assert by_parameter.content.startswith(as_csv.content.split(b"\r\n", 1)[0])


def test_the_browsable_api_is_not_cached(response_cache, quote):
    APIClient().get("/api/v1/quotes/", HTTP_ACCEPT="text/html")

    response, queries = get_counting_queries(APIClient(), "/api/v1/quotes/", HTTP_ACCEPT="text/html")

    assert response["Content-Type"].startswith("text/html")
    assert queries > 1


def test_a_response_that_sets_a_cookie_is_not_stored(response_cache, rf):
    request = rf.get("/api/v1/quotes/")
    response = HttpResponse("[]", content_type="application/json")
    response.set_cookie("csrftoken", "personal")
    key = response_key(request, "1")

    store_response(key, response)

    assert response_cache.get(key) is None


def test_an_anonymous_reader_page_is_served_from_the_cache_and_refreshed_by_an_edit(
    response_cache, quote, editor
):
    url = f"/quotes/{quote.pk}/"
    first = APIClient().get(url)
    second, queries = get_counting_queries(APIClient(), url)
    services.quote_update(quote=quote, user=editor, context="Said again, in a rewritten context.")
    after_edit = APIClient().get(url)

    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert queries == 0
    assert b"Said again, in a rewritten context." in after_edit.content


def test_without_a_cache_setting_nothing_is_cached(settings, quote):
    settings.RESPONSE_CACHE_SECONDS = 0
    APIClient().get("/api/v1/quotes/")

    _, queries = get_counting_queries(APIClient(), "/api/v1/quotes/")

    assert queries > 1


def test_a_token_client_is_answered_by_the_api_not_by_the_cache(response_cache, quote, editor):
    from rest_framework.authtoken.models import Token

    url = f"/api/v1/quotes/{quote.pk}/"
    APIClient().get(url)  # an anonymous answer is cached
    auth = {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=editor).key}"}

    response, queries = get_counting_queries(APIClient(), url, **auth)

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert queries > 1


def test_a_cross_origin_request_gets_its_cors_header_from_the_cache_too(response_cache, quote):
    url = f"/api/v1/quotes/{quote.pk}/"
    APIClient().get(url)  # cached without an Origin: no CORS header in it
    APIClient().get(url, HTTP_ORIGIN="https://newsroom.example")

    from_cache, queries = get_counting_queries(APIClient(), url, HTTP_ORIGIN="https://newsroom.example")
    same_site, _ = get_counting_queries(APIClient(), url)

    assert queries == 0
    assert from_cache["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in same_site


def test_an_expired_copy_of_the_counter_costs_one_primary_key_read(response_cache, quote):
    from core.cache import COUNTER_KEY

    APIClient().get("/api/v1/quotes/")
    response_cache.delete(COUNTER_KEY)

    response, queries = get_counting_queries(APIClient(), "/api/v1/quotes/")

    assert response.status_code == 200
    assert queries == 1


def test_a_bump_of_the_counter_forgets_the_cached_copy(response_cache, quote, editor):
    from core.cache import COUNTER_KEY, content_counter

    before = content_counter()
    services.quote_update(quote=quote, user=editor, context="Said again, in a rewritten context.")

    assert response_cache.get(COUNTER_KEY) is None
    assert int(content_counter()) > int(before)
