from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response
from rest_framework.settings import api_settings

from core.api import (
    ERRORS,
    IF_MATCH,
    CSVRenderer,
    JSONLDRenderer,
    PagePagination,
    PublicAPIViewMixin,
    content_version,
    loaded_version,
    version_etag,
)

from . import services
from .filters import OutletFilterSet, SourceFilterSet
from .models import Contributor, Outlet, Source
from .serializers import (
    OutletSerializer,
    SourceSerializer,
    SourceWriteSerializer,
    outlet_schema_org,
    source_schema_org,
)


class SourceJSONLDRenderer(JSONLDRenderer):
    def nodes(self, obj):
        return [source_schema_org(obj)]


class OutletJSONLDRenderer(JSONLDRenderer):
    def nodes(self, obj):
        return [{"@id": obj["url"], **outlet_schema_org(obj)}]


@extend_schema_view(
    list=extend_schema(summary="List outlets", description="News outlets and other publishers, by name."),
    retrieve=extend_schema(summary="One outlet, by slug"),
)
class OutletViewSet(PublicAPIViewMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Outlet.objects.all()
    serializer_class = OutletSerializer
    filterset_class = OutletFilterSet
    pagination_class = PagePagination
    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, CSVRenderer, OutletJSONLDRenderer]
    lookup_field = "slug"

    def content_version(self):
        return content_version()


@extend_schema_view(
    list=extend_schema(
        summary="List sources", description="Articles, transcripts and other documents, newest first."
    ),
    retrieve=extend_schema(summary="One source"),
    create=extend_schema(
        summary="Record a source", request=SourceWriteSerializer, responses=SourceSerializer
    ),
    partial_update=extend_schema(
        summary="Change a source",
        request=SourceWriteSerializer,
        parameters=[IF_MATCH],
        responses={200: SourceSerializer, 400: ERRORS, 403: ERRORS, 409: ERRORS, 412: ERRORS},
    ),
    destroy=extend_schema(
        summary="Delete a source",
        description="Refused with 409 while a quote cites it.",
        parameters=[IF_MATCH],
        responses={204: None, 403: ERRORS, 409: ERRORS, 412: ERRORS},
    ),
)
class SourceViewSet(
    PublicAPIViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Source.objects.select_related("outlet").prefetch_related(
        Prefetch("contributors", Contributor.objects.order_by("role", "position", "pk"))
    )
    serializer_class = SourceSerializer
    filterset_class = SourceFilterSet
    pagination_class = PagePagination
    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, CSVRenderer, SourceJSONLDRenderer]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]  # no PUT: PATCH changes

    def content_version(self):
        return content_version()

    def get_serializer_class(self):
        if self.action in ("create", "partial_update"):
            return SourceWriteSerializer
        return SourceSerializer

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        source = services.source_create(user=request.user, **serializer.validated_data)
        return self._read_response(source, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        source = self.get_object()
        version = loaded_version(request, source)
        serializer = self.get_serializer(source, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        source = services.source_update(
            source=source, user=request.user, loaded_version=version, **serializer.validated_data
        )
        return self._read_response(source, status.HTTP_200_OK)

    def perform_destroy(self, instance):
        services.source_delete(
            source=instance, user=self.request.user, loaded_version=loaded_version(self.request, instance)
        )

    def _read_response(self, source, status_code):
        """A write is answered with the representation a read gives, and the new version's ETag."""
        source = self.get_queryset().get(pk=source.pk)
        return Response(
            SourceSerializer(source, context=self.get_serializer_context()).data,
            status=status_code,
            headers={"ETag": version_etag(source)},
        )
