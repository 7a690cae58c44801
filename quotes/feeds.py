"""Atom feeds: new quotes (all, per speaker, per topic) and new verdicts.

Each listing page advertises its feeds with ``<link rel="alternate" type="application/atom+xml">``.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator

from .models import Speaker, Tag, speaker_lookup
from .selectors import quotes_newly_recorded, quotes_newly_ruled
from .templatetags.quotes_tags import language_name, said_date

FEED_LENGTH = 50


class QuoteFeed(Feed):
    """A quote per entry, linked to its citable page."""

    feed_type = Atom1Feed
    title = "New quotes · Quote & attribution database"
    subtitle = "Quotes as they are recorded, with speaker, date, verdict and sources."
    author_name = "Quote & attribution database"

    def link(self, obj=None):
        return reverse("quotes:quote-list")

    def items(self, obj=None):
        return quotes_newly_recorded(limit=FEED_LENGTH)

    def item_title(self, quote):
        return f"{quote.speaker.name}: “{Truncator(quote.text).chars(100)}”"

    def item_description(self, quote):
        return quote_summary(quote)

    def item_link(self, quote):
        return quote.get_absolute_url()

    def item_pubdate(self, quote):
        return quote.created_at

    def item_updateddate(self, quote):
        return quote.updated_at

    def item_categories(self, quote):
        return [tag.name for tag in quote.tags.all()]


def quote_summary(quote) -> str:
    """The entry's text: the words, who said them and when, the verdict and the sources."""
    said = [quote.speaker.name]
    if quote.role:
        said.append(quote.role.label)
    said.append(said_date(quote))
    if quote.place:
        said.append(quote.place)
    lines = [f"“{quote.text}”" if quote.type == quote.Type.DIRECT else quote.text, " · ".join(said)]
    if quote.is_translation:
        lines.append(f"Translated from {language_name(quote.original_language)}.")
    lines.append(
        f"Verdict: {quote.get_status_display()}" + (f" — {quote.status_note}" if quote.status_note else "")
    )
    for citation in quote.citations.all():
        source = citation.source
        lines.append(f"Source: {source.title}" + (f" ({source.outlet.name})" if source.outlet else ""))
    return "\n".join(lines)


class NewQuotesFeed(QuoteFeed):
    pass


class NewVerdictsFeed(QuoteFeed):
    """Each ruling is an entry of its own: a quote ruled again appears again."""

    title = "New verdicts · Quote & attribution database"
    subtitle = "Attributions as reviewers rule on them: verified, disputed or misattributed."

    def items(self, obj=None):
        return quotes_newly_ruled(limit=FEED_LENGTH)

    def item_title(self, quote):
        return f"{quote.get_status_display()}: {super().item_title(quote)}"

    def item_guid(self, quote):
        return f"#verdict-{quote.reviewed_at:%Y%m%dT%H%M%S.%f}"

    def item_guid_is_permalink(self, quote):
        return False

    def get_feed(self, obj, request):
        # An Atom id must be absolute: the entry's id is the quote's page plus the ruling's time.
        feed = super().get_feed(obj, request)
        for item in feed.items:
            item["unique_id"] = item["link"] + item["unique_id"]
        return feed

    def item_pubdate(self, quote):
        return quote.reviewed_at


class SpeakerQuotesFeed(QuoteFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Speaker, **speaker_lookup(slug))

    def title(self, speaker):
        return f"New quotes by {speaker.name} · Quote & attribution database"

    def subtitle(self, speaker):
        return f"Quotes attributed to {speaker.name}, as they are recorded."

    def link(self, speaker):
        return speaker.get_absolute_url()

    def items(self, speaker):
        return quotes_newly_recorded(limit=FEED_LENGTH, speaker=speaker)


class TagQuotesFeed(QuoteFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def title(self, tag):
        return f"New quotes on {tag.name} · Quote & attribution database"

    def subtitle(self, tag):
        return f"Quotes on the topic “{tag.name}”, as they are recorded."

    def link(self, tag):
        return f"{reverse('quotes:quote-list')}?tag={tag.slug}"

    def items(self, tag):
        return quotes_newly_recorded(limit=FEED_LENGTH, tag=tag)
