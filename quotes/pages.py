"""Reader pages: filtered quote listings, speaker and source pages, and citable quote pages.

They share the API's FilterSet, so a query string means the same thing on a page
and in the API.
"""

import csv
import io
import re

from django import forms
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.http import content_disposition_header

from core.api import EstimatedCountPaginator, spreadsheet_safe
from sources.models import Source

from .filters import QuoteFilterSet, SpeakerFilterSet
from .models import Citation, Quote, Speaker, speaker_lookup
from .renderers import QUOTE_CSV_COLUMNS, QuoteCSVRenderer, quote_schema_org, script_safe_json
from .selectors import (
    FACET_LIMIT,
    attach_other_attributions,
    quote_facets,
    quote_for_page,
    quote_record_history,
    quotes_for_api,
    source_for_page,
    speaker_quotes_by_month,
)
from .serializers import QuoteSerializer
from .templatetags.quotes_tags import language_name, said_date

PAGE_SIZE = 25
SPEAKERS_PAGE_SIZE = 100
EXPORT_LIMIT = 5_000  # quotes in one CSV download from a page; the API pages through any number

# Every quote filter as readers see it named: in the form, in error messages and in facets.
FILTER_LABELS = {
    "q": "Words in the quote",
    "speaker_name": "Speaker",
    "said_after": "Said from",
    "said_before": "Said until",
    "status": "Verdict",
    "type": "Type",
    "language": "Language",
    "outlet": "Outlet",
    "ordering": "Order",
    "speaker": "Speaker",
    "source": "Source",
    "source_url": "Source address",
    "tag": "Topic",
    "has_citation": "Has a source",
    "page": "Page",
}
FORM_FIELDS = ["q", "speaker_name", "said_after", "said_before", "status", "type", "language", "outlet"]
DATE_HINT = "A year, a month or a day: 2023, 2023-09 or 2023-09-19."
FILTER_HINTS = {
    "speaker_name": "Part of a name or another spelling.",
    "said_after": DATE_HINT,
    "said_before": DATE_HINT,
    "outlet": "Its short name or web address, e.g. republika.co.id.",
}
# The page offers each order once; the default is the empty choice, dropped from URLs.
ORDER_CHOICES = [
    ("said_on", "Oldest said first"),
    ("-published", "Most recently reported"),
    ("published", "Earliest reported"),
    ("-created", "Most recently added here"),
    ("created", "First added here"),
]


def default_ordering(query) -> str:
    return "relevance" if (query.get("q") or "").strip() else "-said_on"


def canonical_query(query):
    """The query string without empty parameters, page 1 or the default order; None if already so."""
    cleaned = query.copy()
    defaults = {"page": "1", "ordering": default_ordering(query)}
    for key in list(cleaned):
        values = [value for value in cleaned.getlist(key) if value.strip()]
        if key in defaults and values == [defaults[key]]:
            values = []
        if values:
            cleaned.setlist(key, values)
        else:
            del cleaned[key]
    if cleaned.urlencode() == query.urlencode():
        return None
    return cleaned.urlencode()


def redirect_to_canonical(request):
    canonical = canonical_query(request.GET)
    if canonical is None:
        return None
    return HttpResponseRedirect(request.path + (f"?{canonical}" if canonical else ""))


def quote_list(request, speaker=None, source=None):
    if redirect := redirect_to_canonical(request):
        return redirect
    queryset = Quote.objects.all()
    if speaker is not None:
        queryset = queryset.filter(speaker=speaker)
    if source is not None:
        queryset = queryset.filter(pk__in=Citation.objects.filter(source=source).values("quote_id"))
    filterset = QuoteFilterSet(request.GET, queryset=queryset, request=request)
    prepare_filter_form(filterset.form, request.GET)
    valid = filterset.is_valid()
    if valid and request.GET.get("format") == "csv":
        return quotes_csv(request, filterset.qs, name=(speaker or source or None))
    quotes = quotes_for_api(filterset.qs) if valid else Quote.objects.none()
    page = EstimatedCountPaginator(quotes, PAGE_SIZE).get_page(request.GET.get("page"))
    total = page.paginator.count
    errors = filter_errors(filterset.form) if not valid else []
    in_form = {*FORM_FIELDS, "ordering", "page", "format"}
    kept = [(name, value) for name, values in request.GET.lists() if name not in in_form for value in values]
    fields = [filterset.form[name] for name in FORM_FIELDS if speaker is None or name != "speaker_name"]
    context = {
        "filter": filterset,
        "filter_fields": fields,
        "ordering_field": filterset.form["ordering"],
        "kept_parameters": kept,
        "filter_errors": errors,
        "active_filters": sum(1 for name in FORM_FIELDS if request.GET.get(name, "").strip()),
        "page": page,
        "speaker": speaker,
        "source": source,
        "facets": facet_groups(request, quote_facets(filterset.qs, total=total)) if valid else None,
        "facets_skipped": valid and total > FACET_LIMIT,
        "facet_limit": FACET_LIMIT,
        "exports": export_links(request, speaker=speaker, source=source, total=total) if valid else None,
        "feeds": listing_feeds(filterset, speaker=speaker),
    }
    if speaker is not None:
        context["timeline"] = speaker_quotes_by_month(speaker)
    return render(request, "quotes/quote_list.html", context, status=200 if valid else 400)


