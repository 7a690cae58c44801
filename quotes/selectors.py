"""Reads for the API: quotes with everything needed to cite them, in a constant number of queries."""

from collections import defaultdict

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from config.api import content_version
from sources.models import Contributor

from .models import Citation, Quote, Speaker


def quotes_for_api(queryset=None):
    """Quotes with speaker, role, tags and citations (source, outlet, byline) joined or prefetched.

    Four queries for any number of quotes; ``attach_other_attributions`` adds a fifth.
    """
    queryset = Quote.objects.all() if queryset is None else queryset
    citations = Citation.objects.select_related("source__outlet").prefetch_related(
        Prefetch("source__contributors", Contributor.objects.order_by("role", "position", "pk"))
    )
    return queryset.select_related("speaker", "role").prefetch_related(
        "tags", Prefetch("citations", citations.order_by("source__published_at", "pk"))
    )


def attach_other_attributions(quotes):
    """Set ``other_attributions`` on each quote: the same words attributed to other speakers.

    One query for the whole page, however many quotes it holds.
    """
    quotes = list(quotes)
    fingerprints = {quote.fingerprint for quote in quotes}
    by_fingerprint = defaultdict(list)
    if fingerprints:
        others = (
            Quote.objects.filter(fingerprint__in=fingerprints)
            .select_related("speaker")
            .only(
                "id",
                "fingerprint",
                "status",
                "speaker__id",
                "speaker__name",
                "speaker__slug",
                "speaker__wikidata_id",
            )
            .order_by("pk")
        )
        for other in others:
            by_fingerprint[other.fingerprint].append(other)
    for quote in quotes:
        quote.other_attributions = [
            other
            for other in by_fingerprint[quote.fingerprint]
            if other.pk != quote.pk and other.speaker_id != quote.speaker_id
        ]
    return quotes


def quote_for_api(pk) -> Quote:
    """One quote as the API shows it; raises Quote.DoesNotExist."""
    quote = quotes_for_api().get(pk=pk)
    attach_other_attributions([quote])
    return quote


def speakers_for_api(queryset=None):
    """Speakers by name, each with its number of quotes.

    The count is a subquery per speaker shown (an index-only scan of that speaker's
    quotes), not a GROUP BY over every quote.
    """
    queryset = Speaker.objects.all() if queryset is None else queryset
    quote_count = (
        Quote.objects.filter(speaker=OuterRef("pk"))
        .order_by()
        .values("speaker")
        .annotate(count=Count("*"))
        .values("count")
    )
    return (
        queryset.annotate(quote_count=Coalesce(Subquery(quote_count), 0, output_field=IntegerField()))
        .prefetch_related("aliases", "roles")
        .order_by("name", "pk")
    )


def citations_for_api(queryset=None):
    queryset = Citation.objects.all() if queryset is None else queryset
    return queryset.select_related("quote", "source__outlet").prefetch_related(
        Prefetch("source__contributors", Contributor.objects.order_by("role", "position", "pk"))
    )


def quotes_content_version():
    """(Last-Modified, ETag token) for anything a quote or speaker response can show."""
    return content_version()
