"""Behaviour shared by every endpoint of the public API (/api/v1/).

Error shape, permissions, content negotiation, throttling, pagination and HTTP
caching live here so that each app's ``views.py`` stays a list of viewsets.

Every error response has one shape::

    {"errors": [{"parameter": "said_after", "code": "invalid", "message": "…"}]}

``parameter`` names a query-string parameter, ``field`` a field of the request
body (dotted for nested fields, e.g. ``citations.0.source``); errors about the
request as a whole have neither.
"""

import base64
import binascii
import csv
import hashlib
import io
import json
import math
import re
from datetime import UTC, date, datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, connection
from django.db.models import DateField, DateTimeField, ProtectedError, Q, RestrictedError
from django.http import Http404, HttpResponse
from django.urls import reverse as django_reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.functional import cached_property
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import exceptions, parsers, permissions, renderers, serializers
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.pagination import BasePagination, PageNumberPagination
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from rest_framework.utils.urls import replace_query_param

from core import cache as response_cache
from core.db import pin_for_user
from core.middleware import client_address
from core.versioning import EditConflict

from .models import ContentVersion
from .validators import validate_reference, validate_url_reference

# Schema pieces shared by the endpoints ---------------------------------------------------------------------

ERRORS = OpenApiResponse(description='`{"errors": [...]}` naming each parameter or field and the problem.')
IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    description='The ETag of the version you read (`"v3-…"`). If the record changed since, the write is '
    "refused with 412 and the current version; without it, a write racing another is a 409.",
)


# Errors ----------------------------------------------------------------------------------------------------


class QueryParameterError(exceptions.ValidationError):
    """A 400 about the query string: ``detail`` maps parameter names to messages."""


def parameter_error(name: str, message: str, code: str = "invalid") -> QueryParameterError:
    return QueryParameterError({name: [exceptions.ErrorDetail(message, code)]})


class Conflict(exceptions.APIException):
    status_code = 409
    default_detail = "The request conflicts with the current state of the data."
    default_code = "conflict"


class PreconditionFailed(exceptions.APIException):
    status_code = 412
    default_detail = "The record changed after you read it; read it again and reapply your change."
    default_code = "precondition_failed"


_VERSION_IN_ETAG = re.compile(r'^(?:W/)?"v(\d+)-')


def version_etag(instance, token: str = "") -> str:
    """An ETag carrying the row's version, e.g. ``"v3-1f2e…"`` (the rest changes with related rows)."""
    digest = hashlib.sha256(f"{instance.pk}|{token}".encode()).hexdigest()[:16]
    return f'"v{instance.version}-{digest}"'


def loaded_version(request, instance) -> int:
    """The version a write is based on: the one named by ``If-Match``, else the stored one.

    A stale ``If-Match`` (or a record changed since ``If-Unmodified-Since``) is a 412 that
    names the current version and who changed it, so the client can re-read and retry.
    """
    header = request.headers.get("If-Match", "").strip()
    if header and header != "*":
        versions = {
            int(match.group(1)) for tag in header.split(",") if (match := _VERSION_IN_ETAG.match(tag.strip()))
        }
        if instance.version not in versions:
            raise _stale(instance, f"If-Match names {header}")
    since = request.headers.get("If-Unmodified-Since")
    if since and not header:
        timestamp = parse_http_date_safe(since)
        if timestamp is None:
            raise exceptions.ValidationError(
                {"If-Unmodified-Since": ["Use an HTTP date, e.g. “Wed, 20 Sep 2023 07:35:00 GMT”."]}
            )
        if instance.updated_at and int(instance.updated_at.timestamp()) > timestamp:
            raise _stale(instance, f"changed since {since}")
    return instance.version


def _stale(instance, what: str) -> PreconditionFailed:
    user = getattr(instance, "updated_by", None)
    who = user.get_username() if user else "someone"
    when = instance.updated_at.isoformat() if getattr(instance, "updated_at", None) else "?"
    return PreconditionFailed(
        f"Not changed: {what}, but this {instance._meta.verbose_name} is now at version "
        f"{instance.version} (ETag {version_etag(instance)}), last saved by {who} at {when}. "
        "Read it again and reapply your change."
    )


