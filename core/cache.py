"""Anonymous responses kept in the shared cache, all invalidated at once by the content counter.

``ResponseCacheMiddleware`` sits near the top of the middleware stack. For a request that can
only be anonymous (GET or HEAD, no Authorization header, no session or primary-pin cookie) it
looks the answer up before sessions, authentication, CSRF, DRF and the view run: a hit costs one
cache read for the counter (a primary-key read when the cache has no copy of it) and one for the
answer. On a miss the request goes on as usual, and
the answer is stored on the way out if the view marked it fit for everyone (``share``): the API
does so for anonymous JSON, CSV and JSON-LD answers (core.api.PublicAPIViewMixin), the reader
pages through ``cache_anonymous_page``. So the views decide what may be shared, and one place
decides how it is found again.

A stored answer is found by the counter of ``core.models.ContentVersion``, which every save and
delete of published data bumps (core.signals), the full URL (scheme and host included: bodies
carry absolute links), the Accept header (the format negotiated from it), whether the request
came with an Origin (CORS headers are added only then) and today's date (pages print "retrieved
on"). An edit therefore makes every stored answer unreachable at once, without scanning or
deleting anything; the orphans expire after RESPONSE_CACHE_SECONDS. A stored answer is exactly
as fresh as its ETag, which comes from the same counter, and If-None-Match still gives a 304.

Answers served from the cache are not counted by the rate limits, as a CDN's would not be: they
cost the servers next to nothing. The cache is the ``responses`` alias: Redis when REDIS_URL is
set, shared by every app server; RESPONSE_CACHE_SECONDS=0 (the default without Redis) turns it off.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from .db import PIN_COOKIE
from .models import ContentVersion

RESPONSES = "responses"
COUNTER_KEY = "content-counter"
COUNTER_SECONDS = 2
_NOT_STORED_HEADERS = frozenset({"set-cookie", "date"})
_SHARE = "_shared_cache_ok"


def enabled() -> bool:
    return settings.RESPONSE_CACHE_SECONDS > 0


def anonymous_request(request) -> bool:
    """True when nothing in the request can name a user or tie it to the primary database."""
    return (
        request.method in ("GET", "HEAD")
        and "HTTP_AUTHORIZATION" not in request.META
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and PIN_COOKIE not in request.COOKIES
    )


def content_counter() -> str:
    """The content counter: from the cache when it holds a copy, else one primary-key read.

    The copy lives COUNTER_SECONDS and is forgotten by every bump (``forget_counter``), so a hit
    needs no database at all. Two requests racing an edit can put back the old value; it lasts
    COUNTER_SECONDS at most, which is then how late an anonymous reader can see that edit.
    """
    if enabled():
        cached = caches[RESPONSES].get(COUNTER_KEY)
        if cached is not None:
            return cached
    version = ContentVersion.objects.filter(pk=1).values_list("version", flat=True).first()
    counter = str(version or 0)
    if enabled():
        caches[RESPONSES].set(COUNTER_KEY, counter, timeout=COUNTER_SECONDS)
    return counter


def forget_counter() -> None:
    """Drop the cached copy of the counter, now and again once the bump's transaction commits."""
    if enabled():
        cache = caches[RESPONSES]
        cache.delete(COUNTER_KEY)
        transaction.on_commit(lambda: cache.delete(COUNTER_KEY))


def response_key(request, counter: str) -> str:
    raw = "\n".join(
        (
            counter,
            request.build_absolute_uri(),
            request.META.get("HTTP_ACCEPT", ""),
            "origin" if "HTTP_ORIGIN" in request.META else "",
            timezone.localdate().isoformat(),
        )
    )
    return "response:" + hashlib.sha256(raw.encode()).hexdigest()


def share(response) -> None:
    """Mark ``response`` as fit to give to any anonymous client asking the same thing."""
    setattr(response, _SHARE, True)


def cached_response(key: str) -> HttpResponse | None:
    stored = caches[RESPONSES].get(key)
    if stored is None:
        return None
    headers, content = stored
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response


def store_response(key: str, response) -> None:
    """Keep ``response`` under ``key`` if it is fit to give to any anonymous client."""
    cache_control = response.get("Cache-Control", "")
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or "private" in cache_control
        or "no-store" in cache_control
    ):
        return
    headers = [(name, value) for name, value in response.items() if name.lower() not in _NOT_STORED_HEADERS]
    caches[RESPONSES].set(key, (headers, response.content), timeout=settings.RESPONSE_CACHE_SECONDS)


def _replay(request, hit: HttpResponse) -> HttpResponse:
    last_modified = parse_http_date_safe(hit.get("Last-Modified", ""))
    not_modified = get_conditional_response(request, etag=hit.get("ETag"), last_modified=last_modified)
    if not_modified is not None:
        for name in (
            "ETag",
            "Last-Modified",
            "Cache-Control",
            "Vary",
            "Access-Control-Allow-Origin",
            "Access-Control-Expose-Headers",
        ):
            if name in hit:
                not_modified[name] = hit[name]
        return not_modified
    return hit


class ResponseCacheMiddleware:
    """Answers anonymous requests from the shared cache, and stores what the views ``share``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (enabled() and anonymous_request(request)):
            return self.get_response(request)
        key = response_key(request, content_counter())
        hit = cached_response(key)
        if hit is not None:
            return _replay(request, hit)
        response = self.get_response(request)
        if getattr(response, _SHARE, False):
            store_response(key, response)
        return response


def cache_anonymous_page(view):
    """A page view whose anonymous answers may be kept in the response cache (see the module)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if not request.user.is_authenticated:
            share(response)
        return response

    return wrapped
