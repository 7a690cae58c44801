"""Read replicas: writes and editors on the primary, anonymous reads on a replica (core/db.py).

The test settings define a second database, ``replica1``, that never receives the primary's
writes: a replica lagging forever, so that a read reaching it shows.
"""

import time
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.sessions.models import Session
from django.core.cache.backends.db import BaseDatabaseCache
from django.db import connections, router, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core import db
from core.models import ContentVersion
from quotes.models import Quote, Speaker

REPLICA = "replica1"


@pytest.fixture
def replicas(settings):
    settings.DATABASE_REPLICAS = [REPLICA]
    db._state.set(None)  # nothing pinned by what earlier tests did outside a request
    yield
    db._state.set(None)


def run_middleware(request, view=None):
    """The request through PrimaryPinMiddleware; returns the response and where a quote read went."""
    seen = {}

    def get_response(request):
        seen["read"] = router.db_for_read(Quote)
        return (view or (lambda request: HttpResponse("ok")))(request)

    response = db.PrimaryPinMiddleware(get_response)(request)
    return response, seen["read"]


def anonymous(request):
    request.user = AnonymousUser()
    return request


# Routing decisions ---------------------------------------------------------------------------------------


def test_without_replicas_the_router_leaves_every_query_to_the_default_database(settings):
    settings.DATABASE_REPLICAS = []

    assert router.db_for_read(Quote) == "default"
    assert router.db_for_write(Quote) == "default"
    assert db.PrimaryReplicaRouter().db_for_read(Quote) is None
    assert db.PrimaryReplicaRouter().allow_migrate(REPLICA, "quotes") is None


def test_reads_go_to_a_replica_when_nothing_pins_them(replicas):
    assert router.db_for_read(Quote) == REPLICA
    assert Quote.objects.all().db == REPLICA


def test_writes_go_to_the_primary_and_pin_the_reads_that_follow(replicas):
    assert router.db_for_write(Quote) == "default"

    assert router.db_for_read(Quote) == "default"


def test_sign_in_records_and_cache_entries_are_read_from_the_primary(replicas):
    cache_entry = BaseDatabaseCache("django_cache", {}).cache_model_class

    assert router.db_for_read(User) == "default"
    assert router.db_for_read(Token) == "default"
    assert router.db_for_read(Session) == "default"
    assert router.db_for_read(cache_entry) == "default"


def test_writing_a_cache_entry_or_a_session_pins_nothing(replicas):
    router.db_for_write(BaseDatabaseCache("django_cache", {}).cache_model_class)
    router.db_for_write(Session)

    assert router.db_for_read(Quote) == REPLICA


def test_migrations_never_run_on_a_replica(replicas):
    assert router.allow_migrate(REPLICA, "quotes", model_name="quote") is False
    assert router.allow_migrate("default", "quotes", model_name="quote") is True


# The pin, request by request ------------------------------------------------------------------------------


def test_an_anonymous_get_reads_from_a_replica(replicas):
    response, read = run_middleware(anonymous(RequestFactory().get("/api/v1/quotes/")))

    assert read == REPLICA
    assert db.PIN_COOKIE not in response.cookies


def test_staff_users_always_read_from_the_primary(replicas):
    request = RequestFactory().get("/api/v1/quotes/")
    request.user = User(pk=7, username="erin", is_staff=True)

    _, read = run_middleware(request)

    assert read == "default"


def test_a_successful_post_sets_a_pin_cookie_that_the_next_get_honours(replicas):
    response, read_during_write = run_middleware(
        anonymous(RequestFactory().post("/api/v1/speakers/")), view=lambda request: HttpResponse(status=201)
    )
    cookie = response.cookies[db.PIN_COOKIE]

    follow_up = anonymous(RequestFactory().get("/api/v1/speakers/"))
    follow_up.COOKIES[db.PIN_COOKIE] = cookie.value
    _, read_after = run_middleware(follow_up)

    assert read_during_write == "default"
    assert cookie["max-age"] == 10
    assert cookie["httponly"] is True
    assert read_after == "default"


def test_the_pin_cookie_expires_after_primary_pin_seconds(replicas):
    response, _ = run_middleware(
        anonymous(RequestFactory().post("/api/v1/speakers/")), view=lambda request: HttpResponse(status=201)
    )
    later = anonymous(RequestFactory().get("/api/v1/speakers/"))
    later.COOKIES[db.PIN_COOKIE] = response.cookies[db.PIN_COOKIE].value

    with mock.patch("time.time", return_value=time.time() + 11):
        _, read = run_middleware(later)

    assert read == REPLICA