def _flatten(detail, path=()):
    """Yield (path, ErrorDetail) pairs from DRF's nested error structure."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            yield from _flatten(value, (*path, str(key)))
    elif isinstance(detail, list):
        if all(isinstance(item, str) for item in detail):
            for item in detail:
                yield path, item
        else:
            for index, item in enumerate(detail):
                if item:
                    yield from _flatten(item, (*path, str(index)))
    else:
        yield path, detail


def _error(location, path, detail):
    error = {}
    name = ".".join(part for part in path if part not in {api_settings.NON_FIELD_ERRORS_KEY, "__all__"})
    if name:
        error[location] = name
    error["code"] = getattr(detail, "code", None) or "invalid"
    error["message"] = str(detail)
    return error


def exception_handler(exc, context):
    """DRF's handler, plus Django's ValidationError and ProtectedError, and the one error shape."""
    from rest_framework.views import exception_handler as drf_exception_handler  # DRF imports this module

    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, EditConflict):
        exc = Conflict(f"{exc.message} Read it again and reapply your change.")
    elif isinstance(exc, ProtectedError | RestrictedError):
        exc = Conflict(f"{exc.args[0]} Remove or reassign those records first.")
    elif isinstance(exc, IntegrityError):
        exc = Conflict("The change conflicts with another record saved at the same time; try again.")
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) if exc.args else None)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        location = "parameter" if isinstance(exc, QueryParameterError) else "field"
        errors = [_error(location, path, detail) for path, detail in _flatten(exc.detail)]
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        errors = [_error("field", (), d) for _, d in _flatten(detail)]
    response.data = {"errors": errors}
    return response


# Request bodies --------------------------------------------------------------------------------------------


class PayloadTooLarge(exceptions.APIException):
    status_code = 413
    default_detail = "The request body is too large."
    default_code = "too_large"


def _depth_exceeds(data, limit: int) -> bool:
    """Whether parsed JSON nests deeper than ``limit`` arrays and objects (iteratively: no recursion)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


class JSONParser(parsers.JSONParser):
    """JSON bodies of at most API_MAX_BODY_SIZE bytes (413) nested at most API_MAX_JSON_DEPTH deep (400)."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.API_MAX_BODY_SIZE
        request = (parser_context or {}).get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        too_large = f"The request body is larger than {limit} bytes."
        if declared and declared.isdigit() and int(declared) > limit:
            raise PayloadTooLarge(too_large)
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise PayloadTooLarge(too_large)
        try:
            text = raw.decode((parser_context or {}).get("encoding", settings.DEFAULT_CHARSET))
            data = json.loads(text, parse_constant=_reject_constant)
        except RecursionError:
            data = _TOO_DEEP
        except (ValueError, UnicodeDecodeError) as error:
            raise exceptions.ParseError(f"The request body is not valid JSON: {error}") from None
        depth = settings.API_MAX_JSON_DEPTH
        if data is _TOO_DEEP or _depth_exceeds(data, depth):
            raise exceptions.ParseError(f"The request body nests arrays and objects more than {depth} deep.")
        return data


_TOO_DEEP = object()


def _reject_constant(name):
    raise ValueError(f"{name} is not a JSON number")


# References in request bodies ------------------------------------------------------------------------------


def _as_drf_error(error: DjangoValidationError) -> exceptions.ValidationError:
    return exceptions.ValidationError(
        [exceptions.ErrorDetail(message, error.code or "invalid") for message in error.messages]
    )


def checked_reference(data) -> str:
    """A row reference from a request body (id, slug, Wikidata ID), refused before any query if unusable."""
    if isinstance(data, bool) or not isinstance(data, str | int):
        raise exceptions.ValidationError(
            exceptions.ErrorDetail("Give the reference as a string or an id.", "invalid")
        )
    try:
        return validate_reference(str(data))
    except DjangoValidationError as error:
        raise _as_drf_error(error) from None


def checked_url(data: str) -> str:
    """A URL from a request body in canonical form, or a field error."""
    try:
        return validate_url_reference(data)
    except DjangoValidationError as error:
        raise _as_drf_error(error) from None


class ReferenceSlugRelatedField(serializers.SlugRelatedField):
    """SlugRelatedField whose input is checked by ``checked_reference`` before the lookup."""

    def to_internal_value(self, data):
        return super().to_internal_value(checked_reference(data))


# Links -----------------------------------------------------------------------------------------------------


class CanonicalLinkMixin:
    """Links without the request's ``?format=``: a quote's URL is the same in every export."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reverse = self.canonical_reverse  # DRF sets self.reverse per instance

    @staticmethod
    def canonical_reverse(viewname, *args, request=None, format=None, **kwargs):
        url = django_reverse(viewname, *args, **kwargs)
        return request.build_absolute_uri(url) if request is not None else url