def prepare_filter_form(form, query):
    """Readable labels, hints, choices named in words, and one list of orders without repeats."""
    for name, label in FILTER_LABELS.items():
        if name in form.fields:
            form.fields[name].label = label
    for name, field in form.fields.items():  # the FilterSet's help texts are written for the API
        field.help_text = FILTER_HINTS.get(name, "")
        if field.help_text:
            field.widget.attrs["aria-describedby"] = f"hint-{name}"
    form.fields["q"].widget.input_type = "search"
    for name in ("said_after", "said_before"):
        form.fields[name].widget.attrs.update(
            inputmode="numeric", autocomplete="off", placeholder="YYYY-MM-DD"
        )
    form.fields["speaker_name"].widget.attrs["autocomplete"] = "off"
    form.fields["status"].widget.choices = [("", "Any verdict"), *Quote.Status.choices]
    form.fields["type"].widget.choices = [("", "Any type"), *Quote.Type.choices]
    languages = quote_languages()
    current = (query.get("language") or "").strip()
    if current and current not in languages:
        languages.append(current)
    form.fields["language"].widget = forms.Select(
        choices=[("", "Any language"), *((code, f"{language_name(code)} ({code})") for code in languages)]
    )
    if (query.get("q") or "").strip():
        orders = [("", "Best match first"), ("-said_on", "Newest said first"), *ORDER_CHOICES]
    else:
        orders = [("", "Newest said first"), *ORDER_CHOICES]
    form.fields["ordering"].widget.choices = orders


def quote_languages() -> list[str]:
    """The languages quotes are published in, for the language filter; cached for five minutes."""
    return list(
        cache.get_or_set(
            "reader-pages:quote-languages",
            lambda: sorted(Quote.objects.order_by().values_list("language", flat=True).distinct()),
            300,
        )
    )


def filter_errors(form):
    """Each invalid filter named as the page names it ("Said from: …"), linked to its field.

    The fields themselves are marked invalid and pointed at their message.
    """
    errors = []
    for name, messages in form.errors.items():
        if name in form.fields:
            attrs = form.fields[name].widget.attrs
            attrs["aria-invalid"] = "true"
            attrs["aria-describedby"] = " ".join(
                filter(None, [f"error-{name}", attrs.get("aria-describedby")])
            )
        if name == "ordering" and form.data.get("ordering") == "relevance":
            messages = ["“Best match first” needs words to search for."]
        messages = [re.sub(r";\s*see /api/\S+", ".", message) for message in messages]
        errors.append(
            {
                "name": name,
                "label": FILTER_LABELS.get(name, name.replace("_", " ").capitalize()),
                "messages": messages,
                "field_id": form[name].id_for_label if name in FORM_FIELDS or name == "ordering" else "",
            }
        )
    return errors


def facet_groups(request, facets):
    """Facet counts as links that add (or, when chosen, remove) the filter."""
    if facets is None:
        return None
    query = request.GET

    def link(name, value):
        changed = query.copy()
        changed.pop("page", None)
        selected = query.get(name) == value
        if selected:
            changed.pop(name, None)
        else:
            changed[name] = value
        encoded = changed.urlencode()
        return {"url": f"?{encoded}" if encoded else request.path, "selected": selected}

    groups = [
        ("status", "Verdict", [(v, Quote.Status(v).label, n) for v, n in facets["status"]]),
        ("type", "Type", [(v, Quote.Type(v).label, n) for v, n in facets["type"]]),
        ("language", "Language", [(v, language_name(v), n) for v, n in facets["language"]]),
        ("outlet", "Outlet", [(slug, name, n) for slug, name, n in facets["outlet"]]),
    ]
    return [
        {
            "name": name,
            "label": label,
            "items": [{"value": v, "label": text, "count": n, **link(name, v)} for v, text, n in items],
        }
        for name, label, items in groups
        if items
    ]


def export_links(request, *, speaker, source, total):
    query = request.GET.copy()
    query.pop("page", None)
    csv_query = query.copy()
    csv_query["format"] = "csv"
    api_query = query.copy()
    if speaker is not None:
        api_query["speaker"] = speaker.slug
    if source is not None:
        api_query["source"] = str(source.pk)
    api_query["page_size"] = "100"
    json_query = api_query.copy()
    json_query["format"] = "json"
    jsonld_query = api_query.copy()
    jsonld_query["format"] = "jsonld"
    api = reverse("api:quote-list")
    return {
        "csv": f"{request.path}?{csv_query.urlencode()}",
        "json": f"{api}?{json_query.urlencode()}",
        "jsonld": f"{api}?{jsonld_query.urlencode()}",
        "limit": EXPORT_LIMIT,
        "truncated": total > EXPORT_LIMIT,
    }


