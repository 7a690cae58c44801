"""Reads for the API: quotes with everything needed to cite them, in a constant number of queries."""

from collections import defaultdict

from django.db.models import Count, Prefetch

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
