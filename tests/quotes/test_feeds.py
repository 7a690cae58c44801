import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from quotes.models import Quote, Speaker

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return feed, feed.findall(f"{ATOM}entry")


def text(element, name):
    return element.find(f"{ATOM}{name}").text


def test_the_new_quotes_feed_lists_quotes_newest_recorded_first_with_their_pages(client, demo):
    newest = Quote.objects.order_by("pk").first()
    Quote.objects.filter(pk=newest.pk).update(created_at=datetime.now(UTC) + timedelta(minutes=1))

    feed, items = entries(client.get(reverse("quotes:feed")))

    assert text(feed, "title") == "New quotes · Quote & attribution database"
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "Quote & attribution database"
    assert len(items) == 5
    first = items[0]
    assert text(first, "title").startswith("Nikolai Patrushev: “")
    assert first.find(f"{ATOM}link").get("href") == f"http://testserver/quotes/{newest.pk}/"
    assert text(first, "id") == f"http://testserver/quotes/{newest.pk}/"
    summary = text(first, "summary")
    assert "Verdict: Unverified" in summary and "Source: Rusia dan Cina Perkuat Kerja Sama" in summary
    assert {c.get("term") for c in first.findall(f"{ATOM}category")} >= {"Russia–China relations"}


def test_the_verdicts_feed_lists_each_ruling_with_its_own_id(client, demo, reviewer):
    ruled, later = Quote.objects.order_by("pk")[:2]
    Quote.objects.filter(pk=ruled.pk).update(
        status="verified", reviewed_by=reviewer, reviewed_at=datetime(2026, 10, 1, tzinfo=UTC)
    )
    Quote.objects.filter(pk=later.pk).update(
        status="disputed", reviewed_by=reviewer, reviewed_at=datetime(2026, 10, 2, tzinfo=UTC)
    )

    _feed, items = entries(client.get(reverse("quotes:verdict-feed")))

    assert [text(item, "title").split(":")[0] for item in items] == ["Disputed", "Verified"]
    assert text(items[0], "id") == f"http://testserver/quotes/{later.pk}/#verdict-20261002T000000.000000"
    assert text(items[0], "published").startswith("2026-10-02T00:00:00")


def test_a_speaker_feed_holds_only_that_speakers_quotes_and_takes_a_wikidata_id(client, demo):
    Speaker.objects.filter(slug="wang-yi").update(wikidata_id="Q17860")

    feed, items = entries(client.get(reverse("quotes:speaker-feed", args=["Q17860"])))

    assert text(feed, "title") == "New quotes by Wang Yi · Quote & attribution database"
    assert [text(item, "title").split(":")[0] for item in items] == ["Wang Yi"]
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == "http://testserver/speakers/wang-yi/"
    assert client.get(reverse("quotes:speaker-feed", args=["nobody"])).status_code == 404


def test_a_topic_feed_holds_only_quotes_with_that_tag(client, demo):
    feed, items = entries(client.get(reverse("quotes:tag-feed", args=["geopolitics"])))

    assert text(feed, "title") == "New quotes on Geopolitics · Quote & attribution database"
    assert len(items) == 2
    assert client.get(reverse("quotes:tag-feed", args=["no-such-topic"])).status_code == 404


def test_a_feed_takes_a_constant_number_of_queries(client, demo, django_assert_max_num_queries):
    speaker = Speaker.objects.get(slug="wang-yi")
    for n in range(20):
        Quote.objects.create(speaker=speaker, text=f"Feed words {n}", language="en")

    with django_assert_max_num_queries(6):
        client.get(reverse("quotes:feed"))
