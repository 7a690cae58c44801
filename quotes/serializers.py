"""API representations of speakers, quotes and citations.

Output serializers describe what a reader gets; input serializers only check the
shape of a request. Every rule about the data is applied by the models'
``full_clean()``, ``Quote.check_citations()`` and ``quotes.services``.
"""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api import CanonicalIdentityField, CanonicalRelatedField, checked_reference
from core.formats import api_datetime, iso_date, local_datetime
from sources.models import Contributor, Source
from sources.serializers import SourceSummarySerializer

from .dates import Precision, parse_partial_date
from .models import Citation, Quote, Role, Speaker, Tag, speaker_lookup


@extend_schema_field(
    {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$", "example": "2023-09-19", "nullable": True}
)
class PartialDateField(serializers.Field):
    """A date to its known precision: "2023-09-19", "2023-09" or "2023"."""

    default_error_messages = {"invalid": "{message}"}

    def to_representation(self, value):
        return str(value) if value is not None else None

    def to_internal_value(self, data):
        try:
            return parse_partial_date(str(data))
        except ValueError as error:
            self.fail("invalid", message=str(error))


@extend_schema_field({"oneOf": [{"type": "integer"}, {"type": "string"}]})
class SpeakerReferenceField(serializers.RelatedField):
    """A speaker given by id, slug or Wikidata ID."""

    default_error_messages = {"unknown": "No speaker has the id, slug or Wikidata ID “{value}”."}

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Speaker.objects.all())
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = checked_reference(data)
        if value.isdigit() and int(value) >= 2**63:
            self.fail("unknown", value=value)
        speaker = self.get_queryset().filter(**speaker_lookup(value, allow_id=True)).first()
        if speaker is None:
            self.fail("unknown", value=value)
        return speaker

    def to_representation(self, value):
        return value.pk


class NamesField(serializers.ListField):
    """A list of names in; out, the names of related rows (tags, aliases)."""

    child = serializers.CharField()

    def to_representation(self, data):
        if hasattr(data, "all"):
            return [item.name for item in data.all()]
        return super().to_representation(data)


# Output ---------------------------------------------------------------------------------------------------


class SpeakerSummarySerializer(serializers.ModelSerializer):
    url = CanonicalIdentityField(view_name="api:speaker-detail", lookup_field="slug")

    class Meta:
        model = Speaker
        fields = ["id", "url", "name", "slug", "wikidata_id"]


class RoleSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True, help_text="Title and organisation, for display.")

    class Meta:
        model = Role
        fields = ["title", "organisation", "label", "start_date", "end_date"]


class TagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ["name", "slug"]


class SpeakerSerializer(serializers.ModelSerializer):
    url = CanonicalIdentityField(view_name="api:speaker-detail", lookup_field="slug")
    wikidata_url = serializers.SerializerMethodField()
    aliases = serializers.SerializerMethodField(
        help_text="Other spellings, short names, native-script names."
    )
    roles = RoleSerializer(many=True, read_only=True)
    quote_count = serializers.IntegerField(read_only=True)
    quotes_url = CanonicalIdentityField(view_name="api:speaker-quotes", lookup_field="slug")

    class Meta:
        model = Speaker
        fields = [
            "id",
            "url",
            "name",
            "slug",
            "kind",
            "wikidata_id",
            "wikidata_url",
            "description",
            "aliases",
            "roles",
            "quote_count",
            "quotes_url",
            "created_at",
            "updated_at",
        ]

    def get_wikidata_url(self, obj) -> str | None:
        return f"https://www.wikidata.org/wiki/{obj.wikidata_id}" if obj.wikidata_id else None

    def get_aliases(self, obj) -> list[str]:
        return [alias.name for alias in obj.aliases.all()]


class OtherAttributionSerializer(serializers.ModelSerializer):
    url = CanonicalIdentityField(view_name="api:quote-detail")
    speaker = SpeakerSummarySerializer(read_only=True)

    class Meta:
        model = Quote
        fields = ["id", "url", "speaker", "status"]


class QuoteCitationSerializer(serializers.ModelSerializer):
    source = SourceSummarySerializer(read_only=True)

    class Meta:
        model = Citation
        fields = ["id", "locator", "excerpt", "source"]


