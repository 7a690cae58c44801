import json
from types import SimpleNamespace

from django.db import connection
from django.http import Http404, HttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.settings import api_settings

from core.api import (
    IF_MATCH,
    CSVRenderer,
    KeysetCursorPagination,
    PagePagination,
    PublicAPIViewMixin,
    loaded_version,
    version_etag,
)

from . import selectors, services
from .filters import QuoteFilterSet, SpeakerFilterSet
from .models import Citation, Quote, Speaker, speaker_lookup
from .renderers import QuoteCSVRenderer, QuoteJSONLDRenderer, SpeakerJSONLDRenderer
from .serializers import (
    CitationSerializer,
    CitationWriteSerializer,
    QuoteHistorySerializer,
    QuoteSerializer,
    QuoteWriteSerializer,
    SpeakerSerializer,
    SpeakerWriteSerializer,
)

QUOTE_RENDERERS = [*api_settings.DEFAULT_RENDERER_CLASSES, QuoteCSVRenderer, QuoteJSONLDRenderer]
WRITE_METHODS = ["get", "post", "patch", "delete", "head", "options"]  # no PUT: PATCH changes


SQL_JSON_FORMATS = {"json", "csv", "jsonld"}


def takes_sql_json(request) -> bool:
    """Plain JSON on PostgreSQL: the database can build the whole representation."""
    return connection.vendor == "postgresql" and request.accepted_renderer.format == "json"


def json_page(view, queryset, as_json=selectors.quotes_as_json):
    """A page built as JSON by PostgreSQL (``selectors.quotes_as_json`` or ``speakers_as_json``), or None.

    The page is chosen as usual (filters, keyset cursor or page number), fetching ids
    only. JSON goes out as the database wrote it; CSV and JSON-LD are rendered from it.
    None means the caller serializes as usual (the browsable API, or SQLite).
    """
    request = view.request
    if connection.vendor != "postgresql" or request.accepted_renderer.format not in SQL_JSON_FORMATS:
        return None
    ids_only = queryset.select_related(None).prefetch_related(None).only("id")
    rows = view.paginator.paginate_queryset(ids_only, request, view=view)
    bodies = as_json([row.pk for row in rows], request=request)
    if request.accepted_renderer.format == "json":
        return view.paginator.get_json_response(bodies)
    return view.paginator.get_paginated_response([json.loads(body) for body in bodies])


def no_speaker(value) -> Http404:
    return Http404(f"No speaker has the slug or Wikidata ID “{value}”.")


_errors = OpenApiResponse(description='`{"errors": [...]}` naming each parameter or field and the problem.')


