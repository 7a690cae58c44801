"""Query-string filters for quotes and speakers, shared by the API and the reader pages.

Every invalid value is a form error, which the API turns into a 400 naming the
parameter; a value that names nothing (an unknown speaker, outlet, tag or source)
is invalid too, so that a typo is not mistaken for "no quotes".
"""

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Exists, Expression, F, FloatField, OuterRef, Q, Value
from django.db.models.functions import Cast
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core.api import order_by_sort_key
from core.validators import validate_reference
from sources.filters import LanguageFilter, OutletFilter, URLFilter
from sources.models import Source

from .forms import PartialDateField
from .models import WIKIDATA_LIKE, Citation, Quote, Speaker, Tag, validate_wikidata_id

# Full-text search uses PostgreSQL's "simple" configuration: it lower-cases words without
# stemming, which suits Indonesian (no built-in stemmer) and English alike. Quotes keep the
# vector in a stored, GIN-indexed column (migration 0006), so a search never re-parses texts.
SEARCH_CONFIG = "simple"

# Ordering by relevance ranks the newest RELEVANCE_CANDIDATES matches (by said_on), not every
# match: a word found in a third of a million quotes would otherwise rank 300,000 rows per
# request. Below this many matches the ranking is exact; above it, the newest matches compete.
RELEVANCE_CANDIDATES = 1000