class CanonicalIdentityField(CanonicalLinkMixin, serializers.HyperlinkedIdentityField):
    pass


class CanonicalRelatedField(CanonicalLinkMixin, serializers.HyperlinkedRelatedField):
    pass


# Permissions -----------------------------------------------------------------------------------------------


class ModelPermissionsOrPublicRead(permissions.DjangoModelPermissions):
    """Anyone may read; writing needs an authenticated user with the model's add/change/delete permission."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return super().has_permission(request, view)


# Content negotiation, filtering, throttling ----------------------------------------------------------------


class ContentNegotiation(DefaultContentNegotiation):
    """An unknown ``?format=`` is a 400 naming the parameter, not DRF's bare 404."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Http404:
            fmt = format_suffix or request.query_params.get(api_settings.URL_FORMAT_OVERRIDE)
            known = ", ".join(sorted({renderer.format for renderer in renderers}))
            raise QueryParameterError(
                {
                    "format": [
                        exceptions.ErrorDetail(f"Unknown format “{fmt}”; use one of: {known}.", "invalid")
                    ]
                }
            ) from None


class FilterBackend(DjangoFilterBackend):
    """django-filter, with invalid values reported as 400s naming each parameter."""

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "action", None) in {"retrieve", "partial_update", "update", "destroy"}:
            return queryset  # filters narrow lists; a detail URL names its row
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise QueryParameterError(
                {
                    name: [exceptions.ErrorDetail(e["message"], e["code"] or "invalid") for e in errors]
                    for name, errors in filterset.errors.get_json_data().items()
                }
            )
        return filterset.qs


class _RatesFromSettings:
    def get_ident(self, request):
        """The client address through NUM_PROXIES trusted proxies: one rule for every throttle."""
        return client_address(request)

    # DRF binds the rates when the module is imported; read them per request so settings changes apply.
    def get_rate(self):
        try:
            return api_settings.DEFAULT_THROTTLE_RATES[self.scope]
        except KeyError:
            return None


class AnonThrottle(_RatesFromSettings, AnonRateThrottle):
    """Anonymous clients, per client address: API_ANON_RATE (default 120/minute)."""


class UserThrottle(_RatesFromSettings, UserRateThrottle):
    """Authenticated clients, per user: API_USER_RATE (default 600/minute)."""


# Pagination ------------------------------------------------------------------------------------------------


def _page_size(request, default, maximum, param="page_size"):
    raw = request.query_params.get(param)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise QueryParameterError(
            {param: [exceptions.ErrorDetail("Enter a whole number from 1.", "invalid")]}
        )
    if value > maximum:
        raise QueryParameterError(
            {
                param: [
                    exceptions.ErrorDetail(
                        f"The largest page size is {maximum}; {value} was asked for.", "max_value"
                    )
                ]
            }
        )
    return value


def _bad_cursor(message="This cursor is not valid; start again from the first page."):
    return parameter_error("cursor", message)


SORT_KEY = "sort_key"


def order_by_sort_key(queryset, expression, *, descending: bool):
    """Order by one expression then the primary key, as KeysetCursorPagination expects."""
    sign = "-" if descending else ""
    return queryset.annotate(**{SORT_KEY: expression}).order_by(f"{sign}{SORT_KEY}", f"{sign}pk")


_MAX_BIGINT = 2**63 - 1


def decode_cursor(token: str | None) -> dict | None:
    """The payload of a cursor token, every field checked; anything else is a 400 naming ``cursor``.

    A cursor is ``{"o": ordering, "v": sort key, "i": row id, "p": backwards}`` as JSON in
    unpadded URL-safe base64. The sort key is a string, a finite number or null; it is
    checked against the ordering's type by ``cursor_value``.
    """
    if not token:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError):
        raise _bad_cursor() from None
    if not isinstance(payload, dict) or set(payload) != {"o", "v", "i", "p"}:
        raise _bad_cursor()
    ordering, value, row_id, backwards = payload["o"], payload["v"], payload["i"], payload["p"]
    valid = (
        isinstance(ordering, str)
        and isinstance(backwards, bool)
        and isinstance(row_id, int)
        and not isinstance(row_id, bool)
        and 0 <= row_id <= _MAX_BIGINT
        and (
            isinstance(value, str)
            or (isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value))
        )
    )
    if not valid:
        raise _bad_cursor()
    return payload


