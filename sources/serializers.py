"""API representations of outlets and sources.

Publication times are given in the source's own time zone with its offset
(2023-09-20T14:35:00+07:00), never converted to UTC: that is how a citation reads.
"""

import contextlib
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api import CanonicalIdentityField, ReferenceSlugRelatedField, checked_url
from core.formats import local_datetime

from .models import Contributor, Outlet, Source
from .validators import timezone_names, validate_publication_year


@extend_schema_field({"type": "string", "format": "date-time", "nullable": True})
class LocalDateTimeField(serializers.Field):
    """An aware datetime shown with its own offset, as ISO 8601."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return local_datetime(value)


class OutletSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Outlet
        fields = ["name", "slug", "domain"]


class OutletSerializer(serializers.HyperlinkedModelSerializer):
    url = CanonicalIdentityField(view_name="api:outlet-detail", lookup_field="slug")

    class Meta:
        model = Outlet
        fields = ["id", "url", "name", "slug", "domain", "country", "language", "created_at", "updated_at"]


class ContributorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contributor
        fields = ["name", "role"]


class SourceSummarySerializer(serializers.ModelSerializer):
    """What a citation needs of its source."""

    api_url = CanonicalIdentityField(view_name="api:source-detail")
    outlet = OutletSummarySerializer(read_only=True, allow_null=True)
    authors = serializers.SerializerMethodField(
        help_text="Names credited as author/reporter, in byline order."
    )
    published_at = LocalDateTimeField(
        source="published_local", help_text="Publication time in the source's own time zone, with its offset."
    )

    class Meta:
        model = Source
        fields = ["id", "api_url", "kind", "title", "url", "outlet", "authors", "published_at", "language"]

    def get_authors(self, obj) -> list[str]:
        return [c.name for c in obj.contributors.all() if c.role == Contributor.Role.AUTHOR]


class SourceSerializer(SourceSummarySerializer):
    contributors = ContributorSerializer(many=True, read_only=True)

    class Meta:
        model = Source
        fields = [
            "id",
            "api_url",
            "kind",
            "title",
            "url",
            "archive_url",
            "outlet",
            "authors",
            "contributors",
            "published_at",
            "timezone",
            "language",
            "dateline",
            "created_at",
            "updated_at",
        ]


class SourceWriteSerializer(serializers.ModelSerializer):
    """Input for creating and changing a source; validated by ``Source.full_clean()``."""

    outlet = ReferenceSlugRelatedField(
        slug_field="slug", queryset=Outlet.objects.all(), required=False, allow_null=True
    )
    published_at = serializers.CharField(
        required=False,
        allow_null=True,
        help_text="ISO 8601. Without an offset it is local time in `timezone` (e.g. 2023-09-20T14:35 with "
        "Asia/Jakarta); with one it is that instant.",
    )
    timezone = serializers.ChoiceField(choices=timezone_names(), required=False)
    contributors = ContributorSerializer(
        many=True, required=False, help_text="Byline, in order; replaces the current one when given."
    )
    url = serializers.CharField(required=False, allow_null=True, allow_blank=True, max_length=1000)

    class Meta:
        model = Source
        fields = [
            "kind",
            "title",
            "url",
            "archive_url",
            "outlet",
            "published_at",
            "timezone",
            "language",
            "dateline",
            "contributors",
        ]
        # Uniqueness and every other rule are checked by the model's full_clean().
        validators = []
        extra_kwargs = {"url": {"validators": []}}

    def validate_url(self, value):
        return checked_url(value) if value else value

    def validate(self, attrs):
        raw = attrs.get("published_at")
        if raw:
            try:
                published = parse_datetime(raw.strip())
            except ValueError:  # well formed but impossible: 30 February, an offset of +25:00
                published = None
            if published is None:
                raise serializers.ValidationError(
                    {
                        "published_at": "Enter a real ISO 8601 date and time with an offset within ±24 hours, "
                        "e.g. 2023-09-20T14:35:00+07:00."
                    }
                )
            try:
                validate_publication_year(published)
            except DjangoValidationError as error:
                raise serializers.ValidationError({"published_at": error.messages}) from None
            if timezone.is_naive(published):
                zone_name = attrs.get("timezone") or getattr(self.instance, "timezone", "UTC")
                # An unknown zone is left for full_clean() to report on the timezone field.
                with contextlib.suppress(ZoneInfoNotFoundError, ValueError):
                    published = published.replace(tzinfo=ZoneInfo(zone_name))
            attrs["published_at"] = published
        elif "published_at" in attrs:
            attrs["published_at"] = None
        return attrs


SCHEMA_ORG_SOURCE_TYPES = {
    Source.Kind.NEWS_ARTICLE: "NewsArticle",
    Source.Kind.TRANSCRIPT: "CreativeWork",
    Source.Kind.VIDEO: "VideoObject",
    Source.Kind.BOOK: "Book",
    Source.Kind.SOCIAL_POST: "SocialMediaPosting",
    Source.Kind.PRESS_RELEASE: "Article",
    Source.Kind.OFFICIAL_RECORD: "CreativeWork",
}


def outlet_schema_org(outlet: dict | None) -> dict | None:
    """A serialized outlet as a schema.org publisher."""
    if not outlet:
        return None
    node = {"@type": "NewsMediaOrganization", "name": outlet["name"]}
    if outlet.get("domain"):
        node["url"] = f"https://{outlet['domain']}/"
    return node


def source_schema_org(source: dict) -> dict:
    """A serialized source (SourceSummarySerializer or SourceSerializer) as a schema.org CreativeWork."""
    node = {
        "@type": SCHEMA_ORG_SOURCE_TYPES.get(source["kind"], "CreativeWork"),
        "@id": source["api_url"],
        "headline": source["title"],
        "name": source["title"],
        "url": source.get("url"),
        "datePublished": source.get("published_at"),
        "inLanguage": source.get("language") or None,
        "publisher": outlet_schema_org(source.get("outlet")),
        "author": [{"@type": "Person", "name": name} for name in source.get("authors", [])] or None,
    }
    return {key: value for key, value in node.items() if value is not None}