def test_a_forged_pin_cookie_is_ignored(replicas):
    request = anonymous(RequestFactory().get("/api/v1/speakers/"))
    request.COOKIES[db.PIN_COOKIE] = "1"

    _, read = run_middleware(request)

    assert read == REPLICA


def test_a_refused_post_pins_nobody(replicas):
    response, _ = run_middleware(
        anonymous(RequestFactory().post("/api/v1/speakers/")), view=lambda request: HttpResponse(status=400)
    )

    assert db.PIN_COOKIE not in response.cookies


@pytest.mark.django_db(transaction=True)  # no test transaction around it: that alone would pin
def test_a_get_that_writes_through_a_service_reads_its_write_and_pins_the_client(replicas):
    reads = []

    def view(request):
        ContentVersion.bump()
        reads.append(router.db_for_read(Quote))
        return HttpResponse("ok")

    response, read_before = run_middleware(anonymous(RequestFactory().get("/")), view=view)

    assert read_before == REPLICA
    assert reads == ["default"]
    assert db.PIN_COOKIE in response.cookies


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_on_the_primary_go_to_the_primary(replicas):
    with transaction.atomic():
        inside = router.db_for_read(Quote)
    outside = router.db_for_read(Quote)

    assert (inside, outside) == ("default", REPLICA)


# End to end, with the replica database --------------------------------------------------------------------


def writer(username, *permissions):
    """A user who may write, not staff (staff always read from the primary, which would hide the pin).

    A superuser rather than the named permissions: an earlier transactional test's flush can leave
    this process's test database without its permission rows.
    """
    return User.objects.create_user(username=username, password="correct horse battery", is_superuser=True)


def queries_on_each_database(client, url, **extra):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        response = client.get(url, **extra)
    content = [
        q["sql"] for q in primary.captured_queries if "auth_" not in q["sql"] and "session" not in q["sql"]
    ]
    return response, len(content), len(replica.captured_queries)


@pytest.mark.django_db(transaction=True, databases=["default", REPLICA])
def test_after_a_write_the_writer_reads_from_the_primary_and_strangers_from_the_replica(replicas):
    author = APIClient()
    author.force_login(writer("wren-writer", "add_speaker"))

    created = author.post("/api/v1/speakers/", {"name": "Ayu Lestari"}, format="json")
    assert created.status_code == 201, created.content
    url = f"/api/v1/speakers/{created.json()['slug']}/"
    own, own_on_primary, own_on_replica = queries_on_each_database(author, url)
    stranger, stranger_on_primary, stranger_on_replica = queries_on_each_database(APIClient(), url)

    assert created.status_code == 201, created.content
    assert db.PIN_COOKIE in created.cookies
    assert own.status_code == 200
    assert (own_on_primary > 0, own_on_replica) == (True, 0)
    assert stranger.status_code == 404  # this replica never catches up
    assert (stranger_on_primary, stranger_on_replica > 0) == (0, True)
    assert Speaker.objects.using(REPLICA).count() == 0


@pytest.mark.django_db(transaction=True, databases=["default", REPLICA])
def test_the_pin_cookie_alone_sends_an_anonymous_client_to_the_primary(replicas):
    author = APIClient()
    author.force_login(writer("wren-writer", "add_speaker"))
    created = author.post("/api/v1/speakers/", {"name": "Ayu Lestari"}, format="json")
    assert created.status_code == 201, created.content
    reader = APIClient()
    reader.cookies[db.PIN_COOKIE] = created.cookies[db.PIN_COOKIE].value

    response = reader.get(f"/api/v1/speakers/{created.json()['slug']}/")

    assert response.status_code == 200


@pytest.mark.django_db(transaction=True, databases=["default", REPLICA])
def test_a_token_client_that_wrote_reads_from_the_primary_without_cookies(replicas):
    token = Token.objects.create(user=writer("tom-token", "add_speaker"))
    auth = {"HTTP_AUTHORIZATION": f"Token {token.key}"}

    created = APIClient().post("/api/v1/speakers/", {"name": "Ayu Lestari"}, format="json", **auth)
    response, on_primary, on_replica = queries_on_each_database(
        APIClient(), f"/api/v1/speakers/{created.json()['slug']}/", **auth
    )

    assert created.status_code == 201, created.content
    assert response.status_code == 200
    assert (on_primary > 0, on_replica) == (True, 0)