def cursor_value(output_field, raw):
    """A cursor's sort key as a value of the ordering's type (date, datetime or number), or a 400."""
    if isinstance(output_field, DateField | DateTimeField) and not isinstance(raw, str):
        raise _bad_cursor()
    try:
        value = output_field.to_python(raw)
    except (DjangoValidationError, TypeError, ValueError, OverflowError):
        raise _bad_cursor() from None
    if value is None:
        raise _bad_cursor()
    if isinstance(value, float) and not math.isfinite(value):
        raise _bad_cursor()
    if isinstance(value, datetime) and timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value


class KeysetCursorPagination(BasePagination):
    """Cursor pagination on (sort key, id): stable while rows are added, and never counts the table.

    The queryset must come from ``order_by_sort_key``. The opaque cursor holds the
    sort key and id of the row at the edge of the page, so the next page starts
    exactly after it whatever was added or removed elsewhere in the meantime.
    """

    cursor_query_param = "cursor"
    page_size_query_param = "page_size"

    @property
    def page_size_default(self):
        return settings.API_PAGE_SIZE

    @property
    def max_page_size(self):
        return settings.API_MAX_PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size = _page_size(request, self.page_size_default, self.max_page_size)
        ordering = [str(item) for item in queryset.query.order_by]
        if len(ordering) != 2 or ordering[0].lstrip("-") != SORT_KEY:
            raise AssertionError("KeysetCursorPagination needs a queryset from order_by_sort_key().")
        descending = ordering[0].startswith("-")
        # The cursor remembers which ordering (and search) it was made for, and is refused for any other.
        sql, params = queryset.query.get_compiler(using=queryset.db).compile(
            queryset.query.annotations[SORT_KEY]
        )
        expression = f"{sql} {params!r}"
        self.ordering = ("-" if descending else "") + hashlib.sha256(expression.encode()).hexdigest()[:12]
        cursor = self._decode(request.query_params.get(self.cursor_query_param))
        backwards = bool(cursor and cursor["p"])

        if cursor is not None:
            value = cursor_value(queryset.query.annotations[SORT_KEY].output_field, cursor["v"])
            after = descending != backwards  # walk towards smaller keys?
            # The first condition is redundant but makes the bound an index condition, so a deep page
            # starts where the cursor points instead of filtering every row before it.
            if after:
                condition = Q(**{f"{SORT_KEY}__lte": value}) & (
                    Q(**{f"{SORT_KEY}__lt": value}) | Q(pk__lt=cursor["i"])
                )
            else:
                condition = Q(**{f"{SORT_KEY}__gte": value}) & (
                    Q(**{f"{SORT_KEY}__gt": value}) | Q(pk__gt=cursor["i"])
                )
            queryset = queryset.filter(condition)
        if backwards:
            queryset = queryset.reverse()

        rows = list(queryset[: self.page_size + 1])
        has_more = len(rows) > self.page_size
        rows = rows[: self.page_size]
        if backwards:
            rows.reverse()
            self.has_previous, self.has_next = has_more, True
        else:
            self.has_previous, self.has_next = cursor is not None, has_more
        self.first = rows[0] if rows else None
        self.last = rows[-1] if rows else None
        self.cursor = cursor
        return rows

    def _encode(self, row, *, previous):
        value = getattr(row, SORT_KEY)
        if isinstance(value, date | datetime):
            value = value.isoformat()
        payload = {"o": self.ordering, "v": value, "i": row.pk, "p": previous}
        token = (
            base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode().rstrip("=")
        )
        return replace_query_param(self.request.build_absolute_uri(), self.cursor_query_param, token)

    def _decode(self, token):
        payload = decode_cursor(token)
        if payload is not None and payload["o"] != self.ordering:
            raise _bad_cursor("This cursor was made for another ordering; start again without it.")
        return payload

    def get_next_link(self):
        if not self.has_next:
            return None
        if self.last is None:
            return None
        return self._encode(self.last, previous=False)

    def get_previous_link(self):
        if not self.has_previous:
            return None
        if self.first is None:
            if self.cursor is None:
                return None
            # An empty page past the end: step back from where the cursor pointed.
            payload = {**self.cursor, "p": True}
            token = base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode()
            return replace_query_param(
                self.request.build_absolute_uri(), self.cursor_query_param, token.rstrip("=")
            )
        return self._encode(self.first, previous=True)

    def get_paginated_response(self, data):
        next_link, previous_link = self.get_next_link(), self.get_previous_link()
        links = [
            f'<{url}>; rel="{rel}"' for url, rel in ((next_link, "next"), (previous_link, "prev")) if url
        ]
        headers = {"Link": ", ".join(links)} if links else None
        return Response({"next": next_link, "previous": previous_link, "results": data}, headers=headers)

    def get_json_response(self, bodies: list[str]) -> HttpResponse:
        """The paginated response around results already rendered as JSON text."""
        next_link, previous_link = self.get_next_link(), self.get_previous_link()
        links = [
            f'<{url}>; rel="{rel}"' for url, rel in ((next_link, "next"), (previous_link, "prev")) if url
        ]
        head = json.dumps({"next": next_link, "previous": previous_link}, separators=(",", ":"))
        body = f'{head[:-1]},"results":[{",".join(bodies)}]}}'
        response = HttpResponse(body.encode(), content_type="application/json")
        if links:
            response["Link"] = ", ".join(links)
        return response

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Opaque cursor from the `next` or `previous` link of the previous page.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Results per page: default {self.page_size_default}, "
                f"at most {self.max_page_size} (more is a 400).",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]