class APIDateTimeField(serializers.DateTimeField):
    """Read-only timestamps in the one format of ``core.formats.api_datetime``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return api_datetime(value)


class _Links:
    """Absolute URLs for many rows at the cost of a few ``reverse()`` calls, not one per link."""

    _PK = 2**62  # a number no row has, replaced by each row's id

    def __init__(self, request):
        self.request = request
        self._templates = {}
        self._speakers = {}

    def _absolute(self, path):
        return self.request.build_absolute_uri(path) if self.request is not None else path

    def by_pk(self, viewname, pk):
        if viewname not in self._templates:
            self._templates[viewname] = self._absolute(reverse(viewname, args=[self._PK]))
        return self._templates[viewname].replace(str(self._PK), str(pk), 1)

    def speaker(self, slug):
        if slug not in self._speakers:
            self._speakers[slug] = self._absolute(reverse("api:speaker-detail", kwargs={"slug": slug}))
        return self._speakers[slug]


def quote_representation(quote: Quote, *, request=None, links: _Links | None = None) -> dict:
    """``QuoteSerializer(quote).data`` without the serializer machinery, for long lists.

    The same shape, field for field (``tests/quotes/test_quote_fast_path.py`` compares the
    two). Expects ``quotes_for_api()`` prefetches and ``other_attributions`` attached.
    """
    links = links or _Links(request)

    def speaker_summary(speaker):
        return {
            "id": speaker.pk,
            "url": links.speaker(speaker.slug),
            "name": speaker.name,
            "slug": speaker.slug,
            "wikidata_id": speaker.wikidata_id,
        }

    def source_summary(source):
        outlet = source.outlet
        published = source.published_local
        return {
            "id": source.pk,
            "api_url": links.by_pk("api:source-detail", source.pk),
            "kind": source.kind,
            "title": source.title,
            "url": source.url,
            "outlet": {"name": outlet.name, "slug": outlet.slug, "domain": outlet.domain} if outlet else None,
            "authors": [c.name for c in source.contributors.all() if c.role == Contributor.Role.AUTHOR],
            "published_at": local_datetime(published),
            "language": source.language,
        }

    role = quote.role
    return {
        "id": quote.pk,
        "url": links.by_pk("api:quote-detail", quote.pk),
        "permalink": links.by_pk("quotes:quote-detail", quote.pk),
        "text": quote.text,
        "language": quote.language,
        "original_language": quote.original_language,
        "type": quote.type,
        "speaker": speaker_summary(quote.speaker),
        "role": {
            "title": role.title,
            "organisation": role.organisation,
            "label": role.label,
            "start_date": iso_date(role.start_date),
            "end_date": iso_date(role.end_date),
        }
        if role
        else None,
        "said_on": str(quote.said) if quote.said else None,
        "said_on_precision": quote.said_on_precision,
        "said_on_latest": iso_date(quote.said_on_latest),
        "said_on_approximate": quote.said_on_approximate,
        "place": quote.place,
        "context": quote.context,
        "tags": [{"name": tag.name, "slug": tag.slug} for tag in quote.tags.all()],
        "status": quote.status,
        "status_note": quote.status_note,
        "reviewed_at": api_datetime(quote.reviewed_at),
        "other_attributions": [
            {
                "id": other.pk,
                "url": links.by_pk("api:quote-detail", other.pk),
                "speaker": speaker_summary(other.speaker),
                "status": other.status,
            }
            for other in quote.other_attributions
        ],
        "citations": [
            {
                "id": citation.pk,
                "locator": citation.locator,
                "excerpt": citation.excerpt,
                "source": source_summary(citation.source),
            }
            for citation in quote.citations.all()
        ],
        "created_at": api_datetime(quote.created_at),
        "updated_at": api_datetime(quote.updated_at),
    }


class QuoteListSerializer(serializers.ListSerializer):
    """Lists of quotes take the fast path; a single quote keeps the serializer."""

    def to_representation(self, data):
        links = _Links(self.context.get("request"))
        return [quote_representation(quote, links=links) for quote in data]


class QuoteSerializer(serializers.ModelSerializer):
    url = CanonicalIdentityField(view_name="api:quote-detail", help_text="This quote in the API.")
    permalink = serializers.SerializerMethodField(help_text="The quote's public, citable page.")
    speaker = SpeakerSummarySerializer(read_only=True)
    role = RoleSerializer(
        read_only=True, allow_null=True, help_text="The role the speaker held when speaking."
    )
    said_on = PartialDateField(
        source="said", read_only=True, help_text="When the words were said, to the precision known."
    )
    said_on_latest = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text="The last day `said_on` can stand for (the same day for day precision).",
    )
    tags = TagSerializer(many=True, read_only=True)
    other_attributions = OtherAttributionSerializer(
        many=True,
        read_only=True,
        help_text="The same words attributed to other speakers, with their verdicts.",
    )
    citations = QuoteCitationSerializer(many=True, read_only=True)
    reviewed_at = APIDateTimeField(allow_null=True)
    created_at = APIDateTimeField()
    updated_at = APIDateTimeField()

    def get_permalink(self, quote) -> str:
        request = self.context.get("request")
        path = quote.get_absolute_url()
        return request.build_absolute_uri(path) if request else path

    class Meta:
        model = Quote
        list_serializer_class = QuoteListSerializer
        fields = [
            "id",
            "url",
            "permalink",
            "text",
            "language",
            "original_language",
            "type",
            "speaker",
            "role",
            "said_on",
            "said_on_precision",
            "said_on_latest",
            "said_on_approximate",
            "place",
            "context",
            "tags",
            "status",
            "status_note",
            "reviewed_at",
            "other_attributions",
            "citations",
            "created_at",
            "updated_at",
        ]


class CitationSerializer(serializers.ModelSerializer):
    url = CanonicalIdentityField(view_name="api:citation-detail")
    quote = CanonicalRelatedField(view_name="api:quote-detail", read_only=True)
    quote_id = serializers.IntegerField(read_only=True)
    source = SourceSummarySerializer(read_only=True)

    class Meta:
        model = Citation
        fields = ["id", "url", "quote", "quote_id", "source", "locator", "excerpt", "created_at"]


# Input ----------------------------------------------------------------------------------------------------


class CitationInputSerializer(serializers.Serializer):
    source = serializers.PrimaryKeyRelatedField(queryset=Source.objects.all(), help_text="Source id.")
    locator = serializers.CharField(required=False, allow_blank=True, default="")
    excerpt = serializers.CharField(required=False, allow_blank=True, default="")


class QuoteWriteSerializer(serializers.Serializer):
    """A quote to record or change. Only reviewers may set a status other than unverified."""

    text = serializers.CharField(trim_whitespace=False, allow_blank=True)
    speaker = SpeakerReferenceField(help_text="Speaker id, slug or Wikidata ID.")
    role = serializers.PrimaryKeyRelatedField(
        queryset=Role.objects.all(),
        required=False,
        allow_null=True,
        help_text="Role id; filled in from the speaker's roles when the day is known and one role covers it.",
    )
    language = serializers.CharField(help_text="BCP 47, e.g. `id`.")
    original_language = serializers.CharField(required=False, allow_blank=True)
    type = serializers.ChoiceField(choices=Quote.Type.choices, required=False)
    said_on = PartialDateField(
        required=False, allow_null=True, help_text="YYYY-MM-DD, or YYYY-MM / YYYY when only that is known."
    )
    said_on_precision = serializers.ChoiceField(
        choices=Precision.choices,
        required=False,
        allow_blank=True,
        help_text="Defaults to the precision `said_on` was given with.",
    )
    said_on_approximate = serializers.BooleanField(required=False)
    place = serializers.CharField(required=False, allow_blank=True)
    context = serializers.CharField(required=False, allow_blank=True)
    tags = NamesField(required=False, help_text="Tag names or slugs; replaces the quote's tags.")
    status = serializers.ChoiceField(choices=Quote.Status.choices, required=False)
    status_note = serializers.CharField(required=False, allow_blank=True)
    citations = CitationInputSerializer(
        many=True, required=False, help_text="Sources citing the quote (on creation; later, use /citations/)."
    )

    def validate(self, attrs):
        if self.instance is not None and "citations" in attrs:
            raise serializers.ValidationError(
                {"citations": "Add or remove citations with /api/v1/citations/."}
            )
        return attrs


class SpeakerWriteSerializer(serializers.Serializer):
    name = serializers.CharField(allow_blank=True)
    slug = serializers.CharField(required=False, allow_blank=True, help_text="Made from the name when blank.")
    kind = serializers.ChoiceField(choices=Speaker.Kind.choices, required=False)
    wikidata_id = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    description = serializers.CharField(required=False, allow_blank=True)
    aliases = NamesField(required=False, help_text="Replaces the speaker's aliases.")


class CitationWriteSerializer(serializers.Serializer):
    quote = serializers.PrimaryKeyRelatedField(queryset=Quote.objects.all(), help_text="Quote id.")
    source = serializers.PrimaryKeyRelatedField(queryset=Source.objects.all(), help_text="Source id.")
    locator = serializers.CharField(required=False, allow_blank=True)
    excerpt = serializers.CharField(required=False, allow_blank=True)

    def validate(self, attrs):
        if self.instance is not None and "quote" in attrs and attrs["quote"].pk != self.instance.quote_id:
            raise serializers.ValidationError({"quote": "A citation cannot move to another quote."})
        return attrs


class VerdictEntrySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Quote.Status.choices)
    label = serializers.CharField(help_text="The verdict in words.")
    note = serializers.CharField(help_text="Why the verdict was reached.")
    by = serializers.CharField(help_text="Who ruled (or whose change withdrew the verdict).")
    at = serializers.DateTimeField()
    reason = serializers.CharField(
        help_text="Set when a rule acted, e.g. a verdict withdrawn after the words changed."
    )


class QuoteHistorySerializer(serializers.Serializer):
    verdicts = VerdictEntrySerializer(many=True, help_text="Every verdict the quote has had, oldest first.")
    words_last_changed = serializers.DateTimeField(
        allow_null=True,
        help_text="When the words last changed after they were first recorded; null if never.",
    )
