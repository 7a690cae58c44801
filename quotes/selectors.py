"""Reads for the API: quotes with everything needed to cite them, in a constant number of queries."""

from collections import defaultdict

from django.db.models import Count, Prefetch
from django.db.models.functions import TruncMonth

from config.api import tables_version
from sources.models import Contributor, Outlet, Source

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
    queryset = Speaker.objects.all() if queryset is None else queryset
    # Meta.ordering does not apply to GROUP BY queries: order explicitly.
    return (
        queryset.annotate(quote_count=Count("quotes"))
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
    return tables_version(
        (Quote, "updated_at"),
        (Speaker, "updated_at"),
        (Citation, "created_at"),
        (Source, "updated_at"),
        (Outlet, "updated_at"),
    )


def quote_record_history(quote_id) -> dict:
    """The public record of a quote's verdicts and wording, from its full history.

    ``verdicts``: each time the verdict or its note changed (status, label, note, who ruled,
    when, and why when a rule withdrew it), oldest first. ``words_last_changed``: when the
    text last changed after it was first recorded (None if never). One query.
    """
    records = (
        Quote.history.filter(id=quote_id)
        .exclude(history_type="-")
        .order_by("history_id")
        .values(
            "status",
            "status_note",
            "text",
            "history_date",
            "history_change_reason",
            "history_user__username",
            "history_user__first_name",
            "history_user__last_name",
        )
    )
    verdicts, words_changed, previous = [], None, None
    for record in records:
        first_name, last_name = record["history_user__first_name"], record["history_user__last_name"]
        who = " ".join(part for part in (first_name, last_name) if part) or record["history_user__username"]
        if previous is None:
            if record["status"] != Quote.Status.UNVERIFIED:
                verdicts.append(_verdict_entry(record, who))
        else:
            if (record["status"], record["status_note"]) != (previous["status"], previous["status_note"]):
                verdicts.append(_verdict_entry(record, who))
            if record["text"] != previous["text"]:
                words_changed = record["history_date"]
        previous = record
    return {"verdicts": verdicts, "words_last_changed": words_changed}


def _verdict_entry(record, who) -> dict:
    return {
        "status": record["status"],
        "label": Quote.Status(record["status"]).label,
        "note": record["status_note"],
        "by": who or "",
        "at": record["history_date"],
        "reason": record["history_change_reason"] or "",
    }


# Reader pages ----------------------------------------------------------------------------------------------

FACET_LIMIT = 10_000  # above this many matching quotes, facet counts are skipped: ~40 ms per 5,000 on SQLite


def quote_facets(queryset, *, total: int) -> dict | None:
    """Counts of the matching quotes by verdict, type, language and citing outlet.

    Two grouped queries whatever the size of the result; ``None`` (and nothing queried)
    when the result holds more than ``FACET_LIMIT`` quotes.
    """
    if total > FACET_LIMIT:
        return None
    matching = Quote.objects.filter(pk__in=queryset.order_by().values("pk"))
    by_field = {"status": defaultdict(int), "type": defaultdict(int), "language": defaultdict(int)}
    rows = matching.order_by().values_list("status", "type", "language").annotate(n=Count("pk"))
    for status, kind, language, n in rows:
        by_field["status"][status] += n
        by_field["type"][kind] += n
        by_field["language"][language] += n
    outlets = (
        Citation.objects.filter(quote__in=matching, source__outlet__isnull=False)
        .order_by()
        .values_list("source__outlet__slug", "source__outlet__name")
        .annotate(n=Count("quote", distinct=True))
    )
    facets = {
        name: sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        for name, counts in by_field.items()
    }
    facets["outlet"] = sorted(((slug, name, n) for slug, name, n in outlets), key=lambda o: (-o[2], o[1]))
    return facets


def speaker_quotes_by_month(speaker) -> tuple[dict, int, int]:
    """A speaker's quotes per month, in one query.

    Returns ``({first day of month: count}, dated only to a year, undated)``: a quote
    known only to the year cannot be placed in a month, and is counted apart.
    """
    rows = (
        Quote.objects.filter(speaker=speaker)
        .order_by()
        .annotate(month=TruncMonth("said_on"))
        .values_list("month", "said_on_precision")
        .annotate(n=Count("pk"))
    )
    months, year_only, undated = defaultdict(int), 0, 0
    for month, precision, n in rows:
        if month is None:
            undated += n
        elif precision == "year":
            year_only += n
        else:
            months[month] += n
    return dict(months), year_only, undated


def source_for_page(pk) -> Source:
    """A source with its outlet and byline; raises Source.DoesNotExist."""
    return (
        Source.objects.select_related("outlet")
        .prefetch_related(Prefetch("contributors", Contributor.objects.order_by("role", "position", "pk")))
        .get(pk=pk)
    )


def quote_for_page(pk) -> Quote:
    """One quote as its page shows it, with who gave the verdict; raises Quote.DoesNotExist."""
    quote = quotes_for_api(Quote.objects.select_related("reviewed_by")).get(pk=pk)
    attach_other_attributions([quote])
    return quote


def quotes_newly_recorded(*, limit: int, speaker=None, tag=None):
    """The most recently recorded quotes, newest first, for feeds."""
    queryset = Quote.objects.all()
    if speaker is not None:
        queryset = queryset.filter(speaker=speaker)
    if tag is not None:
        queryset = queryset.filter(tags=tag)
    return list(quotes_for_api(queryset.order_by("-created_at", "-pk"))[:limit])


def quotes_newly_ruled(*, limit: int):
    """Quotes with a verdict, the most recent ruling first, for feeds."""
    queryset = Quote.objects.filter(reviewed_at__isnull=False).exclude(status=Quote.Status.UNVERIFIED)
    return list(
        quotes_for_api(queryset.select_related("reviewed_by").order_by("-reviewed_at", "-pk"))[:limit]
    )