class QuoteSearchVector(Expression):
    """The stored ``search_vector`` column of the quote table (PostgreSQL only, see migration 0006)."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(alias)}.{connection.ops.quote_name('search_vector')}", []


def quote_search_query(text: str):
    return SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def rows_among(queryset, ids):
    """The rows whose ids ``ids`` (a subquery) yields, loaded as ``queryset`` loads them.

    The filters are left out on purpose: repeating a full-text condition outside the
    bounded subquery lets PostgreSQL match every row again (a bitmap scan of all
    matches) before it keeps the candidates.
    """
    rows = queryset.model._default_manager.filter(pk__in=ids)
    rows.query.select_related = queryset.query.select_related
    rows._prefetch_related_lookups = queryset._prefetch_related_lookups
    return rows


class RepeatedValuesWidget(forms.TextInput):
    """Reads ``?name=a&name=b`` (and ``?name=a,b``) as a list."""

    def value_from_datadict(self, data, files, name):
        getlist = getattr(data, "getlist", None)
        raw = getlist(name) if getlist else [data.get(name)] if data.get(name) is not None else []
        return [part.strip() for value in raw for part in str(value).split(",") if part.strip()]


class SpeakerReferencesField(forms.Field):
    """Speakers named by id, slug or Wikidata ID; cleans to a list of speaker ids."""

    widget = RepeatedValuesWidget

    def to_python(self, value):
        values = [validate_reference(item) for item in value or []]
        if not values:
            return []
        ids, slugs, qids, malformed = set(), set(), set(), []
        for item in values:
            if item.isascii() and item.isdigit():
                if int(item) < 2**63:  # larger numbers name no row, and overflow a bigint column
                    ids.add(int(item))
            elif WIKIDATA_LIKE.match(item):
                qid = item.upper()
                try:
                    validate_wikidata_id(qid)
                except forms.ValidationError:
                    malformed.append(item)
                qids.add(qid)
            else:
                slugs.add(item)
        if malformed:
            raise forms.ValidationError(
                "“%(value)s” is not a Wikidata ID: use Q followed by digits without leading zeros, e.g. Q12345.",
                code="invalid_wikidata_id",
                params={"value": malformed[0]},
            )
        found = Speaker.objects.filter(
            Q(pk__in=ids) | Q(slug__in=slugs) | Q(wikidata_id__in=qids)
        ).values_list("pk", "slug", "wikidata_id")
        matched, known = set(), set()
        for pk, slug, wikidata_id in found:
            matched.add(pk)
            known.update({str(pk), slug, wikidata_id})
        unknown = [item for item in values if item not in known and item.upper() not in known]
        if unknown:
            raise forms.ValidationError(
                "No speaker has the id, slug or Wikidata ID “%(value)s”.",
                code="unknown_speaker",
                params={"value": unknown[0]},
            )
        return sorted(matched)


class StrictBooleanField(forms.Field):
    """``true`` or ``false`` (also 1/0, yes/no); anything else is an error rather than ignored."""

    values = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}

    def to_python(self, value):
        text = (value or "").strip().lower()
        if not text:
            return None
        if text not in self.values:
            raise forms.ValidationError(
                "Enter true or false, not “%(value)s”.", code="invalid_boolean", params={"value": value}
            )
        return self.values[text]


class WikidataIdField(forms.CharField):
    default_validators = [validate_wikidata_id]

    def to_python(self, value):
        return super().to_python(value).strip().upper()


class WikidataIdFilter(django_filters.CharFilter):
    field_class = WikidataIdField


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class SpeakerFilter(django_filters.Filter):
    field_class = SpeakerReferencesField

    def filter(self, qs, value):
        return qs.filter(speaker_id__in=value) if value else qs


@extend_schema_field(OpenApiTypes.STR)
class PartialDateFilter(django_filters.Filter):
    field_class = PartialDateField


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanFilter(django_filters.Filter):
    field_class = StrictBooleanField


ORDERINGS = {
    "said_on": "when said, earliest first",
    "-said_on": "when said, latest first (the default without `q`)",
    "published": "first publication of a citing source, earliest first",
    "-published": "first publication of a citing source, latest first",
    "created": "when recorded here, earliest first",
    "-created": "when recorded here, latest first",
    "relevance": "best full-text match first (the default with `q`; needs `q`)",
}


class QuoteFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("ordering") == "relevance" and not cleaned.get("q"):
            self.add_error(
                "ordering", forms.ValidationError("Ordering by relevance needs a search: add q=…", "invalid")
            )
        return cleaned


class QuoteFilterSet(django_filters.FilterSet):
    speaker = SpeakerFilter(
        help_text="Speaker id, slug or Wikidata ID (e.g. `nikolai-patrushev` or `Q319437`). Repeat the "
        "parameter for quotes by any of several speakers. Unknown speakers are a 400."
    )
    speaker_name = django_filters.CharFilter(
        method="filter_speaker_name",
        help_text="Part of a speaker's name or alias, ignoring case and accents (`patrushev`, `wang yi`).",
    )
    q = django_filters.CharFilter(
        method="filter_q",
        help_text="Words in the quote text. On PostgreSQL a full-text search (web-search syntax: "
        '`"exact phrase"`, `or`, `-word`) ranked by relevance; on SQLite a plain substring match.',
    )
    language = LanguageFilter(help_text="Language of the text as published (BCP 47), e.g. `id`.")
    type = django_filters.ChoiceFilter(
        choices=Quote.Type.choices, help_text="Direct, indirect or paraphrase."
    )
    status = django_filters.ChoiceFilter(
        choices=Quote.Status.choices, help_text="The verdict on the attribution."
    )
    said_after = PartialDateFilter(
        method="filter_said_after",
        help_text="YYYY, YYYY-MM or YYYY-MM-DD. Keeps quotes certainly said on or after the start of that "
        "period: a quote known only to the month or year counts only if its whole period qualifies "
        "(a quote dated “2023” is not after 2023-06-01). Undated quotes are left out.",
    )
    said_before = PartialDateFilter(
        method="filter_said_before",
        help_text="YYYY, YYYY-MM or YYYY-MM-DD. Keeps quotes certainly said on or before the end of that "
        "period, judged by the latest day a partial date could stand for. Undated quotes are left out.",
    )
    outlet = OutletFilter(method="filter_outlet", help_text="Cited by this outlet: its slug or domain.")
    source = django_filters.ModelChoiceFilter(
        queryset=Source.objects.all(), method="filter_source", help_text="Cited by the source with this id."
    )
    source_url = URLFilter(
        method="filter_source_url",
        help_text="Cited by the source at this URL (compared in canonical form, tracking parameters ignored).",
    )
    tag = django_filters.ModelMultipleChoiceFilter(
        queryset=Tag.objects.all(),
        to_field_name="slug",
        method="filter_tag",
        help_text="Tag slug; repeat for quotes with any of several tags.",
    )
    has_citation = StrictBooleanFilter(
        method="filter_has_citation", help_text="`true`: only quotes with a citation; `false`: only without."
    )
    ordering = django_filters.ChoiceFilter(
        choices=[(key, key) for key in ORDERINGS],
        method="filter_ordering",
        help_text="Sort order: " + "; ".join(f"`{key}`: {label}" for key, label in ORDERINGS.items()) + ".",
    )

    class Meta:
        model = Quote
        form = QuoteFilterForm
        fields = [
            "speaker",
            "speaker_name",
            "q",
            "language",
            "type",
            "status",
            "said_after",
            "said_before",
            "outlet",
            "source",
            "source_url",
            "tag",
            "has_citation",
            "ordering",
        ]

    def filter_queryset(self, queryset):
        return self.order(super().filter_queryset(queryset))

    def order(self, queryset):
        """Apply the ordering last: every quote list is keyset-paginated on (sort key, id).

        Each key is a stored column with an index ending in id (see ``Quote.Meta.indexes``),
        except relevance, which ranks a bounded candidate set (``RELEVANCE_CANDIDATES``).
        """
        search = self.form.cleaned_data.get("q")
        ordering = self.form.cleaned_data.get("ordering") or ("relevance" if search else "-said_on")
        descending = ordering.startswith("-")
        key = ordering.lstrip("-")
        if key == "relevance":
            if is_postgresql():
                candidates = queryset.order_by("-sort_date", "-pk").values("pk")[:RELEVANCE_CANDIDATES]
                queryset = rows_among(queryset, candidates)
            return order_by_sort_key(queryset, self.relevance(search), descending=True)
        column = {"published": "first_published_at", "created": "created_at"}.get(key, "sort_date")
        return order_by_sort_key(queryset, F(column), descending=descending)

    @staticmethod
    def relevance(search):
        if not is_postgresql():
            return Value(0.0, output_field=FloatField())
        # ts_rank returns a 4-byte real; as a double it round-trips exactly through the cursor.
        return Cast(SearchRank(QuoteSearchVector(), quote_search_query(search)), FloatField())

    def filter_ordering(self, queryset, name, value):
        return queryset  # applied by order()

    def filter_speaker_name(self, queryset, name, value):
        return queryset.filter(speaker__in=Speaker.objects.matching(value).values("pk"))

    def filter_q(self, queryset, name, value):
        if not value.strip():
            return queryset
        if is_postgresql():
            return queryset.alias(search=QuoteSearchVector()).filter(search=quote_search_query(value))
        return queryset.filter(text__icontains=value.strip())

    # Each date filter also bounds sort_date (= said_on for dated quotes), which the indexes of the
    # default order lead with, so a date range is an index range rather than a filter on every row.
    def filter_said_after(self, queryset, name, value):
        return queryset.filter(said_on__gte=value.start, sort_date__gte=value.start)

    def filter_said_before(self, queryset, name, value):
        return queryset.filter(said_on_latest__lte=value.end, sort_date__lte=value.end)

    def filter_outlet(self, queryset, name, value):
        return queryset.filter(pk__in=Citation.objects.filter(source__outlet=value).values("quote_id"))

    @extend_schema_field(OpenApiTypes.INT)
    def filter_source(self, queryset, name, value):
        return queryset.filter(pk__in=Citation.objects.filter(source=value).values("quote_id"))

    def filter_source_url(self, queryset, name, value):
        return queryset.filter(pk__in=Citation.objects.filter(source__url=value).values("quote_id"))

    @extend_schema_field(OpenApiTypes.STR)
    def filter_tag(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=Quote.tags.through.objects.filter(tag__in=value).values("quote_id"))

    def filter_has_citation(self, queryset, name, value):
        cited = Exists(Citation.objects.filter(quote=OuterRef("pk")))
        return queryset.filter(cited if value else ~cited)


class SpeakerFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q", help_text="Part of the name or an alias, ignoring case and accents."
    )
    wikidata = WikidataIdFilter(
        method="filter_wikidata", help_text="Wikidata item ID, e.g. `Q319437`; a malformed ID is a 400."
    )
    kind = django_filters.ChoiceFilter(choices=Speaker.Kind.choices, help_text="Person or organisation.")

    class Meta:
        model = Speaker
        fields = ["q", "wikidata", "kind"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(pk__in=Speaker.objects.matching(value).values("pk"))

    def filter_wikidata(self, queryset, name, value):
        return queryset.filter(wikidata_id=value)
