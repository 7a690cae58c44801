"""Anonymous responses kept in the shared cache, all invalidated at once by the content counter.

A stored response is found by its full URL (scheme and host included: bodies carry absolute
links), a variant (the negotiated media type for the API) and the counter of
``core.models.ContentVersion``, which every save and delete of published data bumps
(core.signals). An edit therefore makes every stored response unreachable at once, without
scanning or deleting anything; the orphans expire after RESPONSE_CACHE_SECONDS. A cached response
is exactly as fresh as the ETag sent with it, which comes from the same counter.

Only answers to anonymous GET and HEAD requests with status 200, no cookie and no ``private`` or
``no-store`` Cache-Control are stored. The cache is the ``responses`` alias: Redis when REDIS_URL
is set, shared by every app server; RESPONSE_CACHE_SECONDS=0 (the default without Redis) turns
it off.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone

from .models import ContentVersion

RESPONSES = "responses"
_NOT_STORED_HEADERS = frozenset({"set-cookie", "date"})


def enabled() -> bool:
    return settings.RESPONSE_CACHE_SECONDS > 0


def cacheable_request(request) -> bool:
    user = getattr(request, "user", None)
    return (
        enabled() and request.method in ("GET", "HEAD") and not (user is not None and user.is_authenticated)
    )


def content_counter() -> str:
    """The content counter alone: one primary-key read."""
    version = ContentVersion.objects.filter(pk=1).values_list("version", flat=True).first()
    return str(version or 0)


def response_key(request, counter: str, variant: str = "") -> str:
    raw = "\n".join((counter, request.build_absolute_uri(), variant))
    return "response:" + hashlib.sha256(raw.encode()).hexdigest()


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


def store_when_rendered(key: str, response) -> None:
    """Store a response now, or once rendered if it is a template (or DRF) response."""
    if getattr(response, "is_rendered", True):
        store_response(key, response)
    else:
        response.add_post_render_callback(lambda rendered: store_response(key, rendered))


def cache_anonymous_page(view):
    """A page view whose anonymous answers come from the response cache (see the module).

    Keyed by the day too: pages say "retrieved on" today's date.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not cacheable_request(request):
            return view(request, *args, **kwargs)
        key = response_key(request, content_counter(), f"page\n{timezone.localdate().isoformat()}")
        hit = cached_response(key)
        if hit is not None:
            return hit
        response = view(request, *args, **kwargs)
        store_when_rendered(key, response)
        return response

    return wrapped