@extend_schema_view(
    list=extend_schema(
        summary="List quotes",
        description="Quotes with everything needed to cite them. Cursor-paginated: follow `next`. "
        "Also as CSV (one row per quote and citation) and JSON-LD (schema.org Quotation, plus "
        "ClaimReview for quotes with a verdict): `?format=csv|jsonld` or the Accept header.",
        responses={200: QuoteSerializer(many=True), 400: _errors},
    ),
    retrieve=extend_schema(summary="One quote", responses={200: QuoteSerializer, 404: _errors}),
    create=extend_schema(
        summary="Record a quote",
        description="With its tags and citations, in one request. Needs the add-quote permission; "
        "setting a status other than unverified needs a reviewer.",
        request=QuoteWriteSerializer,
        responses={201: QuoteSerializer, 400: _errors, 403: _errors},
    ),
    partial_update=extend_schema(
        summary="Change a quote",
        description="Only reviewers may change `status`; a verdict needs at least one citation.",
        request=QuoteWriteSerializer,
        parameters=[IF_MATCH],
        responses={200: QuoteSerializer, 400: _errors, 403: _errors, 409: _errors, 412: _errors},
    ),
    destroy=extend_schema(
        summary="Delete a quote",
        description="Reviewers only. A reviewer can restore it from its history in the admin.",
        parameters=[IF_MATCH],
        responses={204: None, 403: _errors, 404: _errors, 412: _errors},
    ),
)
class QuoteViewSet(
    PublicAPIViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Quote.objects.all()
    serializer_class = QuoteSerializer
    filterset_class = QuoteFilterSet
    pagination_class = KeysetCursorPagination
    renderer_classes = QUOTE_RENDERERS
    http_method_names = WRITE_METHODS

    def get_queryset(self):
        return selectors.quotes_for_api()

    def get_serializer_class(self):
        if self.action in ("create", "partial_update"):
            return QuoteWriteSerializer
        return QuoteSerializer

    def content_version(self):
        return selectors.quotes_content_version()

    def paginate_queryset(self, queryset):
        return selectors.attach_other_attributions(super().paginate_queryset(queryset))

    def get_object(self):
        quote = super().get_object()
        selectors.attach_other_attributions([quote])
        return quote

    def list(self, request, *args, **kwargs):
        return (
            self.not_modified_response(request)
            or json_page(self, self.filter_queryset(self.get_queryset()))
            or super().list(request, *args, **kwargs)
        )

    def retrieve(self, request, *args, **kwargs):
        pk = str(self.kwargs.get("pk", ""))
        if takes_sql_json(request) and pk.isdigit():
            version = Quote.objects.filter(pk=int(pk)).values_list("version", flat=True).first()
            if version is None:
                raise Http404("No Quote matches the given query.")  # a deleted quote is a 404, never a 304
            self.name_version_in_etag(request, SimpleNamespace(pk=int(pk), version=version))
            not_modified = self.not_modified_response(request)
            if not_modified:
                return not_modified
            bodies = selectors.quotes_as_json([int(pk)], request=request)
            if not bodies:
                raise Http404("No Quote matches the given query.")
            return HttpResponse(bodies[0], content_type="application/json")
        return super().retrieve(request, *args, **kwargs)

    def create(self, request, *args, **kwargs):
        serializer = QuoteWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        quote = services.quote_create(user=request.user, **serializer.validated_data)
        return self._read_response(quote, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        quote = Quote.objects.get(pk=self.get_object().pk)
        version = loaded_version(request, quote)
        serializer = QuoteWriteSerializer(quote, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        quote = services.quote_update(
            quote=quote, user=request.user, loaded_version=version, **serializer.validated_data
        )
        return self._read_response(quote, status.HTTP_200_OK)

    def perform_destroy(self, instance):
        quote = Quote.objects.get(pk=instance.pk)
        services.quote_delete(
            quote=quote, user=self.request.user, loaded_version=loaded_version(self.request, quote)
        )

    @extend_schema(
        summary="A quote's verdict history",
        description="Every verdict (status, note, who ruled, when) and when the words last changed.",
        responses={200: QuoteHistorySerializer, 404: _errors},
    )
    @action(
        detail=True,
        methods=["get"],
        pagination_class=None,
        filterset_class=None,
        renderer_classes=api_settings.DEFAULT_RENDERER_CLASSES,
    )
    def history(self, request, *args, **kwargs):
        quote = self.get_object()
        return Response(QuoteHistorySerializer(selectors.quote_record_history(quote.pk)).data)

    def _read_response(self, quote, status_code):
        """A write is answered with the representation a read gives, and the new version's ETag."""
        data = QuoteSerializer(selectors.quote_for_api(quote.pk), context=self.get_serializer_context()).data
        headers = {"Location": data["url"], "ETag": version_etag(quote)}
        return Response(data, status=status_code, headers=headers)


@extend_schema_view(
    list=extend_schema(summary="List speakers", description="People and organisations quoted, by name."),
    retrieve=extend_schema(
        summary="One speaker, by slug or Wikidata ID",
        parameters=[
            OpenApiParameter(
                "slug",
                str,
                OpenApiParameter.PATH,
                description="The speaker's slug, or a Wikidata ID (Q319437).",
            )
        ],
        responses={200: SpeakerSerializer, 404: _errors},
    ),
    create=extend_schema(
        summary="Record a speaker", request=SpeakerWriteSerializer, responses={201: SpeakerSerializer}
    ),
    partial_update=extend_schema(
        summary="Change a speaker",
        parameters=[
            OpenApiParameter("slug", str, OpenApiParameter.PATH, description="Slug or Wikidata ID."),
            IF_MATCH,
        ],
        request=SpeakerWriteSerializer,
        responses={200: SpeakerSerializer, 400: _errors, 403: _errors, 409: _errors, 412: _errors},
    ),
    destroy=extend_schema(
        summary="Delete a speaker",
        description="Refused with 409 while quotes are attributed to the speaker.",
        parameters=[OpenApiParameter("slug", str, OpenApiParameter.PATH, description="Slug or Wikidata ID.")],
    ),
)
class SpeakerViewSet(
    PublicAPIViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Speaker.objects.all()
    serializer_class = SpeakerSerializer
    filterset_class = SpeakerFilterSet
    pagination_class = PagePagination
    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, CSVRenderer, SpeakerJSONLDRenderer]
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"
    http_method_names = WRITE_METHODS
    conditional_actions = ("list", "retrieve", "quotes")

    def get_queryset(self):
        if self.action == "quotes":
            return selectors.quotes_for_api()
        return selectors.speakers_for_api()

    def get_serializer_class(self):
        if self.action == "quotes":
            return QuoteSerializer
        if self.action in ("create", "partial_update"):
            return SpeakerWriteSerializer
        return SpeakerSerializer

    def content_version(self):
        return selectors.quotes_content_version()

    def list(self, request, *args, **kwargs):
        return (
            self.not_modified_response(request)
            or json_page(
                self, self.filter_queryset(selectors.speakers_in_list_order()), selectors.speakers_as_json
            )
            or super().list(request, *args, **kwargs)
        )

    def retrieve(self, request, *args, **kwargs):
        if not takes_sql_json(request):
            return super().retrieve(request, *args, **kwargs)
        value = self.kwargs["slug"]
        row = Speaker.objects.filter(**speaker_lookup(value)).values("pk", "version").first()
        if row is None:  # first: a deleted speaker is a 404, never a 304
            raise no_speaker(value)
        self.name_version_in_etag(request, SimpleNamespace(**row))
        not_modified = self.not_modified_response(request)
        if not_modified:
            return not_modified
        bodies = selectors.speakers_as_json([row["pk"]], request=request)
        if not bodies:
            raise no_speaker(value)
        return HttpResponse(bodies[0], content_type="application/json")

    def get_object(self):
        """By slug, or by Wikidata ID (Q12345) in the slug's place."""
        value = self.kwargs["slug"]
        lookup = speaker_lookup(value)
        speakers = Speaker.objects.all() if self.action == "quotes" else selectors.speakers_for_api()
        speaker = speakers.filter(**lookup).first()
        if speaker is None:
            raise no_speaker(value)
        self.check_object_permissions(self.request, speaker)
        return speaker

    def create(self, request, *args, **kwargs):
        serializer = SpeakerWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        speaker = services.speaker_create(user=request.user, **serializer.validated_data)
        return self._read_response(speaker, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        speaker = Speaker.objects.get(pk=self.get_object().pk)
        version = loaded_version(request, speaker)
        serializer = SpeakerWriteSerializer(speaker, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        speaker = services.speaker_update(
            speaker=speaker, user=request.user, loaded_version=version, **serializer.validated_data
        )
        return self._read_response(speaker, status.HTTP_200_OK)

    def perform_destroy(self, instance):
        speaker = Speaker.objects.get(pk=instance.pk)
        services.speaker_delete(
            speaker=speaker, user=self.request.user, loaded_version=loaded_version(self.request, speaker)
        )

    def _read_response(self, speaker, status_code):
        speaker = selectors.speakers_for_api().get(pk=speaker.pk)
        data = SpeakerSerializer(speaker, context=self.get_serializer_context()).data
        headers = {"Location": data["url"], "ETag": version_etag(speaker)}
        return Response(data, status=status_code, headers=headers)

    @extend_schema(
        summary="A speaker's quotes",
        description="The same filters, ordering, pagination and formats as the quote list.",
        parameters=[OpenApiParameter("slug", str, OpenApiParameter.PATH, description="Slug or Wikidata ID.")],
        responses={200: QuoteSerializer(many=True), 400: _errors, 404: _errors},
    )
    @action(
        detail=True,
        methods=["get"],
        queryset=Quote.objects.all(),
        serializer_class=QuoteSerializer,
        filterset_class=QuoteFilterSet,
        pagination_class=KeysetCursorPagination,
        renderer_classes=QUOTE_RENDERERS,
    )
    def quotes(self, request, *args, **kwargs):
        speaker = self.get_object()
        not_modified = self.not_modified_response(request)
        if not_modified:
            return not_modified
        queryset = self.filter_queryset(self.get_queryset().filter(speaker=speaker))
        fast = json_page(self, queryset)
        if fast:
            return fast
        page = selectors.attach_other_attributions(self.paginate_queryset(queryset))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema_view(
    list=extend_schema(summary="List citations"),
    retrieve=extend_schema(summary="One citation"),
    create=extend_schema(
        summary="Cite a source for a quote",
        description="Refused (400) when the source was published before the quote was said.",
        request=CitationWriteSerializer,
        responses={201: CitationSerializer, 400: _errors},
    ),
    partial_update=extend_schema(
        summary="Change a citation", request=CitationWriteSerializer, responses={200: CitationSerializer}
    ),
    destroy=extend_schema(
        summary="Remove a citation",
        description="Refused (400) when it is the last citation of a quote with a verdict.",
    ),
)
class CitationViewSet(
    PublicAPIViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Citation.objects.all()
    serializer_class = CitationSerializer
    pagination_class = PagePagination
    filterset_fields = ["quote", "source"]
    http_method_names = WRITE_METHODS

    def get_queryset(self):
        return selectors.citations_for_api().order_by("pk")

    def get_serializer_class(self):
        if self.action in ("create", "partial_update"):
            return CitationWriteSerializer
        return CitationSerializer

    def content_version(self):
        return selectors.quotes_content_version()

    def create(self, request, *args, **kwargs):
        serializer = CitationWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        citation = services.citation_create(user=request.user, **serializer.validated_data)
        return self._read_response(citation, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        citation = Citation.objects.select_related("quote").get(pk=self.get_object().pk)
        serializer = CitationWriteSerializer(citation, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        fields = {key: value for key, value in serializer.validated_data.items() if key != "quote"}
        citation = services.citation_update(citation=citation, user=request.user, **fields)
        return self._read_response(citation, status.HTTP_200_OK)

    def perform_destroy(self, instance):
        services.citation_delete(citation=instance, user=self.request.user)

    def _read_response(self, citation, status_code):
        citation = self.get_queryset().get(pk=citation.pk)
        data = CitationSerializer(citation, context=self.get_serializer_context()).data
        return Response(data, status=status_code, headers={"Location": data["url"]})
