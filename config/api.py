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
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, connection
from django.db.models import ProtectedError, Q, RestrictedError
from django.http import Http404, HttpResponse
from django.urls import reverse as django_reverse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.functional import cached_property
from django.utils.http import http_date, quote_etag
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, permissions, renderers, serializers
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.pagination import BasePagination, PageNumberPagination
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from rest_framework.utils.urls import replace_query_param

from sources.models import ContentVersion

# Errors ----------------------------------------------------------------------------------------------------


class QueryParameterError(exceptions.ValidationError):
    """A 400 about the query string: ``detail`` maps parameter names to messages."""


def parameter_error(name: str, message: str, code: str = "invalid") -> QueryParameterError:
    return QueryParameterError({name: [exceptions.ErrorDetail(message, code)]})


class Conflict(exceptions.APIException):
    status_code = 409
    default_detail = "The request conflicts with the current state of the data."
    default_code = "conflict"


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
    # DRF binds the rates when the module is imported; read them per request so settings changes apply.
    def get_rate(self):
        try:
            return api_settings.DEFAULT_THROTTLE_RATES[self.scope]
        except KeyError:
            return None


class AnonThrottle(_RatesFromSettings, AnonRateThrottle):
    """Anonymous clients, per IP address: API_ANON_RATE (default 120/minute)."""


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
            output_field = queryset.query.annotations[SORT_KEY].output_field
            try:
                value = output_field.to_python(cursor["v"])
            except DjangoValidationError:
                raise _bad_cursor() from None
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
        if not token:
            return None
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            payload = json.loads(raw)
            valid = (
                isinstance(payload, dict)
                and isinstance(payload.get("i"), int)
                and isinstance(payload.get("p"), bool)
                and "v" in payload
            )
        except (binascii.Error, ValueError, UnicodeDecodeError):
            valid = False
        if not valid:
            raise _bad_cursor()
        if payload.get("o") != self.ordering:
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


class PublicAPIViewMixin:
    """Errors always as JSON, conditional GETs (ETag/Last-Modified → 304) and Cache-Control.

    Views define ``content_version()`` returning ``(last_modified, token)``: the
    newest change to any row the response could show, and a string that changes
    whenever such a row changes. It must be a cheap aggregate query.
    """

    conditional_actions = ("list", "retrieve")

    def content_version(self):
        raise NotImplementedError

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self._validators = None
        if request.method in ("GET", "HEAD") and self.action in self.conditional_actions:
            last_modified, token = self.content_version()
            key = "\n".join((token, request.get_full_path(), request.accepted_media_type or ""))
            self._validators = (quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32]), last_modified)

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
        return self.not_modified_response(request) or Response(self.get_serializer(instance).data)

    def finalize_response(self, request, response, *args, **kwargs):
        if response.status_code >= 400 and isinstance(
            getattr(request, "accepted_renderer", None), CSVRenderer | JSONLDRenderer
        ):
            # An error is not a list of quotes: report it as JSON whatever format was asked for.
            request.accepted_renderer = renderers.JSONRenderer()
            request.accepted_media_type = "application/json"
        response = super().finalize_response(request, response, *args, **kwargs)
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
        return response


def content_version() -> tuple[datetime | None, str]:
    """(Last-Modified, ETag token) of everything the public API shows, in one primary-key read.

    ``sources.models.ContentVersion`` is bumped by signals on every save and delete of
    published data (sources.signals, quotes.apps), deletions and tag renames included,
    so its counter changes whenever any response could. Nothing here scans a table.
    """
    row = ContentVersion.objects.filter(pk=1).values_list("version", "changed_at").first()
    if row is None:
        return None, "0"
    version, changed_at = row
    return changed_at, str(version)
