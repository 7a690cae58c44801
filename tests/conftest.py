import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import call_command
from rest_framework.test import APIClient

from .redisserver import MISSING, ThrowawayRedis, find_redis_server


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashers are slow on purpose; tests only need passwords to round-trip."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_cache():
    """Throttle counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client():
    """DRF's test client: a Django test client that also speaks the API (tokens, JSON bodies)."""
    return APIClient()


def _staff_user(username, group_name=None, **extra):
    user = User.objects.create_user(
        username=username, password="correct horse battery", is_staff=True, **extra
    )
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    return _staff_user("erin-editor", "Editor")


@pytest.fixture
def reviewer(db):
    return _staff_user("rui-reviewer", "Reviewer")


@pytest.fixture
def superuser(db):
    return _staff_user("sam-admin", is_superuser=True)


@pytest.fixture
def demo(db):
    """The demo data: the Republika article of 20 September 2023 and its quotes."""
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(scope="session")
def redis_url():
    """The URL of a throwaway Redis server for this session; the test is skipped without redis-server."""
    binary = find_redis_server()
    if binary is None:
        pytest.skip(MISSING)
    server = ThrowawayRedis(binary)
    url = server.start()
    yield url
    server.stop()
