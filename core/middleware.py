"""Request-level safeguards shared by the API, the reader pages and the admin.

- ``client_address``: the client's IP as seen through ``NUM_PROXIES`` trusted proxies; the
  API throttles, the page throttle and the admin login lockout all count by it.
- ``RejectControlCharactersMiddleware``: a path or query string with control characters is a
  400 before any view runs (no such value names a page, a row or a filter).
- ``PageThrottleMiddleware``: the reader pages are rate-limited like the API.
- ``RequestLogMiddleware``: one JSON line per request.
"""

import json
import logging
import time
import unicodedata

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from rest_framework.throttling import SimpleRateThrottle

request_log = logging.getLogger("quotes.requests")

_ALLOWED_IN_VALUES = {"\t", "\n", "\r"}


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or with NUM_PROXIES trusted proxies in front, the address
    the outermost of them saw (``X-Forwarded-For`` read from the right, so a client cannot forge it)."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if proxies <= 0 or not forwarded:
        return remote
    addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
    if not addresses:
        return remote
    return addresses[-min(proxies, len(addresses))]


def axes_client_address(request, *args, **kwargs) -> str:
    """django-axes' AXES_CLIENT_IP_CALLABLE: the same address the throttles count by."""
    return client_address(request)


def _unprintable(value: str, allowed=frozenset()) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cs") and ch not in allowed for ch in value)


def _is_api(request) -> bool:
    return request.path_info.startswith("/api/")


def _error_response(request, status, code, message, parameter=None, headers=None):
    if _is_api(request):
        error = {"parameter": parameter} if parameter else {}
        response = JsonResponse({"errors": [{**error, "code": code, "message": message}]}, status=status)
    else:
        response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    for name, value in (headers or {}).items():
        response[name] = value
    return response


class RejectControlCharactersMiddleware:
    """A 400 for a path or query string carrying control characters (NUL above all, which PostgreSQL
    refuses in any statement). Tab and line breaks are tolerated inside query values."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _unprintable(request.path_info):
            return _error_response(
                request, 400, "invalid_characters", "The address contains control characters."
            )
        for name, values in request.GET.lists():
            if _unprintable(name) or any(_unprintable(value, _ALLOWED_IN_VALUES) for value in values):
                return _error_response(
                    request,
                    400,
                    "invalid_characters",
                    "Query parameters cannot contain control characters.",
                    parameter=name if not _unprintable(name) else None,
                )
        return self.get_response(request)


class PageThrottle(SimpleRateThrottle):
    """The reader pages' rate per client address (PAGES_RATE, default 120/minute)."""

    scope = "pages"

    def get_rate(self):
        return settings.PAGES_RATE or None

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}


class PageThrottleMiddleware:
    """Throttles the reader pages with the API's rate machinery and shared cache.

    The API throttles itself (DRF), and the admin, static files and /healthz are left alone.
    """

    exempt_prefixes = ("/api/", "/admin/", "/static/", "/healthz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.API_THROTTLING
            and request.method in ("GET", "HEAD")
            and not request.path_info.startswith(self.exempt_prefixes)
        ):
            throttle = PageThrottle()
            if not throttle.allow_request(request, None):
                wait = throttle.wait()
                retry_after = str(max(1, int(wait or 1)))
                return _error_response(
                    request,
                    429,
                    "throttled",
                    f"Too many requests; try again in {retry_after} seconds.",
                    headers={"Retry-After": retry_after},
                )
        return self.get_response(request)


class RequestLogMiddleware:
    """One JSON object per request on the ``quotes.requests`` logger (level INFO; 5xx at ERROR)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        if request_log.isEnabledFor(logging.INFO) or response.status_code >= 500:
            user = getattr(request, "user", None)
            record = {
                "event": "request",
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
                "client": client_address(request),
                "user": user.get_username() if user is not None and user.is_authenticated else None,
                "bytes": len(response.content) if not response.streaming else None,
            }
            level = logging.ERROR if response.status_code >= 500 else logging.INFO
            request_log.log(level, json.dumps(record, ensure_ascii=False))
        return response
