"""Throttles counted in the shared cache per real client address, the reader pages' throttle, and
the admin login lockout."""

import pytest
from axes.models import AccessAttempt
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client

from core.middleware import client_address

QUOTES = "/api/v1/quotes/"


@pytest.fixture
def slow_api(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "3/minute"},
    }


class FakeRequest:
    def __init__(self, remote, forwarded=None):
        self.META = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            self.META["HTTP_X_FORWARDED_FOR"] = forwarded


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "198.51.100.1", "10.0.0.2"),  # no proxy trusted: the header is the client's word only
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # a forged left part is ignored
        (2, "6.6.6.6, 198.51.100.1, 10.0.0.1", "198.51.100.1"),
        (1, None, "10.0.0.2"),
    ],
)
def test_the_client_address_is_read_through_the_trusted_proxies_only(settings, proxies, forwarded, expected):
    settings.NUM_PROXIES = proxies

    assert client_address(FakeRequest("10.0.0.2", forwarded)) == expected


def test_rotating_x_forwarded_for_does_not_escape_the_api_throttle(client, demo, slow_api):
    statuses = [client.get(QUOTES, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(1, 4)]

    assert statuses == [200, 200, 429]


def test_behind_one_proxy_each_client_has_its_own_count(client, demo, slow_api, settings):
    settings.NUM_PROXIES = 1

    first = [client.get(QUOTES, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code for _ in range(3)]
    other = client.get(QUOTES, HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.2").status_code

    assert first == [200, 200, 429]
    assert other == 200


@pytest.mark.django_db(transaction=True)
def test_throttle_counts_are_shared_through_the_database_cache(settings):
    call_command("load_demo", verbosity=0)
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "django_cache"}
    }
    call_command("createcachetable")
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "2/minute"}}
    try:
        # Separate clients stand for separate workers: they share nothing but the database.
        statuses = [Client().get(QUOTES).status_code for _ in range(3)]
        assert statuses == [200, 200, 429]
        assert caches["default"].__class__.__name__ == "DatabaseCache"
    finally:
        caches["default"].clear()


def test_reader_pages_are_throttled_with_retry_after(client, demo, settings):
    settings.PAGES_RATE = "2/minute"

    statuses = [client.get("/speakers/").status_code for _ in range(3)]
    response = client.get("/")

    assert statuses == [200, 200, 429]
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_the_api_and_health_are_not_counted_as_pages(client, demo, settings):
    settings.PAGES_RATE = "1/minute"

    assert client.get("/").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get(QUOTES).status_code == 200
    assert client.get("/").status_code == 429


def test_the_admin_login_locks_out_after_the_failure_limit(db, editor, settings):
    settings.AXES_FAILURE_LIMIT = 3
    browser = Client()

    statuses = [
        browser.post("/admin/login/", {"username": editor.username, "password": f"guess {n}"}).status_code
        for n in range(3)
    ]
    locked = browser.post("/admin/login/", {"username": editor.username, "password": "correct horse battery"})

    assert statuses == [200, 200, 429]  # the form again, then refused
    assert locked.status_code == 429
    assert "_auth_user_id" not in browser.session
    assert AccessAttempt.objects.get(username=editor.username).failures_since_start >= 3


def test_forging_x_forwarded_for_does_not_escape_the_login_lockout(db, editor, settings):
    settings.AXES_FAILURE_LIMIT = 2
    browser = Client()
    for n in range(2):
        browser.post(
            "/admin/login/",
            {"username": f"nobody{n}", "password": "x"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )

    response = browser.post(
        "/admin/login/",
        {"username": editor.username, "password": "correct horse battery"},
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )

    assert response.status_code == 429


def test_a_successful_login_resets_the_count(db, editor, settings):
    settings.AXES_FAILURE_LIMIT = 3
    browser = Client()
    browser.post("/admin/login/", {"username": editor.username, "password": "wrong"})
    browser.post("/admin/login/", {"username": editor.username, "password": "wrong"})

    response = browser.post(
        "/admin/login/", {"username": editor.username, "password": "correct horse battery"}
    )

    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=editor.username).exists()
