"""Reader pages: filtered quote listings, speaker pages and citable quote pages.

They share the API's FilterSet, so a query string means the same thing on a page
and in the API.
"""

import json

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.dateformat import format as format_date

from config.api import EstimatedCountPaginator

from .filters import ORDERINGS, QuoteFilterSet, SpeakerFilterSet
from .models import Quote, Speaker, speaker_lookup
from .renderers import quote_schema_org
from .selectors import attach_other_attributions, quotes_for_api
from .serializers import QuoteSerializer
from .templatetags.quotes_tags import said_date

PAGE_SIZE = 25
FILTER_LABELS = {
    "q": "Words in the quote",
    "speaker_name": "Speaker",
    "language": "Language (e.g. id, en)",
    "type": "Type",
    "status": "Verdict",
    "said_after": "Said from (YYYY[-MM[-DD]])",
    "said_before": "Said until (YYYY[-MM[-DD]])",
    "outlet": "Outlet (slug or domain)",
    "ordering": "Order",
}


def quote_list(request, speaker=None):
    queryset = Quote.objects.all() if speaker is None else speaker.quotes.all()
    filterset = QuoteFilterSet(request.GET, queryset=queryset, request=request)
    for name, label in FILTER_LABELS.items():
        filterset.form.fields[name].label = label
    filterset.form.fields["ordering"].choices = [("", "Newest said first")] + [
        (key, (label[:1].upper() + label[1:]).replace("`", "")) for key, label in ORDERINGS.items()
    ]
    valid = filterset.is_valid()
    quotes = quotes_for_api(filterset.qs) if valid else Quote.objects.none()
    page = EstimatedCountPaginator(quotes, PAGE_SIZE).get_page(request.GET.get("page"))
    fields = [filterset.form[name] for name in FILTER_LABELS if speaker is None or name != "speaker_name"]
    context = {"filter": filterset, "filter_fields": fields, "page": page, "speaker": speaker}
    return render(request, "quotes/quote_list.html", context, status=200 if valid else 400)


def speaker_detail(request, slug):
    lookup = speaker_lookup(slug)
    speaker = get_object_or_404(Speaker.objects.prefetch_related("aliases", "roles"), **lookup)
    return quote_list(request, speaker=speaker)


def speaker_list(request):
    filterset = SpeakerFilterSet(request.GET, queryset=Speaker.objects.all())
    speakers = (
        filterset.qs.annotate(quote_count=Count("quotes")).order_by("name")
        if filterset.is_valid()
        else Speaker.objects.none()
    )
    return render(request, "quotes/speaker_list.html", {"filter": filterset, "speakers": speakers})


def quote_detail(request, pk):
    try:
        quote = quotes_for_api().get(pk=pk)
    except Quote.DoesNotExist:
        raise Http404("No quote with this id.") from None
    attach_other_attributions([quote])
    permalink = request.build_absolute_uri(quote.get_absolute_url())
    data = QuoteSerializer(quote, context={"request": request}).data
    context = {
        "quote": quote,
        "permalink": permalink,
        "json_ld": json.dumps(quote_schema_org(data), ensure_ascii=False).replace("</", "<\\/"),
        "cite_as": cite_as(quote, permalink),
    }
    return render(request, "quotes/quote_detail.html", context)


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
