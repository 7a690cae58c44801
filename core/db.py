"""Which database a query goes to: the primary, or one of the read replicas.

With ``DATABASE_REPLICA_URLS`` set (aliases ``replica1``…, listed in ``DATABASE_REPLICAS``),
``PrimaryReplicaRouter`` sends writes and migrations to ``default`` and reads to a replica,
except where a replica's lag would show:

- everything in a request that writes (any method but GET, HEAD, OPTIONS, TRACE, or any
  query that writes a row) reads from the primary from then on;
- a client that wrote is pinned to the primary for ``PRIMARY_PIN_SECONDS`` (default 10): a
  signed cookie for browsers, a cache entry per user for token clients, both set by
  ``PrimaryPinMiddleware``; so an editor who saves sees the saved text on the next page;
- staff users always read from the primary (editors never see stale data);
- reads inside a transaction on the primary, and reads of sign-in and cache bookkeeping
  (users, tokens, sessions, login attempts, the database cache) go to the primary.

Without replicas the router answers nothing and Django uses ``default`` for everything.
"""

import contextvars
import random
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
PIN_COOKIE = "primary_pin"
_PIN_SALT = "core.db.primary-pin"

# Who is signed in, and the throttle counters, are never read from a lagging copy.
PRIMARY_ONLY_APPS = frozenset({"auth", "authtoken", "sessions", "axes", "django_cache"})
# Writes that are bookkeeping, not content: they do not pin the client.
BOOKKEEPING_APPS = frozenset({"sessions", "django_cache"})


@dataclass
class PinState:
    pinned: bool = False  # this request reads from the primary
    wrote: bool = False  # this request wrote content: pin the client afterwards


_state: contextvars.ContextVar[PinState | None] = contextvars.ContextVar("primary_pin", default=None)


def replicas() -> list[str]:
    return list(getattr(settings, "DATABASE_REPLICAS", []))


def _current() -> PinState:
    state = _state.get()
    if state is None:  # outside a request (a management command): pins this thread from here on
        state = PinState()
        _state.set(state)
    return state


def pin_to_primary() -> None:
    """Read from the primary for the rest of this request (or thread)."""
    _current().pinned = True


def is_pinned() -> bool:
    state = _state.get()
    return state is not None and state.pinned


def _in_transaction_on_primary() -> bool:
    return connections[DEFAULT_DB_ALIAS].in_atomic_block


def _writer_key(user) -> str:
    return f"primary-pin:user:{user.pk}"


def user_reads_primary(user) -> bool:
    """Staff always; any other signed-in user for PRIMARY_PIN_SECONDS after a write."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_staff or bool(cache.get(_writer_key(user)))


def pin_for_user(user) -> None:
    """Pin this request when ``user`` reads from the primary (called once the user is known)."""
    if replicas() and user_reads_primary(user):
        pin_to_primary()


class PrimaryReplicaRouter:
    """Writes and migrations to ``default``, reads to a random replica unless pinned (see module)."""

    def db_for_read(self, model, **hints):
        choices = replicas()
        if not choices:
            return None
        if is_pinned() or model._meta.app_label in PRIMARY_ONLY_APPS or _in_transaction_on_primary():
            return DEFAULT_DB_ALIAS
        return random.choice(choices)

    def db_for_write(self, model, **hints):
        if not replicas():
            return None
        if model._meta.app_label not in BOOKKEEPING_APPS:
            state = _current()
            state.pinned = state.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        if not replicas():
            return None
        aliases = {DEFAULT_DB_ALIAS, *replicas()}
        return True if {obj1._state.db, obj2._state.db} <= aliases else None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if db in replicas():
            return False  # a replica follows the primary's schema
        return None


class PrimaryPinMiddleware:
    """Sets each request's pin (see the module) and pins the client after a request that wrote.

    Goes after AuthenticationMiddleware, so that staff users are recognised.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replicas():
            return self.get_response(request)
        state = PinState(
            pinned=request.method not in SAFE_METHODS
            or _has_pin_cookie(request)
            or user_reads_primary(getattr(request, "user", None))
        )
        token = _state.set(state)
        try:
            response = self.get_response(request)
        finally:
            _state.reset(token)
        succeeded = response.status_code < 400
        if state.wrote or (request.method not in SAFE_METHODS and succeeded):
            seconds = settings.PRIMARY_PIN_SECONDS
            response.set_signed_cookie(
                PIN_COOKIE,
                "1",
                salt=_PIN_SALT,
                max_age=seconds,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
            user = getattr(request, "user", None)  # DRF sets the token user here too
            if user is not None and user.is_authenticated:
                cache.set(_writer_key(user), True, timeout=seconds)
        return response


def _has_pin_cookie(request) -> bool:
    if PIN_COOKIE not in request.COOKIES:
        return False
    value = request.get_signed_cookie(
        PIN_COOKIE, default=None, salt=_PIN_SALT, max_age=settings.PRIMARY_PIN_SECONDS
    )
    return value is not None