class EstimatedCountPaginator(Paginator):
    """A paginator that never counts more than ``exact_limit`` rows.

    Up to that many rows the count is exact; beyond, on PostgreSQL, it is the query
    planner's estimate (from table statistics, kept by autovacuum), so a page of a
    large list costs the same whatever the table's size. SQLite counts exactly.
    """

    exact_limit = 1000

    @cached_property
    def count(self):
        queryset = self.object_list
        if not hasattr(queryset, "query") or connection.vendor != "postgresql":
            return super().count
        rows = queryset.order_by().values("pk")  # no annotations: counting needs the rows only
        counted = rows[: self.exact_limit + 1].count()
        if counted <= self.exact_limit:
            return counted
        plan = rows.explain(format="json")
        estimate = json.loads(plan)[0]["Plan"]["Plan Rows"]
        return max(int(estimate), counted)


class PagePagination(PageNumberPagination):
    """Numbered pages for the smaller lists (speakers, sources, outlets, citations).

    ``count`` is exact up to a thousand rows and estimated beyond (EstimatedCountPaginator).
    """

    django_paginator_class = EstimatedCountPaginator
    page_size_query_param = "page_size"

    @property
    def page_size(self):
        return settings.API_PAGE_SIZE

    @property
    def max_page_size(self):
        return settings.API_MAX_PAGE_SIZE

    def get_page_size(self, request):
        return _page_size(request, self.page_size, self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.get(self.page_query_param)
        if raw not in (None, "", "last") and not (raw.isdigit() and int(raw) >= 1):
            raise QueryParameterError(
                {self.page_query_param: [exceptions.ErrorDetail("Enter a page number from 1.", "invalid")]}
            )
        return super().paginate_queryset(queryset, request, view)

    def get_json_response(self, bodies: list[str]) -> HttpResponse:
        """The paginated response around results already rendered as JSON text."""
        head = json.dumps(
            {
                "count": self.page.paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
            },
            separators=(",", ":"),
        )
        body = f'{head[:-1]},"results":[{",".join(bodies)}]}}'
        return HttpResponse(body.encode(), content_type="application/json")

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = (
                    f"Results per page: default {self.page_size}, "
                    f"at most {self.max_page_size} (more is a 400)."
                )
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
        return parameters


# Renderers -------------------------------------------------------------------------------------------------


def spreadsheet_safe(value):
    """Defuse cells a spreadsheet would run as a formula (OWASP CSV injection)."""
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + value
    return value


def _results(data):
    if isinstance(data, dict) and "results" in data:
        return data["results"]
    return data if isinstance(data, list) else [data]


def _is_error(renderer_context):
    response = (renderer_context or {}).get("response")
    return response is not None and response.status_code >= 400


class CSVRenderer(renderers.BaseRenderer):
    """Flat CSV: one row per object, nested fields joined with dots, lists joined with “; ”."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"
    columns = None  # fixed column order; by default, the keys in order of appearance

    def rows(self, objects):
        for obj in objects:
            yield dict(self.flatten(obj))

    def flatten(self, value, prefix=""):
        if isinstance(value, dict):
            for key, item in value.items():
                yield from self.flatten(item, f"{prefix}{key}" if not prefix else f"{prefix}.{key}")
        elif isinstance(value, list):
            yield (
                prefix,
                "; ".join(
                    str(item.get("name", item.get("id", ""))) if isinstance(item, dict) else str(item)
                    for item in value
                ),
            )
        else:
            yield prefix, "" if value is None else value

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        rows = list(self.rows(_results(data)))
        columns = self.columns or list(dict.fromkeys(key for row in rows for key in row))
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, restval="", lineterminator="\r\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})
        return out.getvalue().encode(self.charset)


class JSONLDRenderer(renderers.JSONRenderer):
    """JSON-LD with schema.org terms; subclasses turn one serialized object into graph nodes."""

    media_type = "application/ld+json"
    format = "jsonld"
    context = {"@vocab": "https://schema.org/", "url": {"@type": "@id"}, "sameAs": {"@type": "@id"}}

    def nodes(self, obj):
        raise NotImplementedError

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        graph = [node for obj in _results(data) for node in self.nodes(obj)]
        document = {"@context": self.context, "@graph": graph}
        return super().render(document, "application/json", renderer_context)


# HTTP caching ----------------------------------------------------------------------------------------------


# Idempotent creates ---------------------------------------------------------------------------------------

IDEMPOTENCY_HEADER = "Idempotency-Key"
_IDEMPOTENCY_KEY_RE = re.compile(r"^[\x21-\x7e]{1,255}$")


class _Replay(Exception):
    def __init__(self, response):
        self.response = response


class IdempotentCreateMixin:
    """``POST`` with an ``Idempotency-Key`` header: a retry gets the first answer again, not a duplicate.

    The first successful answer to a (user, path, key) is kept in the cache for
    API_IDEMPOTENCY_SECONDS (default a day) with a fingerprint of the body. A retry with the same
    body is answered with it (``Idempotent-Replayed: true``); the same key with another body is a
    409, and so is a retry while the first request is still running.
    """

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self._idempotency = None
        key = request.headers.get(IDEMPOTENCY_HEADER)
        if request.method != "POST" or key is None:
            return
        if not _IDEMPOTENCY_KEY_RE.match(key):
            raise exceptions.ValidationError(
                exceptions.ErrorDetail(
                    "Idempotency-Key must be 1 to 255 visible ASCII characters, e.g. a UUID.",
                    "invalid_idempotency_key",
                )
            )
        declared = request.META.get("CONTENT_LENGTH") or ""
        if declared.isdigit() and int(declared) > settings.API_MAX_BODY_SIZE:
            raise PayloadTooLarge(f"The request body is larger than {settings.API_MAX_BODY_SIZE} bytes.")
        user = request.user.pk if request.user and request.user.is_authenticated else ""
        scope = hashlib.sha256(f"{user}\n{request.path}\n{key}".encode()).hexdigest()
        fingerprint = hashlib.sha256(request.body).hexdigest()
        cache_key, lock_key = f"idempotency:{scope}", f"idempotency-lock:{scope}"
        stored = cache.get(cache_key)
        if stored is not None:
            if stored["fingerprint"] != fingerprint:
                raise Conflict("This Idempotency-Key was already used for a request with another body.")
            headers = {"Idempotent-Replayed": "true"}
            if stored["location"]:
                headers["Location"] = stored["location"]
            raise _Replay(Response(stored["data"], status=stored["status"], headers=headers))
        if not cache.add(lock_key, True, timeout=60):
            raise Conflict("A request with this Idempotency-Key is still being processed; retry shortly.")
        self._idempotency = (cache_key, lock_key, fingerprint)

    def handle_exception(self, exc):
        if isinstance(exc, _Replay):
            return exc.response
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        idempotency = getattr(self, "_idempotency", None)
        if idempotency:
            cache_key, lock_key, fingerprint = idempotency
            if 200 <= response.status_code < 300:
                stored = {
                    "fingerprint": fingerprint,
                    "status": response.status_code,
                    "data": response.data,
                    "location": response.get("Location"),
                }
                cache.set(cache_key, stored, timeout=settings.API_IDEMPOTENCY_SECONDS)
            cache.delete(lock_key)
        return response


class PublicAPIViewMixin(IdempotentCreateMixin):
    """Errors always as JSON, conditional GETs (ETag/Last-Modified → 304), Cache-Control, and
    anonymous answers kept in the shared response cache (core.cache).

    Views define ``content_version()`` returning ``(last_modified, token)``: the
    newest change to any row the response could show, and a string that changes
    whenever such a row changes. It must be a cheap aggregate query.

    Anonymous answers in a shareable format are marked for the response cache, whose middleware
    serves them again before any of this runs (core.cache).
    """

    conditional_actions = ("list", "retrieve")
    cached_formats = ("json", "csv", "jsonld")  # not the browsable API: its HTML is per client

    def content_version(self):
        raise NotImplementedError

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        pin_for_user(request.user)  # a token is only known here, after DRF's authentication
        self._validators = None
        self._shareable = False
        if request.method in ("GET", "HEAD") and self.action in self.conditional_actions:
            last_modified, token = self.content_version()
            key = "\n".join((token, request.get_full_path(), request.accepted_media_type or ""))
            self._validators = (quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32]), last_modified)
            self._shareable = (
                not request.user.is_authenticated and request.accepted_renderer.format in self.cached_formats
            )

    def not_modified_response(self, request):
        if not self._validators:
            return None
        etag, last_modified = self._validators
        timestamp = int(last_modified.timestamp()) if last_modified else None
        return get_conditional_response(request._request, etag=etag, last_modified=timestamp)

    def list(self, request, *args, **kwargs):
        return self.not_modified_response(request) or super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()  # first: a deleted row is a 404, never "not modified"
        if hasattr(instance, "version"):
            self.name_version_in_etag(request, instance)
        return self.not_modified_response(request) or Response(self.get_serializer(instance).data)

    def name_version_in_etag(self, request, row):
        """The detail's ETag names the row's version, so that it can be sent back in If-Match."""
        if self._validators:
            token = "\n".join((self._validators[0], request.accepted_media_type or ""))
            self._validators = (version_etag(row, token), self._validators[1])

    def finalize_response(self, request, response, *args, **kwargs):
        if (response.status_code >= 400 or request.method == "OPTIONS") and isinstance(
            getattr(request, "accepted_renderer", None), CSVRenderer | JSONLDRenderer
        ):
            # Neither an error nor OPTIONS' description of the endpoint is a list of quotes: report it as
            # JSON whatever format was asked for.
            request.accepted_renderer = renderers.JSONRenderer()
            request.accepted_media_type = "application/json"
        response = super().finalize_response(request, response, *args, **kwargs)
        if "Location" in response:
            response["Location"] = f"{response['Location']}"  # a plain str, as WSGI servers require
        validators = getattr(self, "_validators", None)
        if validators and response.status_code in (200, 304):
            etag, last_modified = validators
            response["ETag"] = etag
            if last_modified:
                response["Last-Modified"] = http_date(last_modified.timestamp())
        if request.method in ("GET", "HEAD") and response.status_code in (200, 304):
            if request.user and request.user.is_authenticated:
                patch_cache_control(response, private=True, no_cache=True)
            else:
                patch_cache_control(response, public=True, max_age=settings.API_CACHE_MAX_AGE)
        else:
            patch_cache_control(response, no_store=True)
        patch_vary_headers(response, ("Accept", "Authorization", "Cookie"))
        if getattr(self, "_shareable", False) and response.status_code == 200:
            response_cache.share(response)
        return response


def content_version() -> tuple[datetime | None, str]:
    """(Last-Modified, ETag token) of everything the public API shows, in one primary-key read.

    ``core.models.ContentVersion`` is bumped by signals on every save and delete of
    published data (core.signals, wired in each app's ready()), deletions and tag renames included,
    so its counter changes whenever any response could. Nothing here scans a table.
    """
    row = ContentVersion.objects.filter(pk=1).values_list("version", "changed_at").first()
    if row is None:
        return None, "0"
    version, changed_at = row
    return changed_at, str(version)