def listing_feeds(filterset, *, speaker):
    """The Atom feeds a listing advertises: its speaker's or topic's, and the whole site's."""
    feeds = []
    if speaker is not None:
        feeds.append((f"New quotes by {speaker.name}", reverse("quotes:speaker-feed", args=[speaker.slug])))
    tags = list(filterset.form.cleaned_data.get("tag") or []) if filterset.is_valid() else []
    for tag in tags:
        feeds.append((f"New quotes on {tag.name}", reverse("quotes:tag-feed", args=[tag.slug])))
    feeds.append(("New quotes", reverse("quotes:feed")))
    feeds.append(("New verdicts", reverse("quotes:verdict-feed")))
    return feeds


def quotes_csv(request, queryset, *, name=None):
    """Every matching quote (up to EXPORT_LIMIT) as the API's CSV: one row per quote and citation."""
    renderer = QuoteCSVRenderer()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=QUOTE_CSV_COLUMNS, restval="", lineterminator="\r\n")
    writer.writeheader()
    quotes = quotes_for_api(queryset)
    for start in range(0, EXPORT_LIMIT, 500):
        chunk = attach_other_attributions(quotes[start : min(start + 500, EXPORT_LIMIT)])
        if not chunk:
            break
        data = QuoteSerializer(chunk, many=True, context={"request": request}).data
        for row in renderer.rows(data):
            writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})
        if len(chunk) < 500:
            break
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    slug = getattr(name, "slug", None) or (f"source-{name.pk}" if name is not None else "")
    filename = f"quotes-{slug}.csv" if slug else "quotes.csv"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def speaker_detail(request, slug):
    lookup = speaker_lookup(slug)
    speaker = get_object_or_404(Speaker.objects.prefetch_related("aliases", "roles"), **lookup)
    return quote_list(request, speaker=speaker)


def source_detail(request, pk):
    try:
        source = source_for_page(pk)
    except Source.DoesNotExist:
        raise Http404("No source with this id.") from None
    return quote_list(request, source=source)


def speaker_list(request):
    if redirect := redirect_to_canonical(request):
        return redirect
    filterset = SpeakerFilterSet(request.GET, queryset=Speaker.objects.all())
    valid = filterset.is_valid()
    speakers = (
        filterset.qs.annotate(quote_count=Count("quotes")).order_by("name", "pk")
        if valid
        else Speaker.objects.none()
    )
    page = Paginator(speakers, SPEAKERS_PAGE_SIZE).get_page(request.GET.get("page"))
    errors = [
        {"label": {"q": "Name or alias", "wikidata": "Wikidata ID"}.get(name, name), "messages": messages}
        for name, messages in filterset.errors.items()
    ]
    context = {"filter": filterset, "speakers": page, "page": page, "filter_errors": errors}
    return render(request, "quotes/speaker_list.html", context, status=200 if valid else 400)


def quote_detail(request, pk):
    try:
        quote = quote_for_page(pk)
    except Quote.DoesNotExist:
        raise Http404("No quote with this id.") from None
    permalink = request.build_absolute_uri(quote.get_absolute_url())
    data = QuoteSerializer(quote, context={"request": request}).data
    citations = list(quote.citations.all())
    context = {
        "quote": quote,
        "permalink": permalink,
        "json_ld": script_safe_json(quote_schema_org(data)),
        "cite_as": cite_as(quote, permalink),
        "last_updated": max([quote.updated_at, *(citation.created_at for citation in citations)]),
        "reviewer_name": reviewer_name(quote.reviewed_by),
        "feeds": [
            (f"New quotes by {quote.speaker.name}", reverse("quotes:speaker-feed", args=[quote.speaker.slug]))
        ],
    }
    record = quote_record_history(quote.pk)
    context["verdict_history"] = record["verdicts"]
    context["words_last_changed"] = record["words_last_changed"]
    return render(request, "quotes/quote_detail.html", context)


def reviewer_name(user) -> str:
    """How a reviewer is named publicly: their full name, else their username."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def cite_as(quote, permalink) -> str:
    """A reference to the quote, to paste into an article or paper."""
    parts = [f"{quote.speaker.name}, {said_date(quote)}"]
    citations = list(quote.citations.all())
    if citations:
        source = citations[0].source
        reported = f"as reported in “{source.title}”"
        if source.outlet:
            reported += f", {source.outlet.name}"
        if source.published_local:
            reported += f", {format_date(source.published_local, 'j F Y')}"
        parts.append(reported)
    parts.append(f"verdict: {quote.get_status_display().lower()}")
    retrieved = format_date(timezone.localdate(), "j F Y")
    return f"{'; '.join(parts)}. Quote & attribution database, {permalink} (retrieved {retrieved})."
